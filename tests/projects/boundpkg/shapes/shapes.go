// Package shapes measures squares. It is bound by import path: every exported
// declaration binds without a //python:export marker.
package shapes

import (
	"errors"
	"strings"

	"github.com/google/uuid"
	"github.com/tidwall/gjson"
)

// ErrNegative says a side was below zero.
var ErrNegative = errors.New("negative side")

// Square is a square of side Side.
type Square struct {
	Side  float64
	Label string
	// A channel has no Python type: this field is left out, the class stays.
	Events chan int
}

// Measured is anything with an area; a Square is one.
type Measured interface{ Area() float64 }

// NewSquare makes a square, refusing a negative side.
func NewSquare(side float64) (*Square, error) {
	if side < 0 {
		return nil, ErrNegative
	}
	return &Square{Side: side}, nil
}

// Area is the square's area.
func (s *Square) Area() float64 { return s.Side * s.Side }

// Scaled is a copy grown by factor.
func (s Square) Scaled(factor float64) Square { return Square{Side: s.Side * factor} }

// Watch cannot be bound (a channel of items that cannot cross): it is left out with a
// warning.
func Watch(events chan<- complex128) {}

// Describe starts a description of s in a builder of the standard library.
func Describe(s *Square) *strings.Builder {
	var b strings.Builder
	b.WriteString("square")
	return &b
}

// Finish ends a description and returns its text.
func Finish(b *strings.Builder, end string) string {
	b.WriteString(end)
	return b.String()
}

// Badge is a square's identity: a type of a third-party package (a class with its
// methods in Python).
func Badge(s *Square) uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceOID, []byte(s.Label)) }

// Lookup reads path in a JSON document: a third-party struct type (gjson.Result),
// a class with its fields and methods in Python.
func Lookup(json, path string) gjson.Result { return gjson.Get(json, path) }

// Sum adds numbers.
func Sum(values ...int) int {
	total := 0
	for _, v := range values {
		total += v
	}
	return total
}

func hidden() {}
