package python

// #include "capi.h"
import "C"

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"runtime/cgo"
	"strings"
	"unsafe"
)

// Number is the element type of slices shared with Python without copying.
type Number interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~int | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uint |
		~float32 | ~float64
}

// The struct-module format characters of each element size, signed or not.
var (
	signedFormats   = map[uintptr]*C.char{1: C.CString("b"), 2: C.CString("h"), 4: C.CString("i"), 8: C.CString("q")}
	unsignedFormats = map[uintptr]*C.char{1: C.CString("B"), 2: C.CString("H"), 4: C.CString("I"), 8: C.CString("Q")}
	floatFormats    = map[uintptr]*C.char{4: C.CString("f"), 8: C.CString("d")}
)

func formatOf[T Number]() *C.char {
	var zero T
	size := unsafe.Sizeof(zero)
	switch reflect.TypeOf(zero).Kind() {
	case reflect.Float32, reflect.Float64:
		return floatFormats[size]
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		return unsignedFormats[size]
	}
	return signedFormats[size]
}

// pin keeps a slice's memory in place while Python may read it.
type pin struct{ pinner runtime.Pinner }

//export gopyBufferReleased
func gopyBufferReleased(handle C.uintptr_t) {
	h := cgo.Handle(handle)
	h.Value().(*pin).pinner.Unpin()
	h.Delete()
}

// NewBuffer shares data with Python without copying: the result supports the
// buffer protocol (memoryview(b), numpy.asarray(b)), writable, with data's
// element type. The memory stays pinned until Python drops its last reference.
// Go and Python then see the same numbers; do not write from both at once.
func NewBuffer[T Number](data []T) (*Object, error) {
	var buffer *Object
	err := withGIL(func() error {
		held := &pin{}
		var first unsafe.Pointer
		if len(data) > 0 {
			first = unsafe.Pointer(unsafe.SliceData(data))
			held.pinner.Pin(first)
		}
		var zero T
		handle := cgo.NewHandle(held)
		p := C.gopy_new_buffer(first, C.Py_ssize_t(len(data)), C.Py_ssize_t(unsafe.Sizeof(zero)),
			formatOf[T](), C.uintptr_t(handle))
		if p == nil {
			gopyBufferReleased(C.uintptr_t(handle))
			return fetchError()
		}
		buffer = adopt(p)
		return nil
	})
	return buffer, err
}

// View is a Python buffer (bytes, bytearray, array.array, memoryview, numpy
// arrays...) seen from Go without copying. Data is valid until Close.
type View[T Number] struct {
	Data     []T
	ReadOnly bool // Python exported it read-only (bytes): do not write to Data
	buffer   *C.Py_buffer
}

// ViewOf gives Go the memory of o's buffer: it must be C-contiguous and hold
// elements of T's type and size (format "d" for float64, "q" or "l" for int64...).
func ViewOf[T Number](o *Object) (*View[T], error) {
	view := &View[T]{}
	err := withGIL(func() error {
		self, err := o.pointer()
		if err != nil {
			return err
		}
		var exception *C.PyObject
		buffer := C.gopy_get_buffer(self, 1, &exception)
		if buffer == nil {
			C.Py_DecRef(exception) // not writable: ask for a read-only view
			if buffer = C.gopy_get_buffer(self, 0, &exception); buffer == nil {
				return errorFrom(exception)
			}
			view.ReadOnly = true
		}
		if err := checkFormat[T](buffer); err != nil {
			C.gopy_release_buffer(buffer)
			return err
		}
		view.buffer = buffer
		count := int(buffer.len / buffer.itemsize)
		view.Data = unsafe.Slice((*T)(buffer.buf), count)
		return nil
	})
	if err != nil {
		return nil, err
	}
	runtime.SetFinalizer(view, (*View[T]).Close)
	return view, nil
}

func checkFormat[T Number](buffer *C.Py_buffer) error {
	var zero T
	format := "B"
	if buffer.format != nil {
		format = strings.TrimLeft(C.GoString(buffer.format), "@=<")
	}
	want := C.GoString(formatOf[T]())
	same := format == want || unsafe.Sizeof(zero) == 8 && (format == "l" && want == "q" ||
		format == "L" && want == "Q")
	if !same || uintptr(buffer.itemsize) != unsafe.Sizeof(zero) {
		return fmt.Errorf("python: the buffer holds format %q items of %d bytes, not Go %T "+
			"(format %q)", format, buffer.itemsize, zero, want)
	}
	return nil
}

// Close releases the buffer; Data must not be used afterwards.
func (v *View[T]) Close() error {
	if v == nil || v.buffer == nil {
		return nil
	}
	buffer := v.buffer
	v.buffer, v.Data = nil, nil
	runtime.SetFinalizer(v, nil)
	return withGIL(func() error { C.gopy_release_buffer(buffer); return nil })
}

var errNoBuffer = errors.New("python: the object has no buffer")

// copyBuffer copies the bytes of a bytes-like object (under the GIL).
func copyBuffer(p *C.PyObject) ([]byte, error) {
	var exception *C.PyObject
	buffer := C.gopy_get_buffer(p, 0, &exception)
	if buffer == nil {
		if exception != nil {
			return nil, errorFrom(exception)
		}
		return nil, errNoBuffer
	}
	defer C.gopy_release_buffer(buffer)
	return C.GoBytes(buffer.buf, C.int(buffer.len)), nil
}
