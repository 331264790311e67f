// The Go package of the issue-19 table in bench/run.py: every function twice,
// once marked //python:export for this tool's two binding modes, once as a
// plain C export (the *H functions of handwritten.go) for the hand-written ctypes
// loader and the hand-written C-API module (bench/handwritten_capi.c).
package main

import (
	"math"
	"strconv"
)

// Add is the scalar call.
//
//python:export
func Add(a, b int64) int64 { return a + b }

func reverse(s string) string {
	runes := []rune(s)
	for i, j := 0, len(runes)-1; i < j; i, j = i+1, j-1 {
		runes[i], runes[j] = runes[j], runes[i]
	}
	return string(runes)
}

// Reverse is the string call.
//
//python:export
func Reverse(s string) string { return reverse(s) }

func sum(xs []float64) float64 {
	total := 0.0
	for _, x := range xs {
		total += x
	}
	return total
}

// Sum reads a buffer of float64 in place (an array of doubles is not copied).
//
//python:export
func Sum(xs []float64) float64 { return sum(xs) }

// Point is the object behind a handle.
//
//python:export
type Point struct {
	X, Y float64
}

// NewPoint is a constructor function.
//
//python:export
func NewPoint(x, y float64) *Point { return &Point{X: x, Y: y} }

// Dist is the method call.
//
//python:export
func (p *Point) Dist(q *Point) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }

// Calls calls f n times: the table's "one callback" row is its time over n.
//
//python:export
func Calls(f func(int64) int64, n int64) int64 {
	var total int64
	for i := int64(0); i < n; i++ {
		total += f(i)
	}
	return total
}

var names, countKeys = func() ([]string, []string) {
	n, k := make([]string, 100), make([]string, 100)
	for i := range n {
		n[i] = "name-" + strconv.Itoa(1000+i)
		k[i] = "key-" + strconv.Itoa(1000+i)
	}
	return n, k
}()

// Names returns 100 strings.
//
//python:export
func Names() []string { return append([]string(nil), names...) }

// Counts returns a map of 100 entries.
//
//python:export
func Counts() map[string]int64 {
	counts := make(map[string]int64, len(countKeys))
	for i, key := range countKeys {
		counts[key] = int64(i)
	}
	return counts
}

func main() {}
