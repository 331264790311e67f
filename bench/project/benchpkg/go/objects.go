//go:build !cpythonbench

package main

// The object cases of bench/run.py: a method against a function with the same
// arguments, and objects created and dropped, measured in the ctypes build (the
// issue-19 table, bench/table.py, measures objects in both modes). The
// cpython-mode build leaves this file out so that it compares plain functions.

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
