package python

// #include "capi.h"
import "C"

import (
	"errors"
	"unsafe"
)

// Error is a Python exception raised in a call from Go.
type Error struct {
	Type      string // the exception's class, e.g. "ValueError" or "JSONDecodeError"
	Message   string // str(exception)
	Traceback string // the traceback as Python prints it, ending with "Type: message"
	exception *Object
}

func (e *Error) Error() string {
	if e.Message == "" {
		return e.Type
	}
	return e.Type + ": " + e.Message
}

// Exception is the exception object itself; passing the *Error (or an error
// wrapping it) back to Python gives Python this object again.
func (e *Error) Exception() *Object { return e.exception }

// PythonException is for the glue of //python:export functions: it returns a
// new reference to the exception object (a PyObject*) that its caller owns, or
// nil once Python has shut down. A Go error that is or wraps an *Error is
// raised in Python as this original exception.
func (e *Error) PythonException() unsafe.Pointer {
	var exception unsafe.Pointer
	_ = withGIL(func() error {
		p, err := e.exception.pointer()
		if err == nil {
			C.Py_IncRef(p)
			exception = unsafe.Pointer(p)
		}
		return nil
	})
	return exception
}

// fetchError turns the exception Python has set into an *Error (under the GIL).
func fetchError() error {
	return errorFrom(C.gopy_take_exception())
}

// takeError turns an exception object (a reference given to us) into an *Error.
func takeError(exception *C.PyObject) error {
	var err error
	if e := withGIL(func() error { err = errorFrom(exception); return nil }); e != nil {
		return e
	}
	return err
}

// errorFrom describes exception, a new reference it takes over (under the GIL).
func errorFrom(exception *C.PyObject) error {
	if exception == nil {
		return errors.New("python: a call failed without setting an exception")
	}
	e := &Error{Type: "BaseException", exception: adopt(exception)}
	description := C.gopy_describe_exception(exception)
	if description == nil {
		return e
	}
	defer C.Py_DecRef(description)
	e.Type = goString(C.PyTuple_GetItem(description, 0))
	e.Message = goString(C.PyTuple_GetItem(description, 1))
	e.Traceback = goString(C.PyTuple_GetItem(description, 2))
	return e
}

// goString reads a str (under the GIL); "" for anything else.
func goString(p *C.PyObject) string {
	var size C.Py_ssize_t
	text := C.PyUnicode_AsUTF8AndSize(p, &size)
	if text == nil {
		C.PyErr_Clear()
		return ""
	}
	return C.GoStringN(text, C.int(size))
}
