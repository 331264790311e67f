// Classes as heap types: an instance holds a runtime/cgo.Handle of its Go value,
// released when the instance is deallocated. The runtime's class of the same name
// derives from the type (attach) and adds what the C does not cover.
#include <structmember.h>

typedef struct {
	PyObject_HEAD
	uintptr_t handle;
	PyObject *weakrefs;
	PyObject *ctypes_handle;  // `_handle`, made on first use
} goext_object;

// A result record holding one handle (constructors).
typedef struct {
	goext_head head;
	uintptr_t r0;
} goext_out_handle;

// The glue's handle release (goext_release here is module_support.c's argument release).
extern void /*@HANDLE_RELEASE_SYMBOL@*/goext_release_handle(uintptr_t);

// ctypes.c_size_t, for the `_handle` the ctypes layer reads (imported on first use).
static PyObject *goext_c_size_t;

static PyObject *goext_adopt(PyTypeObject *type, uintptr_t handle) {
	allocfunc alloc = (allocfunc)PyType_GetSlot(type, Py_tp_alloc);
	goext_object *self = (goext_object *)alloc(type, 0);
	if (self == NULL) {
		if (!goext_forked) /*@HANDLE_RELEASE_SYMBOL@*/goext_release_handle(handle);
		return NULL;
	}
	self->handle = handle;
	return (PyObject *)self;
}

// An object result: a nil pointer is None.
static PyObject *goext_wrap(PyTypeObject *type, uintptr_t handle) {
	if (handle == 0) Py_RETURN_NONE;
	return goext_adopt(type, handle);
}

// A []*T or []T result: the glue's array of handles (0 for nil) as a list. The
// array is freed here; on a failure the handles not yet adopted are released
// (inline: a module without such a result says nothing of it).
static inline PyObject *goext_wrap_all(PyTypeObject *type, void *p, size_t n) {
	const uintptr_t *handles = p;
	size_t count = n / sizeof(uintptr_t), i = 0;
	PyObject *list = PyList_New((Py_ssize_t)count), *item;
	for (; list != NULL && i < count; i++) {
		if ((item = goext_wrap(type, handles[i])) == NULL) {  // (it released handles[i])
			Py_CLEAR(list);
			i++;
			break;
		}
		PyList_SetItem(list, (Py_ssize_t)i, item);
	}
	for (; i < count; i++) {
		if (handles[i] != 0 && !goext_forked) /*@HANDLE_RELEASE_SYMBOL@*/goext_release_handle(handles[i]);
	}
	free(p);
	return list;
}

// The handle of an object argument of the class `type` (None is nil where allowed).
static int goext_handle_arg(PyObject *o, PyTypeObject *type, int nullable, const char *where,
		uintptr_t *out) {
	PyObject *name, *given;
	if (PyObject_TypeCheck(o, type)) {
		*out = ((goext_object *)o)->handle;
		return 0;
	}
	if (nullable && o == Py_None) {
		*out = 0;
		return 0;
	}
	name = PyType_GetName(type);
	given = PyType_GetName(Py_TYPE(o));
	if (name != NULL && given != NULL) {
		PyErr_Format(PyExc_TypeError, nullable ? "%s must be %U or None, not %U"
			: "%s must be %U, not %U", where, name, given);
	}
	Py_XDECREF(name);
	Py_XDECREF(given);
	return -1;
}

// A []*T or []T argument: a list or tuple of objects of the class `type` (None
// is nil where allowed) as the array of their handles the glue reads, in arg's
// copy (inline: a module without such a parameter says nothing of it).
static inline int goext_handles_arg(PyObject *o, PyTypeObject *type, int nullable,
		const char *where, goext_arg *arg) {
	PyObject *name, *given, *item, *items;
	const char *label;
	Py_ssize_t count, i;
	uintptr_t *handles;
	int is_list = PyList_Check(o);
	if (!is_list && !PyTuple_Check(o)) {
		name = PyType_GetName(type);
		given = PyType_GetName(Py_TYPE(o));
		if (name != NULL && given != NULL) {
			PyErr_Format(PyExc_TypeError, "%s must be a list of %U, not %U", where, name, given);
		}
		Py_XDECREF(name);
		Py_XDECREF(given);
		return -1;
	}
	count = is_list ? PyList_Size(o) : PyTuple_Size(o);
	handles = PyMem_Malloc(count > 0 ? (size_t)count * sizeof(uintptr_t) : 1);
	if (handles == NULL) {
		PyErr_NoMemory();
		return -1;
	}
	arg->copy = handles, arg->p = (const char *)handles;
	arg->n = count * (Py_ssize_t)sizeof(uintptr_t);
	for (i = 0; i < count; i++) {
		item = is_list ? PyList_GetItem(o, i) : PyTuple_GetItem(o, i);
		if (item != NULL && PyObject_TypeCheck(item, type)) {
			handles[i] = ((goext_object *)item)->handle;
		} else if (item != NULL && nullable && item == Py_None) {
			handles[i] = 0;
		} else {  // goext_handle_arg's refusal, of "<where>: items"
			items = item != NULL ? PyUnicode_FromFormat("%s: items", where) : NULL;
			label = items != NULL ? PyUnicode_AsUTF8AndSize(items, NULL) : NULL;
			if (label != NULL) goext_handle_arg(item, type, nullable, label, &handles[i]);
			Py_XDECREF(items);
			return -1;
		}
	}
	return 0;
}

// A new zero value of the class, for the type `type` (a subclass gets its own instances).
static PyObject *goext_object_new(PyTypeObject *type, int (*make)(void *), const char *label) {
	goext_out_handle out;
	int status;
	if (goext_forked) return goext_fork_error(label);
	memset(&out, 0, sizeof out);
	Py_BEGIN_ALLOW_THREADS
	status = make(&out);
	Py_END_ALLOW_THREADS
	if (status != 0) return goext_fail(status, &out.head, label);
	return goext_adopt(type, out.r0);
}

static void goext_object_dealloc(PyObject *self) {
	PyTypeObject *type = Py_TYPE(self);
	freefunc free_object = (freefunc)PyType_GetSlot(type, Py_tp_free);
	goext_object *object = (goext_object *)self;
	if (object->weakrefs != NULL) PyObject_ClearWeakRefs(self);
	Py_CLEAR(object->ctypes_handle);
	if (object->handle != 0 && !goext_forked) /*@HANDLE_RELEASE_SYMBOL@*/goext_release_handle(object->handle);
	free_object(self);
	Py_DECREF(type);
}

// The fields named for an error: "X, Y", or "none".
static PyObject *goext_field_listing(PyObject *fields) {
	PyObject *separator;
	if (PyTuple_Size(fields) == 0) return PyUnicode_FromString("none");
	separator = PyUnicode_FromString(", ");
	if (separator == NULL) return NULL;
	fields = PyUnicode_Join(separator, fields);
	Py_DECREF(separator);
	return fields;
}

// A method's arguments, with the errors Python gives a method: the receiver counts.
static int goext_parse_method(const char *method, const char *const *names, Py_ssize_t n,
		PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, PyObject **out) {
	if (nargs > n) {
		PyErr_Format(PyExc_TypeError, "%s() takes %zd positional argument%s but %zd were given",
			method, n + 1, n == 0 ? "" : "s", nargs + 1);
		return -1;
	}
	return goext_parse(method, names, n, args, nargs, kwnames, out);
}

// Deleting a field: the error of a property without a deleter, as this Python words it.
static int goext_no_deleter(PyObject *self, const char *field) {
	PyObject *name = PyType_GetName(Py_TYPE(self));
	if (name == NULL) return -1;
	if (Py_Version >= 0x030C0000) {
		PyErr_Format(PyExc_AttributeError, "property '%s' of '%U' object has no deleter",
			field, name);
	} else {
		PyErr_Format(PyExc_AttributeError, "property of '%U' object has no deleter", name);
	}
	Py_DECREF(name);
	return -1;
}

// Cls(a, b) or Cls(Field=value): fields set in order, with GoObject.__init__'s errors.
static int goext_object_init(PyObject *self, PyObject *args, PyObject *kwargs,
		PyObject *fields) {
	Py_ssize_t i, n = PyTuple_Size(args), count = PyTuple_Size(fields), position = 0;
	PyObject *key, *value, *name = PyType_GetName(Py_TYPE(self)), *listing = NULL;
	int result = -1;
	if (name == NULL) return -1;
	if (n > count) {
		listing = goext_field_listing(fields);
		if (listing != NULL) PyErr_Format(PyExc_TypeError, "%U() takes at most %zd positional "
			"argument(s) (its fields in order: %U), %zd were given", name, count, listing, n);
		goto done;
	}
	for (i = 0; i < n; i++) {
		key = PyTuple_GetItem(fields, i);
		if (kwargs != NULL && PyDict_Contains(kwargs, key) == 1) {
			PyErr_Format(PyExc_TypeError, "%U() got multiple values for field %R", name, key);
			goto done;
		}
		if (PyObject_SetAttr(self, key, PyTuple_GetItem(args, i)) < 0) goto done;
	}
	while (kwargs != NULL && PyDict_Next(kwargs, &position, &key, &value)) {
		if (PySequence_Contains(fields, key) != 1) {
			listing = goext_field_listing(fields);
			if (listing != NULL) PyErr_Format(PyExc_TypeError, "%U() got an unexpected keyword "
				"argument %R; fields: %U", name, key, listing);
			goto done;
		}
		if (PyObject_SetAttr(self, key, value) < 0) goto done;
	}
	result = 0;
done:
	Py_DECREF(name);
	Py_XDECREF(listing);
	return result;
}

// repr(): Cls(Field=value, ...), each field read as Python reads it.
static PyObject *goext_object_repr(PyObject *self, PyObject *fields) {
	Py_ssize_t i, count = PyTuple_Size(fields);
	PyObject *name = PyType_GetName(Py_TYPE(self)), *shown = PyUnicode_FromString(""), *part;
	PyObject *value;
	for (i = 0; i < count && name != NULL && shown != NULL; i++) {
		value = PyObject_GetAttr(self, PyTuple_GetItem(fields, i));
		if (value == NULL) { Py_CLEAR(shown); break; }
		part = PyUnicode_FromFormat("%U%s%U=%R", shown, i ? ", " : "",
			PyTuple_GetItem(fields, i), value);
		Py_DECREF(value);
		Py_DECREF(shown);
		shown = part;
	}
	part = name != NULL && shown != NULL ? PyUnicode_FromFormat("%U(%U)", name, shown) : NULL;
	Py_XDECREF(name);
	Py_XDECREF(shown);
	return part;
}

// len() of a class whose Len() method serves it, as Python checks a __len__ result.
static Py_ssize_t goext_object_len(PyObject *length) {
	Py_ssize_t n;
	if (length == NULL) return -1;
	n = PyLong_AsSsize_t(length);
	Py_DECREF(length);
	if (n < 0 && !PyErr_Occurred()) {
		PyErr_SetString(PyExc_ValueError, "__len__() should return >= 0");
	}
	return n < 0 ? -1 : n;
}

// `with obj:` of a class with Close() error: enter gives the object, exit calls Close.
static PyObject *goext_object_enter(PyObject *self, PyObject *unused) {
	Py_INCREF(self);
	return self;
}

static PyObject *goext_object_exit(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
	PyObject *closed = PyObject_CallMethod(self, "Close", NULL);
	if (closed == NULL) return NULL;
	Py_DECREF(closed);
	Py_RETURN_NONE;
}

// What the ctypes layer passes for the object: its handle as a ctypes.c_size_t
// (made once: a ctypes-layer method reads it on every call).
static PyObject *goext_object_handle(PyObject *self, void *closure) {
	goext_object *object = (goext_object *)self;
	if (object->ctypes_handle != NULL) {
		Py_INCREF(object->ctypes_handle);
		return object->ctypes_handle;
	}
	if (goext_c_size_t == NULL) {
		PyObject *ctypes = PyImport_ImportModule("ctypes");
		if (ctypes == NULL) return NULL;
		goext_c_size_t = PyObject_GetAttrString(ctypes, "c_size_t");
		Py_DECREF(ctypes);
		if (goext_c_size_t == NULL) return NULL;
	}
	object->ctypes_handle = PyObject_CallFunction(goext_c_size_t, "K",
		(unsigned long long)object->handle);
	Py_XINCREF(object->ctypes_handle);
	return object->ctypes_handle;
}

// Cls._wrap(handle): an instance owning a handle the ctypes layer received.
static PyObject *goext_object_wrap(PyObject *cls, PyObject *handle) {
	size_t value = PyLong_AsSize_t(handle);
	if (value == (size_t)-1 && PyErr_Occurred()) return NULL;
	return goext_adopt((PyTypeObject *)cls, (uintptr_t)value);
}

static PyObject *goext_object_reduce(PyObject *self, PyObject *unused) {
	PyObject *name = PyType_GetName(Py_TYPE(self));
	if (name != NULL) {
		PyErr_Format(PyExc_TypeError, "cannot pickle %U: it holds a Go value", name);
		Py_DECREF(name);
	}
	return NULL;
}

static PyGetSetDef goext_object_getset[] = {
	{"_handle", goext_object_handle, NULL, NULL, NULL},
	{NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef goext_object_methods[] = {
	{"_wrap", goext_object_wrap, METH_O | METH_CLASS, NULL},
	{"__reduce__", goext_object_reduce, METH_NOARGS, NULL},
	{NULL, NULL, 0, NULL},
};

static PyMemberDef goext_object_members[] = {
	{"__weaklistoffset__", T_PYSSIZET, offsetof(goext_object, weakrefs), READONLY, NULL},
	{NULL, 0, 0, 0, NULL},
};

static PyType_Slot goext_object_slots[] = {
	{Py_tp_dealloc, goext_object_dealloc},
	{Py_tp_getset, goext_object_getset},
	{Py_tp_methods, goext_object_methods},
	{Py_tp_members, goext_object_members},
	{0, NULL},
};

// The base of every class of the module: the handle, its release and what the
// ctypes layer asks of an object (`_handle`, `_wrap`).
static PyType_Spec goext_object_spec = {
	"/*@BASE_NAME@*/example.module._GoObject", sizeof(goext_object), 0,
	Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, goext_object_slots,
};

static PyObject *goext_object_base;

// A tuple of interned str, from C strings.
static PyObject *goext_names_tuple(const char *const *names, Py_ssize_t n) {
	PyObject *tuple = PyTuple_New(n), *name;
	Py_ssize_t i;
	for (i = 0; tuple != NULL && i < n; i++) {
		name = PyUnicode_InternFromString(names[i]);
		if (name == NULL) { Py_CLEAR(tuple); break; }
		PyTuple_SetItem(tuple, i, name);
	}
	return tuple;
}

// A class from its generated spec, derived from the module's base, recorded in
// `classes` (the module's __goext_classes__) and set on the module under its name
// (until attach sets the runtime's class there). It says which of its members
// the C defines (`_go_c_members`) and whether that is all of them (`_go_complete`);
// `fields` gets its fields' names, in order, for the constructor. The types are
// made once per process: a module imported again (in a legacy sub-interpreter,
// say) shares them, so objects of every copy pass the C type's argument checks.
static int goext_make_class(PyObject *module, PyType_Spec *spec, PyObject *classes,
		const char *name, const char *const *members, Py_ssize_t n_members, int complete,
		const char *const *field_names, Py_ssize_t n_fields, PyTypeObject **type,
		PyTypeObject **results, PyObject **fields) {
	PyObject *made, *covered;
	if (*type == NULL) {
		if (goext_object_base == NULL) {
			goext_object_base = PyType_FromModuleAndSpec(module, &goext_object_spec, NULL);
			if (goext_object_base == NULL) return -1;
		}
		*fields = goext_names_tuple(field_names, n_fields);
		if (*fields == NULL) return -1;
		made = PyType_FromModuleAndSpec(module, spec, goext_object_base);
		if (made == NULL) return -1;
		covered = goext_names_tuple(members, n_members);
		if (covered == NULL || PyObject_SetAttrString(made, "_go_c_members", covered) < 0
				|| PyObject_SetAttrString(made, "_go_complete",
					complete ? Py_True : Py_False) < 0) {
			Py_XDECREF(covered);
			Py_DECREF(made);
			return -1;
		}
		Py_DECREF(covered);
		*type = (PyTypeObject *)made;
		Py_INCREF(made);
		*results = (PyTypeObject *)made;
	}
	if (PyDict_SetItemString(classes, name, (PyObject *)*type) < 0) return -1;
	return PyModule_AddObjectRef(module, name, (PyObject *)*type);
}

// What results are made of: the runtime's class of the name, once attach has set
// one deriving from the C type `type` (the first module's: it outlives the others).
static void goext_attached_class(PyObject *module, PyTypeObject *type, PyTypeObject **results,
		const char *name) {
	PyObject *attached;
	if (*results != type) return;
	attached = PyObject_GetAttrString(module, name);
	if (attached == NULL) { PyErr_Clear(); return; }
	if (PyType_Check(attached) && PyType_IsSubtype((PyTypeObject *)attached, type)) {
		Py_DECREF((PyObject *)*results);
		*results = (PyTypeObject *)attached;
		return;
	}
	Py_DECREF(attached);
}
