//go:build !cpythontable

#include "handwritten.h"

int64_t hw_call(hw_callback f, int64_t x) { return f(x); }

int64_t hw_call_context(hw_context_callback f, void *context, int64_t x) {
	return f(context, x);
}
