package python

// #include "capi.h"
import "C"

import (
	"errors"
	"runtime"
	"sync/atomic"
	"unsafe"
)

// Object is one reference to a Python object, owned by Go. Close releases it;
// an Object never closed is released by a finalizer (which takes the GIL).
// Methods are safe from any goroutine.
type Object struct {
	ref atomic.Pointer[C.PyObject]
}

// Kw holds keyword arguments: pass it as the last argument of a call.
type Kw map[string]any

// Ignore is a result type that converts nothing: CallAs[Ignore] discards the result.
type Ignore struct{}

var errClosed = errors.New("python: use of a closed Object")

// adopt wraps a new reference (under the GIL); nil stays nil.
func adopt(p *C.PyObject) *Object {
	if p == nil {
		return nil
	}
	o := &Object{}
	o.ref.Store(p)
	runtime.SetFinalizer(o, (*Object).finalize)
	return o
}

func (o *Object) pointer() (*C.PyObject, error) {
	if o == nil {
		return nil, errors.New("python: nil *Object")
	}
	if p := o.ref.Load(); p != nil {
		return p, nil
	}
	return nil, errClosed
}

// Close releases the reference; closing twice, or a nil Object, is harmless.
func (o *Object) Close() {
	if o == nil {
		return
	}
	if p := o.ref.Swap(nil); p != nil {
		runtime.SetFinalizer(o, nil)
		decref(p)
	}
}

func (o *Object) finalize() {
	if p := o.ref.Swap(nil); p != nil {
		decref(p)
	}
}

// decref drops a reference; after Finalize the interpreter owns nothing any more.
func decref(p *C.PyObject) {
	_ = withGIL(func() error { C.Py_DecRef(p); return nil })
}

// Import imports a module by its dotted name, as `import name` does.
func Import(name string) (*Object, error) {
	var module *Object
	err := withGIL(func() error {
		text := C.CString(name)
		defer C.free(unsafe.Pointer(text))
		p := C.PyImport_ImportModule(text)
		if p == nil {
			return fetchError()
		}
		module = adopt(p)
		return nil
	})
	return module, err
}

// Attr returns getattr(o, name).
func (o *Object) Attr(name string) (*Object, error) {
	var value *Object
	err := withGIL(func() error {
		p, err := attr(o, name)
		value = adopt(p)
		return err
	})
	return value, err
}

func attr(o *Object, name string) (*C.PyObject, error) {
	self, err := o.pointer()
	if err != nil {
		return nil, err
	}
	text := C.CString(name)
	defer C.free(unsafe.Pointer(text))
	p := C.PyObject_GetAttrString(self, text)
	if p == nil {
		return nil, fetchError()
	}
	return p, nil
}

// SetAttr does setattr(o, name, value), converting value as Call converts arguments.
func (o *Object) SetAttr(name string, value any) error {
	return withGIL(func() error {
		self, err := o.pointer()
		if err != nil {
			return err
		}
		p, err := toPython(value)
		if err != nil {
			return err
		}
		defer C.Py_DecRef(p)
		text := C.CString(name)
		defer C.free(unsafe.Pointer(text))
		if C.PyObject_SetAttrString(self, text, p) != 0 {
			return fetchError()
		}
		return nil
	})
}

// Call calls o with args; a last argument of type Kw gives keyword arguments.
func (o *Object) Call(args ...any) (*Object, error) {
	return CallAs[*Object](o, args...)
}

// CallMethod calls o.name(args...).
func (o *Object) CallMethod(name string, args ...any) (*Object, error) {
	return CallMethodAs[*Object](o, name, args...)
}

// String returns str(o), or a description of the error.
func (o *Object) String() string {
	text, err := CallMethodAs[string](o, "__str__")
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return text
}

// Decode converts o into the Go value target points to (see As).
func (o *Object) Decode(target any) error {
	return withGIL(func() error {
		self, err := o.pointer()
		if err != nil {
			return err
		}
		return decodeInto(self, target)
	})
}

// As converts o into a T: numbers (overflow is an error), bool, string, []byte,
// slices and arrays from sequences, maps from mappings, structs from dicts or
// attributes, time.Time from datetime, pointers (None is nil), *Object, and
// any (None, bool, int64, float64, string, []byte, []any, map[string]any, or
// *Object for everything else).
func As[T any](o *Object) (T, error) {
	var value T
	err := o.Decode(&value)
	return value, err
}

// AttrAs returns getattr(o, name) converted to T.
func AttrAs[T any](o *Object, name string) (T, error) {
	var value T
	err := withGIL(func() error {
		p, err := attr(o, name)
		if err != nil {
			return err
		}
		defer C.Py_DecRef(p)
		return decodeInto(p, &value)
	})
	return value, err
}

// CallMethodAs calls o.name(args...) and converts the result to T.
func CallMethodAs[T any](o *Object, name string, args ...any) (T, error) {
	var method *Object
	var zero T
	err := withGIL(func() error {
		p, err := attr(o, name)
		method = adopt(p)
		return err
	})
	if err != nil {
		return zero, err
	}
	defer method.Close()
	return CallAs[T](method, args...)
}
