/* Load a shared library, call an exported int f(int, int), print the result (qemu runs it). */
#include <dlfcn.h>
#include <stdio.h>

typedef int (*add_fn)(int, int);

int main(int argc, char **argv) {
    if (argc != 3) return 1;
    void *lib = dlopen(argv[1], RTLD_NOW);
    if (!lib) { printf("dlopen failed: %s\n", dlerror()); return 2; }
    add_fn add = (add_fn)dlsym(lib, argv[2]);
    if (!add) { printf("dlsym failed: %s\n", dlerror()); return 3; }
    printf("%s(2, 40) = %d\n", argv[2], add(2, 40));
    return 0;
}
