// The API description beside the library is checked at every import, here in C:
// whole and unedited (the CRC-32 its first line records of the text after it) and
// of this build (it names this library's id). The runtime then needs no JSON, no
// checksum module and no import for it. Anything else, or a file C cannot read,
// goes to the runtime, which reads it as Python does and says what is wrong.
#include <stdio.h>
extern unsigned long long /*@LIBRARY_ID_SYMBOL@*/goext_library_id(void);
static const char goext_id_line[] = "\n \"/*@LIBRARY_ID_KEY@*/library_id\": \"/*@LIBRARY_ID@*/0123456789abcdef\"";
static const char goext_digest_key[] = "\"/*@DIGEST_KEY@*/digest\": \"/*@DIGEST_PREFIX@*/crc32";

static uint32_t goext_crc32(const unsigned char *p, size_t n) {
	static uint32_t table[256];
	uint32_t crc = 0xFFFFFFFFu;
	if (table[1] == 0) {  // zlib's CRC-32 (reflected 0xEDB88320); racing fills agree
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	}
	while (n--) crc = table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
	return crc ^ 0xFFFFFFFFu;
}

// The description's text (NUL-terminated, *size bytes), or NULL.
static char *goext_read_description(PyObject *module, long *size) {
	PyObject *file = PyModule_GetFilenameObject(module), *encoded;
	const char *path, *slash, *leaf = strrchr(goext_module_name, '.');
	char *name, *text = NULL;
	FILE *stream;
	if (file == NULL) return NULL;
	encoded = PyUnicode_EncodeFSDefault(file);
	Py_DECREF(file);
	if (encoded == NULL) return NULL;
	path = PyBytes_AsString(encoded);
	slash = path ? strrchr(path, '/') : NULL;
#ifdef _WIN32
	{
		const char *back = path ? strrchr(path, '\\') : NULL;
		if (back != NULL && (slash == NULL || back > slash)) slash = back;
	}
#endif
	leaf = leaf ? leaf + 1 : goext_module_name;
	name = slash ? malloc((size_t)(slash - path) + strlen(leaf) + 16) : NULL;
	if (name != NULL) {
		sprintf(name, "%.*s%s/*@API_SUFFIX@*/_api.json", (int)(slash - path + 1), path, leaf);
		stream = fopen(name, "rb");
		free(name);
		if (stream != NULL) {
			if (fseek(stream, 0, SEEK_END) == 0 && (*size = ftell(stream)) > 0
					&& fseek(stream, 0, SEEK_SET) == 0
					&& (text = malloc((size_t)*size + 1)) != NULL) {
				if (fread(text, 1, (size_t)*size, stream) == (size_t)*size) text[*size] = 0;
				else { free(text); text = NULL; }
			}
			fclose(stream);
		}
	}
	Py_DECREF(encoded);
	return text;
}

static int goext_description_as_built(PyObject *module) {
	long size = 0;
	char *text = goext_read_description(module, &size), *line_end, *digest;
	char expected[9];
	int ok = 0;
	if (text == NULL) {
		PyErr_Clear();
		return 0;
	}
	line_end = memchr(text, '\n', (size_t)size);
	digest = line_end ? strstr(text, goext_digest_key) : NULL;
	if (digest != NULL && digest < line_end
			&& line_end - digest >= (long)sizeof goext_digest_key + 8) {
		const char *rest = line_end + 1;
		snprintf(expected, sizeof expected, "%08lx", (unsigned long)goext_crc32(
			(const unsigned char *)rest, (size_t)(text + size - rest)));
		ok = memcmp(digest + sizeof goext_digest_key - 1, expected, 8) == 0
			&& digest[sizeof goext_digest_key - 1 + 8] == '"'
			&& strlen(text) == (size_t)size && strstr(text, goext_id_line) != NULL;
	}
	free(text);
	return ok;
}

// Else the runtime's check, which raises the ImportError naming what is wrong (or,
// for a file C could not read, passes it as Python reads it). ``needed``: the module
// attaches the runtime, which reads the description (else a missing one is no error).
static int goext_check_description(PyObject *module, int needed) {
	PyObject *runtime, *done;
	unsigned long long id;
	if (goext_description_as_built(module)) return 0;
	runtime = PyImport_ImportModule("/*@CHECK_MODULE@*/setuptools_golang_ext.runtime._description");
	if (runtime == NULL) return -1;
	Py_BEGIN_ALLOW_THREADS  // a Go export waits for the Go package inits, which may call Python
	id = /*@LIBRARY_ID_SYMBOL@*/goext_library_id();
	Py_END_ALLOW_THREADS
	done = PyObject_CallMethod(runtime, "/*@CHECK_FUNCTION@*/check_module_description", "OKi", module,
		id, needed);
	Py_DECREF(runtime);
	Py_XDECREF(done);
	return done == NULL ? -1 : 0;
}
