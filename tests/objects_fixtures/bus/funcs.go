package bus

import (
	"errors"
	"fmt"
	"strings"
	"time"
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

// Describe hands f a value of each kind as `any`, and returns what f answered.
//
//python:export
func Describe(f func(v any, seq int) any) []string {
	out := []string{}
	for i, v := range []any{"text", 42, 2.5, true, &Event{Topic: "t", Seq: 3}, nil, Counter(nil)} {
		out = append(out, fmt.Sprintf("%T %v", f(v, i), f(v, i)))
	}
	return out
}

// Shape is an interface Go funcs and Python callables pass around.
//
//python:export
type Shape interface{ Area() float64 }

// Square is a Shape.
//
//python:export
type Square struct{ Side float64 }

//python:export
func (s *Square) Area() float64 { return s.Side * s.Side }

// Measure asks pick for a Shape and returns its area (0 for nil).
//
//python:export
func Measure(pick func(side float64) Shape) float64 {
	s := pick(2)
	if s == nil {
		return 0
	}
	return s.Area()
}

// Visit hands each shape to f.
//
//python:export
func Visit(f func(s Shape) string) string {
	return f(&Square{Side: 3}) + " " + f(nil)
}

// Celsius is a named float: it converts as its underlying type, inside funcs too.
type Celsius float64

// Warmer returns a func adding by degrees.
//
//python:export
func Warmer(by Celsius) (func(Celsius) Celsius, error) {
	return func(c Celsius) Celsius { return c + by }, nil
}

// Doubler returns a func doubling a duration.
//
//python:export
func Doubler() func(time.Duration) time.Duration {
	return func(d time.Duration) time.Duration { return 2 * d }
}

// Routes answers a Handler per path: a map of funcs, a dict of Go funcs in Python.
//
//python:export
func Routes() map[string]Handler {
	return map[string]Handler{
		"/hi":   func(name string) string { return "hi " + name },
		"/none": nil,
	}
}

// Steps answers a pipeline of funcs: a list of Go funcs in Python.
//
//python:export
func Steps() []func(int) int {
	return []func(int) int{
		func(n int) int { return n + 1 },
		func(n int) int { return n * 10 },
	}
}

// Pair answers an array of funcs, the second nil.
//
//python:export
func Pair() [2]Handler { return [2]Handler{strings.ToLower, nil} }

// Decorations are applied in order by Decorate: a slice of funcs Python may set.
//
//python:export
var Decorations []func(string) string

// Decorate applies the Decorations in order.
//
//python:export
func Decorate(text string) string {
	for _, decorate := range Decorations {
		text = decorate(text)
	}
	return text
}

// Chain keeps the handlers Python passes and answers a func applying them in order.
//
//python:export
func Chain(handlers []Handler) Handler {
	return func(name string) string {
		for _, h := range handlers {
			if h != nil {
				name = h(name)
			}
		}
		return name
	}
}

// Both applies an array of two funcs.
//
//python:export
func Both(fs [2]func(int) int, n int) int { return fs[1](fs[0](n)) }

// Middleware wraps a Handler in another: Go funcs of it are called from Python
// with a callable, and answer a Handler calling it later.
//
//python:export
type Middleware func(next Handler) Handler

// Exclaim answers a Middleware adding "!" to what next answers.
//
//python:export
func Exclaim() Middleware {
	return func(next Handler) Handler {
		return func(name string) string { return next(name) + "!" }
	}
}

// Counters answers a maker of counters: a func returning a func.
//
//python:export
func Counters() func() func() int {
	return func() func() int {
		n := 0
		return func() int { n++; return n }
	}
}
