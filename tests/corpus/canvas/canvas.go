// Package canvas draws with the types of other packages, as real libraries do:
// vectors and matrices of its sibling package geom, and the standard library's
// strings.Builder. Its functions take and return those types as they are.
package canvas

import (
	"fmt"
	"strings"

	"example.com/golibs/geom"
)

// Origin is the vector (0, 0) of the sibling package geom, by value.
//
//python:export
func Origin() geom.Vec { return geom.Vec{} }

// Move is p moved by (dx, dy).
//
//python:export
func Move(p geom.Vec, dx, dy float64) geom.Vec { return geom.Vec{X: p.X + dx, Y: p.Y + dy} }

// Where is p as text.
//
//python:export
func Where(p geom.Vec) string { return fmt.Sprintf("(%g, %g)", p.X, p.Y) }

// Scale is a 2x2 matrix of geom scaling by k, by pointer.
//
//python:export
func Scale(k float64) (*geom.Matrix, error) {
	m, err := geom.Identity(2)
	if err != nil {
		return nil, err
	}
	m.Set(0, 0, k)
	m.Set(1, 1, k)
	return m, nil
}

// Trace is the sum of m's diagonal; a nil m has none.
//
//python:export
func Trace(m *geom.Matrix) float64 {
	if m == nil {
		return 0
	}
	total := 0.0
	for i := 0; i < m.Rows && i < m.Cols; i++ {
		total += m.At(i, i)
	}
	return total
}

// Sketch starts a drawing log in a strings.Builder of the standard library.
//
//python:export
func Sketch(title string) *strings.Builder {
	var b strings.Builder
	b.WriteString(title + ":")
	return &b
}

// Plot logs p in the drawing and returns the log so far.
//
//python:export
func Plot(log *strings.Builder, p geom.Vec) string {
	log.WriteString(" " + Where(p))
	return log.String()
}
