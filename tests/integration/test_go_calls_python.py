"""Go calling Python through the C API (the go-python3 seed's need), from goroutines,
following docs/python_capi.md's GIL rules word for word: the calling thread
releases the GIL while it waits, each goroutine locks its OS thread and takes the
GIL with PyGILState_Ensure, and Go imports a Python module and calls into it.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from ..helpers import build_inplace, run, write_project

FANOUT_GO = """package main

/*
#define Py_LIMITED_API 0x03090000
#include <Python.h>
*/
import "C"

import (
	"runtime"
	"sync"
)

// callWithInt calls f(i) and returns the new reference (NULL with an exception set).
func callWithInt(f *C.PyObject, i int) *C.PyObject {
	args := C.PyTuple_New(1)
	if args == nil {
		return nil
	}
	C.PyTuple_SetItem(args, 0, C.PyLong_FromLongLong(C.longlong(i))) // steals the reference
	defer C.Py_DecRef(args)
	return C.PyObject_CallObject(f, args)
}

// fanout(f, n): f(0) ... f(n-1), each called from its own goroutine; the results,
// as a JSON text made by Python's json module, imported from Go.
//
//export fanout
func fanout(self, args *C.PyObject) *C.PyObject {
	f := C.PyTuple_GetItem(args, 0) // borrowed
	n := int(C.PyLong_AsLongLong(C.PyTuple_GetItem(args, 1)))
	results := C.PyList_New(C.Py_ssize_t(n))
	failed := false

	runtime.LockOSThread() // Save and Restore run on the same thread
	save := C.PyEval_SaveThread()
	var wait sync.WaitGroup
	for i := 0; i < n; i++ {
		wait.Add(1)
		go func(i int) {
			defer wait.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			state := C.PyGILState_Ensure()
			defer C.PyGILState_Release(state)
			value := callWithInt(f, i)
			if value == nil {
				C.PyErr_Clear()
				failed = true // written under the GIL
				value = C.PyLong_FromLongLong(-1)
			}
			C.PyList_SetItem(results, C.Py_ssize_t(i), value) // steals the reference
		}(i)
	}
	wait.Wait()
	C.PyEval_RestoreThread(save)
	runtime.UnlockOSThread()

	defer C.Py_DecRef(results)
	if failed {
		C.PyErr_SetString(C.PyExc_RuntimeError, C.CString("a call from a goroutine failed"))
		return nil
	}
	json := C.PyImport_ImportModule(C.CString("json"))
	if json == nil {
		return nil
	}
	defer C.Py_DecRef(json)
	dumps := C.PyObject_GetAttrString(json, C.CString("dumps"))
	if dumps == nil {
		return nil
	}
	defer C.Py_DecRef(dumps)
	pack := C.PyTuple_New(1)
	C.Py_IncRef(results)
	C.PyTuple_SetItem(pack, 0, results)
	defer C.Py_DecRef(pack)
	return C.PyObject_CallObject(dumps, pack)
}

func main() {}
"""

MODULE_C = """#define Py_LIMITED_API 0x03090000
#include <Python.h>

PyObject *fanout(PyObject *, PyObject *);

static PyMethodDef methods[] = {
    {"fanout", fanout, METH_VARARGS, "f(0)..f(n-1) from goroutines, as JSON."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fanout", NULL, -1, methods};

PyMODINIT_FUNC PyInit_fanout(void) { return PyModule_Create(&module); }
"""


def test_goroutines_call_python_and_go_imports_a_python_module(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {
        "mypkg/fanout/go.mod": "module example.com/fanout\n\ngo 1.21\n",
        "mypkg/fanout/fanout.go": FANOUT_GO,
        "mypkg/fanout/module.c": MODULE_C,
    }, ext_modules='GoExtension("mypkg.fanout", "mypkg/fanout")')
    build_inplace(project).check()
    code = textwrap.dedent("""
        import json, threading
        import mypkg.fanout as m
        seen = set()
        def square(i):
            seen.add(threading.get_ident())
            return i * i
        print(json.loads(m.fanout(square, 64)) == [i * i for i in range(64)])
        print(threading.get_ident() not in seen)  # called on Go's threads
        for _ in range(20):
            m.fanout(square, 16)  # again and again: no deadlock, no lost GIL
        def fail(i):
            raise ValueError(i)
        try:
            m.fanout(fail, 4)
        except RuntimeError as error:
            print(error)
    """)
    output = run([sys.executable, "-c", code], cwd=project, timeout=120).check().output
    assert output.split("\n")[:3] == ["True", "True", "a call from a goroutine failed"], output
