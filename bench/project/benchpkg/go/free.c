#include <stdlib.h>

/* The hand-written baseline's free: plain C, like the bindings' goext_free. */
void FreeC(void *p) { free(p); }
