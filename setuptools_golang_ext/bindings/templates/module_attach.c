// The part of the API the C does not cover comes from the runtime on first use: the
// exec slot (once the description is checked) has it hook the module's __getattr__.
// A Go error of a kind asks it for the maker of its exception (which attaches then).
// A module imported again asks its newest attach.
static PyObject *goext_attached_module;

static PyObject *goext_find_maker_in_runtime(void) {
	PyObject *runtime = PyImport_ImportModule("/*@ATTACH_MODULE@*/setuptools_golang_ext.runtime._attach"), *maker;
	if (runtime == NULL) return NULL;
	maker = PyObject_CallMethod(runtime, "/*@MAKER_FUNCTION@*/error_maker", "O", goext_attached_module);
	Py_DECREF(runtime);
	return maker;
}

static int goext_attach(PyObject *module) {
	PyObject *runtime = PyImport_ImportModule("/*@ATTACH_MODULE@*/setuptools_golang_ext.runtime._attach"), *done;
	if (runtime == NULL) return -1;
	done = PyObject_CallMethod(runtime, "/*@ATTACH_FUNCTION@*/attach_checked", "O", module);
	Py_DECREF(runtime);
	if (done == NULL) return -1;
	Py_DECREF(done);
	Py_XDECREF(goext_error_maker);
	goext_error_maker = NULL;
	Py_XDECREF(goext_attached_module);
	Py_INCREF(module);
	goext_attached_module = module;
	goext_find_maker = goext_find_maker_in_runtime;
	return 0;
}
