package bus

import (
	"errors"
	"fmt"
	"strings"
)

// Handler turns a name into a greeting: a named func type, a Python name.
//
//python:export
type Handler func(name string) string

// Counter answers a number for a word.
type Counter func(word string) int

// Greeters is a struct with func-typed fields.
//
//python:export
type Greeters struct {
	Hello Handler
	Count func(string) int
	Name  string
}

// Greet calls the Hello field of g (nil: an error).
//
//python:export
func (g *Greeters) Greet(name string) (string, error) {
	if g.Hello == nil {
		return "", errors.New("no Hello func")
	}
	return g.Hello(name), nil
}

// Func-typed package variables: Go sets the first, Python may set them all.
//
//python:export
var (
	Shout  Handler = func(name string) string { return strings.ToUpper(name) + "!" }
	Length func(string) int
	Check  func(n int) error
)

// Apply calls h, a Python callable or a Go func, with name.
//
//python:export
func Apply(h Handler, name string) string { return h(name) }

// UseLength calls the Length variable (set from Python or Go).
//
//python:export
func UseLength(word string) int { return Length(word) }

// RunCheck calls the Check variable: its error text, or "ok".
//
//python:export
func RunCheck(n int) string {
	if err := Check(n); err != nil {
		return err.Error()
	}
	return "ok"
}

// MakeAdder returns a Go func adding n.
//
//python:export
func MakeAdder(n int) func(int) int {
	return func(x int) int { return x + n }
}

// MakeGreeter returns a Handler; an empty greeting gives a nil func.
//
//python:export
func MakeGreeter(greeting string) Handler {
	if greeting == "" {
		return nil
	}
	return func(name string) string { return greeting + ", " + name }
}

// MakeChecker returns a func that fails for negative numbers and panics at 13.
//
//python:export
func MakeChecker() func(int) error {
	return func(n int) error {
		if n == 13 {
			panic("unlucky")
		}
		if n < 0 {
			return fmt.Errorf("%d is negative", n)
		}
		return nil
	}
}

// MakeNamer returns a func making Events.
//
//python:export
func MakeNamer(topic string) func(seq int) *Event {
	return func(seq int) *Event { return &Event{Topic: topic, Seq: seq} }
}
