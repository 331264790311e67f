/* The C side of package python: small helpers over CPython's limited API
   (3.11: the buffer protocol is in it), so one cgo call does what would
   otherwise take many. */
#ifndef GOEXT_PYTHON_CAPI_H
#define GOEXT_PYTHON_CAPI_H

#define PY_SSIZE_T_CLEAN
#ifndef Py_LIMITED_API
#define Py_LIMITED_API 0x030B0000
#endif
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>

enum goext_kind {
    GOEXT_NONE, GOEXT_BOOL, GOEXT_INT, GOEXT_UINT, GOEXT_FLOAT, GOEXT_STR, GOEXT_BYTES,
    GOEXT_BYTEARRAY, GOEXT_LIST, GOEXT_TUPLE, GOEXT_DICT, GOEXT_OBJECT,
};

/* One argument or result: a scalar by value, or an object (a new reference). */
typedef struct {
    int kind;
    long long i;
    double f;
    PyObject *o;
} goext_value;

int goext_ensure(void);
void goext_release(int state);
int goext_kind_of(PyObject *o);
PyObject *goext_none(void);
PyObject *goext_bool(int b);
PyObject *goext_new_value(goext_value *v);
int goext_call(PyObject *callable, goext_value *args, int n, PyObject *kwargs,
               goext_value *result, PyObject **exception);
int goext_call_gil(PyObject *callable, goext_value *args, int n, goext_value *result,
                   PyObject **exception);
PyObject *goext_take_exception(void);
PyObject *goext_timestamp(PyObject *datetime);
PyObject *goext_describe_exception(PyObject *exception);
PyObject *goext_new_buffer(void *data, Py_ssize_t count, Py_ssize_t itemsize,
                           const char *format, uintptr_t handle);
Py_buffer *goext_get_buffer(PyObject *o, int writable, PyObject **exception);
void goext_release_buffer(Py_buffer *view);
void *goext_unblock(void);
void goext_reblock(void *saved);
extern void goextBufferReleased(uintptr_t handle);

#endif
