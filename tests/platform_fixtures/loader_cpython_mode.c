/* Load a bindings = "cpython" module (.pyd) with Windows' loader, find its PyInit_<leaf>,
 * then call the Go wrapper goext_Add(2, 40) behind the module's Add (runs under wine64
 * with a stand-in python3.dll: PyInit itself needs a real CPython, so it is not called). */
#include <windows.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    void *err;
    size_t errN;
    void *stack;
    size_t stackN;
    size_t errValue;  /* the error head of description format 4 */
    int errKind;
    int errClass;
    ptrdiff_t r0;
} add_out;
typedef int (*add_fn)(ptrdiff_t, ptrdiff_t, add_out *);

int main(int argc, char **argv) {
    if (argc != 3) { printf("usage: loader module.pyd PyInit_name\n"); return 1; }
    HMODULE lib = LoadLibraryA(argv[1]);
    if (!lib) { printf("LoadLibrary failed: %lu\n", GetLastError()); return 2; }
    if (!GetProcAddress(lib, argv[2])) { printf("no %s: %lu\n", argv[2], GetLastError()); return 3; }
    add_fn add = (add_fn)GetProcAddress(lib, "goext_Add");
    if (!add) { printf("no goext_Add: %lu\n", GetLastError()); return 4; }
    add_out out = {0};
    int status = add(2, 40, &out);
    printf("%s found; goext_Add(2, 40) = %d, status %d\n", argv[2], (int)out.r0, status);
    return 0;
}
