#include "capi.h"

/* ---- The GIL from any OS thread ------------------------------------------

   PyGILState_Ensure on a thread without a thread state creates one, and the
   matching Release deletes it again: a few microseconds per call. The first
   Ensure on each thread is never released, so the thread state lives as long
   as the OS thread; every later Ensure/Release pair only takes and drops the
   GIL. Go reuses its threads, so there are few of them. */
static _Thread_local int kept_thread_state;

/* Set by an atexit handler: once Python shuts down, Go must not take the GIL
   (a finalizer or goroutine doing so would hang or crash the exiting process). */
static volatile int exiting;
static int at_exit_registered; /* read and written under the GIL */

static PyObject *at_exit(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    exiting = 1;
    Py_RETURN_NONE;
}

static PyMethodDef at_exit_def = {"gopython_at_exit", at_exit, METH_NOARGS, NULL};

static void register_at_exit(void) {
    at_exit_registered = 1;
    PyObject *atexit = PyImport_ImportModule("atexit");
    PyObject *handler = PyCFunction_New(&at_exit_def, NULL);
    PyObject *done = atexit && handler
        ? PyObject_CallMethod(atexit, "register", "O", handler) : NULL;
    Py_XDECREF(done);
    Py_XDECREF(handler);
    Py_XDECREF(atexit);
    PyErr_Clear();
}

/* A PyGILState_STATE, or -1 (without the GIL) when Python is shutting down. */
int gopy_ensure(void) {
    if (exiting) {
        return -1;
    }
    if (!kept_thread_state) {
        PyGILState_STATE first = PyGILState_Ensure();
        kept_thread_state = 1;
        if (first == PyGILState_UNLOCKED) {
            PyEval_SaveThread(); /* the thread state stays; only the GIL goes */
        }
    }
    int state = (int)PyGILState_Ensure();
    if (!at_exit_registered) {
        register_at_exit();
    }
    return state;
}

void gopy_release(int state) { PyGILState_Release((PyGILState_STATE)state); }

/* Lets other threads take the GIL while Go waits, if this thread holds it. */
void *gopy_unblock(void) {
    int state = gopy_ensure();
    if (state < 0) {
        return NULL;
    }
    gopy_release(state); /* LOCKED: only the count drops; the GIL stays with us */
    if (state == (int)PyGILState_UNLOCKED) {
        return NULL; /* this thread did not hold the GIL: nothing to release */
    }
    return PyEval_SaveThread();
}

void gopy_reblock(void *saved) {
    if (saved != NULL) {
        PyEval_RestoreThread((PyThreadState *)saved);
    }
}

/* ---- Values ---------------------------------------------------------------- */

int gopy_kind_of(PyObject *o) {
    if (o == Py_None) return GOPY_NONE;
    if (PyBool_Check(o)) return GOPY_BOOL;
    if (PyLong_Check(o)) return GOPY_INT;
    if (PyFloat_Check(o)) return GOPY_FLOAT;
    if (PyUnicode_Check(o)) return GOPY_STR;
    if (PyBytes_Check(o)) return GOPY_BYTES;
    if (PyByteArray_Check(o)) return GOPY_BYTEARRAY;
    if (PyList_Check(o)) return GOPY_LIST;
    if (PyTuple_Check(o)) return GOPY_TUPLE;
    if (PyDict_Check(o)) return GOPY_DICT;
    return GOPY_OBJECT;
}

PyObject *gopy_none(void) { return Py_NewRef(Py_None); }

PyObject *gopy_bool(int b) { return PyBool_FromLong(b); }

/* A new reference for v; an object in v is a reference the caller gives away. */
PyObject *gopy_new_value(gopy_value *v) {
    switch (v->kind) {
    case GOPY_NONE: return Py_NewRef(Py_None);
    case GOPY_BOOL: return PyBool_FromLong((long)v->i);
    case GOPY_INT: return PyLong_FromLongLong(v->i);
    case GOPY_UINT: return PyLong_FromUnsignedLongLong((unsigned long long)v->i);
    case GOPY_FLOAT: return PyFloat_FromDouble(v->f);
    default: return v->o;
    }
}

/* The result as a scalar when it is one, else as the object itself. */
static void unpack_result(PyObject *r, gopy_value *result) {
    result->o = NULL;
    result->kind = gopy_kind_of(r);
    if (result->kind == GOPY_INT) {
        int overflow = 0;
        result->i = PyLong_AsLongLongAndOverflow(r, &overflow);
        if (overflow == 0) {
            Py_DecRef(r);
            return;
        }
        result->kind = GOPY_OBJECT; /* too large for int64: Go decodes the object */
    } else if (result->kind == GOPY_FLOAT) {
        result->f = PyFloat_AsDouble(r);
        Py_DecRef(r);
        return;
    } else if (result->kind == GOPY_BOOL || result->kind == GOPY_NONE) {
        result->i = (r == Py_True);
        Py_DecRef(r);
        return;
    }
    result->o = r;
}

/* callable(*args, **kwargs) with the GIL held. The argument objects are given
   away (also on failure). 0 on success; -1 with *exception set. */
int gopy_call(PyObject *callable, gopy_value *args, int n, PyObject *kwargs,
               gopy_value *result, PyObject **exception) {
    PyObject *tuple = PyTuple_New(n);
    int failed = tuple == NULL;
    for (int k = 0; k < n; k++) {
        PyObject *item = gopy_new_value(&args[k]);
        if (item == NULL || failed) {
            failed = 1;
            Py_XDECREF(item);
            continue;
        }
        PyTuple_SetItem(tuple, k, item); /* steals the reference */
    }
    PyObject *r = failed ? NULL : PyObject_Call(callable, tuple, kwargs);
    Py_XDECREF(tuple);
    if (r == NULL) {
        *exception = gopy_take_exception();
        return -1;
    }
    unpack_result(r, result);
    return 0;
}

/* The same, taking and dropping the GIL itself: one cgo call per Go call. */
int gopy_call_gil(PyObject *callable, gopy_value *args, int n, gopy_value *result,
                   PyObject **exception) {
    int state = gopy_ensure();
    if (state < 0) {
        return -2; /* Python is shutting down */
    }
    int rc = gopy_call(callable, args, n, NULL, result, exception);
    gopy_release(state);
    return rc;
}

PyObject *gopy_timestamp(PyObject *datetime) {
    return PyObject_CallMethod(datetime, "timestamp", NULL);
}

/* ---- Exceptions ------------------------------------------------------------ */

/* The raised exception (a new reference, its traceback attached); NULL if none. */
PyObject *gopy_take_exception(void) {
    PyObject *type = NULL, *value = NULL, *traceback = NULL;
    PyErr_Fetch(&type, &value, &traceback);
    if (type == NULL) {
        return NULL;
    }
    PyErr_NormalizeException(&type, &value, &traceback);
    if (value != NULL && traceback != NULL) {
        PyException_SetTraceback(value, traceback);
    }
    Py_XDECREF(traceback);
    if (value == NULL) {
        value = Py_NewRef(Py_None);
    }
    Py_DECREF(type);
    return value;
}

/* (type name, str(exception), formatted traceback) as a tuple of three str. */
PyObject *gopy_describe_exception(PyObject *exception) {
    PyObject *type = PyObject_Type(exception);
    PyObject *name = type ? PyType_GetQualName((PyTypeObject *)type) : NULL;
    PyObject *message = PyObject_Str(exception);
    PyObject *text = NULL;
    PyObject *module = PyImport_ImportModule("traceback");
    if (module != NULL) {
        PyObject *lines = PyObject_CallMethod(module, "format_exception", "O", exception);
        if (lines != NULL) {
            PyObject *empty = PyUnicode_FromString("");
            text = empty ? PyUnicode_Join(empty, lines) : NULL;
            Py_XDECREF(empty);
            Py_DECREF(lines);
        }
        Py_DECREF(module);
    }
    PyObject *result = NULL;
    if (name != NULL && message != NULL && text != NULL) {
        result = PyTuple_Pack(3, name, message, text);
    }
    Py_XDECREF(type);
    Py_XDECREF(name);
    Py_XDECREF(message);
    Py_XDECREF(text);
    PyErr_Clear(); /* describing must never leave a second exception behind */
    return result;
}

/* ---- Go memory shared with Python through the buffer protocol ------------- */

typedef struct {
    PyObject_HEAD
    void *data;
    Py_ssize_t count;
    Py_ssize_t itemsize;
    const char *format;
    uintptr_t handle; /* the Go side's pin, released when this object goes */
} gopy_buffer;

static int buffer_get(PyObject *self, Py_buffer *view, int flags) {
    gopy_buffer *b = (gopy_buffer *)self;
    view->obj = Py_NewRef(self);
    view->buf = b->data;
    view->len = b->count * b->itemsize;
    view->itemsize = b->itemsize;
    view->readonly = 0;
    view->ndim = 1;
    view->format = (flags & PyBUF_FORMAT) ? (char *)b->format : NULL;
    view->shape = (flags & PyBUF_ND) ? &b->count : NULL;
    view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &b->itemsize : NULL;
    view->suboffsets = NULL;
    view->internal = NULL;
    return 0;
}

static void buffer_dealloc(PyObject *self) {
    PyTypeObject *type = Py_TYPE(self);
    gopyBufferReleased(((gopy_buffer *)self)->handle);
    freefunc free_slot = (freefunc)PyType_GetSlot(type, Py_tp_free);
    free_slot(self);
    Py_DECREF(type);
}

static PyType_Slot buffer_slots[] = {
    {Py_bf_getbuffer, (void *)buffer_get},
    {Py_tp_dealloc, (void *)buffer_dealloc},
    {Py_tp_doc, (void *)"Go memory shared without copying; wrap it in memoryview or numpy."},
    {0, NULL},
};

static PyType_Spec buffer_spec = {
    "gopython.GoBuffer", sizeof(gopy_buffer), 0, Py_TPFLAGS_DEFAULT, buffer_slots,
};

static PyObject *buffer_type; /* made once, under the GIL */

PyObject *gopy_new_buffer(void *data, Py_ssize_t count, Py_ssize_t itemsize,
                           const char *format, uintptr_t handle) {
    if (buffer_type == NULL) {
        buffer_type = PyType_FromSpec(&buffer_spec);
        if (buffer_type == NULL) {
            return NULL;
        }
    }
    allocfunc alloc = (allocfunc)PyType_GetSlot((PyTypeObject *)buffer_type, Py_tp_alloc);
    gopy_buffer *b = (gopy_buffer *)alloc((PyTypeObject *)buffer_type, 0);
    if (b == NULL) {
        return NULL;
    }
    b->data = data;
    b->count = count;
    b->itemsize = itemsize;
    b->format = format;
    b->handle = handle;
    return (PyObject *)b;
}

/* A C-contiguous view of o's buffer (writable if asked and possible). */
Py_buffer *gopy_get_buffer(PyObject *o, int writable, PyObject **exception) {
    Py_buffer *view = PyMem_Malloc(sizeof(Py_buffer));
    if (view == NULL) {
        PyErr_NoMemory();
        *exception = gopy_take_exception();
        return NULL;
    }
    int flags = PyBUF_FORMAT | PyBUF_C_CONTIGUOUS;
    if (PyObject_GetBuffer(o, view, writable ? flags | PyBUF_WRITABLE : flags) != 0) {
        PyMem_Free(view);
        *exception = gopy_take_exception();
        return NULL;
    }
    return view;
}

void gopy_release_buffer(Py_buffer *view) {
    PyBuffer_Release(view);
    PyMem_Free(view);
}

/* ---- Objects of the classes of an extension's exported structs ------------- */

/* cls._wrap(handle): an object owning the cgo.Handle (NULL with an exception). */
PyObject *gopy_wrap(PyObject *cls, uintptr_t handle) {
    return PyObject_CallMethod(cls, "_wrap", "K", (unsigned long long)handle);
}

/* The cgo.Handle an object holds (o._handle.value); 0 if none, maybe with an
   exception set. */
uintptr_t gopy_handle_of(PyObject *o) {
    PyObject *holder = PyObject_GetAttrString(o, "_handle");
    PyObject *value = holder ? PyObject_GetAttrString(holder, "value") : NULL;
    uintptr_t handle = value ? (uintptr_t)PyLong_AsUnsignedLongLong(value) : 0;
    Py_XDECREF(value);
    Py_XDECREF(holder);
    return PyErr_Occurred() ? 0 : handle;
}
