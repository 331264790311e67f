package python

// #include "capi.h"
import "C"

import (
	"errors"
	"fmt"
	"reflect"
	"time"
	"unsafe"
)

var timeType = reflect.TypeOf(time.Time{})

// toPython converts a Go value to a new reference (under the GIL): nil, bool,
// integers, floats, complex numbers, strings, []byte (bytes), *Object, error
// (the exception it carries, else RuntimeError), time.Time (an aware datetime),
// slices and arrays (list), maps (dict), structs (dict of exported fields, named
// by a `python:"name"` tag or the field name; an object of its class for a
// struct of the extension marked //python:export), pointers and interfaces.
func toPython(value any) (*C.PyObject, error) {
	switch v := value.(type) {
	case nil:
		return C.gopy_none(), nil
	case *Object:
		p, err := v.pointer()
		if err == nil {
			C.Py_IncRef(p)
		}
		return p, err
	case string:
		return newString(v)
	case []byte:
		return checked(C.PyBytes_FromStringAndSize((*C.char)(unsafe.Pointer(unsafe.SliceData(v))),
			C.Py_ssize_t(len(v))))
	case time.Time:
		return newDatetime(v)
	case error:
		return newException(v)
	}
	return reflectToPython(reflect.ValueOf(value))
}

func checked(p *C.PyObject) (*C.PyObject, error) {
	if p == nil {
		return nil, fetchError()
	}
	return p, nil
}

func newString(s string) (*C.PyObject, error) {
	return checked(C.PyUnicode_FromStringAndSize((*C.char)(unsafe.Pointer(unsafe.StringData(s))),
		C.Py_ssize_t(len(s))))
}

func reflectToPython(v reflect.Value) (*C.PyObject, error) {
	switch v.Kind() {
	case reflect.Bool:
		return C.gopy_bool(boolInt(v.Bool())), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return checked(C.PyLong_FromLongLong(C.longlong(v.Int())))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Uintptr:
		return checked(C.PyLong_FromUnsignedLongLong(C.ulonglong(v.Uint())))
	case reflect.Float32, reflect.Float64:
		return checked(C.PyFloat_FromDouble(C.double(v.Float())))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return checked(C.PyComplex_FromDoubles(C.double(real(c)), C.double(imag(c))))
	case reflect.String:
		return newString(v.String())
	case reflect.Slice:
		if v.IsNil() {
			return C.gopy_none(), nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return toPython(v.Bytes())
		}
		return sequenceToList(v)
	case reflect.Array:
		return sequenceToList(v)
	case reflect.Map:
		return mapToDict(v)
	case reflect.Struct:
		if object, ok, err := classToPython(v); ok {
			return object, err
		}
		return structToDict(v)
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return C.gopy_none(), nil
		}
		if object, ok, err := classToPython(v); ok {
			return object, err
		}
		return toPython(v.Elem().Interface())
	}
	return nil, fmt.Errorf("python: a Go %s has no Python value", v.Type())
}

func boolInt(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

func sequenceToList(v reflect.Value) (*C.PyObject, error) {
	list, err := checked(C.PyList_New(C.Py_ssize_t(v.Len())))
	if err != nil {
		return nil, err
	}
	for i := 0; i < v.Len(); i++ {
		item, err := toPython(v.Index(i).Interface())
		if err != nil {
			C.Py_DecRef(list)
			return nil, fmt.Errorf("item %d: %w", i, err)
		}
		C.PyList_SetItem(list, C.Py_ssize_t(i), item) // steals the reference
	}
	return list, nil
}

func mapToDict(v reflect.Value) (*C.PyObject, error) {
	if v.IsNil() {
		return C.gopy_none(), nil
	}
	dict, err := checked(C.PyDict_New())
	if err != nil {
		return nil, err
	}
	iter := v.MapRange()
	for iter.Next() {
		if err := setItem(dict, iter.Key().Interface(), iter.Value().Interface()); err != nil {
			C.Py_DecRef(dict)
			return nil, fmt.Errorf("key %v: %w", iter.Key(), err)
		}
	}
	return dict, nil
}

func setItem(dict *C.PyObject, key, value any) error {
	k, err := toPython(key)
	if err != nil {
		return err
	}
	defer C.Py_DecRef(k)
	item, err := toPython(value)
	if err != nil {
		return err
	}
	defer C.Py_DecRef(item)
	if C.PyDict_SetItem(dict, k, item) != 0 {
		return fetchError()
	}
	return nil
}

func structToDict(v reflect.Value) (*C.PyObject, error) {
	dict, err := checked(C.PyDict_New())
	if err != nil {
		return nil, err
	}
	for _, field := range exportedFields(v.Type()) {
		if err := setItem(dict, field.key, v.FieldByIndex(field.index).Interface()); err != nil {
			C.Py_DecRef(dict)
			return nil, fmt.Errorf("field %s: %w", field.key, err)
		}
	}
	return dict, nil
}

type structField struct {
	key   string
	index []int
}

// exportedFields: each exported field with its Python name (`python:"name"`
// tag, "-" to leave it out).
func exportedFields(t reflect.Type) []structField {
	var fields []structField
	for _, field := range reflect.VisibleFields(t) {
		if !field.IsExported() || field.Anonymous {
			continue
		}
		key := field.Tag.Get("python")
		if key == "-" {
			continue
		}
		if key == "" {
			key = field.Name
		}
		fields = append(fields, structField{key, field.Index})
	}
	return fields
}

func newDatetime(t time.Time) (*C.PyObject, error) {
	classes, err := datetimeClasses()
	if err != nil {
		return nil, err
	}
	u := t.UTC()
	args := []any{u.Year(), int(u.Month()), u.Day(), u.Hour(), u.Minute(), u.Second(),
		u.Nanosecond() / 1000, Kw{"tzinfo": classes.utc}}
	values, kwargs, err := objectArguments(args)
	if err != nil {
		return nil, err
	}
	defer C.Py_DecRef(kwargs)
	var result C.gopy_value
	var exception *C.PyObject
	callable, _ := classes.datetime.pointer()
	if C.gopy_call(callable, first(values), C.int(len(values)), kwargs, &result,
		&exception) != 0 {
		return nil, errorFrom(exception)
	}
	return result.o, nil
}

func newException(err error) (*C.PyObject, error) {
	var pythonError *Error
	if errors.As(err, &pythonError) && pythonError.exception != nil {
		return toPython(pythonError.exception)
	}
	message, e := newString(err.Error())
	if e != nil {
		return nil, e
	}
	values := []C.gopy_value{{kind: C.GOPY_OBJECT, o: message}}
	var result C.gopy_value
	var exception *C.PyObject
	if C.gopy_call(C.PyExc_RuntimeError, &values[0], 1, nil, &result, &exception) != 0 {
		return nil, errorFrom(exception)
	}
	return result.o, nil
}
