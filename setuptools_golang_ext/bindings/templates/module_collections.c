// []string and map[string]<integer> results as the glue packs them (see
// goextStrings and goextIntegerMap): "S" and the strings joined by NUL, "E" for
// none, "M" padded to 8 bytes, the count, the values, then the keys joined by
// NUL. Read here into Python objects, with no JSON; a result whose strings hold
// NUL or invalid UTF-8 comes as JSON, which the runtime's reader takes (rare).
static PyObject *goext_packed_fallback(const char *kind, const char *go_type,
		const char *data, size_t n) {
	PyObject *module = PyImport_ImportModule("/*@PACKED_MODULE@*/setuptools_golang_ext.runtime._packed"), *reader, *bytes, *result;
	if (module == NULL) return NULL;
	reader = PyObject_CallMethod(module, "packed_reader", "ss", kind, go_type);
	Py_DECREF(module);
	if (reader == NULL) return NULL;
	bytes = PyBytes_FromStringAndSize(data, (Py_ssize_t)n);
	result = bytes ? PyObject_CallFunctionObjArgs(reader, bytes, NULL) : NULL;
	Py_XDECREF(bytes);
	Py_DECREF(reader);
	return result;
}

// Appends the NUL-separated strings of data[0..n) to list (n > 0 gives one at least).
static int goext_split(PyObject *list, const char *data, size_t n) {
	const char *end = data + n, *stop;
	PyObject *item;
	for (;;) {
		stop = memchr(data, 0, (size_t)(end - data));
		if (stop == NULL) stop = end;
		item = PyUnicode_DecodeUTF8(data, stop - data, "strict");
		if (item == NULL || PyList_Append(list, item) < 0) { Py_XDECREF(item); return -1; }
		Py_DECREF(item);
		if (stop == end) return 0;
		data = stop + 1;
	}
}

static PyObject *goext_strings_result(void *p, size_t n, const char *go_type) {
	const char *data = p;
	PyObject *result;
	if (n > 0 && data[0] == 'S') {
		result = PyList_New(0);
		if (result != NULL && goext_split(result, data + 1, n - 1) < 0) Py_CLEAR(result);
	} else if (n > 0 && data[0] == 'E') {
		result = PyList_New(0);
	} else {
		result = goext_packed_fallback("/*@PACKED_STRINGS@*/strings", go_type, data, n);
	}
	free(p);
	return result;
}

static PyObject *goext_integer(const char *at, char kind, size_t size) {
	int64_t s = 0; uint64_t u = 0;
	int8_t s8; int16_t s16; int32_t s32; uint8_t u8; uint16_t u16; uint32_t u32;
	switch (size) {
	case 1: memcpy(&s8, at, 1); memcpy(&u8, at, 1); s = s8; u = u8; break;
	case 2: memcpy(&s16, at, 2); memcpy(&u16, at, 2); s = s16; u = u16; break;
	case 4: memcpy(&s32, at, 4); memcpy(&u32, at, 4); s = s32; u = u32; break;
	default: memcpy(&s, at, 8); memcpy(&u, at, 8);
	}
	return kind == 's' ? PyLong_FromLongLong(s) : PyLong_FromUnsignedLongLong(u);
}

static PyObject *goext_map_items(const char *data, size_t n, char kind, size_t size) {
	uint64_t count, i;
	const char *keys, *end = data + n, *stop;
	PyObject *result = PyDict_New(), *key, *value;
	memcpy(&count, data + 8, 8);
	keys = data + 16 + count * size;
	for (i = 0; i < count && result != NULL; i++) {
		stop = memchr(keys, 0, (size_t)(end - keys));
		if (stop == NULL) stop = end;
		key = PyUnicode_DecodeUTF8(keys, stop - keys, "strict");
		value = key ? goext_integer(data + 16 + i * size, kind, size) : NULL;
		if (value == NULL || PyDict_SetItem(result, key, value) < 0) Py_CLEAR(result);
		Py_XDECREF(key);
		Py_XDECREF(value);
		keys = stop + 1;
	}
	return result;
}

static PyObject *goext_integer_map_result(void *p, size_t n, char kind, size_t size,
		const char *go_type) {
	const char *data = p;
	PyObject *result = n >= 16 && data[0] == 'M' ? goext_map_items(data, n, kind, size)
		: goext_packed_fallback("/*@PACKED_INTEGER_MAP@*/integer_map", go_type, data, n);
	free(p);
	return result;
}
