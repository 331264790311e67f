// []string and map results as the glue packs them (see goextStrings,
// goextIntegerMap and goextPlainMap): "S" and the strings joined by NUL, "E" for
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

// One key or value of a plain map: the next string of *text (up to end), or the
// next 8 bytes of *numbers, as kind says ('t' text, 's', 'u', 'f', 'b').
static PyObject *goext_plain_item(const char **numbers, const char **text, const char *end,
		char kind) {
	uint64_t bits;
	double number;
	const char *stop;
	if (kind == 't') {
		stop = memchr(*text, 0, (size_t)(end - *text));
		if (stop == NULL) stop = end;
		bits = (uint64_t)(stop - *text);
		stop = *text, *text += bits + 1;
		return PyUnicode_DecodeUTF8(stop, (Py_ssize_t)bits, "strict");
	}
	memcpy(&bits, *numbers, 8);
	*numbers += 8;
	switch (kind) {
	case 's': return PyLong_FromLongLong((long long)(int64_t)bits);
	case 'u': return PyLong_FromUnsignedLongLong((unsigned long long)bits);
	case 'f': memcpy(&number, &bits, sizeof number); return PyFloat_FromDouble(number);
	default: return PyBool_FromLong(bits != 0);
	}
}

// A map result as goextPlainMap packs it (inline: a module may not use it, and
// says nothing then): "P" padded to 8 bytes, the count and
// the length of the keys' text, the keys' numbers and the values' numbers (8
// bytes each, none for strings), then the keys' and the values' text, each
// joined by NUL. Anything else is JSON, which the runtime's reader takes.
static inline PyObject *goext_plain_map_result(void *p, size_t n, char key_kind, char value_kind,
		const char *go_type) {
	const char *data = p, *key_numbers, *value_numbers, *key_text, *value_text, *key_end;
	uint64_t count, key_text_n, i;
	PyObject *result, *key, *value;
	if (n < 24 || data[0] != 'P') {
		result = goext_packed_fallback("/*@PACKED_PLAIN_MAP@*/plain_map", go_type, data, n);
		free(p);
		return result;
	}
	memcpy(&count, data + 8, 8);
	memcpy(&key_text_n, data + 16, 8);
	key_numbers = data + 24;
	value_numbers = key_numbers + (key_kind == 't' ? 0 : 8 * count);
	key_text = value_numbers + (value_kind == 't' ? 0 : 8 * count);
	value_text = key_end = key_text + key_text_n;  // the values' text follows the keys'
	result = PyDict_New();
	for (i = 0; i < count && result != NULL; i++) {
		key = goext_plain_item(&key_numbers, &key_text, key_end, key_kind);
		value = key ? goext_plain_item(&value_numbers, &value_text, data + n, value_kind) : NULL;
		if (value == NULL || PyDict_SetItem(result, key, value) < 0) Py_CLEAR(result);
		Py_XDECREF(key);
		Py_XDECREF(value);
	}
	free(p);
	return result;
}

// One item of a []string argument as UTF-8 (lone surrogates as the plain string
// argument takes them); NULL with the exception set.
static PyObject *goext_string_item(PyObject *item, const char *where, Py_ssize_t index) {
	PyObject *name, *utf8;
	if (item == Py_None) {
		PyErr_Format(PyExc_TypeError, "%s[%zd]: None cannot be a Go string (only a pointer "
			"can be nil)", where, index);
		return NULL;
	}
	if (!PyUnicode_Check(item)) {
		name = PyType_GetName(Py_TYPE(item));
		PyErr_Format(PyExc_TypeError, "%s[%zd] must be str (Go string), not %U", where, index,
			name);
		Py_XDECREF(name);
		return NULL;
	}
	utf8 = PyUnicode_AsEncodedString(item, "utf-8", "surrogateescape");
	if (utf8 == NULL && PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
		PyErr_Clear();
		PyErr_Format(PyExc_ValueError, "%s[%zd]: the str " GOEXT_LONE_SURROGATE, where, index);
	}
	return utf8;
}

// A []string argument (a list or tuple of str) packed for the glue's goextDecode:
// "L" padded to 8 bytes, the count, each length (uint64 each), then the bytes.
static int goext_strings_arg(PyObject *o, const char *where, const char *go_type,
		goext_arg *arg) {
	int is_list = PyList_Check(o);
	Py_ssize_t count, i, n;
	uint64_t size, at, at_n;
	PyObject *items, *utf8;
	char *data;
	if (!is_list && !PyTuple_Check(o)) {
		PyObject *name = PyType_GetName(Py_TYPE(o));
		PyErr_Format(PyExc_TypeError, "%s must be a list (%s), not %U", where, go_type, name);
		Py_XDECREF(name);
		return -1;
	}
	count = is_list ? PyList_Size(o) : PyTuple_Size(o);
	items = PyList_New(count);  // the UTF-8 of each, held until copied
	if (items == NULL) return -1;
	size = 16 + 8 * (uint64_t)count;
	for (i = 0; i < count; i++) {
		utf8 = goext_string_item(is_list ? PyList_GetItem(o, i) : PyTuple_GetItem(o, i),
			where, i);
		if (utf8 == NULL) { Py_DECREF(items); return -1; }
		PyList_SetItem(items, i, utf8);
		size += (uint64_t)PyBytes_Size(utf8);
	}
	arg->copy = data = PyMem_Malloc((size_t)size);
	if (data == NULL) { Py_DECREF(items); PyErr_NoMemory(); return -1; }
	memset(data, 0, 16);
	data[0] = 'L';
	at = (uint64_t)count;
	memcpy(data + 8, &at, 8);
	at = 16 + 8 * (uint64_t)count;
	for (i = 0; i < count; i++) {
		utf8 = PyList_GetItem(items, i);
		n = PyBytes_Size(utf8);
		at_n = (uint64_t)n;
		memcpy(data + 16 + 8 * i, &at_n, 8);
		memcpy(data + at, PyBytes_AsString(utf8), (size_t)n);
		at += (uint64_t)n;
	}
	Py_DECREF(items);
	arg->p = data;
	arg->n = (Py_ssize_t)size;
	return 0;
}

// The element type of a map[string]<integer> argument: its check ('s' or 'u'),
// limits and Go name.
typedef struct { char check; long long low; unsigned long long high; const char *go_type; }
	goext_integer_type;

// A plain int in the range of an integer type ('s' or 'u'): 0 with its 64 bits;
// 1 for anything else (no exception set), which the caller checks further.
static int goext_plain_integer(PyObject *o, const goext_integer_type *type, uint64_t *bits) {
	long long s;
	unsigned long long u;
	int overflow = 0;
	if (!PyLong_CheckExact(o)) return 1;
	s = PyLong_AsLongLongAndOverflow(o, &overflow);
	if (type->check == 's') {
		if (overflow || s < type->low || s > (long long)type->high) return 1;
		*bits = (uint64_t)s;
		return 0;
	}
	if (overflow < 0 || (!overflow && s < 0)) return 1;
	u = overflow ? PyLong_AsUnsignedLongLong(o) : (unsigned long long)s;
	if (overflow && PyErr_Occurred()) { PyErr_Clear(); return 1; }
	if (u > type->high) return 1;
	*bits = u;
	return 0;
}

// One value of a map argument, checked as an argument of its Go type would be,
// at `where`['key'] (the place is written only for a value that is no plain int).
static int goext_map_value(PyObject *value, PyObject *key, const char *where,
		const goext_integer_type *type, uint64_t *out) {
	PyObject *place;
	const char *text;
	long long s; unsigned long long u;
	int failed;
	if (goext_plain_integer(value, type, out) == 0) return 0;
	if (value == Py_None) {
		PyErr_Format(PyExc_TypeError, "%s[%R]: None cannot be a Go %s (only a pointer can be "
			"nil)", where, key, type->go_type);
		return -1;
	}
	place = PyUnicode_FromFormat("%s[%R]", where, key);
	text = place ? PyUnicode_AsUTF8AndSize(place, NULL) : NULL;
	if (text == NULL) { Py_XDECREF(place); return -1; }
	failed = type->check == 's'
		? goext_signed(value, type->low, (long long)type->high, text, type->go_type, &s)
		: goext_unsigned(value, type->high, text, type->go_type, &u);
	Py_DECREF(place);
	*out = type->check == 's' ? (uint64_t)s : (uint64_t)u;
	return failed;
}

// The UTF-8 of a map argument's key (a str); NULL with the exception set.
static PyObject *goext_map_key(PyObject *key, const char *where) {
	PyObject *name, *utf8;
	if (!PyUnicode_Check(key)) {
		name = PyType_GetName(Py_TYPE(key));
		PyErr_Format(PyExc_TypeError, "%s: the key %R must be str (Go string), not %U",
			where, key, name);
		Py_XDECREF(name);
		return NULL;
	}
	utf8 = PyUnicode_AsEncodedString(key, "utf-8", "surrogateescape");
	if (utf8 == NULL && PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
		PyErr_Clear();
		PyErr_Format(PyExc_ValueError, "%s: the key %R: the str " GOEXT_LONE_SURROGATE, where,
			key);
	}
	return utf8;
}

// A map[string]<integer> argument (a dict) packed for the glue's goextDecode: "K"
// padded to 8 bytes, the count, the values (64 bits each), the key lengths
// (uint64 each), then the keys.
static int goext_integer_map_arg(PyObject *o, const char *where, const char *go_type,
		const goext_integer_type *type, goext_arg *arg) {
	Py_ssize_t count, position = 0, i = 0;
	uint64_t size, at, number;
	PyObject *keys, *key, *value, *utf8;
	char *data;
	if (!PyDict_Check(o)) {
		PyObject *name = PyType_GetName(Py_TYPE(o));
		PyErr_Format(PyExc_TypeError, "%s must be a dict (%s), not %U", where, go_type, name);
		Py_XDECREF(name);
		return -1;
	}
	count = PyDict_Size(o);
	keys = PyList_New(count);  // the UTF-8 of each key, held until copied
	if (keys == NULL) return -1;
	size = 16 + 16 * (uint64_t)count;
	arg->copy = data = PyMem_Malloc((size_t)size);
	// (i < count: a value's __index__ could grow the dict)
	while (data != NULL && i < count && PyDict_Next(o, &position, &key, &value)) {
		utf8 = goext_map_key(key, where);
		if (utf8 == NULL || goext_map_value(value, key, where, type, &number) < 0) {
			Py_XDECREF(utf8);
			Py_DECREF(keys);
			return -1;
		}
		PyList_SetItem(keys, i, utf8);
		memcpy(data + 16 + 8 * i, &number, 8);
		number = (uint64_t)PyBytes_Size(utf8);
		memcpy(data + 16 + 8 * (count + i), &number, 8);
		size += number;
		i++;
	}
	if (data == NULL || (data = PyMem_Realloc(data, (size_t)size)) == NULL) {
		Py_DECREF(keys);
		PyErr_NoMemory();
		return -1;
	}
	arg->copy = data;
	memset(data, 0, 8);
	data[0] = 'K';
	number = (uint64_t)count;
	memcpy(data + 8, &number, 8);
	for (i = 0, at = 16 + 16 * (uint64_t)count; i < count; i++) {
		utf8 = PyList_GetItem(keys, i);
		memcpy(data + at, PyBytes_AsString(utf8), (size_t)PyBytes_Size(utf8));
		at += (uint64_t)PyBytes_Size(utf8);
	}
	Py_DECREF(keys);
	arg->p = data;
	arg->n = (Py_ssize_t)size;
	return 0;
}

// A scalar of a plain map argument as goextPlainMap's columns hold it: 0 with
// *bits (and a string's UTF-8 in *text, *n), or 1 when it is not the common case
// (not exactly a str, an int in range, a finite float or a bool), which
// goext_json_arg's walk then checks and names.
static inline int goext_plain_bits(PyObject *o, const goext_integer_type *type, uint64_t *bits,
		const char **text, Py_ssize_t *n) {
	double f;
	switch (type->check) {
	case 't':
		if (!PyUnicode_CheckExact(o)) return 1;
		*text = PyUnicode_AsUTF8AndSize(o, n);  // kept by the str
		if (*text == NULL) { PyErr_Clear(); return 1; }  // a lone surrogate
		*bits = (uint64_t)*n;
		return 0;
	case 'f':
		if (!PyFloat_CheckExact(o)) return 1;
		f = PyFloat_AsDouble(o);
		if (f != f || f - f != 0) return 1;  // NaN or an infinity: JSON's refusal
		memcpy(bits, &f, sizeof f);
		return 0;
	case 'b':
		if (o != Py_True && o != Py_False) return 1;
		*bits = o == Py_True;
		return 0;
	}
	return goext_plain_integer(o, type, bits);
}

// An argument the runtime checks and sends as JSON, as the ctypes layer does:
// what the common case leaves, with the same messages (rare: its import costs).
static inline int goext_json_arg(PyObject *o, const char *where, const char *go_type, goext_arg *arg) {
	PyObject *module = PyImport_ImportModule("/*@JSON_ARGS_MODULE@*/setuptools_golang_ext.runtime._json_args"), *json;
	if (module == NULL) return -1;
	json = PyObject_CallMethod(module, "json_arg", "Oss", o, go_type, where);
	Py_DECREF(module);
	if (json == NULL) return -1;
	arg->owned = json;
	arg->p = PyBytes_AsString(json);
	arg->n = PyBytes_Size(json);
	return arg->p == NULL ? -1 : 0;
}

// A plain map argument (a dict) packed for the glue's goextDecode: "C" padded to
// 8 bytes, the count, the keys' column and the values' (8 bytes each: a number,
// or a string's length), then each entry's key and value text (inline: a module
// without such a parameter says nothing of it).
static inline int goext_plain_map_arg(PyObject *o, const char *where, const char *go_type,
		const goext_integer_type *key_type, const goext_integer_type *value_type,
		goext_arg *arg) {
	Py_ssize_t position = 0, count, i = 0, key_n = 0, value_n = 0;
	uint64_t size, key_bits, value_bits;
	const char *key_text = NULL, *value_text = NULL;
	PyObject *key, *value;
	char *data, *at;
	if (!PyDict_CheckExact(o)) return goext_json_arg(o, where, go_type, arg);
	count = PyDict_Size(o);
	size = 16 + 16 * (uint64_t)count;
	while (PyDict_Next(o, &position, &key, &value)) {
		if (goext_plain_bits(key, key_type, &key_bits, &key_text, &key_n)
				|| goext_plain_bits(value, value_type, &value_bits, &value_text, &value_n)) {
			return goext_json_arg(o, where, go_type, arg);
		}
		size += (key_type->check == 't' ? key_bits : 0)
			+ (value_type->check == 't' ? value_bits : 0);
	}
	arg->copy = data = PyMem_Malloc((size_t)size);
	if (data == NULL) { PyErr_NoMemory(); return -1; }
	memset(data, 0, 8);
	data[0] = 'C';
	size = (uint64_t)count;
	memcpy(data + 8, &size, 8);
	at = data + 16 + 16 * count;
	position = 0;
	while (PyDict_Next(o, &position, &key, &value)) {  // the same dict: nothing ran since
		goext_plain_bits(key, key_type, &key_bits, &key_text, &key_n);
		goext_plain_bits(value, value_type, &value_bits, &value_text, &value_n);
		memcpy(data + 16 + 8 * i, &key_bits, 8);
		memcpy(data + 16 + 8 * (count + i), &value_bits, 8);
		if (key_type->check == 't') { memcpy(at, key_text, (size_t)key_n); at += key_n; }
		if (value_type->check == 't') { memcpy(at, value_text, (size_t)value_n); at += value_n; }
		i++;
	}
	arg->p = data;
	arg->n = (Py_ssize_t)(at - data);
	return 0;
}
