// The functions measured by bench/run.py, each reachable two ways: through the
// generated bindings and through hand-written ctypes on the raw library.
package main

/*
#include <stdlib.h>
*/
import "C"

import "errors"

// Add is the scalar case: a Layer 1 export, typed by the bindings or by hand.
//
//export Add
func Add(a, b int64) int64 { return a + b }

func reverse(s string) string {
	runes := []rune(s)
	for i, j := 0, len(runes)-1; i < j; i, j = i+1, j-1 {
		runes[i], runes[j] = runes[j], runes[i]
	}
	return string(runes)
}

// Neg is the scalar case of both binding modes (and of operator.neg).
//
//python:export
func Neg(a int64) int64 { return -a }

// NegHeld is Neg with the GIL kept during the call: the cheapest call there is.
//
//python:export gil=hold
func NegHeld(a int64) int64 { return -a }

// Reverse is the string case through the bindings.
//
//python:export
func Reverse(s string) string { return reverse(s) }

// ReverseC is the same for hand-written ctypes: NUL-terminated in, C.CString out
// (the caller frees it with FreeC).
//
//export ReverseC
func ReverseC(s *C.char) *C.char { return C.CString(reverse(C.GoString(s))) }

// Div is a Layer 2 scalar call with an error result, shown for information.
//
//python:export
func Div(a, b int64) (int64, error) {
	if b == 0 {
		return 0, errors.New("division by zero")
	}
	return a / b, nil
}

func hash(data []byte) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(data); i++ {
		h ^= uint64(data[i])
		h *= 1099511628211
	}
	return h
}

// Hash is FNV-1a over data. It only reads data, and says so with readonly=, as
// docs/bindings.md recommends: Python bytes are then passed in place, no copy.
//
//python:export readonly=data
func Hash(data []byte) uint64 { return hash(data) }

func main() {}
