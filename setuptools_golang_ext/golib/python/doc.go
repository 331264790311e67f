// Package python calls Python from Go: import modules, read and set attributes,
// call functions with positional and keyword arguments, and convert values both
// ways. It works inside a Go extension built by setuptools-golang-ext (Python is
// already running) and in a Go program that embeds Python (call Initialize
// first and Finalize at the end).
//
// Every function takes the GIL itself, from any goroutine, and releases it
// before returning, so goroutines may call Python freely; user code never needs
// runtime.LockOSThread. An *Object owns one reference to a Python object: Close
// releases it, and a finalizer does so for objects that are never closed.
//
// In an extension, structs marked //python:export cross as objects of their
// generated classes, and a //python:export function returning an error that
// wraps an *Error raises the original Python exception.
//
// It uses CPython's limited API (3.11 and later), so one build serves every
// later Python 3.
package python
