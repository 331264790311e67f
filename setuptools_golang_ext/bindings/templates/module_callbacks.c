// Python callables Go calls back during a call, through a C trampoline: Go's
// values arrive as goext_value (the glue's layout), become Python objects here,
// and the answer is checked and converted here too; no JSON, no Python thunk.
typedef struct { uint64_t bits; size_t n; int kind; } goext_value;

// What the callable must answer: check 's', 'u', 'f', 'b', 't' (a string) or 0.
typedef struct {
	char check;
	long long low, high;
	unsigned long long uhigh;
	const char *go_type;
	int escaped;  // invalid UTF-8 in string arguments: surrogate-escaped, else replaced
} goext_answer_type;

// The first exception any callable of one call raised: the call re-raises it.
// And the calling thread's state: Go calling back on that thread (from the
// call's own goroutine) takes the GIL with it, without PyGILState's lookups (a
// call taking callables always releases the GIL: gil=hold refuses them).
typedef struct {
	PyObject *type, *value, *traceback;
	PyThreadState *state;
} goext_raised;

extern uintptr_t goext_thread(void);  // the glue's

// One callable for one call. Go receives its address + 1 (see goext_call_native
// in the glue) and reads the thread: trampoline and thread stay the first members.
typedef struct {
	int (*trampoline)(void *self, goext_value *values, size_t n);
	uintptr_t thread;  // the calling thread; 0: unknown (Windows), so PyGILState_Ensure
	PyObject *callable;  // borrowed: the caller's argument outlives the call
	PyObject *args;  // the last call's argument tuple, for the next (the call releases it)
	const char *where;  // "the result of F() argument 'f'"
	const goext_answer_type *answer;
	goext_raised *raised;
} goext_pycb;

static PyObject *goext_from_go(const goext_value *value, int escaped) {
	double number;
	const char *data = (const char *)(uintptr_t)value->bits;
	switch (value->kind) {
	case 's': return PyLong_FromLongLong((long long)value->bits);
	case 'u': return PyLong_FromUnsignedLongLong((unsigned long long)value->bits);
	case 'f': memcpy(&number, &value->bits, sizeof number); return PyFloat_FromDouble(number);
	case 'b': return PyBool_FromLong(value->bits != 0);
	// As ctypes mode gives them (see escaped); []byte as bytes.
	case 't': return PyUnicode_DecodeUTF8(value->n ? data : "", (Py_ssize_t)value->n,
		escaped ? "surrogateescape" : "replace");
	default: return PyBytes_FromStringAndSize(value->n ? data : "", (Py_ssize_t)value->n);
	}
}

// A copy Go frees: a string answer, or the message of an exception.
static int goext_c_copy(goext_value *out, const char *data, Py_ssize_t n) {
	char *copy = malloc(n > 0 ? (size_t)n : 1);
	if (copy == NULL) { PyErr_NoMemory(); return -1; }
	memcpy(copy, data, (size_t)n);
	out->bits = (uint64_t)(uintptr_t)copy;
	out->n = (size_t)n;
	return 0;
}

// The callable's answer, checked as a result of its Go type and stored in out.
static int goext_to_go(const goext_pycb *cb, PyObject *answer, goext_value *out) {
	const goext_answer_type *type = cb->answer;
	long long s; unsigned long long u; double f; unsigned char b;
	goext_arg text = {0};
	int failed;
	switch (out->kind) {
	case 's':
		if (goext_signed(answer, type->low, type->high, cb->where, type->go_type, &s) < 0)
			return -1;
		out->bits = (uint64_t)s;
		return 0;
	case 'u':
		if (goext_unsigned(answer, type->uhigh, cb->where, type->go_type, &u) < 0) return -1;
		out->bits = u;
		return 0;
	case 'f':
		if (goext_float(answer, cb->where, type->go_type, &f) < 0) return -1;
		memcpy(&out->bits, &f, sizeof f);
		return 0;
	case 'b':
		if (goext_bool(answer, cb->where, &b) < 0) return -1;
		out->bits = b;
		return 0;
	case 't':
		if (goext_string(answer, cb->where, &text) < 0) return -1;
		failed = goext_c_copy(out, text.p, text.n);
		goext_release(&text);
		return failed;
	}
	return 0;  // Go wants no value
}

// The exception raised, kept for the call if it is the first; Go gets its
// message ("ValueError: bad") as the callback's error.
static void goext_callback_failed(goext_pycb *cb, goext_value *out) {
	PyObject *type, *value, *traceback, *name = NULL, *message = NULL, *utf8 = NULL;
	char *data;
	Py_ssize_t n;
	PyErr_Fetch(&type, &value, &traceback);
	PyErr_NormalizeException(&type, &value, &traceback);
	if (value != NULL) {
		name = PyType_GetName(Py_TYPE(value));
		message = name ? PyUnicode_FromFormat("%U: %S", name, value) : NULL;
		utf8 = message ? PyUnicode_AsEncodedString(message, "utf-8", "surrogateescape") : NULL;
	}
	if (utf8 == NULL || PyBytes_AsStringAndSize(utf8, &data, &n) < 0
			|| goext_c_copy(out, data, n) < 0) {
		PyErr_Clear();
		out->bits = 0, out->n = 0;
	}
	Py_XDECREF(name); Py_XDECREF(message); Py_XDECREF(utf8);
	if (cb->raised->type == NULL) {
		if (traceback != NULL) PyException_SetTraceback(value, traceback);
		cb->raised->type = type, cb->raised->value = value, cb->raised->traceback = traceback;
	} else {
		Py_XDECREF(type); Py_XDECREF(value); Py_XDECREF(traceback);
	}
}

// The callable's call with a tuple of the values (limited API 3.11 has no
// vectorcall). The tuple is the record's again next time when nothing kept it:
// the record lets go of it (args NULL) while a call uses it, so a call the
// callable makes meanwhile takes a new one.
static PyObject *goext_call_callable(goext_pycb *cb, goext_value *values, size_t n) {
	PyObject *args = cb->args, *item, *answer;
	size_t i;
	cb->args = NULL;
	if (args == NULL && (args = PyTuple_New((Py_ssize_t)n)) == NULL) return NULL;
	for (i = 0; i < n; i++) {
		if ((item = goext_from_go(&values[i], cb->answer->escaped)) == NULL) {
			Py_DECREF(args);
			return NULL;
		}
		PyTuple_SetItem(args, (Py_ssize_t)i, item);  // steals item, drops the last call's
	}
	answer = PyObject_Call(cb->callable, args, NULL);
	if (n > 0 && Py_REFCNT(args) == 1 && cb->args == NULL) cb->args = args;
	else Py_DECREF(args);
	return answer;
}

static int goext_trampoline_call(void *self, goext_value *values, size_t n) {
	goext_pycb *cb = self;
	int own = cb->thread != 0 && cb->thread == goext_thread(), failed;
	PyGILState_STATE gil = PyGILState_UNLOCKED;
	PyObject *answer;
	if (own) PyEval_RestoreThread(cb->raised->state); else gil = PyGILState_Ensure();
	answer = goext_call_callable(cb, values, n);
	failed = answer == NULL || goext_to_go(cb, answer, &values[n]) < 0;
	Py_XDECREF(answer);
	if (failed) goext_callback_failed(cb, &values[n]);
	if (own) PyEval_SaveThread(); else PyGILState_Release(gil);
	return failed;
}

// The callable of `argument` for one call; Go gets goext_callback_pointer(cb).
static int goext_callback(PyObject *o, const char *argument, const char *where,
		const goext_answer_type *answer, goext_raised *raised, goext_pycb *cb) {
	if (!PyCallable_Check(o)) {
		goext_type_error("%s must be callable, not %U", argument, o);
		return -1;
	}
	cb->trampoline = goext_trampoline_call;
	cb->thread = goext_thread(), raised->state = PyThreadState_Get();
	cb->callable = o, cb->where = where, cb->answer = answer, cb->raised = raised;
	return 0;
}

static void *goext_callback_pointer(goext_pycb *cb) { return (char *)cb + 1; }

// After the call: a callable's exception wins over the call's result or error.
static PyObject *goext_reraise(goext_raised *raised, PyObject *result) {
	if (raised->type == NULL) return result;
	Py_XDECREF(result);
	PyErr_Restore(raised->type, raised->value, raised->traceback);
	return NULL;
}
