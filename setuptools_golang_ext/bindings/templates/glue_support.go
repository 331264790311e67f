package /*@PACKAGE@*/main

/*
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#define GOEXT_EXPORT __declspec(dllexport)
#else
#define GOEXT_EXPORT
#endif

// Releases results of goext_ functions: the C runtime that allocated them frees them.
// Plain C, so freeing costs no call into Go.
GOEXT_EXPORT void goext_free(void *p) { free(p); }

// malloc that may return NULL: cgo's C.malloc aborts the process instead.
static void *goext_try_malloc(size_t n) { return malloc(n); }

// A Python callable as the runtime passes it: a ctypes function taking the
// arguments as a JSON array and answering through goext_reply; non-zero when
// it raised (the reply is then the message).
// The failure of the last direct call (goext_F__direct) on this thread: the
// head of a result record (goextHead) and a status. Python reads it only when
// the result is the failure sign; Go's cgo calls run on the caller's thread.
typedef struct {
	void *err;
	uintptr_t errN;
	void *stack;
	uintptr_t stackN;
	uintptr_t errValue;
	int32_t errKind;
	int32_t errClass;
	int status;
} goext_failure;
#ifdef __linux__
// Not _Thread_local: Go links the library's TLS as static (initial-exec), and glibc
// keeps little room for that, so every byte here lowers how many Go libraries one
// process can load ("cannot allocate memory in static TLS block").
#include <pthread.h>
static pthread_key_t goext_failure_key;
static pthread_once_t goext_failure_once = PTHREAD_ONCE_INIT;
static void goext_failure_key_make(void) { pthread_key_create(&goext_failure_key, free); }
static void goext_failure_slot_ready(void) {
	pthread_once(&goext_failure_once, goext_failure_key_make);
}
#define goext_failure_slot_get() pthread_getspecific(goext_failure_key)
#define goext_failure_slot_set(failed) pthread_setspecific(goext_failure_key, (failed))
#elif defined(_WIN32)
// Not _Thread_local either: MinGW implements it with emulated TLS from
// libwinpthread-1.dll, which a wheel does not carry (LoadLibrary fails with 126).
#include <windows.h>
static INIT_ONCE goext_failure_once = INIT_ONCE_STATIC_INIT;
static DWORD goext_failure_slot = FLS_OUT_OF_INDEXES;
static VOID WINAPI goext_failure_free(PVOID failed) { free(failed); }
static BOOL CALLBACK goext_failure_slot_make(PINIT_ONCE once, PVOID parameter, PVOID *context) {
	goext_failure_slot = FlsAlloc(goext_failure_free);
	return TRUE;
}
static void goext_failure_slot_ready(void) {
	InitOnceExecuteOnce(&goext_failure_once, goext_failure_slot_make, NULL, NULL);
	if (goext_failure_slot == FLS_OUT_OF_INDEXES) abort();
}
#define goext_failure_slot_get() FlsGetValue(goext_failure_slot)
#define goext_failure_slot_set(failed) FlsSetValue(goext_failure_slot, (failed))
#endif
#if defined(__linux__) || defined(_WIN32)
// This thread's record, made on first use and freed when the thread ends.
GOEXT_EXPORT goext_failure *goext_last_failure(void) {
	goext_failure *failed;
	goext_failure_slot_ready();
	failed = goext_failure_slot_get();
	if (failed == NULL) {
		failed = calloc(1, sizeof *failed);
		if (failed == NULL) abort();  // as cgo's C.malloc does
		goext_failure_slot_set(failed);
	}
	return failed;
}
#else
static _Thread_local goext_failure goext_failed;
GOEXT_EXPORT goext_failure *goext_last_failure(void) { return &goext_failed; }
#endif

typedef int (*goext_callback)(const char *args, size_t n, uintptr_t reply);
static int goext_call(void *function, const char *args, size_t n, uintptr_t reply) {
	return ((goext_callback)function)(args, n, reply);
}

// A Python callable as a cpython-mode module passes it: the address of a record
// starting with its C trampoline and the thread of the call that passed it (see
// goext_thread), plus 1 (bit 0 of a function pointer is always clear). The
// trampoline converts values[0..n) into Python objects and the answer into
// values[n] (kind says which Go type is wanted); non-zero when the callable
// raised (values[n] then holds the message, in malloc memory).
typedef struct { uint64_t bits; size_t n; int kind; } goext_value;
typedef int (*goext_trampoline)(void *self, goext_value *values, size_t n);
static int goext_call_native(void *function, goext_value *values, size_t n) {
	void *self = (char *)function - 1;
	return (*(goext_trampoline *)self)(self, values, n);
}
// The C memory a trampoline's answer points at (go vet: no uintptr-to-pointer in Go).
static void *goext_value_data(const goext_value *value) { return (void *)(uintptr_t)value->bits; }
// A trampoline's call with its values passed by value: no Go memory crosses, so
// cgo checks no pointer and Go keeps the values on its stack (goextCallArgs).
#define GOEXT_VALUES_MAX 4
typedef struct { goext_value v[GOEXT_VALUES_MAX + 1]; } goext_values;
typedef struct { goext_value answer; int status; } goext_answer;
static goext_answer goext_call_values(uintptr_t function, goext_values values, size_t n) {
	goext_answer out;
	out.status = goext_call_native((void *)function, values.v, n);
	out.answer = values.v[n];
	return out;
}
// The calling thread; 0 where unknown (Windows). A cpython-mode module uses it too.
#ifdef _WIN32
uintptr_t goext_thread(void) { return 0; }
#else
#include <pthread.h>
uintptr_t goext_thread(void) { return (uintptr_t)pthread_self(); }
#endif
// goext_call_values from the thread whose call passed the callable, without
// reading its record otherwise (it may be gone): GOEXT_NOT_OWNER then.
#define GOEXT_NOT_OWNER -1
static goext_answer goext_call_values_owned(uintptr_t function, uintptr_t owner,
		goext_values values, size_t n) {
	goext_answer out;
	if (goext_thread() != owner) {
		out.status = GOEXT_NOT_OWNER;
		return out;
	}
	return goext_call_values(function, values, n);
}
// goext_call_values_owned for numbers and bools passed as arguments (see callBits).
typedef struct { uint64_t bits; size_t n; int status; } goext_bits_answer;
static goext_bits_answer goext_call_bits(uintptr_t function, uintptr_t owner, size_t n,
		uint64_t kinds, uint64_t b0, uint64_t b1, uint64_t b2, uint64_t b3) {
	goext_value values[GOEXT_VALUES_MAX + 1];
	const uint64_t bits[GOEXT_VALUES_MAX + 1] = {b0, b1, b2, b3, 0};
	goext_bits_answer out = {0, 0, GOEXT_NOT_OWNER};
	size_t i;
	if (goext_thread() != owner) return out;
	for (i = 0; i <= n; i++) {
		values[i].bits = bits[i], values[i].n = 0;
		values[i].kind = (int)((kinds >> (8 * i)) & 0xff);
	}
	out.status = goext_call_native((void *)function, values, n);
	out.bits = values[n].bits, out.n = values[n].n;
	return out;
}
static void *goext_bits_data(goext_bits_answer answer) { return (void *)(uintptr_t)answer.bits; }
static void goext_free_bits(uint64_t bits) { free((void *)(uintptr_t)bits); }

// A ctypes-mode library's own trampoline for callables of numbers, bools and
// strings (an answer is a number or a bool):
// it calls Python's C API as a cpython-mode module's does, so no ctypes thunk
// and no Python frame stand between Go and the callable. The runtime hands the
// library the API's entry points (ctypes.pythonapi) with goext_set_py_api, so
// the library needs no Python header to build; runtime/_c_callbacks.py fills
// these structs and keeps their layouts.
typedef void *goext_py_object;
typedef struct {
	int (*gil_ensure)(void);
	void (*gil_release)(int);
	goext_py_object (*call)(goext_py_object callable, ...);  // ends with NULL
	goext_py_object (*from_signed)(long long);
	goext_py_object (*from_unsigned)(unsigned long long);
	goext_py_object (*from_double)(double);
	goext_py_object (*from_bool)(long);
	long long (*as_signed)(goext_py_object, int *overflow);
	unsigned long long (*as_unsigned)(goext_py_object);
	double (*as_double)(goext_py_object);
	goext_py_object (*type_of)(goext_py_object);  // a new reference
	void (*decref)(goext_py_object);  // NULL too
	void (*fetch)(goext_py_object *, goext_py_object *, goext_py_object *);
	void (*normalize)(goext_py_object *, goext_py_object *, goext_py_object *);
	int (*set_traceback)(goext_py_object, goext_py_object);
	void (*clear)(void);
	goext_py_object (*from_utf8)(const char *, ptrdiff_t, const char *errors);
	goext_py_object int_type, float_type, true_object, false_object;
} goext_py_api;
static goext_py_api goext_py;
GOEXT_EXPORT void goext_set_py_api(const goext_py_api *api) { goext_py = *api; }

// One callable for one call: Go receives its address + 1, as a cpython-mode
// module's record (goext_call_native), and reads the thread beside the trampoline.
typedef struct {
	int (*trampoline)(void *self, goext_value *values, size_t n);
	uintptr_t thread;  // the calling thread (goext_thread); 0: unknown
	goext_py_object callable, state;
	goext_py_object check;  // the answer as Go's type, or raises: what the fast path leaves
	goext_py_object fail;  // fail(state, exception) keeps the first for the outer call
	long long low, high;  // the signed answers taken without check
	unsigned long long uhigh;  // and the unsigned ones
} goext_py_callable;

static goext_py_object goext_py_from_go(const goext_value *value) {
	double number;
	switch (value->kind) {
	// Go strings need not be valid UTF-8: their bytes survive, surrogate-escaped.
	case 't': return goext_py.from_utf8(value->n ? (const char *)(uintptr_t)value->bits : "",
		(ptrdiff_t)value->n, "surrogateescape");
	case 's': return goext_py.from_signed((long long)value->bits);
	case 'u': return goext_py.from_unsigned((unsigned long long)value->bits);
	case 'f': memcpy(&number, &value->bits, sizeof number); return goext_py.from_double(number);
	default: return goext_py.from_bool(value->bits != 0);
	}
}

// The answer stored as Go's kind: 0; 1 when the fast path cannot take it (not
// exactly int, float or bool, or out of range), so check must. checked: the
// answer is check's, valid for the kind.
static int goext_py_to_go(const goext_py_callable *cb, goext_py_object answer,
		goext_value *out, int checked) {
	goext_py_object type;
	long long s;
	int overflow = 0;
	double f;
	if (out->kind == 'b') {
		if (answer != goext_py.true_object && answer != goext_py.false_object) return 1;
		out->bits = answer == goext_py.true_object;
		return 0;
	}
	if (out->kind != 's' && out->kind != 'u' && out->kind != 'f') return 0;  // no value wanted
	type = goext_py.type_of(answer);
	goext_py.decref(type);  // the answer keeps its type alive
	if (out->kind == 'f') {
		if (!checked && type != goext_py.float_type) return 1;
		f = goext_py.as_double(answer);
		memcpy(&out->bits, &f, sizeof f);
		return 0;
	}
	if (!checked && type != goext_py.int_type) return 1;
	s = goext_py.as_signed(answer, &overflow);
	if (out->kind == 's') {
		if (!checked && (overflow || s < cb->low || s > cb->high)) return 1;
		out->bits = (uint64_t)s;
		return 0;
	}
	if (checked && overflow > 0) {  // above int64: a uint64
		out->bits = goext_py.as_unsigned(answer);
		return 0;
	}
	if (!checked && (overflow || s < 0 || (unsigned long long)s > cb->uhigh)) return 1;
	out->bits = (uint64_t)s;
	return 0;
}

// The exception raised, kept by fail when it is the first; Go gets no message
// (these callbacks return no error: the outer call raises the exception).
static void goext_py_failed(const goext_py_callable *cb, goext_value *out) {
	goext_py_object type = NULL, value = NULL, traceback = NULL, kept;
	goext_py.fetch(&type, &value, &traceback);
	goext_py.normalize(&type, &value, &traceback);
	if (value != NULL && traceback != NULL) goext_py.set_traceback(value, traceback);
	kept = value != NULL ? goext_py.call(cb->fail, cb->state, value, NULL) : NULL;
	if (kept == NULL) goext_py.clear();
	goext_py.decref(kept);
	goext_py.decref(type), goext_py.decref(value), goext_py.decref(traceback);
	out->bits = 0, out->n = 0;
}

GOEXT_EXPORT int goext_py_trampoline(void *self, goext_value *values, size_t n) {
	const goext_py_callable *cb = self;
	goext_py_object a[GOEXT_VALUES_MAX] = {0}, answer = NULL, checked;
	int gil = goext_py.gil_ensure(), failed = n > GOEXT_VALUES_MAX;
	size_t i;
	for (i = 0; i < n && !failed; i++) failed = (a[i] = goext_py_from_go(&values[i])) == NULL;
	if (!failed) {
		switch (n) {  // the argument list ends at its first NULL
		case 0: answer = goext_py.call(cb->callable, NULL); break;
		case 1: answer = goext_py.call(cb->callable, a[0], NULL); break;
		case 2: answer = goext_py.call(cb->callable, a[0], a[1], NULL); break;
		case 3: answer = goext_py.call(cb->callable, a[0], a[1], a[2], NULL); break;
		default: answer = goext_py.call(cb->callable, a[0], a[1], a[2], a[3], NULL);
		}
	}
	for (i = 0; i < n && i < GOEXT_VALUES_MAX; i++) goext_py.decref(a[i]);
	if (answer != NULL && goext_py_to_go(cb, answer, &values[n], 0) != 0) {
		checked = goext_py.call(cb->check, answer, NULL);
		goext_py.decref(answer);
		answer = checked;
		if (answer != NULL) goext_py_to_go(cb, answer, &values[n], 1);
	}
	failed = answer == NULL;
	if (failed) goext_py_failed(cb, &values[n]);
	goext_py.decref(answer);
	goext_py.gil_release(gil);
	return failed;
}
*/
import "C"

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"runtime/cgo"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
	"unsafe"
)

// goextTime rebuilds a time.Time from Unix seconds, nanoseconds and a UTC offset.
func goextTime(seconds int64, nanos int32, offset int32) time.Time {
	t := time.Unix(seconds, int64(nanos))
	if offset == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", int(offset)))
}

// goextTimeParts is the inverse of goextTime.
func goextTimeParts(t time.Time) (int64, int32, int32) {
	_, offset := t.Zone()
	return t.Unix(), int32(t.Nanosecond()), int32(offset)
}

// goextHead starts every result record; the Python side mirrors the layout.
type goextHead struct {
	err      unsafe.Pointer
	errN     uintptr
	stack    unsafe.Pointer
	stackN   uintptr // for an error (no stack): a handle to the error itself, or 0
	errValue uintptr // a handle to the error's value of an exported class, or 0
	errKind  int32   // 1 + the index of the exported sentinel error matched, or 0
	errClass int32   // the class id of errValue
}

// goextNoMemory is panicked when C memory for a result runs out; the wrapper
// recovers it and returns /*@STATUS_NO_MEMORY@*/3 with the size in errN.
type goextNoMemory struct{ size int }

func goextTryCopy(data unsafe.Pointer, n int) (unsafe.Pointer, uintptr, bool) {
	size := n
	if size == 0 {
		size = 1
	}
	memory := C.goext_try_malloc(C.size_t(size))
	if memory == nil {
		return nil, 0, false
	}
	if n > 0 {
		copy(unsafe.Slice((*byte)(memory), n), unsafe.Slice((*byte)(data), n))
	}
	return memory, uintptr(n), true
}

func goextCopy(data unsafe.Pointer, n int) (unsafe.Pointer, uintptr) {
	memory, size, ok := goextTryCopy(data, n)
	if !ok {
		panic(goextNoMemory{n})
	}
	return memory, size
}

func goextString(s string) (unsafe.Pointer, uintptr) {
	return goextCopy(unsafe.Pointer(unsafe.StringData(s)), len(s))
}

func goextSlice[T any](s []T) (unsafe.Pointer, uintptr) {
	var zero T
	return goextCopy(unsafe.Pointer(unsafe.SliceData(s)), len(s)*int(unsafe.Sizeof(zero)))
}

func goextGoString(data unsafe.Pointer, n uintptr) string {
	if n == 0 {
		return ""
	}
	return string(unsafe.Slice((*byte)(data), n))
}

// goextGoCopy, the top bit of a slice argument's byte length: Python copies that
// memory for the call anyway (bytes, a read-only buffer, a converted sequence), so
// the glue copies it into Go memory instead, which Go may keep.
const goextGoCopy = ^uintptr(0)>>1 + 1

// goextView: a []T argument. A writable Python buffer is used in place, valid
// during the call only; memory marked goextGoCopy becomes a Go copy.
func goextView[T any](data unsafe.Pointer, n uintptr) []T {
	if data == nil {
		return nil
	}
	var zero T
	if n&goextGoCopy != 0 {
		return append([]T(nil), unsafe.Slice((*T)(data), (n&^goextGoCopy)/unsafe.Sizeof(zero))...)
	}
	return unsafe.Slice((*T)(data), n/unsafe.Sizeof(zero))
}

// goextKeptView: a []T argument Go may keep (of a package bound by import path,
// or a field or variable set from Python): always a Go copy, made once, and the
// writable Python buffer (else nil) that a call's writes go back into.
func goextKeptView[T any](data unsafe.Pointer, n uintptr) (kept []T, python []T) {
	if data == nil || n&goextGoCopy != 0 {
		return goextView[T](data, n), nil
	}
	python = goextView[T](data, n)
	return append([]T(nil), python...), python
}

func goextError(head *goextHead, err error) C.int {
	if exception, wrapped := goextPythonException(err); exception != nil {
		note := ""
		if wrapped { // the Go context becomes a note on the exception
			note = "Go error: " + err.Error()
		}
		head.err, head.errN = goextString(note)
		head.errValue, head.errClass = uintptr(exception), goextPythonExceptionClass
		return /*@STATUS_ERROR@*/1
	}
	head.err, head.errN = goextString(err.Error())
	head.errKind = goextErrorKind(err)
	// An error has no stack: its slot holds the error, for an error parameter.
	head.stackN = goextErrorHandle(err)
	head.errValue, head.errClass = goextErrorValue(err) // last: nothing can fail after it
	return /*@STATUS_ERROR@*/1
}

// goextErrorOut is an error read from a field, which Python gets as a GoError it
// does not raise: a handle to the error, the sentinel it matches and its message
// (C memory the reader frees); all zero for nil.
func goextErrorOut(err error) (uintptr, int32, unsafe.Pointer, uintptr) {
	if err == nil {
		return 0, 0, nil, 0
	}
	message, n := goextString(err.Error())
	return uintptr(cgo.NewHandle(err)), goextErrorKind(err), message, n
}

// goextPythonExceptionClass in errClass: errValue is a PyObject* (a new reference
// the reader owns), the Python exception the Go error carries.
const goextPythonExceptionClass int32 = -/*@PYTHON_EXCEPTION_CLASS_NEGATED@*/2

// goextPythonException is the Python exception an error in err's chain carries
// (a *python.Error of setuptools-golang-ext.dev/python has the method, so the glue
// need not import the package), and whether err wraps it; nil if none. Whoever
// calls the method owns the reference it returns.
func goextPythonException(err error) (unsafe.Pointer, bool) {
	var carrier interface{ PythonException() unsafe.Pointer }
	if !errors.As(err, &carrier) {
		return nil, false
	}
	inner, _ := carrier.(error)
	return carrier.PythonException(), inner == nil || inner.Error() != err.Error()
}

// goextRecovered records a recovered panic. It runs in a deferred function, so
// it must not panic itself: running out of memory here is reported as such.
func goextRecovered(head *goextHead, value any) C.int {
	if failed, ok := value.(goextNoMemory); ok {
		return goextOutOfMemory(head, failed.size)
	}
	if bad, ok := value.(goextBadArgument); ok {
		head.err, head.errN = goextString(bad.err.Error())
		return /*@STATUS_BAD_ARGUMENT@*/4
	}
	message := fmt.Sprint(value)
	stack := debug.Stack()
	var okMessage, okStack bool
	head.err, head.errN, okMessage = goextTryCopy(
		unsafe.Pointer(unsafe.StringData(message)), len(message))
	head.stack, head.stackN, okStack = goextTryCopy(
		unsafe.Pointer(unsafe.SliceData(stack)), len(stack))
	if !okMessage || !okStack {
		return goextOutOfMemory(head, len(message)+len(stack))
	}
	return /*@STATUS_PANIC@*/2
}

func goextOutOfMemory(head *goextHead, size int) C.int {
	C.free(head.err)
	C.free(head.stack)
	*head = goextHead{errN: uintptr(size)}
	return /*@STATUS_NO_MEMORY@*/3
}

// goextBadArgument is panicked when a JSON argument does not fit its Go type;
// the wrapper recovers it and returns /*@STATUS_BAD_ARGUMENT@*/4 with the message.
type goextBadArgument struct{ err error }

// goextDecode rebuilds a []string or map argument sent as JSON.
func goextDecode[T any](data unsafe.Pointer, n uintptr, name string) T {
	var value T
	if n >= 16 { // a cpython-mode module's packed []string or map
		switch *(*byte)(data) { // JSON never starts with these
		case 'L':
			goextUnpackStrings(unsafe.Slice((*byte)(data), n), reflect.ValueOf(&value).Elem())
			return value
		case 'K':
			goextUnpackMap(unsafe.Slice((*byte)(data), n), reflect.ValueOf(&value).Elem())
			return value
		case 'C':
			goextUnpackColumns(unsafe.Slice((*byte)(data), n), reflect.ValueOf(&value).Elem())
			return value
		}
	}
	if err := json.Unmarshal(unsafe.Slice((*byte)(data), n), &value); err != nil {
		panic(goextBadArgument{fmt.Errorf("argument '%s': %w", name, err)})
	}
	return value
}

// goextUnpackColumns fills a map of plain keys and values (strings, integers,
// float64, bool; of any named types) from "C", padding, the count, the keys'
// column and the values' (64 bits each: a number, or a string's length), then
// each entry's key and value text.
func goextUnpackColumns(data []byte, target reflect.Value) {
	count := int(*(*uint64)(unsafe.Pointer(&data[8])))
	out := reflect.MakeMapWithSize(target.Type(), count)
	key := reflect.New(target.Type().Key()).Elem()
	item := reflect.New(target.Type().Elem()).Elem()
	at := 16 + 16*count
	for i := 0; i < count; i++ {
		at = goextSetColumn(key, data, 16+8*i, at)
		at = goextSetColumn(item, data, 16+8*(count+i), at)
		out.SetMapIndex(key, item)
	}
	target.Set(out)
}

// goextSetColumn sets v from the 64 bits at data[slot:], or from the string of
// that length at data[at:]; where the next string starts.
func goextSetColumn(v reflect.Value, data []byte, slot, at int) int {
	bits := *(*uint64)(unsafe.Pointer(&data[slot]))
	switch v.Kind() {
	case reflect.String:
		v.SetString(string(data[at : at+int(bits)]))
		return at + int(bits)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(bits))
	case reflect.Float64:
		v.SetFloat(math.Float64frombits(bits))
	case reflect.Bool:
		v.SetBool(bits != 0)
	default: // the unsigned kinds
		v.SetUint(bits)
	}
	return at
}

// goextUnpackStrings fills a []string (of any named string and slice types) from
// "L", padding, the count, the lengths and the bytes (JSON never starts with L).
func goextUnpackStrings(data []byte, target reflect.Value) {
	count := int(*(*uint64)(unsafe.Pointer(&data[8])))
	out := reflect.MakeSlice(target.Type(), count, count)
	plain, _ := out.Interface().([]string)
	at := 16 + 8*count
	for i := 0; i < count; i++ {
		size := int(*(*uint64)(unsafe.Pointer(&data[16+8*i])))
		text := string(data[at : at+size])
		at += size
		if plain != nil {
			plain[i] = text
		} else {
			out.Index(i).SetString(text)
		}
	}
	target.Set(out)
}

// goextUnpackMap fills a map[string]<integer> (of any named types) from "K",
// padding, the count, the values (64 bits each), the key lengths and the keys.
func goextUnpackMap(data []byte, target reflect.Value) {
	count := int(*(*uint64)(unsafe.Pointer(&data[8])))
	out := reflect.MakeMapWithSize(target.Type(), count)
	key := reflect.New(target.Type().Key()).Elem()
	item := reflect.New(target.Type().Elem()).Elem()
	signed := goextNativeKind(item.Kind()) == 's'
	at := 16 + 16*count
	for i := 0; i < count; i++ {
		bits := *(*uint64)(unsafe.Pointer(&data[16+8*i]))
		size := int(*(*uint64)(unsafe.Pointer(&data[16+8*(count+i)])))
		key.SetString(string(data[at : at+size]))
		at += size
		if signed {
			item.SetInt(int64(bits))
		} else {
			item.SetUint(bits)
		}
		out.SetMapIndex(key, item)
	}
	target.Set(out)
}

// goextEncode sends a []string or map result as JSON (nil as an empty one).
func goextEncode(value any, empty string) (unsafe.Pointer, uintptr) {
	data, err := json.Marshal(value)
	if err != nil {
		panic(err)
	}
	if string(data) == "null" {
		return goextString(empty)
	}
	return goextSlice(data)
}

// goextPlainText reports whether Python can split s out of NUL-joined UTF-8 text.
// Short ASCII strings (map keys, names) are checked a byte at a time, which costs
// less than the two library scans; from the first other byte the scans decide.
func goextPlainText(s string) bool {
	if len(s) > 32 {
		return strings.IndexByte(s, 0) < 0 && utf8.ValidString(s)
	}
	for i := 0; i < len(s); i++ {
		if b := s[i]; b == 0 || b >= utf8.RuneSelf {
			return strings.IndexByte(s[i:], 0) < 0 && utf8.ValidString(s[i:])
		}
	}
	return true
}

// goextStrings is a []string result as text Python splits with one call: "S"
// and the strings joined by NUL, or "E" for none. A string holding a NUL or
// invalid UTF-8 sends the slice as JSON instead, which the runtime also reads.
// Named types (a []Kind of type Kind string, a named slice) are taken as they are.
func goextStrings[L ~[]S, S ~string](value L) (unsafe.Pointer, uintptr) {
	if len(value) == 0 {
		return goextString("E")
	}
	size := len(value)
	for _, s := range value {
		if !goextPlainText(string(s)) {
			return goextEncode(value, "[]")
		}
		size += len(s)
	}
	data := make([]byte, 1, size)
	data[0] = 'S'
	for i, s := range value {
		if i > 0 {
			data = append(data, 0)
		}
		data = append(data, string(s)...)
	}
	return goextSlice(data)
}

// goextPackBytes is a [][]byte result: the count and each item's length (uint64s
// in native order), then the items' bytes, as goextUnpackBytes reads an argument.
func goextPackBytes[L ~[]B, B ~[]byte](value L) (unsafe.Pointer, uintptr) {
	heads := make([]uint64, 1+len(value))
	heads[0] = uint64(len(value))
	size := 8 * len(heads)
	for i, item := range value {
		heads[1+i] = uint64(len(item))
		size += len(item)
	}
	data := make([]byte, 0, size)
	data = append(data, unsafe.Slice((*byte)(unsafe.Pointer(&heads[0])), 8*len(heads))...)
	for _, item := range value {
		data = append(data, item...)
	}
	return goextSlice(data)
}

// goextUnpackBytes is a [][]byte argument, copied: Go may keep its items.
func goextUnpackBytes(data unsafe.Pointer, n uintptr) [][]byte {
	raw := goextView[byte](data, n)
	if len(raw) < 8 {
		return nil
	}
	heads := make([]uint64, 1+goextCount(raw))
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&heads[0])), 8*len(heads)), raw)
	out, start := make([][]byte, heads[0]), uint64(8*len(heads))
	for i := range out {
		out[i] = append([]byte{}, raw[start:start+heads[1+i]]...)
		start += heads[1+i]
	}
	return out
}

// goextCount is the uint64 a packed buffer starts with (Python's memory may be unaligned).
func goextCount(raw []byte) int {
	var count uint64
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&count)), 8), raw)
	return int(count)
}

// goextIntegerMap is a map[string]N result as parallel arrays: "M" padded to 8
// bytes, the count (a uint64), the values in native byte order, then the keys
// joined by NUL. Keys that are not plain text send the map as JSON instead.
func goextIntegerMap[M ~map[K]N, K ~string, N ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint |
	~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr](value M) (unsafe.Pointer, uintptr) {
	values := make([]N, 0, len(value))
	keys := make([]byte, 0, 16*len(value)) // one pass over the map: grown if keys are long
	for key, item := range value {
		if !goextAppendText(&keys, string(key), len(values)) {
			return goextEncode(value, "{}")
		}
		values = append(values, item)
	}
	count := uint64(len(value))
	var zero N
	width := len(value) * int(unsafe.Sizeof(zero))
	data := make([]byte, 16+width, 16+width+len(keys))
	data[0] = 'M'
	copy(data[8:], unsafe.Slice((*byte)(unsafe.Pointer(&count)), 8))
	if width > 0 {
		copy(data[16:], unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(values))), width))
	}
	return goextSlice(append(data, keys...))
}

// goextPlainMap is a map result of plain keys and values (strings, integers,
// float64, bool) as columns: "P" padded to 8 bytes, the count and the length of
// the keys' text (uint64s in native order), then the keys' numbers and the
// values' numbers (8 bytes each: an integer, a float64's bits or a bool; none for
// strings), then the keys' and the values' text, each joined by NUL. A string
// that is not plain text (goextPlainText) sends the map as JSON instead.
func goextPlainMap[M ~map[K]V, K comparable, V any](value M) (unsafe.Pointer, uintptr) {
	var key K
	var item V
	keyKind, itemKind := reflect.TypeOf(key).Kind(), reflect.TypeOf(item).Kind()
	n := len(value)
	numbers := make([]uint64, 0, 2*n)
	if keyKind != reflect.String {
		numbers = numbers[:n]
	}
	var keys, items []byte
	i := 0
	for k, v := range value {
		if keyKind == reflect.String {
			if !goextAppendText(&keys, *(*string)(unsafe.Pointer(&k)), i) {
				return goextEncode(value, "{}")
			}
		} else {
			numbers[i] = goextBitsOf(keyKind, unsafe.Pointer(&k))
		}
		if itemKind == reflect.String {
			if !goextAppendText(&items, *(*string)(unsafe.Pointer(&v)), i) {
				return goextEncode(value, "{}")
			}
		} else {
			numbers = append(numbers, goextBitsOf(itemKind, unsafe.Pointer(&v)))
		}
		i++
	}
	head := [2]uint64{uint64(n), uint64(len(keys))}
	data := make([]byte, 8, 24+8*len(numbers)+len(keys)+len(items))
	data[0] = 'P'
	data = append(data, unsafe.Slice((*byte)(unsafe.Pointer(&head[0])), 16)...)
	if len(numbers) > 0 {
		data = append(data, unsafe.Slice((*byte)(unsafe.Pointer(&numbers[0])), 8*len(numbers))...)
	}
	return goextSlice(append(append(data, keys...), items...))
}

// goextAppendText appends s, after a NUL unless it is the first (index 0); false
// when s is not plain text.
func goextAppendText(text *[]byte, s string, index int) bool {
	if !goextPlainText(s) {
		return false
	}
	if index > 0 {
		*text = append(*text, 0)
	}
	*text = append(*text, s...)
	return true
}

// goextBitsOf is the 64 bits of the integer, float64 or bool of kind at p (a
// named type's value too): integers sign-extended, a float64's IEEE bits.
func goextBitsOf(kind reflect.Kind, p unsafe.Pointer) uint64 {
	switch kind {
	case reflect.Int:
		return uint64(*(*int)(p))
	case reflect.Int8:
		return uint64(*(*int8)(p))
	case reflect.Int16:
		return uint64(*(*int16)(p))
	case reflect.Int32:
		return uint64(*(*int32)(p))
	case reflect.Int64:
		return uint64(*(*int64)(p))
	case reflect.Uint:
		return uint64(*(*uint)(p))
	case reflect.Uint8:
		return uint64(*(*uint8)(p))
	case reflect.Uint16:
		return uint64(*(*uint16)(p))
	case reflect.Uint32:
		return uint64(*(*uint32)(p))
	case reflect.Uintptr:
		return uint64(*(*uintptr)(p))
	case reflect.Float64:
		return math.Float64bits(*(*float64)(p))
	case reflect.Bool:
		if *(*bool)(p) {
			return 1
		}
		return 0
	}
	return *(*uint64)(p) // reflect.Uint64
}

// goextHandle keeps a Go value alive for Python until goext_release; nil is 0.
func goextHandle[T any](value *T) uintptr {
	if value == nil {
		return 0
	}
	return uintptr(cgo.NewHandle(value))
}

// goextFuncHandle keeps a Go func value alive for Python, which calls it through
// goextFuncOf; a nil func is 0 (None).
func goextFuncHandle[F any](f F) uintptr {
	if reflect.ValueOf(&f).Elem().IsNil() {
		return 0
	}
	return uintptr(cgo.NewHandle(&f))
}

// goextFuncOf is the Go func value behind a handle of goextFuncHandle.
// A func of a slice or map holds its own named type (a []Handler's items are
// Handlers): it converts to the caller's spelling of the same func type.
func goextFuncOf[F any](handle uintptr) F {
	value := cgo.Handle(handle).Value()
	if f, ok := value.(*F); ok {
		return *f
	}
	var f F
	return goextAdapt(reflect.ValueOf(value).Elem(), reflect.TypeOf(&f).Elem()).Interface().(F)
}

// goextAdapt is func value as type t: converted when Go allows it, else (funcs
// of named funcs: a Middleware as a func(func(string) string) func(string) string)
// a func adapting each argument and result the same way.
func goextAdapt(value reflect.Value, t reflect.Type) reflect.Value {
	if value.Type().ConvertibleTo(t) {
		return value.Convert(t)
	}
	if value.IsNil() {
		return reflect.Zero(t)
	}
	from := value.Type()
	return reflect.MakeFunc(t, func(args []reflect.Value) []reflect.Value {
		in := make([]reflect.Value, len(args))
		for i, arg := range args {
			in[i] = goextAdapt(arg, from.In(i))
		}
		out := value.Call(in)
		for i := range out {
			out[i] = goextAdapt(out[i], t.Out(i))
		}
		return out
	})
}

// goextFuncItemHandle is goextFuncHandle for an item of a slice, array or map
// reached by reflection (an array result cannot be sliced where it is returned).
func goextFuncItemHandle(item reflect.Value) uintptr {
	if item.IsNil() {
		return 0
	}
	f := reflect.New(item.Type())
	f.Elem().Set(item)
	return uintptr(cgo.NewHandle(f.Interface()))
}

// goextFuncHandles is a slice or array of funcs as an array of handles (0 for nil).
func goextFuncHandles(values any) (unsafe.Pointer, uintptr) {
	items := reflect.ValueOf(values)
	handles := make([]uintptr, items.Len())
	for i := range handles {
		handles[i] = goextFuncItemHandle(items.Index(i))
	}
	return goextSlice(handles)
}

// goextFuncList is a slice of funcs Python passed: per item, a Go func of this
// library (its handle), a Python callable kept until Go drops the func made of it
// by kept, or nil for None.
func goextFuncList[F any](functions, release, handles unsafe.Pointer, n uintptr, name string,
	kept func(*goextCallback) F) []F {
	calls := unsafe.Slice((*unsafe.Pointer)(functions), n)
	funcs := unsafe.Slice((*uintptr)(handles), n)
	out := make([]F, n)
	for i := range out {
		if funcs[i] != 0 {
			out[i] = goextFuncOf[F](funcs[i])
		} else if calls[i] != nil {
			out[i] = kept(goextKeep(calls[i], release, name))
		}
	}
	return out
}

// goextFuncHandleMap is a map of funcs as a JSON object of handles (0 for nil).
func goextFuncHandleMap(values any) (unsafe.Pointer, uintptr) {
	items := reflect.ValueOf(values)
	handles := make(map[string]uintptr, items.Len())
	for entry := items.MapRange(); entry.Next(); {
		handles[fmt.Sprint(entry.Key().Interface())] = goextFuncItemHandle(entry.Value())
	}
	return goextEncode(handles, "{}")
}

// goextFuncOr is the Go func behind handle (Python passed back a Go func), or f.
func goextFuncOr[F any](handle uintptr, f F) F {
	if handle != 0 {
		return goextFuncOf[F](handle)
	}
	return f
}

// goextNilOr is f, or a nil func when Python passed None (no callable, no Go func).
func goextNilOr[F any](function unsafe.Pointer, handle uintptr, f F) F {
	if function == nil && handle == 0 {
		var none F
		return none
	}
	return f
}

// goextValue is a struct passed by value: a copy of the one behind the handle.
func goextValue[T any](handle uintptr, name string) T {
	if handle == 0 {
		panic(goextBadArgument{fmt.Errorf("argument '%s': None is not a value", name)})
	}
	return *cgo.Handle(handle).Value().(*T)
}

// Slices of objects cross as arrays of handles, one per item (0 for nil).
func goextHandles[T any](values []*T) (unsafe.Pointer, uintptr) {
	handles := make([]uintptr, len(values))
	for i, value := range values {
		handles[i] = goextHandle(value)
	}
	return goextSlice(handles)
}

func goextValueHandles[T any](values []T) (unsafe.Pointer, uintptr) {
	handles := make([]uintptr, len(values))
	for i := range values {
		value := values[i]
		handles[i] = goextHandle(&value)
	}
	return goextSlice(handles)
}

func goextObjects[T any](data unsafe.Pointer, n uintptr) []*T {
	handles := goextView[uintptr](data, n)
	out := make([]*T, len(handles))
	for i, handle := range handles {
		out[i] = goextObject[T](handle)
	}
	return out
}

func goextValues[T any](data unsafe.Pointer, n uintptr, name string) []T {
	handles := goextView[uintptr](data, n)
	out := make([]T, len(handles))
	for i, handle := range handles {
		out[i] = goextValue[T](handle, name)
	}
	return out
}

// Maps of objects cross as JSON objects of handles, one per value (0 for nil).
func goextObjectMap[K comparable, T any](data unsafe.Pointer, n uintptr, name string) map[K]*T {
	handles := goextDecode[map[K]uintptr](data, n, name)
	out := make(map[K]*T, len(handles))
	for k, handle := range handles {
		out[k] = goextObject[T](handle)
	}
	return out
}

func goextValueMap[K comparable, T any](data unsafe.Pointer, n uintptr, name string) map[K]T {
	handles := goextDecode[map[K]uintptr](data, n, name)
	out := make(map[K]T, len(handles))
	for k, handle := range handles {
		out[k] = goextValue[T](handle, name)
	}
	return out
}

func goextHandleMap[K comparable, T any](values map[K]*T) (unsafe.Pointer, uintptr) {
	handles := make(map[K]uintptr, len(values))
	for k, value := range values {
		handles[k] = goextHandle(value)
	}
	return goextEncode(handles, "{}")
}

func goextValueHandleMap[K comparable, T any](values map[K]T) (unsafe.Pointer, uintptr) {
	handles := make(map[K]uintptr, len(values))
	for k := range values {
		value := values[k]
		handles[k] = goextHandle(&value)
	}
	return goextEncode(handles, "{}")
}

// goextInterface is an interface argument: nil for handle 0 and no data, the
// value behind the handle, or a plain Python value sent as tagged JSON; it must
// implement I.
func goextInterface[I any](handle uintptr, data unsafe.Pointer, n uintptr, name string) I {
	var zero I
	var value any
	if handle != 0 {
		value = goextHeld(handle)
	} else if n > 0 {
		value = goextPlain(unsafe.Slice((*byte)(data), n), name)
	}
	want := reflect.TypeOf(&zero).Elem()
	if value == nil && want.Kind() == reflect.Struct { // another package's struct by value
		panic(goextBadArgument{fmt.Errorf("argument '%s' must be a %v, not None", name, want)})
	}
	if value == nil {
		return zero
	}
	got, ok := value.(I)
	if !ok {
		panic(goextBadArgument{goextNotA(name, value, want)})
	}
	return got
}

// goextHeld is the Go value behind a handle Python passed back; for an
// interface's proxy, the value inside it, so that Go gets back the value it
// returned (as an item of a list and inside an `any` too).
func goextHeld(handle uintptr) any {
	value := cgo.Handle(handle).Value()
	if proxy, ok := value.(interface{ goextInner() any }); ok {
		return proxy.goextInner()
	}
	return value
}

// goextInterfaces is a []I argument (a variadic ...I too): a Python list sent as
// one `any` argument, whose every item must implement I; nil for None.
func goextInterfaces[I any](handle uintptr, data unsafe.Pointer, n uintptr, name string) []I {
	items, ok := goextInterface[any](handle, data, n, name).([]any)
	if !ok {
		return nil
	}
	want := reflect.TypeOf((*I)(nil)).Elem()
	out := make([]I, len(items))
	for i, item := range items {
		if item == nil {
			continue
		}
		value, ok := item.(I)
		if !ok {
			panic(goextBadArgument{goextNotA(fmt.Sprintf("%s[%d]", name, i), item, want)})
		}
		out[i] = value
	}
	return out
}

// goextInterfaceList is a []I result: a handle and a class id per item, as an
// interface result has them (0, 0 for nil; an opaque value's id is sent as 0).
func goextInterfaceList[I any](values []I) (unsafe.Pointer, uintptr) {
	pairs := make([]uintptr, 2*len(values))
	for i, value := range values {
		handle, id := goextClassOfAs(value)
		pairs[2*i] = handle
		if id > 0 {
			pairs[2*i+1] = uintptr(id)
		}
	}
	return goextSlice(pairs)
}

// goextErrorList is a []error result: the count, then per item a handle to the
// error, the sentinel it matches and its message's length (uint64s in native
// order, all 0 for nil), then the messages.
func goextErrorList[L ~[]error](errs L) (unsafe.Pointer, uintptr) {
	heads := make([]uint64, 1+3*len(errs))
	heads[0] = uint64(len(errs))
	var text []byte
	for i, err := range errs {
		if err == nil {
			continue
		}
		message := err.Error()
		heads[1+3*i] = uint64(cgo.NewHandle(err))
		heads[2+3*i] = uint64(goextErrorKind(err))
		heads[3+3*i] = uint64(len(message))
		text = append(text, message...)
	}
	data := make([]byte, 0, 8*len(heads)+len(text))
	data = append(data, unsafe.Slice((*byte)(unsafe.Pointer(&heads[0])), 8*len(heads))...)
	return goextSlice(append(data, text...))
}

// goextNotA says why value cannot be passed as want: an interface it does not
// implement, or another package's struct type (which must be exactly that type).
func goextNotA(name string, value any, want reflect.Type) error {
	if want.Kind() == reflect.Interface {
		return fmt.Errorf("argument '%s': a %T does not implement %v", name, value, want)
	}
	return fmt.Errorf("argument '%s' must be a %v (as a function of this module returned "+
		"it), not %T", name, want, value)
}

// goextPlain decodes a Python value passed as `any`: null, true and false as
// themselves, else [tag, payload] with tag i (int64, decimal text), f (float64,
// Python's repr), s (string), b (base64 []byte), l (list: []any), d (dict:
// map[string]any), h (the handle of a Go object: its value) or e (an error of
// the text: a Python exception passed as an error).
func goextPlain(data []byte, name string) any {
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		panic(goextBadArgument{fmt.Errorf("argument '%s': %w", name, err)})
	}
	value, err := goextUntag(raw)
	if err != nil {
		panic(goextBadArgument{fmt.Errorf("argument '%s': %w", name, err)})
	}
	return value
}

func goextUntag(raw any) (any, error) {
	pair, ok := raw.([]any)
	if !ok {
		return raw, nil // nil, true or false
	}
	tag, _ := pair[0].(string)
	switch payload := pair[1].(type) {
	case string:
		switch tag {
		case "i":
			return strconv.ParseInt(payload, 10, 64)
		case "f":
			return strconv.ParseFloat(payload, 64)
		case "s":
			return payload, nil
		case "b":
			return base64.StdEncoding.DecodeString(payload)
		case "e": // a Python exception passed as an error: its text
			return errors.New(payload), nil
		}
	case float64:
		if tag == "h" {
			return goextHeld(uintptr(payload)), nil
		}
	case []any:
		out := make([]any, len(payload))
		for i, item := range payload {
			value, err := goextUntag(item)
			if err != nil {
				return nil, err
			}
			out[i] = value
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(payload))
		for k, item := range payload {
			value, err := goextUntag(item)
			if err != nil {
				return nil, err
			}
			out[k] = value
		}
		return out, nil
	}
	return nil, fmt.Errorf("malformed value %v", raw)
}

func goextObject[T any](handle uintptr) *T {
	if handle == 0 {
		return nil
	}
	return cgo.Handle(handle).Value().(*T)
}

// goextCallback is a Python callable passed to one call. Go may call it from
// any goroutine until that call returns; afterwards calls fail without
// reaching Python (its function pointer is freed then) unless it is kept.
type goextCallback struct {
	function unsafe.Pointer
	name     string  // the Go parameter, for messages
	kept     bool    // keep=name: callable until Go drops it
	owner    uintptr // the thread of the call that passed it (goext_thread), if known
	mu       sync.RWMutex
	expired  atomic.Bool // written under mu; read without it on the owner's thread
	badMu    sync.Mutex
	bad      error // the first result that did not decode into its Go type
}

// goextPassed is a callable of one call (see goextCallback.owner); typed: a
// ctypes function Go calls with C types, whose owner one call into C finds.
func goextPassed(function unsafe.Pointer, name string, typed bool) *goextCallback {
	c := &goextCallback{function: function, name: name}
	if uintptr(function)&1 != 0 { // a cpython-mode record: the owner is its second word
		c.owner = *(*uintptr)(unsafe.Add(function, -1+int(unsafe.Sizeof(uintptr(0)))))
	} else if typed && function != nil {
		c.owner = uintptr(C.goext_thread())
	}
	return c
}

// goextKeep is a callable of a keep= parameter. Python holds it until Go drops
// the func value: its finalizer queues it for goextReleaser.
func goextKeep(function, release unsafe.Pointer, name string) *goextCallback {
	c := &goextCallback{function: function, name: name, kept: true}
	if function == nil { // None for a func variable or field: nothing to release
		return c
	}
	runtime.SetFinalizer(c, func(*goextCallback) { goextDropped(release, function) })
	return c
}

// Dropped callables wait here for one goroutine that releases them in batches:
// a finalizer must not block, and a goroutine each, all waiting for the GIL in
// cgo calls, would take a thread each (Go stops at 10000).
var (
	goextReleaseMu   sync.Mutex
	goextReleases    []uintptr
	goextReleaseFunc unsafe.Pointer // the same for every callable of a process
	goextReleaseOnce sync.Once
	goextReleaseWake = make(chan struct{}, 1)
)

func goextDropped(release, function unsafe.Pointer) {
	goextReleaseMu.Lock()
	goextReleases = append(goextReleases, uintptr(function))
	goextReleaseFunc = release
	goextReleaseMu.Unlock()
	goextReleaseOnce.Do(func() { go goextReleaser() })
	select {
	case goextReleaseWake <- struct{}{}:
	default: // already woken
	}
}

// goextReleaser calls release with the addresses of the dropped callables.
func goextReleaser() {
	for range goextReleaseWake {
		goextReleaseMu.Lock()
		batch, release := goextReleases, goextReleaseFunc
		goextReleases = nil
		goextReleaseMu.Unlock()
		if len(batch) == 0 || !goextEnterPython() {
			continue // after Python's exit nothing needs releasing
		}
		C.goext_call(release, (*C.char)(unsafe.Pointer(unsafe.SliceData(batch))),
			C.size_t(len(batch)*int(unsafe.Sizeof(batch[0]))), 0)
		goextLeavePython()
	}
}

// Python at exit says it is going: a thread entering a finalizing interpreter
// is killed, so from then on callbacks fail in Go. goextInPython counts the
// calls on their way in, which the exit waits for. Python says so only to a
// library that lets Go keep callables (goextWatchesExit, in the exports file):
// the others count nothing.
var (
	goextPythonGone atomic.Bool
	goextInPython   atomic.Int64
)

func goextEnterPython() bool {
	if !goextWatchesExit {
		return true
	}
	goextInPython.Add(1)
	if goextPythonGone.Load() {
		goextInPython.Add(-1)
		return false
	}
	return true
}

func goextLeavePython() {
	if goextWatchesExit {
		goextInPython.Add(-1)
	}
}

// goextPythonExit waits a bounded time for calls already in Python: the exit
// must not hang on a callable that never returns.
func goextPythonExit() {
	goextPythonGone.Store(true)
	deadline := time.Now().Add(2 * time.Second)
	for goextInPython.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
}

// check makes the outer call fail with a TypeError when a result did not decode.
func (c *goextCallback) check(name string) {
	c.badMu.Lock()
	defer c.badMu.Unlock()
	if c.bad != nil {
		panic(goextBadArgument{fmt.Errorf("callback %s: %w", name, c.bad)})
	}
}

// enter says whether a call through the callable's C type may go ahead (the
// call that passed it is running, Python is not exiting); leave follows a true.
// A call that may not go ahead leaves Go its zero result, as a refused JSON call does.
func (c *goextCallback) enter() bool {
	c.mu.RLock()
	if c.expired.Load() || !goextEnterPython() {
		c.mu.RUnlock()
		return false
	}
	return true
}

func (c *goextCallback) leave() {
	goextLeavePython()
	c.mu.RUnlock()
}

// goextDirectFailed keeps a direct call's panic for goext_last_failure.
func goextDirectFailed(value any) {
	failed := C.goext_last_failure()
	failed.status = goextRecovered((*goextHead)(unsafe.Pointer(failed)), value)
}

// goextLowest, goextHighest and goextNaN are the failure signs of direct calls.
func goextLowest[T ~int | ~int8 | ~int16 | ~int32 | ~int64]() T {
	return T(-1) << (8*unsafe.Sizeof(T(0)) - 1)
}

func goextHighest[T ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr]() T {
	return ^T(0)
}

func goextNaN[T ~float32 | ~float64]() T {
	return T(math.NaN())
}

// goextCBool is a bool as C takes it (cgo converts no bool).
func goextCBool(b bool) C.uchar {
	if b {
		return 1
	}
	return 0
}

type goextReply struct{ data []byte }

func (c *goextCallback) expire() {
	c.mu.Lock()
	c.expired.Store(true)
	c.mu.Unlock()
}

// call sends args to Python and decodes its answer into result (nil: none).
func (c *goextCallback) call(result any, args ...any) error {
	if !c.kept {
		c.mu.RLock()
		defer c.mu.RUnlock()
		if c.expired.Load() {
			return fmt.Errorf("setuptools-golang-ext: a Python callback was called after "+
				"the call that passed it returned; to let Go keep it, mark the function "+
				"`//python:export keep=%s`", c.name)
		}
	}
	if !goextEnterPython() {
		return errors.New("setuptools-golang-ext: a Python callback was called while " +
			"Python was exiting")
	}
	defer goextLeavePython()
	if uintptr(c.function)&1 != 0 {
		return goextCallNative(c.function, result, args)
	}
	payload, err := json.Marshal(append([]any{}, args...))
	if err != nil {
		return err
	}
	reply := &goextReply{}
	handle := cgo.NewHandle(reply)
	defer handle.Delete()
	status := C.goext_call(c.function, (*C.char)(unsafe.Pointer(unsafe.SliceData(payload))),
		C.size_t(len(payload)), C.uintptr_t(handle))
	if status != 0 {
		return errors.New(string(reply.data))
	}
	if result != nil {
		if err := json.Unmarshal(reply.data, result); err != nil {
			return c.remember(fmt.Errorf("result of the Python callback: %w", err))
		}
	}
	return nil
}

// goextCallNative calls a cpython-mode module's trampoline: numbers, bools,
// strings and []byte cross as themselves (strings and slices by address, alive
// through args until the call returns), no JSON either way.
func goextCallNative(function unsafe.Pointer, result any, args []any) error {
	values := make([]C.goext_value, len(args)+1)
	for i, arg := range args {
		goextNativeArg(&values[i], arg)
	}
	answer := &values[len(args)]
	var target reflect.Value
	if result != nil {
		target = reflect.ValueOf(result).Elem()
		answer.kind = C.int(goextNativeKind(target.Kind()))
	}
	status := C.goext_call_native(function, unsafe.SliceData(values), C.size_t(len(args)))
	runtime.KeepAlive(args)
	if status != 0 {
		return goextRaised(C.goext_value_data(answer), answer.n)
	}
	switch answer.kind {
	case 's':
		target.SetInt(int64(answer.bits))
	case 'u':
		target.SetUint(uint64(answer.bits))
	case 'f':
		target.SetFloat(math.Float64frombits(uint64(answer.bits)))
	case 'b':
		target.SetBool(answer.bits != 0)
	case 't':
		data := C.goext_value_data(answer)
		target.SetString(C.GoStringN((*C.char)(data), C.int(answer.n)))
		C.free(data)
	}
	return nil
}

// goextCallArgs are the arguments and the answer of one call of a cpython-mode
// trampoline with at most goextCallArgsMax arguments, typed by the generated
// closure: no reflect, no boxing, no heap (strings stay referenced in keep).
type goextCallArgs struct {
	c    C.goext_values
	keep [goextCallArgsMax]string
}

const goextCallArgsMax = C.GOEXT_VALUES_MAX

func (v *goextCallArgs) set(i int, bits uint64, kind byte) {
	v.c.v[i].bits, v.c.v[i].kind = C.uint64_t(bits), C.int(kind)
}

func (v *goextCallArgs) setString(i int, s string) {
	v.keep[i] = s
	v.c.v[i].bits = C.uint64_t(uintptr(unsafe.Pointer(unsafe.StringData(s))))
	v.c.v[i].n, v.c.v[i].kind = C.size_t(len(s)), 't'
}

func (v *goextCallArgs) bits(i int) uint64 { return uint64(v.c.v[i].bits) }

func (v *goextCallArgs) float(i int) float64 { return goextFloatOf(v.bits(i)) }

func goextFloatBits(x float64) uint64 { return math.Float64bits(x) }

func goextFloatOf(bits uint64) float64 { return math.Float64frombits(bits) }

func goextBoolBits(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// callValues calls the callable with values[:n], the answer's kind in values[n];
// false when it may not run or raised (Go keeps its zero result, as call does).
//
// From the owner's thread it needs no lock: only the goroutine of the call that
// passed the callable runs there while that call runs (cgo locks it to the
// thread), and a later call's goroutine on the same thread sees expired set.
func (c *goextCallback) callValues(v *goextCallArgs, n int) bool {
	out := C.goext_answer{status: C.GOEXT_NOT_OWNER}
	if c.owned() {
		out = C.goext_call_values_owned(C.uintptr_t(uintptr(c.function)), C.uintptr_t(c.owner),
			v.c, C.size_t(n))
		goextLeavePython()
	}
	if out.status == C.GOEXT_NOT_OWNER {
		return c.callLocked(v, n)
	}
	return c.answered(v, n, out)
}

// owned says whether a call may try the owner's way; goextLeavePython follows a true.
func (c *goextCallback) owned() bool {
	return c.owner != 0 && !c.expired.Load() && goextEnterPython()
}

// callLocked is callValues from any thread.
func (c *goextCallback) callLocked(v *goextCallArgs, n int) bool {
	if !c.enter() {
		return false
	}
	out := C.goext_call_values(C.uintptr_t(uintptr(c.function)), v.c, C.size_t(n))
	c.leave()
	return c.answered(v, n, out)
}

func (c *goextCallback) answered(v *goextCallArgs, n int, out C.goext_answer) bool {
	if out.status != 0 {
		C.goext_free_bits(out.answer.bits) // the exception's message: the outer call raises it
		return false
	}
	v.c.v[n] = out.answer
	return true
}

// callBits is callValues for numbers and bools: the n values as arguments and
// the kinds packed a byte each (the answer's at byte n), so nothing is copied
// but the arguments. The answer's bits, and false when it may not run or raised.
func (c *goextCallback) callBits(n int, kinds uint64, b0, b1, b2, b3 uint64) (uint64, bool) {
	if bits, ran, err := c.callOwned(n, kinds, b0, b1, b2, b3); ran {
		return bits, err == nil // an exception: the outer call raises it
	}
	var v goextCallArgs
	all := [goextCallArgsMax]uint64{b0, b1, b2, b3}
	for i, bits := range all[:n] {
		v.set(i, bits, byte(kinds>>(8*i)))
	}
	v.set(n, 0, byte(kinds>>(8*n)))
	if !c.callLocked(&v, n) {
		return 0, false
	}
	return v.bits(n), true
}

// callOwned is callBits from the owner's thread only: ran is false elsewhere, or
// when the callable may not run (call then says why); err is what it raised.
func (c *goextCallback) callOwned(n int, kinds uint64, b0, b1, b2, b3 uint64) (uint64, bool, error) {
	if !c.owned() {
		return 0, false, nil
	}
	out := C.goext_call_bits(C.uintptr_t(uintptr(c.function)), C.uintptr_t(c.owner),
		C.size_t(n), C.uint64_t(kinds), C.uint64_t(b0), C.uint64_t(b1), C.uint64_t(b2),
		C.uint64_t(b3))
	goextLeavePython()
	switch out.status {
	case 0:
		return uint64(out.bits), true, nil
	case C.GOEXT_NOT_OWNER:
		return 0, false, nil
	}
	return 0, true, goextRaised(C.goext_bits_data(out), out.n)
}

// goextRaised is the error of a callable's exception: its message, which Go frees.
func goextRaised(data unsafe.Pointer, n C.size_t) error {
	message := C.GoStringN((*C.char)(data), C.int(n))
	C.free(data)
	return errors.New(message)
}

// goextNativeKind is how a trampoline converts a Go kind: 's' signed, 'u'
// unsigned, 'f' float, 'b' bool, 't' string, 'y' []byte.
func goextNativeKind(kind reflect.Kind) byte {
	switch kind {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return 's'
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Uintptr:
		return 'u'
	case reflect.Float32, reflect.Float64:
		return 'f'
	case reflect.Bool:
		return 'b'
	case reflect.String:
		return 't'
	}
	return 'y'
}

func goextNativeArg(value *C.goext_value, arg any) {
	switch a := arg.(type) { // the common types without reflect
	case int:
		value.bits, value.kind = C.uint64_t(int64(a)), 's'
		return
	case int64:
		value.bits, value.kind = C.uint64_t(a), 's'
		return
	case float64:
		value.bits, value.kind = C.uint64_t(math.Float64bits(a)), 'f'
		return
	case string:
		value.bits = C.uint64_t(uintptr(unsafe.Pointer(unsafe.StringData(a))))
		value.n, value.kind = C.size_t(len(a)), 't'
		return
	}
	v := reflect.ValueOf(arg)
	kind := goextNativeKind(v.Kind())
	value.kind = C.int(kind)
	switch kind {
	case 's':
		value.bits = C.uint64_t(v.Int())
	case 'u':
		value.bits = C.uint64_t(v.Uint())
	case 'f':
		value.bits = C.uint64_t(math.Float64bits(v.Float()))
	case 'b':
		if v.Bool() {
			value.bits = 1
		}
	case 't':
		s := v.String()
		value.bits = C.uint64_t(uintptr(unsafe.Pointer(unsafe.StringData(s))))
		value.n = C.size_t(len(s))
	default: // []byte
		b := v.Bytes()
		value.bits = C.uint64_t(uintptr(unsafe.Pointer(unsafe.SliceData(b))))
		value.n = C.size_t(len(b))
	}
}

// remember keeps the first bad result to fail the outer call with (a kept
// callable has no call to fail: Go sees the error), and returns err.
func (c *goextCallback) remember(err error) error {
	if !c.kept {
		c.badMu.Lock()
		if c.bad == nil {
			c.bad = err
		}
		c.badMu.Unlock()
	}
	return err
}

// goextAnyOut is an interface value as a callback argument: nil, a bool,
// number or string as itself, anything else as [handle, class id] (goextClassOf).
func goextAnyOut(value any) any {
	switch reflect.ValueOf(value).Kind() {
	case reflect.Invalid:
		return nil
	case reflect.Bool, reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32,
		reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32,
		reflect.Uint64, reflect.Float32, reflect.Float64:
		return value
	}
	handle, id := goextClassOf(value)
	return [2]any{handle, id}
}

// goextRaw holds a callback's answer undecoded (the wrappers' file imports no json).
type goextRaw = json.RawMessage

// goextAnswer is a callback's interface result, sent as goextPlain's tagged JSON;
// a value that is no T fails as a result that did not decode.
func goextAnswer[T any](c *goextCallback, raw json.RawMessage, err error) (T, error) {
	var zero T
	if err != nil || len(raw) == 0 {
		return zero, err
	}
	var parsed any
	if err := json.Unmarshal(raw, &parsed); err != nil {
		return zero, c.remember(err)
	}
	value, err := goextUntag(parsed)
	if err != nil || value == nil {
		return zero, err
	}
	got, ok := value.(T)
	if !ok {
		return zero, c.remember(fmt.Errorf("result of the Python callback: a %T is no %v",
			value, reflect.TypeOf(&zero).Elem()))
	}
	return got, nil
}

func goextSetReply(handle uintptr, data []byte) {
	cgo.Handle(handle).Value().(*goextReply).data = data
}

// Contexts of running calls by id, so that Python can cancel one on Ctrl-C.
type goextCall struct {
	ctx    context.Context
	cancel context.CancelFunc
}

var (
	goextCallsMu sync.Mutex
	goextCalls   = map[uint64]goextCall{}
	goextLastID  uint64
)

func goextNewContext() uint64 {
	ctx, cancel := context.WithCancel(context.Background())
	goextCallsMu.Lock()
	defer goextCallsMu.Unlock()
	goextLastID++
	goextCalls[goextLastID] = goextCall{ctx, cancel}
	return goextLastID
}

func goextCancelContext(id uint64) {
	goextCallsMu.Lock()
	call, ok := goextCalls[id]
	goextCallsMu.Unlock()
	if ok {
		call.cancel()
	}
}

// goextTakeContext returns the context of id and a function ending it.
func goextTakeContext(id uint64) (context.Context, func()) {
	goextCallsMu.Lock()
	call, ok := goextCalls[id]
	goextCallsMu.Unlock()
	if !ok {
		panic("setuptools-golang-ext: unknown call context")
	}
	return call.ctx, func() {
		call.cancel()
		goextCallsMu.Lock()
		delete(goextCalls, id)
		goextCallsMu.Unlock()
	}
}

// A stream is an iter.Seq, iter.Seq2 or receive channel result that Python
// iterates: it pulls batches of up to n items (done: none follow) and stops it
// early by closing it. end cancels the call's context (nil without one).
type goextStreamer interface {
	fill(n int) (data unsafe.Pointer, size uintptr, done bool)
	stop()
}

// How a batch crosses: the items' memory (numbers) or a JSON array.
func goextRawItems[T any](items []T) (unsafe.Pointer, uintptr) { return goextSlice(items) }

func goextJSONItems[T any](items []T) (unsafe.Pointer, uintptr) { return goextEncode(items, "[]") }

// goextStreamOut is the record of goext_stream_next: a JSON array of items.
type goextStreamOut struct {
	goextHead
	data unsafe.Pointer
	n    uintptr
	done int32
}

func goextStreamHandle(s goextStreamer) uintptr { return uintptr(cgo.NewHandle(s)) }

// goextPair is an item of an iter.Seq2: a JSON array of two, a tuple in Python.
type goextPair[K, V any] struct {
	k K
	v V
}

func (p goextPair[K, V]) MarshalJSON() ([]byte, error) { return json.Marshal([2]any{p.k, p.v}) }

// goextBatch is what the producer goroutine of a sequence hands over.
type goextBatch[T any] struct {
	items []T
	done  bool
	panic any
}

// goextPull runs a sequence in its own goroutine, one batch per request: the
// sequence runs only while Python waits for items, and once Python stops it,
// its yield returns false.
type goextPull[T any] struct {
	run      func(yield func(T) bool)
	end      func()
	encode   func([]T) (unsafe.Pointer, uintptr)
	requests chan int
	batches  chan goextBatch[T] // one slot: the last batch of a stopped stream
	mu       sync.Mutex         // Python threads may share an iterator
	started  bool
	finished bool
}

func goextSeqStream[T any](seq func(yield func(T) bool), end func(),
	encode func([]T) (unsafe.Pointer, uintptr)) uintptr {
	return goextStreamHandle(&goextPull[T]{run: seq, end: end, encode: encode,
		requests: make(chan int), batches: make(chan goextBatch[T], 1)})
}

func goextSeq2Stream[K, V any](seq func(yield func(K, V) bool), end func(),
	_ func([]goextPair[K, V]) (unsafe.Pointer, uintptr)) uintptr {
	var run func(yield func(goextPair[K, V]) bool)
	if seq != nil {
		run = func(yield func(goextPair[K, V]) bool) {
			seq(func(k K, v V) bool { return yield(goextPair[K, V]{k, v}) })
		}
	}
	return goextSeqStream(run, end, goextJSONItems[goextPair[K, V]])
}

func (p *goextPull[T]) produce() {
	var batch []T
	n, more := <-p.requests
	defer func() {
		p.batches <- goextBatch[T]{items: batch, done: true, panic: recover()}
	}()
	if !more {
		return
	}
	p.run(func(item T) bool {
		if !more { // a sequence that ignores a false yield gets false again
			return false
		}
		batch = append(batch, item)
		if len(batch) < n {
			return true
		}
		p.batches <- goextBatch[T]{items: batch}
		batch = nil
		n, more = <-p.requests
		return more
	})
}

func (p *goextPull[T]) fill(n int) (unsafe.Pointer, uintptr, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished || p.run == nil {
		p.finish()
		data, size := p.encode(nil)
		return data, size, true
	}
	if !p.started {
		p.started = true
		go p.produce()
	}
	p.requests <- n
	b := <-p.batches
	if b.done {
		p.finish()
	}
	if b.panic != nil {
		panic(b.panic)
	}
	data, size := p.encode(b.items)
	return data, size, b.done
}

func (p *goextPull[T]) finish() {
	if !p.finished {
		p.finished = true
		if p.end != nil {
			p.end()
		}
	}
}

func (p *goextPull[T]) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.started && !p.finished {
		close(p.requests) // the pending yield returns false
		select {          // wait for the sequence to return, but never hang Python
		case <-p.batches:
		case <-time.After(time.Second):
		}
	}
	p.finish()
}

// goextChanStream reads a channel: the first item of a batch waits, the rest
// are what the channel already holds.
type goextChanStream[T any] struct {
	ch       <-chan T
	end      func()
	encode   func([]T) (unsafe.Pointer, uintptr)
	mu       sync.Mutex // one receiving batch at a time
	finished atomic.Bool
	ended    sync.Once
}

func goextChanHandle[T any](ch <-chan T, end func(),
	encode func([]T) (unsafe.Pointer, uintptr)) uintptr {
	return goextStreamHandle(&goextChanStream[T]{ch: ch, end: end, encode: encode})
}

func (c *goextChanStream[T]) fill(n int) (unsafe.Pointer, uintptr, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	items, done := c.receive(n)
	if done {
		c.stop()
	}
	data, size := c.encode(items)
	return data, size, done
}

// receive waits for one item, then takes what the producer sends within the
// next millisecond: a batch per call for a fast producer, little delay for a slow one.
func (c *goextChanStream[T]) receive(n int) ([]T, bool) {
	if c.finished.Load() || c.ch == nil {
		return nil, true
	}
	item, ok := <-c.ch
	if !ok {
		return nil, true
	}
	items := []T{item}
	wait := time.NewTimer(time.Millisecond)
	defer wait.Stop()
	for len(items) < n {
		select {
		case item, ok = <-c.ch:
			if !ok {
				return items, true
			}
			items = append(items, item)
		case <-wait.C:
			return items, false
		}
	}
	return items, false
}

// stop may run while another thread waits in fill: cancelling the context is
// what lets a well-behaved producer close the channel and end that wait.
func (c *goextChanStream[T]) stop() {
	c.finished.Store(true)
	c.ended.Do(func() {
		if c.end != nil {
			c.end()
		}
	})
}

// goextPinned hands Python a slice's own memory (nocopy=result): its address,
// its size in bytes and a handle to the runtime.Pinner that keeps it in place
// until Python drops its view and calls goext_unpin.
func goextPinned[T any](s []T) (uintptr, uintptr, uintptr) {
	if len(s) == 0 {
		return 0, 0, 0
	}
	data := unsafe.SliceData(s)
	pinner := &runtime.Pinner{}
	pinner.Pin(data)
	return uintptr(unsafe.Pointer(data)), uintptr(len(s)) * unsafe.Sizeof(s[0]),
		uintptr(cgo.NewHandle(pinner))
}

// An iter.Seq[T] or channel parameter pulls its items from the Python iterable
// through a callback as Go consumes them: a batch of 1 first, doubling up to
// goextLargestFeed, so Python runs ahead of Go by at most one batch. A short
// batch ends the items; so does a failed pull (the iterator raised, or the call
// returned), whose exception the call raises.
const goextLargestFeed = 4096

func goextSeqFrom[T any](pull *goextCallback) func(yield func(T) bool) {
	return func(yield func(T) bool) {
		for n := 1; ; n = goextNextFeed(n) {
			var batch []T
			if pull.call(&batch, n) != nil {
				return
			}
			for _, item := range batch {
				if !yield(item) {
					return
				}
			}
			if len(batch) < n {
				return
			}
		}
	}
}

func goextNextFeed(n int) int {
	if 2*n > goextLargestFeed {
		return goextLargestFeed
	}
	return 2 * n
}

// goextChanParam is a channel parameter and the goroutine feeding or draining
// it, which stop ends, and waits for, when the call returns.
type goextChanParam[T any] struct {
	ch       chan T
	done     chan struct{}
	finished chan struct{}
}

func goextStartChan[T any](size int, work func(c *goextChanParam[T])) *goextChanParam[T] {
	c := &goextChanParam[T]{ch: make(chan T, size), done: make(chan struct{}),
		finished: make(chan struct{})}
	go func() {
		defer close(c.finished)
		work(c)
	}()
	return c
}

func (c *goextChanParam[T]) stop() {
	close(c.done)
	<-c.finished
}

// A <-chan T or chan T parameter: the goroutine sends the pulled items and
// closes the channel at their end, or when the call returns even if Go stopped
// receiving early. The small buffer saves a goroutine switch per item (an
// unbuffered channel cost 12 to 18 us an item).
const goextFeedBuffer = 64

func goextChanFrom[T any](pull *goextCallback) *goextChanParam[T] {
	return goextStartChan(goextFeedBuffer, func(c *goextChanParam[T]) {
		c.feed(goextSeqFrom[T](pull))
	})
}

func (c *goextChanParam[T]) feed(items func(yield func(T) bool)) {
	defer close(c.ch)
	items(func(item T) bool {
		select {
		case c.ch <- item:
			return true
		case <-c.done:
			return false
		}
	})
}

// A chan<- T parameter: the goroutine receives what Go sends and hands Python
// each batch that arrived while the last was delivered; when the call returns,
// it delivers what the buffer still holds. After a failed delivery it keeps
// receiving, so Go's sends never block for good.
func goextChanTo[T any](deliver *goextCallback) *goextChanParam[T] {
	return goextStartChan(goextLargestFeed, func(c *goextChanParam[T]) { c.drain(deliver) })
}

func (c *goextChanParam[T]) drain(deliver *goextCallback) {
	failed := false
	for open := true; open; {
		var batch []T
		select {
		case item, ok := <-c.ch:
			if !ok {
				return
			}
			batch, open = c.take([]T{item})
		case <-c.done:
			batch, open = c.take(nil)
			open = false
		}
		if len(batch) > 0 && !failed {
			failed = deliver.call(nil, batch) != nil
		}
	}
}

// take adds what the channel holds now to batch; open is false once Go closed it.
func (c *goextChanParam[T]) take(batch []T) ([]T, bool) {
	for len(batch) < goextLargestFeed {
		select {
		case item, ok := <-c.ch:
			if !ok {
				return batch, false
			}
			batch = append(batch, item)
		default:
			return batch, true
		}
	}
	return batch, true
}

// goextDataDepth bounds how deep goextDataOut walks (a map holding itself would
// otherwise overflow Go's stack, which kills the process).
const goextDataDepth = 200

// goextData is an argument of a slice, array or string-keyed map holding `any`
// or []byte (map[string]any, []map[string]any, [][][]byte): the Python value
// arrives as an `any` argument does, and is fitted into T item by item.
func goextData[T any](handle uintptr, data unsafe.Pointer, n uintptr, name string) T {
	var out T
	value := goextInterface[any](handle, data, n, name)
	if value == nil { // None: a nil map or slice
		return out
	}
	if err := goextFit(reflect.ValueOf(&out).Elem(), value, "argument '"+name+"'"); err != nil {
		panic(goextBadArgument{err})
	}
	return out
}

// goextFit sets target from a value goextPlain decoded; the error names where
// inside the argument the value does not fit.
func goextFit(target reflect.Value, value any, where string) error {
	t := target.Type()
	if value == nil {
		if t.Kind() == reflect.Interface {
			return nil
		}
		return fmt.Errorf("%s: None cannot be a Go %s (only a pointer can be nil)", where,
			goextGoName(t))
	}
	v := reflect.ValueOf(value)
	if v.Type().AssignableTo(t) {
		target.Set(v)
		return nil
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return goextFitItems(target, value, where)
	case reflect.Map:
		items, ok := value.(map[string]any)
		if !ok || t.Key().Kind() != reflect.String {
			return goextMisfit(where, t, value)
		}
		target.Set(reflect.MakeMapWithSize(t, len(items)))
		for key, item := range items {
			element := reflect.New(t.Elem()).Elem()
			if err := goextFit(element, item, fmt.Sprintf("%s['%s']", where, key)); err != nil {
				return err
			}
			target.SetMapIndex(reflect.ValueOf(key).Convert(t.Key()), element)
		}
		return nil
	}
	return goextFitScalar(target, value, where)
}

// goextFitItems fills a slice or an array (of exactly its length) from a list.
func goextFitItems(target reflect.Value, value any, where string) error {
	t := target.Type()
	items, ok := value.([]any)
	if !ok {
		return goextMisfit(where, t, value)
	}
	if t.Kind() == reflect.Array && len(items) != t.Len() {
		return fmt.Errorf("%s must have exactly %d items, not %d", where, t.Len(), len(items))
	}
	if t.Kind() == reflect.Slice {
		target.Set(reflect.MakeSlice(t, len(items), len(items)))
	}
	for i, item := range items {
		if err := goextFit(target.Index(i), item, fmt.Sprintf("%s[%d]", where, i)); err != nil {
			return err
		}
	}
	return nil
}

// goextFitScalar sets a number, bool or string, checking an integer's range.
func goextFitScalar(target reflect.Value, value any, where string) error {
	t := target.Type()
	switch number := value.(type) {
	case int64:
		switch {
		case target.CanInt() && !target.OverflowInt(number):
			target.SetInt(number)
		case target.CanUint() && number >= 0 && !target.OverflowUint(uint64(number)):
			target.SetUint(uint64(number))
		case target.CanFloat():
			target.SetFloat(float64(number))
		case target.CanInt() || target.CanUint():
			return fmt.Errorf("%s: %d is out of range for %v", where, number, t)
		default:
			return goextMisfit(where, t, value)
		}
		return nil
	case float64:
		if target.CanFloat() {
			target.SetFloat(number)
			return nil
		}
	case string:
		if t.Kind() == reflect.String {
			target.SetString(number)
			return nil
		}
	case bool:
		if t.Kind() == reflect.Bool {
			target.SetBool(number)
			return nil
		}
	}
	return goextMisfit(where, t, value)
}

// goextMisfit says that a Python value cannot be a Go t, in Python's words.
func goextMisfit(where string, t reflect.Type, value any) error {
	python := map[string]string{"int64": "int", "float64": "float", "string": "str",
		"bool": "bool", "[]uint8": "bytes", "[]interface {}": "list",
		"map[string]interface {}": "dict"}[fmt.Sprintf("%T", value)]
	if python == "" {
		python = fmt.Sprintf("Go %T", value)
	}
	return fmt.Errorf("%s must be %s (Go %s), not %s", where, goextPythonName(t), goextGoName(t),
		python)
}

// goextGoName spells a type as Go source does: []byte, any.
func goextGoName(t reflect.Type) string {
	return strings.NewReplacer("interface {}", "any", "[]uint8", "[]byte").Replace(t.String())
}

// goextPythonName is what Python passes for a Go type of data.
func goextPythonName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "bytes"
		}
		return "a list"
	case reflect.Array:
		return "a list"
	case reflect.Map:
		return "a dict"
	case reflect.String:
		return "str"
	case reflect.Bool:
		return "bool"
	case reflect.Float32, reflect.Float64:
		return "a float"
	}
	return "an int"
}

// goextDataOut is a result of data holding `any` or []byte: tagged JSON as
// goextPlain reads it, each Go value Python has no plain value for as
// ["h", handle, class id] (goextClassOf).
func goextDataOut(value any) (unsafe.Pointer, uintptr) {
	tagged := goextTag(reflect.ValueOf(value), 0)
	data, err := json.Marshal(tagged)
	if err != nil {
		panic(err)
	}
	return goextSlice(data)
}

func goextTag(v reflect.Value, depth int) any {
	if depth > goextDataDepth {
		panic(fmt.Sprintf("the value is nested more than %d levels deep", goextDataDepth))
	}
	switch v.Kind() {
	case reflect.Invalid:
		return nil
	case reflect.Interface:
		return goextTag(v.Elem(), depth)
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return [2]any{"i", strconv.FormatInt(v.Int(), 10)}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Uintptr:
		return [2]any{"i", strconv.FormatUint(v.Uint(), 10)}
	case reflect.Float32, reflect.Float64:
		return [2]any{"f", strconv.FormatFloat(v.Float(), 'g', -1, 64)}
	case reflect.String:
		if !utf8.ValidString(v.String()) { // its bytes: JSON would replace the bad ones
			return [2]any{"x", base64.StdEncoding.EncodeToString([]byte(v.String()))}
		}
		return [2]any{"s", v.String()}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 { // []byte, [16]byte, named too
			raw := make([]byte, v.Len())
			reflect.Copy(reflect.ValueOf(raw), v)
			return [2]any{"b", base64.StdEncoding.EncodeToString(raw)}
		}
		items := make([]any, v.Len())
		for i := range items {
			items[i] = goextTag(v.Index(i), depth+1)
		}
		return [2]any{"l", items}
	case reflect.Map:
		if v.Type().Key().Kind() == reflect.String {
			items := make(map[string]any, v.Len())
			for it := v.MapRange(); it.Next(); {
				items[it.Key().String()] = goextTag(it.Value(), depth+1)
			}
			return [2]any{"d", items}
		}
	}
	if !v.CanInterface() {
		return nil
	}
	handle, id := goextClassOf(v.Interface())
	return [3]any{"h", handle, id}
}
