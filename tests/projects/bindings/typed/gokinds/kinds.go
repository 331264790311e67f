// Package kinds is ordinary Go: no cgo, no main. Its marked functions become Python functions.
package kinds

import (
	"errors"
	"math"
	"strings"
	"time"
)

// Reverse returns s with its characters in reverse order.
//
//python:export
func Reverse(s string) string {
	runes := []rune(s)
	for i, j := 0, len(runes)-1; i < j; i, j = i+1, j-1 {
		runes[i], runes[j] = runes[j], runes[i]
	}
	return string(runes)
}

// Div divides a by b.
//
//python:export
func Div(a, b int) (int, error) {
	if b == 0 {
		return 0, errors.New("division by zero")
	}
	return a / b, nil
}

// Scalars returns its arguments: every Go scalar type in and out.
//
//python:export
func Scalars(a int8, b int16, c int32, d int64, e int, f uint8, g uint16, h uint32,
	i uint64, j uint, k uintptr, l float32, m float64, n bool, o byte, p rune,
) (int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint, uintptr,
	float32, float64, bool, byte, rune) {
	return a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p
}

// Slices returns copies of its arguments: every numeric slice type in and out.
//
//python:export
func Slices(a []int8, b []int16, c []int32, d []int64, e []int, f []uint16, g []uint32,
	h []uint64, i []uint, j []uintptr, k []float32, l []float64,
) ([]int8, []int16, []int32, []int64, []int, []uint16, []uint32, []uint64, []uint,
	[]uintptr, []float32, []float64) {
	return a, b, c, d, e, f, g, h, i, j, k, l
}

// Upper returns an upper-cased copy of data.
//
//python:export
func Upper(data []byte) []byte { return []byte(strings.ToUpper(string(data))) }

// Fill sets every byte of dst to value, in place, and returns how many it set.
//
//python:export
func Fill(dst []byte, value byte) int {
	for i := range dst {
		dst[i] = value
	}
	return len(dst)
}

// Sum adds up xs.
//
//python:export
func Sum(xs []float64) float64 {
	total := 0.0
	for _, x := range xs {
		total += x
	}
	return total
}

// Split cuts s around the first sep.
//
//python:export
func Split(s, sep string) (string, string, error) {
	before, after, found := strings.Cut(s, sep)
	if !found {
		return "", "", errors.New("separator " + sep + " not found")
	}
	return before, after, nil
}

// Check returns an error when ok is false.
//
//python:export
func Check(ok bool) error {
	if !ok {
		return errors.New("not ok")
	}
	return nil
}

//python:export
func Nothing() {}

// Explode panics with msg.
//
//python:export
func Explode(msg string) int { panic(msg) }

// Index reads xs[i] and so panics with a runtime error when i is out of range.
//
//python:export
func Index(xs []int64, i int) int64 { return xs[i] }

// Len returns the byte length of s (a string in, no result allocated).
//
//python:export
func Len(s string) int { return len(s) }

// Pad appends len copies of bytes to str: parameters named like Python builtins.
//
//python:export
func Pad(str string, bytes []byte, len int) string {
	return str + strings.Repeat(string(bytes), len)
}

// SpinHeld busy-waits for ms milliseconds and keeps the GIL all along: no Python
// thread runs meanwhile (a gil=hold function is meant for calls far shorter).
//
//python:export gil=hold
func SpinHeld(ms int64) int64 {
	deadline := time.Now().Add(time.Duration(ms) * time.Millisecond)
	var rounds int64
	for time.Now().Before(deadline) {
		rounds++
	}
	return rounds
}

func notExported() {}

// Quotient divides a by b; dividing by zero panics.
//
//python:export
func Quotient(a, b int64) int64 { return a / b }

// Complement is 255 - n: Complement(0) is the highest uint8.
//
//python:export
func Complement(n uint8) uint8 { return 255 - n }

// Root is the square root of x (NaN below zero); Root(-2) panics.
//
//python:export
func Root(x float64) float64 {
	if x == -2 {
		panic("no root of -2")
	}
	return math.Sqrt(x)
}

// Invert swaps keys and values: plain maps (not map[string]<integer>) both ways.
//
//python:export
func Invert(m map[int64]string) map[string]float64 {
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[v] = float64(k)
	}
	return out
}
