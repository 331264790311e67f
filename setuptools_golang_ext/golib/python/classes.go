package python

// #include "capi.h"
import "C"

import (
	"fmt"
	"reflect"
	"runtime/cgo"
	"sync"
	"sync/atomic"
)

// A struct marked //python:export in an extension crosses into Python as an
// object of its generated class, not as a dict, and such an object converts
// back into the struct. The extension's generated code registers each struct
// type at init; objects hold a cgo.Handle, as the bindings' own do.
type exportedClass struct {
	module, name string
	class        atomic.Pointer[Object] // looked up on first use
}

var exportedClasses sync.Map // the struct's reflect.Type -> *exportedClass

// RegisterClass is called by the code setuptools-golang-ext generates for an
// extension: values of the struct type T (and *T) cross into Python as objects
// of the class name of the extension module, and its objects convert back to T
// (a copy) or *T (the same Go value).
func RegisterClass[T any](module, name string) {
	exportedClasses.Store(reflect.TypeOf((*T)(nil)).Elem(),
		&exportedClass{module: module, name: name})
}

// classOf is the class of a struct type or of a pointer to one; nil if none.
func classOf(t reflect.Type) *exportedClass {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if found, ok := exportedClasses.Load(t); ok {
		return found.(*exportedClass)
	}
	return nil
}

// object is the class object (under the GIL), as load(module).name gives it.
func (c *exportedClass) object() (*C.PyObject, error) {
	if found := c.class.Load(); found != nil {
		return found.pointer()
	}
	runtime, err := Import("setuptools_golang_ext.runtime")
	if err != nil {
		return nil, err
	}
	defer runtime.Close()
	module, err := runtime.CallMethod("load", c.module)
	if err != nil {
		return nil, err
	}
	defer module.Close()
	class, err := module.Attr(c.name)
	if err != nil {
		return nil, err
	}
	if !c.class.CompareAndSwap(nil, class) {
		class.Close() // another goroutine was first
	}
	return c.class.Load().pointer()
}

// classToPython converts a struct (copied) or a pointer to one (shared) of a
// registered type into an object of its class; ok is false for other types.
func classToPython(v reflect.Value) (object *C.PyObject, ok bool, err error) {
	c := classOf(v.Type())
	if c == nil || (v.Kind() == reflect.Pointer && v.IsNil()) {
		return nil, false, nil
	}
	pointer := v
	if v.Kind() == reflect.Struct {
		pointer = reflect.New(v.Type())
		pointer.Elem().Set(v)
	}
	class, err := c.object()
	if err != nil {
		return nil, true, err
	}
	handle := cgo.NewHandle(pointer.Interface()) // the object releases it
	if object = C.gopy_wrap(class, C.uintptr_t(handle)); object == nil {
		handle.Delete()
		return nil, true, fetchError()
	}
	return object, true, nil
}

// decodeClass sets v (a struct or a pointer to one, of a registered type) from
// an object of its class; ok is false for anything else (a dict, say).
func decodeClass(p *C.PyObject, v reflect.Value) (ok bool, err error) {
	if kind := v.Kind(); kind != reflect.Struct && kind != reflect.Pointer {
		return false, nil // no map lookup for the common kinds
	}
	c := classOf(v.Type())
	if c == nil {
		return false, nil
	}
	class, err := c.object()
	if err != nil {
		return true, err
	}
	if C.PyObject_IsInstance(p, class) != 1 {
		C.PyErr_Clear()
		return false, nil
	}
	handle := C.gopy_handle_of(p)
	if handle == 0 {
		if C.PyErr_Occurred() != nil {
			return true, fetchError()
		}
		return true, fmt.Errorf("python: the %s object holds no Go value", c.name)
	}
	pointer := reflect.ValueOf(cgo.Handle(handle).Value())
	if v.Kind() == reflect.Pointer {
		v.Set(pointer)
	} else {
		v.Set(pointer.Elem())
	}
	return true, nil
}
