#if !defined(_WIN32) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE 1
#endif
#define Py_LIMITED_API /*@LIMITED_API@*/0x030B0000
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>
#endif

// Failure paths: kept out of line, so the call path stays short.
#if defined(__GNUC__) || defined(__clang__)
#define GOEXT_COLD __attribute__((cold, noinline))
#else
#define GOEXT_COLD
#endif

// goextHead of the Go glue: errKind, errClass and errValue say which exported
// sentinel error a Go error matched and which object its value is.
typedef struct {
	void *err; size_t errN; void *stack; size_t stackN;
	uintptr_t errValue; int32_t errKind; int32_t errClass;
} goext_head;

// An argument held for one call: a buffer export, an owned object, a private copy.
typedef struct {
	Py_buffer view;
	int has_view;
	PyObject *owned;
	void *copy;
	const char *p;
	Py_ssize_t n;
	size_t go_copy;  // GOEXT_GO_COPY: the glue copies p into Go memory (Go may keep it)
} goext_arg;

// The top bit of a slice's length (the glue's goextGoCopy): memory copied for the
// call anyway, which the glue copies into Go memory instead.
#define GOEXT_GO_COPY (~(size_t)0 / 2 + 1)

extern void goext_ready(void);
extern unsigned long long goext_context_new(void);
extern void /*@CANCEL_SYMBOL@*/goext_cancel(unsigned long long);

static PyObject *goext_GoError, *goext_GoPanic, *goext_GoForkError, *goext_array;
// The runtime's maker of the exception of a Go error of a kind (a sentinel's class,
// an object as go_error; Py_None: none), found on the first such error by
// goext_find_maker, which a module that attaches the runtime sets.
static PyObject *goext_error_maker;
static PyObject *(*goext_find_maker)(void);
static const char *goext_module_name = "/*@MODULE@*/example.module";
static long goext_loaded_pid;
// Set in a forked child: the Go runtime's threads did not survive the fork.
static volatile int goext_forked;

#ifndef _WIN32
static void goext_after_fork_in_child(void) { goext_forked = 1; }
#endif

static GOEXT_COLD PyObject *goext_fork_error(const char *function) {
#ifndef _WIN32
	PyErr_Format(goext_GoForkError,
		"cannot call %s() of Go library '%s' in process %ld: it was loaded in process "
		"%ld before a fork(), and the Go runtime does not survive fork(). Start worker "
		"processes with 'spawn' or 'forkserver' instead: multiprocessing.set_start_method("
		"'spawn') or multiprocessing.get_context('forkserver'); or import the module "
		"only in the child.", function, goext_module_name, (long)getpid(), goext_loaded_pid);
#endif
	return NULL;
}

static void goext_type_error(const char *format_prefix, const char *where, PyObject *o) {
	PyObject *name = PyType_GetName(Py_TYPE(o));
	PyErr_Format(PyExc_TypeError, format_prefix, where, name);
	Py_XDECREF(name);
}

// The missing arguments named as Python names them: 'a', 'b' and 'c'.
static int goext_missing(const char *function, const char *const *names, Py_ssize_t n,
		PyObject **out) {
	Py_ssize_t i, count = 0, seen = 0;
	PyObject *listing = PyUnicode_FromString(""), *joined;
	for (i = 0; i < n; i++) count += out[i] == NULL;
	if (count == 0) { Py_XDECREF(listing); return 0; }
	for (i = 0; i < n && listing != NULL; i++) {
		if (out[i] != NULL) continue;
		seen++;
		joined = PyUnicode_FromFormat("%U%s'%s'", listing,
			seen == 1 ? "" : (seen == count ? (count == 2 ? " and " : ", and ") : ", "),
			names[i]);
		Py_DECREF(listing);
		listing = joined;
	}
	if (listing != NULL) {
		PyErr_Format(PyExc_TypeError, "%s() missing %zd required positional argument%s: %U",
			function, count, count == 1 ? "" : "s", listing);
		Py_DECREF(listing);
	}
	return -1;
}

// Every call with keywords or a wrong count (the all-positional call skips this).
static GOEXT_COLD int goext_parse(const char *function, const char *const *names, Py_ssize_t n,
		PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, PyObject **out) {
	Py_ssize_t i, k;
	if (kwnames == NULL && nargs == n) {  // the common call: every argument by position
		for (i = 0; i < n; i++) out[i] = args[i];
		return 0;
	}
	if (nargs > n) {
		PyErr_Format(PyExc_TypeError, "%s() takes %zd positional argument%s but %zd %s given",
			function, n, n == 1 ? "" : "s", nargs, nargs == 1 ? "was" : "were");
		return -1;
	}
	for (i = 0; i < n; i++) out[i] = i < nargs ? args[i] : NULL;
	if (kwnames != NULL) {
		Py_ssize_t count = PyTuple_Size(kwnames);
		for (k = 0; k < count; k++) {
			PyObject *key = PyTuple_GetItem(kwnames, k);
			for (i = 0; i < n; i++)
				if (PyUnicode_CompareWithASCIIString(key, names[i]) == 0) break;
			if (i == n) {
				PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'",
					function, key);
				return -1;
			}
			if (out[i] != NULL) {
				PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'",
					function, names[i]);
				return -1;
			}
			out[i] = args[nargs + k];
		}
	}
	return goext_missing(function, names, n, out);
}

// A variadic function's arguments, as Python parses `def F(a, *xs)`: the first n
// positional ones and the keywords fill out[0..n) as goext_parse does, and
// the other positional ones become the tuple *rest (a new reference).
static GOEXT_COLD int goext_parse_variadic(const char *function, const char *const *names,
		Py_ssize_t n, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
		PyObject **out, PyObject **rest) {
	Py_ssize_t fixed = nargs < n ? nargs : n, keywords = kwnames ? PyTuple_Size(kwnames) : 0, i;
	PyObject **packed;
	int failed;
	if (keywords == 0) {
		failed = goext_parse(function, names, n, args, fixed, NULL, out);
	} else {  // the keywords' values follow all positional ones: move them up to `fixed`
		packed = PyMem_Malloc((size_t)(fixed + keywords) * sizeof *packed);
		if (packed == NULL) { PyErr_NoMemory(); return -1; }
		for (i = 0; i < fixed; i++) packed[i] = args[i];
		for (i = 0; i < keywords; i++) packed[fixed + i] = args[nargs + i];
		failed = goext_parse(function, names, n, packed, fixed, kwnames, out);
		PyMem_Free(packed);
	}
	if (failed < 0) return -1;
	*rest = PyTuple_New(nargs - fixed);
	if (*rest == NULL) return -1;
	for (i = fixed; i < nargs; i++) {
		Py_INCREF(args[i]);
		PyTuple_SetItem(*rest, i - fixed, args[i]);
	}
	return 0;
}

static PyObject *goext_index(PyObject *o, const char *where, const char *go_type) {
	PyObject *index;
	if (PyLong_Check(o)) {
		Py_INCREF(o);
		return o;
	}
	index = PyNumber_Index(o);
	if (index == NULL && PyErr_ExceptionMatches(PyExc_TypeError)) {
		PyObject *name = PyType_GetName(Py_TYPE(o));
		PyErr_Format(PyExc_TypeError, "%s must be an int (Go %s), not %U", where, go_type, name);
		Py_XDECREF(name);
	}
	return index;
}

static GOEXT_COLD int goext_signed_other(PyObject *o, long long low, long long high,
		const char *where, const char *go_type, long long *out) {
	int overflow = 0;
	long long value;
	PyObject *index = goext_index(o, where, go_type);
	if (index == NULL) return -1;
	value = PyLong_AsLongLongAndOverflow(index, &overflow);
	if (value == -1 && PyErr_Occurred()) { Py_DECREF(index); return -1; }
	if (overflow || value < low || value > high) {
		PyErr_Format(PyExc_OverflowError, "%s: %S is out of range for %s (%lld..%lld)",
			where, index, go_type, low, high);
		Py_DECREF(index);
		return -1;
	}
	Py_DECREF(index);
	*out = value;
	return 0;
}

// Inline, so that for a constant range (int64: none to check) the compare folds away.
static inline int goext_signed(PyObject *o, long long low, long long high, const char *where,
		const char *go_type, long long *out) {
	int overflow = 0;
	long long value;
	if (Py_IS_TYPE(o, &PyLong_Type)) {  // an int: no __index__, and only overflow can fail
		value = PyLong_AsLongLongAndOverflow(o, &overflow);
		if (!overflow && value >= low && value <= high) { *out = value; return 0; }
	}
	return goext_signed_other(o, low, high, where, go_type, out);
}

static int goext_unsigned(PyObject *o, unsigned long long high, const char *where,
		const char *go_type, unsigned long long *out) {
	unsigned long long value;
	PyObject *index = goext_index(o, where, go_type);
	if (index == NULL) return -1;
	value = PyLong_AsUnsignedLongLong(index);
	if ((value == (unsigned long long)-1 && PyErr_Occurred()) || value > high) {
		if (PyErr_Occurred() && !PyErr_ExceptionMatches(PyExc_OverflowError)) {
			Py_DECREF(index);
			return -1;
		}
		PyErr_Clear();
		PyErr_Format(PyExc_OverflowError, "%s: %S is out of range for %s (0..%llu)",
			where, index, go_type, high);
		Py_DECREF(index);
		return -1;
	}
	Py_DECREF(index);
	*out = value;
	return 0;
}

static int goext_float(PyObject *o, const char *where, const char *go_type, double *out) {
	if (PyUnicode_Check(o) || PyBytes_Check(o) || PyByteArray_Check(o)) {
		PyObject *name = PyType_GetName(Py_TYPE(o));
		PyErr_Format(PyExc_TypeError, "%s must be a float (Go %s), not %U", where, go_type, name);
		Py_XDECREF(name);
		return -1;
	}
	*out = PyFloat_AsDouble(o);
	if (*out == -1.0 && PyErr_Occurred()) {
		if (PyErr_ExceptionMatches(PyExc_TypeError)) {
			PyObject *name = PyType_GetName(Py_TYPE(o));
			PyErr_Clear();
			PyErr_Format(PyExc_TypeError, "%s must be a float (Go %s), not %U",
				where, go_type, name);
			Py_XDECREF(name);
		} else if (PyErr_ExceptionMatches(PyExc_OverflowError)) {  // an int such as 10**400
			PyErr_Clear();
			PyErr_Format(PyExc_OverflowError, "%s: the int is too large for a float (Go %s)",
				where, go_type);
		}
		return -1;
	}
	return 0;
}

static int goext_bool(PyObject *o, const char *where, unsigned char *out) {
	if (!PyBool_Check(o) && PyLong_Check(o)
			&& PyObject_HasAttrString((PyObject *)Py_TYPE(o), "_go_bool")) {
		// a named bool's object: an int of 0 or 1 (Python's bool cannot be subclassed)
		int truth = PyObject_IsTrue(o);
		if (truth < 0) return -1;
		*out = (unsigned char)truth;
		return 0;
	}
	if (!PyBool_Check(o)) {
		goext_type_error("%s must be bool (Go bool), not %U", where, o);
		return -1;
	}
	*out = o == Py_True;
	return 0;
}

// What a str holding a lone surrogate is told (runtime/contract.py's LONE_SURROGATE).
#define GOEXT_LONE_SURROGATE "/*@LONE_SURROGATE@*/holds"

static void goext_release(goext_arg *arg) {
	if (arg->has_view) { PyBuffer_Release(&arg->view); arg->has_view = 0; }
	Py_CLEAR(arg->owned);
	if (arg->copy != NULL) { PyMem_Free(arg->copy); arg->copy = NULL; }
}

static int goext_string(PyObject *o, const char *where, goext_arg *arg) {
	char *data;
	if (PyUnicode_Check(o)) {
		arg->p = PyUnicode_AsUTF8AndSize(o, &arg->n);
		if (arg->p != NULL) return 0;
		if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return -1;
		PyErr_Clear();  // lone surrogates: Go strings need not be valid UTF-8
		arg->owned = PyUnicode_AsEncodedString(o, "utf-8", "surrogateescape");
		if (arg->owned == NULL) {
			if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
				PyErr_Clear();
				PyErr_Format(PyExc_ValueError, "%s: the str " GOEXT_LONE_SURROGATE, where);
			}
			return -1;
		}
		o = arg->owned;
	} else if (!PyBytes_Check(o)) {
		goext_type_error("%s must be str or bytes, not %U", where, o);
		return -1;
	}
	if (PyBytes_AsStringAndSize(o, &data, &arg->n) < 0) return -1;
	arg->p = data;
	return 0;
}

// A buffer argument: writable memory is passed in place (and cannot be resized
// while the export is held); read-only memory is copied by the glue into Go
// memory, since Go may write to a slice and an immutable object must never change.
static int goext_view(PyObject *o, int flags, const char *where, goext_arg *arg) {
	if (PyObject_GetBuffer(o, &arg->view, flags | PyBUF_WRITABLE) < 0) {
		PyErr_Clear();
		if (PyObject_GetBuffer(o, &arg->view, flags) < 0) {
			if (PyErr_ExceptionMatches(PyExc_BufferError)) {
				PyErr_Clear();
				PyErr_Format(PyExc_TypeError,
					"%s: expected a C-contiguous buffer (copy it with bytes() first)", where);
			} else if (PyErr_ExceptionMatches(PyExc_TypeError)) {
				PyErr_Clear();
				goext_type_error("%s: expected a bytes-like object, got %U", where, o);
			}
			return -1;
		}
		arg->go_copy = GOEXT_GO_COPY;
	}
	arg->has_view = 1;
	arg->n = arg->view.len;
	arg->p = arg->n == 0 ? NULL : arg->view.buf;
	return 0;
}

static int goext_bytes(PyObject *o, const char *where, goext_arg *arg) {
	if (PyUnicode_Check(o)) {
		PyErr_Format(PyExc_TypeError,
			"%s: expected a bytes-like object, got str (encode it first)", where);
		return -1;
	}
	return goext_view(o, PyBUF_SIMPLE, where, arg);
}

static int goext_format_matches(const char *format, char kind, Py_ssize_t itemsize,
		size_t size) {
	const char *codes = kind == 'f' ? "fd" : (kind == 'u' ? "BHILQN" : "bhilqn");
	if (format == NULL) format = "B";
	while (*format == '@' || *format == '=' || *format == (PY_LITTLE_ENDIAN ? '<' : '>'))
		format++;
	return format[0] != 0 && format[1] == 0 && strchr(codes, format[0]) != NULL
		&& (size_t)itemsize == size;
}

// The first array type code of the item's size, in the order the runtime tries
// them (bBhHiIlLqQ): the same code gives the same messages in both modes.
static const char *goext_array_code(char kind, size_t size) {
	if (kind == 'f') return size == 4 ? "f" : "d";
	switch (size) {
	case 1: return kind == 'u' ? "B" : "b";
	case 2: return kind == 'u' ? "H" : "h";
	case 4: return kind == 'u' ? "I" : "i";
	}
	if (sizeof(long) == 8) return kind == 'u' ? "L" : "l";
	return kind == 'u' ? "Q" : "q";
}

// The error raised, prefixed with where it happened; an item out of range is
// said as the runtime says it (_layer2's numeric slices).
static void goext_prefix_error(const char *where, const char *element) {
	PyObject *type, *value, *traceback;
	PyErr_Fetch(&type, &value, &traceback);
	PyErr_NormalizeException(&type, &value, &traceback);
	if (PyErr_GivenExceptionMatches(type, PyExc_OverflowError)) {
		PyErr_Format(type, "%s: an item is out of range for Go %s: %S", where, element, value);
	} else {
		PyErr_Format(type, "%s: %S", where, value);
	}
	Py_XDECREF(type);
	Py_XDECREF(value);
	Py_XDECREF(traceback);
}

// array.array, imported on first use (with the GIL held): importing array, and the
// collections it registers with, at module init would cost every import.
static PyObject *goext_array_class(void) {
	PyObject *array;
	if (goext_array == NULL) {
		array = PyImport_ImportModule("array");
		if (array == NULL) return NULL;
		goext_array = PyObject_GetAttrString(array, "array");
		Py_DECREF(array);
	}
	return goext_array;
}

// A Go []T argument: a buffer of matching items is passed in place, another
// sequence is copied into an array.array (which checks every item).
static int goext_numeric(PyObject *o, const char *where, const char *go_type, char kind,
		size_t size, goext_arg *arg) {
	PyObject *array;
	if (PyObject_CheckBuffer(o)) {
		if (goext_view(o, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS, where, arg) < 0) return -1;
		if (!goext_format_matches(arg->view.format, kind, arg->view.itemsize, size)) {
			PyErr_Format(PyExc_TypeError, "%s: buffer of format '%s' does not hold Go %s "
				"values", where, arg->view.format ? arg->view.format : "B", go_type);
			goext_release(arg);
			return -1;
		}
		return 0;
	}
	if (PyUnicode_Check(o) || !PySequence_Check(o)) {
		goext_type_error("%s: expected a sequence of numbers, got %U", where, o);
		return -1;
	}
	array = goext_array_class();
	arg->owned = array ? PyObject_CallFunction(array, "sO", goext_array_code(kind, size), o)
		: NULL;
	if (arg->owned == NULL) {
		goext_prefix_error(where, go_type);
		return -1;
	}
	arg->go_copy = GOEXT_GO_COPY;  // a copy made for the call: Go gets its own instead
	return goext_view(arg->owned, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS, where, arg);
}

// Results in C memory: copied into Python objects, then freed (also on failure).
static PyObject *goext_string_result(void *p, size_t n) {
	PyObject *result = PyUnicode_DecodeUTF8(p, (Py_ssize_t)n, "surrogateescape");
	free(p);
	return result;
}

static PyObject *goext_bytes_result(void *p, size_t n) {
	PyObject *result = PyBytes_FromStringAndSize(n ? p : "", (Py_ssize_t)n);
	free(p);
	return result;
}

static PyObject *goext_numeric_result(void *p, size_t n, char kind, size_t size) {
	PyObject *data = goext_bytes_result(p, n), *array, *result;
	if (data == NULL) return NULL;
	array = goext_array_class();
	result = array ? PyObject_CallFunction(array, "sO", goext_array_code(kind, size), data)
		: NULL;
	Py_DECREF(data);
	return result;
}

// Raises the Python exception a Go error carried (a reference Go handed over), with
// the note Go sent when it wrapped the error.
static PyObject *goext_raise_python(PyObject *note, PyObject *exception) {
	PyObject *noted;
	if (note == NULL) { Py_DECREF(exception); return NULL; }
	if (PyUnicode_GetLength(note) > 0) {
		noted = PyObject_CallMethod(exception, "add_note", "O", note);
		if (noted == NULL) PyErr_Clear(); // the exception matters more than its note
		Py_XDECREF(noted);
	}
	Py_DECREF(note);
	PyErr_SetObject((PyObject *)Py_TYPE(exception), exception);
	Py_DECREF(exception);
	return NULL;
}

static GOEXT_COLD PyObject *goext_fail(int status, goext_head *head, const char *function) {
	PyObject *message, *stack, *error;
	if (status == /*@STATUS_NO_MEMORY@*/3) {
		return PyErr_Format(PyExc_MemoryError,
			"%s(): out of C memory for a result of %zu bytes", function, head->errN);
	}
	message = PyUnicode_DecodeUTF8(head->err, (Py_ssize_t)head->errN, "replace");
	free(head->err);
	if (status == /*@STATUS_BAD_ARGUMENT@*/4) {
		if (message != NULL) PyErr_Format(PyExc_TypeError, "%s() %U", function, message);
		Py_XDECREF(message);
		return NULL;
	}
	if (status == /*@STATUS_ERROR@*/1) {
		free(head->stack);
		if (head->errClass == -/*@PYTHON_EXCEPTION_CLASS_NEGATED@*/2) {
			return goext_raise_python(message, (PyObject *)head->errValue);
		}
		if (message == NULL) return NULL;
		// An error has no stack: stackN is a handle to the error itself (or 0).
		if ((head->errKind != 0 || head->errValue != 0 || head->stackN != 0)
				&& goext_error_maker == NULL && goext_find_maker != NULL) {
			goext_error_maker = goext_find_maker();
			if (goext_error_maker == NULL) { Py_DECREF(message); return NULL; }
		}
		if ((head->errKind != 0 || head->errValue != 0 || head->stackN != 0)
				&& goext_error_maker != NULL && goext_error_maker != Py_None) {
			error = PyObject_CallFunction(goext_error_maker, "OiiKK", message,
				(int)head->errKind, (int)head->errClass, (unsigned long long)head->errValue,
				(unsigned long long)head->stackN);
			if (error != NULL) {
				PyErr_SetObject((PyObject *)Py_TYPE(error), error);
				Py_DECREF(error);
			}
		} else {
			PyErr_SetObject(goext_GoError, message);
		}
		Py_DECREF(message);
		return NULL;
	}
	stack = PyUnicode_DecodeUTF8(head->stack, (Py_ssize_t)head->stackN, "replace");
	free(head->stack);
	if (message != NULL && stack != NULL) {
		error = PyObject_CallFunctionObjArgs(goext_GoPanic, message, stack, NULL);
		if (error != NULL) { PyErr_SetObject(goext_GoPanic, error); Py_DECREF(error); }
	}
	Py_XDECREF(message);
	Py_XDECREF(stack);
	return NULL;
}

// Ctrl-C during a call taking a context.Context. Python runs signal handlers in
// the main thread only, so that thread cannot sit inside Go: the call runs in a
// thread of its own while the main thread polls for signals. On KeyboardInterrupt
// the Go context is cancelled and the call awaited (it uses the arguments' memory),
// then the exception is raised. Other threads call Go directly.
typedef struct goext_call {
	void (*run)(struct goext_call *);
	unsigned long long context;
	int status;
	int interrupted;
	PyObject *exc[3];
	PyThread_type_lock done;
} goext_call;

static unsigned long goext_main_thread;

static void goext_call_thread(void *p) {
	goext_call *call = p;
	call->run(call);
	PyThread_release_lock(call->done);
}

static void goext_call_with_context(goext_call *call) {
	PyLockStatus got = PY_LOCK_FAILURE;
	call->context = goext_context_new();
	if (PyThread_get_thread_ident() == goext_main_thread) {
		call->done = PyThread_allocate_lock();
	}
	if (call->done != NULL) {
		PyThread_acquire_lock(call->done, WAIT_LOCK);
		if (PyThread_start_new_thread(goext_call_thread, call) == (unsigned long)-1) {
			PyThread_release_lock(call->done);
			PyThread_free_lock(call->done);
			call->done = NULL;
		}
	}
	if (call->done == NULL) {  // not the main thread (or no thread to be had)
		Py_BEGIN_ALLOW_THREADS
		call->run(call);
		Py_END_ALLOW_THREADS
		return;
	}
	while (got != PY_LOCK_ACQUIRED) {
		Py_BEGIN_ALLOW_THREADS
		got = PyThread_acquire_lock_timed(call->done, /*@POLL_MICROSECONDS@*/20000, 1);
		Py_END_ALLOW_THREADS
		// After Ctrl-C, later signals wait for the eval loop: the call is awaited.
		if (got != PY_LOCK_ACQUIRED && !call->interrupted && PyErr_CheckSignals() < 0) {
			call->interrupted = 1;
			PyErr_Fetch(&call->exc[0], &call->exc[1], &call->exc[2]);
			/*@CANCEL_SYMBOL@*/goext_cancel(call->context);
		}
	}
	PyThread_free_lock(call->done);
}

// The call's own result or error is dropped for the KeyboardInterrupt.
static PyObject *goext_interrupted(goext_call *call, PyObject *result) {
	if (!call->interrupted) return result;
	Py_XDECREF(result);
	PyErr_Clear();
	PyErr_Restore(call->exc[0], call->exc[1], call->exc[2]);
	return NULL;
}

// A Go package calling signal.Notify for SIGINT in an init function puts Go's
// handler over Python's, and Ctrl-C never reaches Python again. If the SIGINT
// handler now lies in this library, the runtime gives Python its handler back.
static int goext_keep_sigint(void) {
#ifndef _WIN32
	struct sigaction action;
	Dl_info theirs, ours;
	void *handler;
	PyObject *signals, *done;
	if (sigaction(SIGINT, NULL, &action) != 0) return 0;
	handler = (action.sa_flags & SA_SIGINFO) ? (void *)action.sa_sigaction
		: (void *)action.sa_handler;
	if (handler == (void *)SIG_DFL || handler == (void *)SIG_IGN) return 0;
	if (!dladdr(handler, &theirs) || !dladdr((void *)&goext_keep_sigint, &ours)
			|| theirs.dli_fbase != ours.dli_fbase) {
		return 0;
	}
	signals = PyImport_ImportModule("/*@SIGNALS_MODULE@*/setuptools_golang_ext.runtime._signals");
	if (signals == NULL) return -1;
	done = PyObject_CallMethod(signals, "give_sigint_back", "s", goext_module_name);
	Py_DECREF(signals);
	Py_XDECREF(done);
	return done == NULL ? -1 : 0;
#else
	return 0;
#endif
}

// The main thread, where Ctrl-C is seen. Importing threading would cost every import
// of the module: before threading is imported, the importing thread is taken as the
// main thread, which is what threading itself does when it is first imported.
static int goext_find_main_thread(void) {
	PyObject *threading = PyDict_GetItemString(PyImport_GetModuleDict(), "threading");
	PyObject *main, *ident;
	if (threading == NULL) {
		goext_main_thread = PyThread_get_thread_ident();
		return 0;
	}
	main = PyObject_CallMethod(threading, "main_thread", NULL);
	if (main == NULL) return -1;
	ident = PyObject_GetAttrString(main, "ident");
	Py_DECREF(main);
	if (ident == NULL) return -1;
	goext_main_thread = PyLong_AsUnsignedLong(ident);
	Py_DECREF(ident);
	return PyErr_Occurred() ? -1 : 0;
}

// Module init: wait for the Go package inits, fetch the exception classes shared
// with the ctypes bindings, and arm the fork guard.
static int goext_init(void) {
	PyObject *errors;
	if (goext_GoError != NULL) return 0;  // a second import of the module: done already
	Py_BEGIN_ALLOW_THREADS
	goext_ready();
	Py_END_ALLOW_THREADS
	if (goext_keep_sigint() < 0 || goext_find_main_thread() < 0) return -1;
	errors = PyImport_ImportModule("/*@ERRORS_MODULE@*/setuptools_golang_ext.runtime._errors");
	if (errors == NULL) return -1;
	goext_GoError = PyObject_GetAttrString(errors, "GoError");
	goext_GoPanic = PyObject_GetAttrString(errors, "GoPanic");
	goext_GoForkError = PyObject_GetAttrString(errors, "GoForkError");
	Py_DECREF(errors);
	if (!goext_GoError || !goext_GoPanic || !goext_GoForkError) return -1;
#ifndef _WIN32
	goext_loaded_pid = (long)getpid();
	pthread_atfork(NULL, NULL, goext_after_fork_in_child);
#endif
	return 0;
}
