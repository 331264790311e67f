/* A stand-in python3.dll for running a C-API extension under wine without a Windows
 * CPython: just the three functions the test module calls. An "object" is a pointer to
 * long longs (args: two of them; a result: one); a module is its PyModuleDef. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

__declspec(dllexport) int PyArg_ParseTuple(void *args, const char *format, ...) {
    const long long *values = args;
    va_list out;
    if (strcmp(format, "LL") != 0) return 0;
    va_start(out, format);
    *va_arg(out, long long *) = values[0];
    *va_arg(out, long long *) = values[1];
    va_end(out);
    return 1;
}

__declspec(dllexport) void *PyLong_FromLongLong(long long value) {
    long long *object = malloc(sizeof value);
    *object = value;
    return object;
}

__declspec(dllexport) void *PyModule_Create2(void *definition, int api_version) {
    (void)api_version;
    return definition;
}
