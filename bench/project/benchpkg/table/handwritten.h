/* Calling a C function pointer from Go takes a C helper: the hand-written
   baselines' callbacks go through these (see handwritten.c). */
#include <stdint.h>

typedef int64_t (*hw_callback)(int64_t);
typedef int64_t (*hw_context_callback)(void *, int64_t);

int64_t hw_call(hw_callback f, int64_t x);
int64_t hw_call_context(hw_context_callback f, void *context, int64_t x);
