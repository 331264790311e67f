//go:build !cpythontable

// The hand-written side: what a careful author writes by hand over cgo, for
// the hand-written ctypes loader and C-API module (left out of the cpython-mode
// build, which links nothing against them).
package main

/*
#include <stdlib.h>
#include "handwritten.h"
*/
import "C"

import (
	"runtime/cgo"
	"strings"
	"unsafe"
)

//export AddH
func AddH(a, b C.int64_t) C.int64_t { return a + b }

//export ReverseH
func ReverseH(s *C.char, n C.size_t, out *C.size_t) *C.char {
	r := reverse(C.GoStringN(s, C.int(n)))
	*out = C.size_t(len(r))
	return C.CString(r)
}

//export FreeH
func FreeH(p unsafe.Pointer) { C.free(p) }

//export SumH
func SumH(p *C.double, n C.size_t) C.double {
	if n == 0 {
		return 0
	}
	return C.double(sum(unsafe.Slice((*float64)(unsafe.Pointer(p)), int(n))))
}

//export PointNewH
func PointNewH(x, y C.double) C.uintptr_t {
	return C.uintptr_t(cgo.NewHandle(&Point{X: float64(x), Y: float64(y)}))
}

//export PointFreeH
func PointFreeH(h C.uintptr_t) { cgo.Handle(h).Delete() }

//export PointDistH
func PointDistH(p, q C.uintptr_t) C.double {
	return C.double(cgo.Handle(p).Value().(*Point).Dist(cgo.Handle(q).Value().(*Point)))
}

//export CallsH
func CallsH(f C.hw_callback, n C.int64_t) C.int64_t {
	var total C.int64_t
	for i := C.int64_t(0); i < n; i++ {
		total += C.hw_call(f, i)
	}
	return total
}

//export CallsContextH
func CallsContextH(f C.hw_context_callback, context unsafe.Pointer, n C.int64_t) C.int64_t {
	var total C.int64_t
	for i := C.int64_t(0); i < n; i++ {
		total += C.hw_call_context(f, context, i)
	}
	return total
}

// joined is strings joined by NUL in one C allocation (the caller frees it).
func joined(items []string, size *C.size_t) *C.char {
	text := strings.Join(items, "\x00")
	*size = C.size_t(len(text))
	return C.CString(text)
}

//export NamesH
func NamesH(size *C.size_t) *C.char { return joined(Names(), size) }

//export CountsH
func CountsH(size *C.size_t, values *C.int64_t) *C.char {
	counts := Counts()
	keys := make([]string, 0, len(counts))
	out := unsafe.Slice((*int64)(unsafe.Pointer(values)), len(counts))
	for key, value := range counts {
		out[len(keys)] = value
		keys = append(keys, key)
	}
	return joined(keys, size)
}
