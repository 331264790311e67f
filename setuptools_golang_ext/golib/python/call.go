package python

// #include "capi.h"
import "C"

import (
	"runtime"
)

// CallAs calls fn(args...) and converts the result to T (see As); a last
// argument of type Kw gives keyword arguments. Calls whose arguments are all
// numbers, bools, nil or *Object, without keywords, take one cgo call.
func CallAs[T any](fn *Object, args ...any) (T, error) {
	var value T
	callable, err := fn.pointer()
	if err != nil {
		return value, err
	}
	if values, ok := scalarArguments(args); ok {
		if err := running(); err != nil {
			return value, err
		}
		var result C.gopy_value
		var exception *C.PyObject
		runtime.LockOSThread()
		rc := C.gopy_call_gil(callable, first(values), C.int(len(values)), &result, &exception)
		runtime.UnlockOSThread()
		runtime.KeepAlive(fn)
		if rc == -2 {
			interpreterState.Store(stateFinalized)
			return value, ErrFinalized
		}
		if rc != 0 {
			return value, takeError(exception)
		}
		if result.o == nil && setScalar(&value, &result) {
			return value, nil
		}
		return value, withGIL(func() error { return decodeResult(&result, &value) })
	}
	err = withGIL(func() error {
		values, kwargs, err := objectArguments(args)
		if err != nil {
			return err
		}
		defer C.Py_DecRef(kwargs)
		var result C.gopy_value
		var exception *C.PyObject
		if C.gopy_call(callable, first(values), C.int(len(values)), kwargs, &result,
			&exception) != 0 {
			return errorFrom(exception)
		}
		return decodeResult(&result, &value)
	})
	runtime.KeepAlive(fn)
	return value, err
}

func first(values []C.gopy_value) *C.gopy_value {
	if len(values) == 0 {
		return nil
	}
	return &values[0]
}

// scalarArguments converts arguments C can make objects of without the GIL held by Go.
func scalarArguments(args []any) ([]C.gopy_value, bool) {
	values := make([]C.gopy_value, len(args))
	for i, arg := range args {
		v := &values[i]
		switch a := arg.(type) {
		case int:
			v.kind, v.i = C.GOPY_INT, C.longlong(a)
		case int64:
			v.kind, v.i = C.GOPY_INT, C.longlong(a)
		case int32:
			v.kind, v.i = C.GOPY_INT, C.longlong(a)
		case float64:
			v.kind, v.f = C.GOPY_FLOAT, C.double(a)
		case bool:
			v.kind = C.GOPY_BOOL
			if a {
				v.i = 1
			}
		case nil:
			v.kind = C.GOPY_NONE
		default:
			return nil, false
		}
	}
	return values, true
}

// objectArguments converts every argument (under the GIL): new references the
// call gives away, and the keyword dict (a new reference, or NULL).
func objectArguments(args []any) ([]C.gopy_value, *C.PyObject, error) {
	var keywords Kw
	if len(args) > 0 {
		if kw, ok := args[len(args)-1].(Kw); ok {
			keywords, args = kw, args[:len(args)-1]
		}
	}
	values := make([]C.gopy_value, len(args))
	for i, arg := range args {
		p, err := toPython(arg)
		if err != nil {
			for _, done := range values[:i] {
				C.Py_DecRef(done.o)
			}
			return nil, nil, err
		}
		values[i].kind, values[i].o = C.GOPY_OBJECT, p
	}
	if keywords == nil {
		return values, nil, nil
	}
	kwargs, err := toPython(map[string]any(keywords))
	if err != nil {
		for _, done := range values {
			C.Py_DecRef(done.o)
		}
		return nil, nil, err
	}
	return values, kwargs, nil
}

// setScalar stores a scalar result in the common target types without the GIL.
func setScalar[T any](target *T, result *C.gopy_value) bool {
	switch t := any(target).(type) {
	case *Ignore:
		return true
	case *int:
		if result.kind == C.GOPY_INT {
			*t = int(result.i)
			return true
		}
	case *int64:
		if result.kind == C.GOPY_INT {
			*t = int64(result.i)
			return true
		}
	case *float64:
		switch result.kind {
		case C.GOPY_FLOAT:
			*t = float64(result.f)
			return true
		case C.GOPY_INT:
			*t = float64(result.i)
			return true
		}
	case *bool:
		if result.kind == C.GOPY_BOOL {
			*t = result.i != 0
			return true
		}
	}
	return false
}

// decodeResult converts a call's result into target (under the GIL).
func decodeResult(result *C.gopy_value, target any) error {
	p := C.gopy_new_value(result)
	if p == nil {
		return fetchError()
	}
	defer C.Py_DecRef(p)
	return decodeInto(p, target)
}
