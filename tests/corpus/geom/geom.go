// Package geom has 2-D vectors and rectangles as value types, and dense
// matrices.
package geom

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Epsilon is the tolerance of approximate comparisons.
//
//python:export
const Epsilon = 1e-9

// ErrShape is returned when matrix dimensions do not match.
//
//python:export
var ErrShape = errors.New("geom: matrix shapes do not match")

// Measurer is anything with an area: Rect is one, Vec is not.
//
//python:export
type Measurer interface{ Area() float64 }

// Vec is a 2-D vector. It is a value: methods return new vectors.
//
//python:export
type Vec struct{ X, Y float64 }

// V is shorthand for Vec{x, y}.
//
//python:export
func V(x, y float64) Vec { return Vec{x, y} }

// Add returns v+w.
//
//python:export
func (v Vec) Add(w Vec) Vec { return Vec{v.X + w.X, v.Y + w.Y} }

// Sub returns v-w.
//
//python:export
func (v Vec) Sub(w Vec) Vec { return Vec{v.X - w.X, v.Y - w.Y} }

// Scale returns v*k.
//
//python:export
func (v Vec) Scale(k float64) Vec { return Vec{v.X * k, v.Y * k} }

// Dot is the dot product.
//
//python:export
func (v Vec) Dot(w Vec) float64 { return v.X*w.X + v.Y*w.Y }

// Len is the Euclidean length.
//
//python:export
func (v Vec) Len() float64 { return math.Hypot(v.X, v.Y) }

// Rect is an axis-aligned rectangle; Min is inclusive, Max exclusive.
//
//python:export
type Rect struct{ Min, Max Vec }

// R returns the rectangle with corners (x0, y0) and (x1, y1), in any order.
//
//python:export
func R(x0, y0, x1, y1 float64) Rect {
	return Rect{Vec{math.Min(x0, x1), math.Min(y0, y1)}, Vec{math.Max(x0, x1), math.Max(y0, y1)}}
}

// Area is the rectangle's area.
//
//python:export
func (r Rect) Area() float64 { return (r.Max.X - r.Min.X) * (r.Max.Y - r.Min.Y) }

// Contains reports whether p lies in r.
//
//python:export
func (r Rect) Contains(p Vec) bool {
	return r.Min.X <= p.X && p.X < r.Max.X && r.Min.Y <= p.Y && p.Y < r.Max.Y
}

// Union is the smallest rectangle holding r and s.
//
//python:export
func (r Rect) Union(s Rect) Rect {
	return Rect{Vec{math.Min(r.Min.X, s.Min.X), math.Min(r.Min.Y, s.Min.Y)},
		Vec{math.Max(r.Max.X, s.Max.X), math.Max(r.Max.Y, s.Max.Y)}}
}

// Bounds is the smallest rectangle holding every point; the zero Rect for none.
//
//python:export
func Bounds(points []Vec) Rect {
	if len(points) == 0 {
		return Rect{}
	}
	r := Rect{points[0], points[0]}
	for _, p := range points[1:] {
		r = r.Union(Rect{p, p})
	}
	return r
}

// Centroid is the mean of the points.
//
//python:export
func Centroid(points ...float64) (Vec, error) {
	if len(points)%2 != 0 {
		return Vec{}, errors.New("geom: Centroid takes x, y pairs")
	}
	var c Vec
	for i := 0; i < len(points); i += 2 {
		c = c.Add(Vec{points[i], points[i+1]})
	}
	return c.Scale(1 / float64(max(len(points)/2, 1))), nil
}

// Matrix is a dense Rows x Cols matrix stored row by row in Data.
//
//python:export
type Matrix struct {
	Rows, Cols int
	Data       []float64
}

// NewMatrix returns a zero matrix.
//
//python:export
func NewMatrix(rows, cols int) (*Matrix, error) {
	if rows <= 0 || cols <= 0 {
		return nil, fmt.Errorf("geom: bad matrix shape %dx%d", rows, cols)
	}
	return &Matrix{Rows: rows, Cols: cols, Data: make([]float64, rows*cols)}, nil
}

// Identity returns the n x n identity matrix.
//
//python:export
func Identity(n int) (*Matrix, error) {
	m, err := NewMatrix(n, n)
	if err != nil {
		return nil, err
	}
	for i := 0; i < n; i++ {
		m.Set(i, i, 1)
	}
	return m, nil
}

// At is the element at row i, column j.
//
//python:export
func (m *Matrix) At(i, j int) float64 { return m.Data[i*m.Cols+j] }

// Set stores x at row i, column j.
//
//python:export
func (m *Matrix) Set(i, j int, x float64) { m.Data[i*m.Cols+j] = x }

// Mul returns m*n.
//
//python:export
func (m *Matrix) Mul(n *Matrix) (*Matrix, error) {
	if n == nil || m.Cols != n.Rows {
		return nil, ErrShape
	}
	out, _ := NewMatrix(m.Rows, n.Cols)
	for i := 0; i < m.Rows; i++ {
		for j := 0; j < n.Cols; j++ {
			var s float64
			for k := 0; k < m.Cols; k++ {
				s += m.At(i, k) * n.At(k, j)
			}
			out.Set(i, j, s)
		}
	}
	return out, nil
}

// Transpose returns the transposed matrix.
//
//python:export
func (m *Matrix) Transpose() *Matrix {
	out, _ := NewMatrix(m.Cols, m.Rows)
	for i := 0; i < m.Rows; i++ {
		for j := 0; j < m.Cols; j++ {
			out.Set(j, i, m.At(i, j))
		}
	}
	return out
}

// Apply transforms every point by the 2x2 matrix m.
//
//python:export
func (m *Matrix) Apply(points []Vec) ([]Vec, error) {
	if m.Rows != 2 || m.Cols != 2 {
		return nil, ErrShape
	}
	out := make([]Vec, len(points))
	for i, p := range points {
		out[i] = Vec{m.At(0, 0)*p.X + m.At(0, 1)*p.Y, m.At(1, 0)*p.X + m.At(1, 1)*p.Y}
	}
	return out, nil
}

// String prints the matrix row by row.
//
//python:export
func (m *Matrix) String() string {
	var b strings.Builder
	for i := 0; i < m.Rows; i++ {
		for j := 0; j < m.Cols; j++ {
			if j > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%g", m.At(i, j))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Rotation returns the 2x2 matrix rotating by theta radians.
//
//python:export
func Rotation(theta float64) *Matrix {
	s, c := math.Sincos(theta)
	return &Matrix{Rows: 2, Cols: 2, Data: []float64{c, -s, s, c}}
}
