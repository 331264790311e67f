/* Load a CPython extension module the way Python's importer does (LoadLibrary, call
 * PyInit_<name>), then call one of its methods with (2, 40). Runs under wine64 with
 * python3_stub.c as python3.dll; compiled against Python.h for the struct layouts. */
#define Py_LIMITED_API 0x03090000
#include <Python.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

typedef PyObject *(*init_fn)(void);

int main(int argc, char **argv) {
    if (argc != 4) { printf("usage: loader module.pyd PyInit_name method\n"); return 1; }
    HMODULE lib = LoadLibraryA(argv[1]);
    if (!lib) { printf("LoadLibrary failed: %lu\n", GetLastError()); return 2; }
    init_fn init = (init_fn)GetProcAddress(lib, argv[2]);
    if (!init) { printf("GetProcAddress failed: %lu\n", GetLastError()); return 3; }
    PyModuleDef *definition = (PyModuleDef *)init();  /* the stub returns the definition */
    for (PyMethodDef *method = definition->m_methods; method->ml_name; method++) {
        if (strcmp(method->ml_name, argv[3]) == 0) {
            long long args[2] = {2, 40};
            PyObject *result = method->ml_meth(NULL, (PyObject *)args);
            printf("%s.%s(2, 40) = %lld\n", definition->m_name, argv[3], *(long long *)result);
            return 0;
        }
    }
    printf("no method %s\n", argv[3]);
    return 4;
}
