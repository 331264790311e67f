package python

// #include "capi.h"
import "C"

import (
	"fmt"
	"math"
	"reflect"
	"time"
	"unsafe"
)

var objectPointerType = reflect.TypeOf((*Object)(nil))

// decodeInto converts p into *target (under the GIL); see As.
func decodeInto(p *C.PyObject, target any) error {
	v := reflect.ValueOf(target)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return fmt.Errorf("python: Decode needs a non-nil pointer, not %T", target)
	}
	if _, ignore := target.(*Ignore); ignore {
		return nil
	}
	return decodeValue(p, v.Elem())
}

func decodeValue(p *C.PyObject, v reflect.Value) error {
	if ok, err := decodeClass(p, v); ok {
		return err
	}
	kind := C.gopy_kind_of(p)
	switch {
	case v.Type() == objectPointerType:
		C.Py_IncRef(p)
		v.Set(reflect.ValueOf(adopt(p)))
		return nil
	case v.Type() == timeType:
		return decodeTime(p, v)
	case v.Kind() == reflect.Interface && v.NumMethod() == 0:
		natural, err := naturalValue(p, kind)
		if err == nil && natural != nil {
			v.Set(reflect.ValueOf(natural))
		}
		return err
	case v.Kind() == reflect.Pointer:
		if kind == C.GOPY_NONE {
			v.Set(reflect.Zero(v.Type()))
			return nil
		}
		fresh := reflect.New(v.Type().Elem())
		if err := decodeValue(p, fresh.Elem()); err != nil {
			return err
		}
		v.Set(fresh)
		return nil
	}
	return decodeKind(p, kind, v)
}

func decodeKind(p *C.PyObject, kind C.int, v reflect.Value) error {
	switch v.Kind() {
	case reflect.Bool:
		if kind != C.GOPY_BOOL {
			return mismatch(p, v)
		}
		v.SetBool(C.PyObject_IsTrue(p) == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return decodeInt(p, kind, v)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Uintptr:
		return decodeUint(p, kind, v)
	case reflect.Float32, reflect.Float64:
		if kind != C.GOPY_FLOAT && kind != C.GOPY_INT {
			return mismatch(p, v)
		}
		f := C.PyFloat_AsDouble(p)
		if f == -1 && C.PyErr_Occurred() != nil {
			return fetchError()
		}
		v.SetFloat(float64(f))
	case reflect.String:
		if kind != C.GOPY_STR {
			return mismatch(p, v)
		}
		v.SetString(goString(p))
	case reflect.Slice, reflect.Array:
		return decodeSequence(p, kind, v)
	case reflect.Map:
		return decodeMap(p, v)
	case reflect.Struct:
		return decodeStruct(p, v)
	default:
		return fmt.Errorf("python: cannot convert to a Go %s", v.Type())
	}
	return nil
}

func mismatch(p *C.PyObject, v reflect.Value) error {
	return fmt.Errorf("python: cannot convert a Python %s to a Go %s", typeName(p), v.Type())
}

func typeName(p *C.PyObject) string {
	t := C.PyObject_Type(p)
	defer C.Py_DecRef(t)
	name := C.PyType_GetName((*C.PyTypeObject)(unsafe.Pointer(t)))
	if name == nil {
		C.PyErr_Clear()
		return "object"
	}
	defer C.Py_DecRef(name)
	return goString(name)
}

func decodeInt(p *C.PyObject, kind C.int, v reflect.Value) error {
	if kind != C.GOPY_INT {
		return mismatch(p, v)
	}
	var overflow C.int
	n := C.PyLong_AsLongLongAndOverflow(p, &overflow)
	if n == -1 && C.PyErr_Occurred() != nil {
		return fetchError()
	}
	if overflow != 0 || v.OverflowInt(int64(n)) {
		return fmt.Errorf("python: the int %s does not fit in a Go %s", repr(p), v.Type())
	}
	v.SetInt(int64(n))
	return nil
}

func decodeUint(p *C.PyObject, kind C.int, v reflect.Value) error {
	if kind != C.GOPY_INT {
		return mismatch(p, v)
	}
	n := C.PyLong_AsUnsignedLongLong(p)
	if C.PyErr_Occurred() != nil {
		C.PyErr_Clear()
		return fmt.Errorf("python: the int %s does not fit in a Go %s", repr(p), v.Type())
	}
	if v.OverflowUint(uint64(n)) {
		return fmt.Errorf("python: the int %s does not fit in a Go %s", repr(p), v.Type())
	}
	v.SetUint(uint64(n))
	return nil
}

func repr(p *C.PyObject) string {
	text := C.PyObject_Repr(p)
	if text == nil {
		C.PyErr_Clear()
		return "?"
	}
	defer C.Py_DecRef(text)
	return goString(text)
}

func decodeSequence(p *C.PyObject, kind C.int, v reflect.Value) error {
	if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 &&
		(kind == C.GOPY_BYTES || kind == C.GOPY_BYTEARRAY) {
		data, err := copyBuffer(p)
		if err == nil {
			v.SetBytes(data)
		}
		return err
	}
	if kind == C.GOPY_STR || kind == C.GOPY_DICT || C.PySequence_Check(p) == 0 {
		return mismatch(p, v)
	}
	n := int(C.PySequence_Size(p))
	if v.Kind() == reflect.Array && n != v.Len() {
		return fmt.Errorf("python: a sequence of %d items cannot fill a Go %s", n, v.Type())
	}
	if v.Kind() == reflect.Slice {
		v.Set(reflect.MakeSlice(v.Type(), n, n))
	}
	for i := 0; i < n; i++ {
		item := C.PySequence_GetItem(p, C.Py_ssize_t(i))
		if item == nil {
			return fetchError()
		}
		err := decodeValue(item, v.Index(i))
		C.Py_DecRef(item)
		if err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
	}
	return nil
}

func decodeMap(p *C.PyObject, v reflect.Value) error {
	items := C.PyMapping_Items(p)
	if items == nil {
		C.PyErr_Clear()
		return mismatch(p, v)
	}
	defer C.Py_DecRef(items)
	v.Set(reflect.MakeMap(v.Type()))
	for i := 0; i < int(C.PyList_Size(items)); i++ {
		pair := C.PyList_GetItem(items, C.Py_ssize_t(i)) // borrowed
		key, value := reflect.New(v.Type().Key()), reflect.New(v.Type().Elem())
		if err := decodeValue(C.PyTuple_GetItem(pair, 0), key.Elem()); err != nil {
			return fmt.Errorf("a key: %w", err)
		}
		if err := decodeValue(C.PyTuple_GetItem(pair, 1), value.Elem()); err != nil {
			return fmt.Errorf("key %v: %w", key.Elem(), err)
		}
		v.SetMapIndex(key.Elem(), value.Elem())
	}
	return nil
}

// decodeStruct fills exported fields from a dict's keys or an object's attributes.
func decodeStruct(p *C.PyObject, v reflect.Value) error {
	isDict := C.gopy_kind_of(p) == C.GOPY_DICT
	for _, field := range exportedFields(v.Type()) {
		key, err := newString(field.key)
		if err != nil {
			return err
		}
		var item *C.PyObject
		if isDict {
			item = C.PyDict_GetItemWithError(p, key) // borrowed
			C.Py_IncRef(item)
		} else {
			item = C.PyObject_GetAttr(p, key)
		}
		C.Py_DecRef(key)
		if item == nil {
			C.PyErr_Clear() // a missing key or attribute leaves the field as it is
			continue
		}
		err = decodeValue(item, v.FieldByIndex(field.index))
		C.Py_DecRef(item)
		if err != nil {
			return fmt.Errorf("field %s: %w", field.key, err)
		}
	}
	return nil
}

// decodeTime reads a datetime through its timestamp() (a naive one is local time).
func decodeTime(p *C.PyObject, v reflect.Value) error {
	classes, err := datetimeClasses()
	if err != nil {
		return err
	}
	class, _ := classes.datetime.pointer()
	if C.PyObject_IsInstance(p, class) != 1 {
		return mismatch(p, v)
	}
	stamp := C.gopy_timestamp(p)
	if stamp == nil {
		return fetchError()
	}
	defer C.Py_DecRef(stamp)
	seconds := float64(C.PyFloat_AsDouble(stamp))
	whole, fraction := math.Modf(seconds)
	micro := math.Round(fraction * 1e6)
	v.Set(reflect.ValueOf(time.Unix(int64(whole), int64(micro)*1000)))
	return nil
}

func naturalValue(p *C.PyObject, kind C.int) (any, error) {
	var err error
	switch kind {
	case C.GOPY_NONE:
		return nil, nil
	case C.GOPY_BOOL:
		return C.PyObject_IsTrue(p) == 1, nil
	case C.GOPY_INT:
		var n int64
		if err = decodeInt(p, kind, reflect.ValueOf(&n).Elem()); err == nil {
			return n, nil
		}
	case C.GOPY_FLOAT:
		return float64(C.PyFloat_AsDouble(p)), nil
	case C.GOPY_STR:
		return goString(p), nil
	case C.GOPY_BYTES, C.GOPY_BYTEARRAY:
		return copyBuffer(p)
	case C.GOPY_LIST, C.GOPY_TUPLE:
		var items []any
		err := decodeSequence(p, kind, reflect.ValueOf(&items).Elem())
		return items, err
	case C.GOPY_DICT:
		var items map[string]any
		if err = decodeMap(p, reflect.ValueOf(&items).Elem()); err == nil {
			return items, nil
		}
	}
	C.Py_IncRef(p) // anything else, or what does not fit the natural type: the object
	return adopt(p), nil
}
