/* The C side of package python: small helpers over CPython's limited API
   (3.11: the buffer protocol is in it), so one cgo call does what would
   otherwise take many. */
#ifndef GOPY_PYTHON_CAPI_H
#define GOPY_PYTHON_CAPI_H

#define PY_SSIZE_T_CLEAN
#ifndef Py_LIMITED_API
#define Py_LIMITED_API 0x030B0000
#endif
#if defined(__has_include) && !__has_include(<Python.h>)
#error "setuptools-golang-ext.dev/python: Python.h not found. In a Go program, set the flags first: eval \"$(python -m setuptools_golang_ext cgo-env)\" (extensions built by setuptools-golang-ext get them automatically)"
#endif
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>

enum gopy_kind {
    GOPY_NONE, GOPY_BOOL, GOPY_INT, GOPY_UINT, GOPY_FLOAT, GOPY_STR, GOPY_BYTES,
    GOPY_BYTEARRAY, GOPY_LIST, GOPY_TUPLE, GOPY_DICT, GOPY_OBJECT,
};

/* One argument or result: a scalar by value, or an object (a new reference). */
typedef struct {
    int kind;
    long long i;
    double f;
    PyObject *o;
} gopy_value;

int gopy_ensure(void);
void gopy_release(int state);
int gopy_kind_of(PyObject *o);
PyObject *gopy_none(void);
PyObject *gopy_bool(int b);
PyObject *gopy_new_value(gopy_value *v);
int gopy_call(PyObject *callable, gopy_value *args, int n, PyObject *kwargs,
               gopy_value *result, PyObject **exception);
int gopy_call_gil(PyObject *callable, gopy_value *args, int n, gopy_value *result,
                   PyObject **exception);
PyObject *gopy_take_exception(void);
PyObject *gopy_timestamp(PyObject *datetime);
PyObject *gopy_describe_exception(PyObject *exception);
PyObject *gopy_new_buffer(void *data, Py_ssize_t count, Py_ssize_t itemsize,
                           const char *format, uintptr_t handle);
Py_buffer *gopy_get_buffer(PyObject *o, int writable, PyObject **exception);
void gopy_release_buffer(Py_buffer *view);
PyObject *gopy_wrap(PyObject *cls, uintptr_t handle);
uintptr_t gopy_handle_of(PyObject *o);
void *gopy_unblock(void);
void gopy_reblock(void *saved);
extern void gopyBufferReleased(uintptr_t handle);

#endif
