/* Call generated //python:export wrappers through their C ABI, the way the Python
   runtime does, and free results with goext_free (runs under wine64). */
#include <windows.h>
#include <stdio.h>
#include <string.h>

/* goextHead of the glue (description format 4): message, stack, error value and kind. */
typedef struct {
    char *err; size_t errN; char *stack; size_t stackN;
    size_t errValue; int errKind; int errClass;
} head;
typedef struct { head h; char *r0; size_t r0n; } string_record;
typedef struct { head h; long long r0; } int_record;
typedef int (*reverse_fn)(const char *, size_t, string_record *);
typedef int (*div_fn)(long long, long long, int_record *);
typedef int (*explode_fn)(const char *, size_t, int_record *);
typedef void (*free_fn)(void *);

static int contains(const char *text, size_t n, const char *word) {
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= n; i++) {
        if (memcmp(text + i, word, w) == 0) return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    HMODULE lib = LoadLibraryA(argv[1]);
    if (!lib) { printf("LoadLibrary failed: %lu\n", GetLastError()); return 2; }
    reverse_fn reverse = (reverse_fn)GetProcAddress(lib, "goext_Reverse");
    div_fn divide = (div_fn)GetProcAddress(lib, "goext_Div");
    explode_fn explode = (explode_fn)GetProcAddress(lib, "goext_Explode");
    free_fn release = (free_fn)GetProcAddress(lib, "goext_free");
    if (!reverse || !divide || !explode || !release) { printf("missing export\n"); return 3; }

    string_record s = {0};
    int status = reverse("abc", 3, &s);
    printf("Reverse: status %d, %.*s\n", status, (int)s.r0n, s.r0);
    release(s.r0);

    int_record d = {0};
    status = divide(1, 0, &d);
    printf("Div: status %d, %.*s\n", status, (int)d.h.errN, d.h.err);
    release(d.h.err);

    int_record e = {0};
    status = explode("boom", 4, &e);
    printf("Explode: status %d, %.*s, stack names Explode: %d\n", status, (int)e.h.errN,
           e.h.err, contains(e.h.stack, e.h.stackN, "kinds.Explode"));
    release(e.h.err);
    release(e.h.stack);
    return 0;
}
