// The runtime adds the rest of the API and answers with the error maker (or None);
// a module imported again takes the maker of its newest attach.
static int goext_attach(PyObject *module) {
	PyObject *runtime = PyImport_ImportModule("/*@ATTACH_MODULE@*/setuptools_golang_ext.runtime._attach"), *maker;
	if (runtime == NULL) return -1;
	maker = PyObject_CallMethod(runtime, "/*@ATTACH_FUNCTION@*/attach", "O", module);
	Py_DECREF(runtime);
	if (maker == NULL) return -1;
	Py_XDECREF(goext_error_maker);
	goext_error_maker = NULL;
	if (maker != Py_None) goext_error_maker = maker; else Py_DECREF(maker);
	return 0;
}
