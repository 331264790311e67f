/* The hand-written C-API baseline of bench/run.py's table: a limited-API
   extension module over the plain C exports (the *H functions) of
   project/benchpkg/table, linked against that library. The GIL stays held
   around each short call, as a careful author of such a module would do. */
#define Py_LIMITED_API 0x030B0000
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>

typedef int64_t (*hw_context_callback)(void *, int64_t);
extern int64_t AddH(int64_t, int64_t);
extern char *ReverseH(const char *, size_t, size_t *);
extern void FreeH(void *);
extern double SumH(const double *, size_t);
extern uintptr_t PointNewH(double, double);
extern void PointFreeH(uintptr_t);
extern double PointDistH(uintptr_t, uintptr_t);
extern int64_t CallsContextH(hw_context_callback, void *, int64_t);
extern char *NamesH(size_t *);
extern char *CountsH(size_t *, int64_t *);

static PyObject *add(PyObject *self, PyObject *const *args, Py_ssize_t n) {
	if (n != 2) { PyErr_SetString(PyExc_TypeError, "Add(a, b)"); return NULL; }
	long long a = PyLong_AsLongLong(args[0]), b = PyLong_AsLongLong(args[1]);
	if (PyErr_Occurred()) return NULL;
	return PyLong_FromLongLong(AddH(a, b));
}

// The floors of bench/run.py's Neg rows: a one-argument call into Go (AddH: any
// C-to-Go call costs the same), with the GIL kept, and released as ours release it.
static PyObject *neg_held(PyObject *self, PyObject *o) {
	long long a = PyLong_AsLongLong(o);
	if (a == -1 && PyErr_Occurred()) return NULL;
	return PyLong_FromLongLong(AddH(0, -a));
}

static PyObject *neg_released(PyObject *self, PyObject *o) {
	long long a = PyLong_AsLongLong(o), negated;
	if (a == -1 && PyErr_Occurred()) return NULL;
	Py_BEGIN_ALLOW_THREADS
	negated = AddH(0, -a);
	Py_END_ALLOW_THREADS
	return PyLong_FromLongLong(negated);
}

static PyObject *reverse(PyObject *self, PyObject *text) {
	Py_ssize_t size;
	const char *data = PyUnicode_AsUTF8AndSize(text, &size);
	if (data == NULL) return NULL;
	size_t out;
	char *result = ReverseH(data, (size_t)size, &out);
	PyObject *value = PyUnicode_DecodeUTF8(result, (Py_ssize_t)out, "surrogateescape");
	FreeH(result);
	return value;
}

static PyObject *sum(PyObject *self, PyObject *buffer) {
	Py_buffer view;
	if (PyObject_GetBuffer(buffer, &view, PyBUF_C_CONTIGUOUS) < 0) return NULL;
	double total = SumH((const double *)view.buf, (size_t)view.len / sizeof(double));
	PyBuffer_Release(&view);
	return PyFloat_FromDouble(total);
}

typedef struct { PyObject_HEAD uintptr_t handle; } Point;
static PyObject *point_type;

static PyObject *point_of(uintptr_t handle) {
	allocfunc alloc = (allocfunc)PyType_GetSlot((PyTypeObject *)point_type, Py_tp_alloc);
	Point *point = (Point *)alloc((PyTypeObject *)point_type, 0);
	if (point == NULL) { PointFreeH(handle); return NULL; }
	point->handle = handle;
	return (PyObject *)point;
}

static PyObject *point_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
	static char *keywords[] = {"X", "Y", NULL};
	double x = 0, y = 0;
	if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|$dd", keywords, &x, &y)) return NULL;
	return point_of(PointNewH(x, y));
}

static void point_dealloc(PyObject *self) {
	PyTypeObject *type = Py_TYPE(self);
	PointFreeH(((Point *)self)->handle);
	freefunc free_ = (freefunc)PyType_GetSlot(type, Py_tp_free);
	free_(self);
	Py_DECREF(type);
}

static PyObject *point_dist(PyObject *self, PyObject *other) {
	if (!PyObject_TypeCheck(other, (PyTypeObject *)point_type)) {
		PyErr_SetString(PyExc_TypeError, "Dist(q): q must be a Point");
		return NULL;
	}
	return PyFloat_FromDouble(PointDistH(((Point *)self)->handle, ((Point *)other)->handle));
}

static PyMethodDef point_methods[] = {
	{"Dist", (PyCFunction)point_dist, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static PyType_Slot point_slots[] = {
	{Py_tp_new, point_new}, {Py_tp_dealloc, point_dealloc},
	{Py_tp_methods, point_methods}, {0, NULL}};
static PyType_Spec point_spec = {"handwritten_capi.Point", sizeof(Point), 0,
	Py_TPFLAGS_DEFAULT, point_slots};

static PyObject *new_point(PyObject *self, PyObject *const *args, Py_ssize_t n) {
	if (n != 2) { PyErr_SetString(PyExc_TypeError, "NewPoint(x, y)"); return NULL; }
	double x = PyFloat_AsDouble(args[0]), y = PyFloat_AsDouble(args[1]);
	if (PyErr_Occurred()) return NULL;
	return point_of(PointNewH(x, y));
}

/* Go calls this with the GIL held (the outer call keeps it). An exception
   is left set and the outer call reports it. */
static int64_t trampoline(void *function, int64_t x) {
	if (PyErr_Occurred()) return 0;
	PyObject *argument = PyLong_FromLongLong(x);
	if (argument == NULL) return 0;
	PyObject *result = PyObject_CallFunctionObjArgs((PyObject *)function, argument, NULL);
	Py_DECREF(argument);
	if (result == NULL) return 0;
	long long value = PyLong_AsLongLong(result);
	Py_DECREF(result);
	return value;
}

static PyObject *calls(PyObject *self, PyObject *const *args, Py_ssize_t n) {
	if (n != 2) { PyErr_SetString(PyExc_TypeError, "Calls(f, n)"); return NULL; }
	long long count = PyLong_AsLongLong(args[1]);
	if (PyErr_Occurred()) return NULL;
	int64_t total = CallsContextH(trampoline, args[0], count);
	if (PyErr_Occurred()) return NULL;
	return PyLong_FromLongLong(total);
}

static PyObject *names(PyObject *self, PyObject *unused) {
	size_t size;
	char *data = NamesH(&size);
	PyObject *list = PyList_New(0);
	for (size_t start = 0, end = 0; list != NULL && end <= size; end++) {
		if (end < size && data[end] != '\0') continue;
		PyObject *item = PyUnicode_DecodeUTF8(data + start, (Py_ssize_t)(end - start), NULL);
		if (item == NULL || PyList_Append(list, item) < 0) Py_CLEAR(list);
		Py_XDECREF(item);
		start = end + 1;
	}
	FreeH(data);
	return list;
}

static PyObject *counts(PyObject *self, PyObject *unused) {
	size_t size;
	int64_t values[100];
	char *data = CountsH(&size, values);
	PyObject *dict = PyDict_New();
	int index = 0;
	for (size_t start = 0, end = 0; dict != NULL && end <= size; end++) {
		if (end < size && data[end] != '\0') continue;
		PyObject *key = PyUnicode_DecodeUTF8(data + start, (Py_ssize_t)(end - start), NULL);
		PyObject *value = key == NULL ? NULL : PyLong_FromLongLong(values[index++]);
		if (value == NULL || PyDict_SetItem(dict, key, value) < 0) Py_CLEAR(dict);
		Py_XDECREF(key);
		Py_XDECREF(value);
		start = end + 1;
	}
	FreeH(data);
	return dict;
}

static PyMethodDef methods[] = {
	{"Add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, NULL},
	{"NegHeld", neg_held, METH_O, NULL},
	{"NegReleased", neg_released, METH_O, NULL},
	{"Reverse", reverse, METH_O, NULL},
	{"Sum", sum, METH_O, NULL},
	{"NewPoint", (PyCFunction)(void (*)(void))new_point, METH_FASTCALL, NULL},
	{"Calls", (PyCFunction)(void (*)(void))calls, METH_FASTCALL, NULL},
	{"Names", names, METH_NOARGS, NULL},
	{"Counts", counts, METH_NOARGS, NULL},
	{NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "handwritten_capi", NULL, -1,
	methods};

PyMODINIT_FUNC PyInit_handwritten_capi(void) {
	PyObject *m = PyModule_Create(&module);
	if (m == NULL) return NULL;
	point_type = PyType_FromSpec(&point_spec);
	if (point_type == NULL || PyModule_AddObject(m, "Point", point_type) < 0) return NULL;
	Py_INCREF(point_type);
	return m;
}
