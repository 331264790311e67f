// Package marked has marked constants and variables, and no function.
package marked

// Limit is the most there can be.
//
//python:export
const Limit = 10

// Greeting greets.
//
//python:export
const Greeting = "hi"

// Level can be changed from Python.
//
//python:export
var Level = 2
