//go:build !cpythonbench

package main

// The object cases of bench/run.py: a method against a function with the same
// arguments, and objects created and dropped. They are measured in the ctypes
// build: cpython mode binds objects through the same ctypes layer, and leaving
// this file out keeps every function of the cpython-mode build a C function.

// Counter is a small struct behind a handle.
//
//python:export
type Counter struct {
	Total int64
}

// NewCounter makes a Counter for Python.
//
//python:export
func NewCounter() *Counter { return &Counter{} }

// Sum3 is a method with three scalar arguments.
//
//python:export
func (c *Counter) Sum3(a, b, d int64) int64 { return a + b + d }

// Sum3 is the same work as a function.
//
//python:export
func Sum3(a, b, d int64) int64 { return a + b + d }

// Point3 is a struct of three fields passed by value.
//
//python:export
type Point3 struct {
	X, Y, Z int64
}

// Echo returns its argument: a struct by value, in and out.
//
//python:export
func Echo(p Point3) Point3 { return p }
