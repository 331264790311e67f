package main

/*
#include <stdint.h>
#include <stdlib.h>

typedef struct point { int32_t x; double y; } point;
struct pair { long a; unsigned char b; };
*/
import "C"

import "unsafe"

// AddInts adds Go integers of every size.
//
//export AddInts
func AddInts(a int8, b int16, c int32, d int64, e int, f uint8, g uint16, h uint32,
	i uint64, j uint, k uintptr) int64 {
	return int64(a) + int64(b) + int64(c) + d + int64(e) + int64(f) + int64(g) + int64(h) +
		int64(i) + int64(j) + int64(k)
}

//export Mul
func Mul(a float32, b float64) float64 { return float64(a) * b }

//export Negate
func Negate(b bool) bool { return !b }

//export CLen
func CLen(s *C.char) C.int { return C.int(len(C.GoString(s))) }

//export CDouble
func CDouble(x C.uint, y C.long) C.longlong { return C.longlong(x)*2 + C.longlong(y) }

//export Same
func Same(p unsafe.Pointer) unsafe.Pointer { return p }

//export GoLen
func GoLen(s string) int { return len(s) }

//export SliceSum
func SliceSum(s []int32) int64 {
	var total int64
	for _, v := range s {
		total += int64(v)
	}
	return total
}

//export MakePoint
func MakePoint(x C.int32_t, y C.double) C.point { return C.point{x: x, y: y} }

//export Norm
func Norm(p C.point) C.double { return C.double(p.x) + p.y }

//export PairSum
func PairSum(p C.struct_pair) C.long { return p.a + C.long(p.b) }

//export DivMod
func DivMod(a, b int) (int, int) { return a / b, a % b }

//export Static
func Static() string { return "static" }

// Greet is a Layer 2 function in a package main that also has //export functions.
//
//python:export
func Greet(name string) (string, error) { return "hello " + name, nil }

func main() {}
