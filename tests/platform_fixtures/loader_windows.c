/* Load a DLL, call an exported int f(int, int) and print the result (runs under wine64). */
#include <windows.h>
#include <stdio.h>
typedef int (*add_fn)(int, int);
int main(int argc, char **argv) {
    HMODULE lib = LoadLibraryA(argv[1]);
    if (!lib) { printf("LoadLibrary failed: %lu\n", GetLastError()); return 2; }
    add_fn add = (add_fn)GetProcAddress(lib, argv[2]);
    if (!add) { printf("GetProcAddress failed: %lu\n", GetLastError()); return 3; }
    printf("%s(2, 40) = %d\n", argv[2], add(2, 40));
    return 0;
}
