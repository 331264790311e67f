#include <stdlib.h>

/* The hand-written baseline's free: plain C, like the bindings' goext_free. */
void FreeC(void *p) { free(p); }

#include <time.h>
#include "_cgo_export.h"

/* The C-to-Go transition alone: nanoseconds per call of the Go export Add from C,
   over n calls. bench/run.py sets every binding call beside it: no binding can
   cost less than a Python builtin call plus this. */
double CToGoNanos(int n) {
	struct timespec start, end;
	long long sum = 0;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (int i = 0; i < n; i++) sum += Add(i, 1);
	clock_gettime(CLOCK_MONOTONIC, &end);
	double nanos = (end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec);
	return sum == 0 ? -1 : nanos / n;
}
