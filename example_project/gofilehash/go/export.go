package main

/*
#include <stdlib.h>
#include <string.h>
*/
import "C"

import (
	"crypto/sha256"
	"strings"
	"unsafe"
)

// The C ABI layer: Python passes NUL-separated UTF-8 paths, Go answers with a
// C string that Python must hand back to FreeCString (C.CString uses this
// library's malloc, so only this library may free it).

//export HashFiles
func HashFiles(paths *C.char, length C.int, workers C.int, failed *C.int) *C.char {
	joined := C.GoStringN(paths, length)
	list := strings.Split(joined, "\x00")
	if joined == "" {
		list = nil
	}
	digests, err := hashFiles(list, int(workers))
	if err != nil {
		*failed = 1
		return C.CString(err.Error())
	}
	*failed = 0
	return C.CString(strings.Join(digests, "\n"))
}

//export Sha256
func Sha256(data unsafe.Pointer, length C.longlong, out *C.uchar) {
	sum := sha256.Sum256(unsafe.Slice((*byte)(data), int(length)))
	C.memcpy(unsafe.Pointer(out), unsafe.Pointer(&sum[0]), C.size_t(len(sum)))
}

//export FreeCString
func FreeCString(p *C.char) {
	C.free(unsafe.Pointer(p))
}
