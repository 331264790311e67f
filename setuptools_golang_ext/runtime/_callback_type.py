"""The C type of every Python callable handed to Go: ``int (*)(void *args, size_t
size, size_t reply)``. Its own module: the call wrappers and the kept callables
both make pointers of it."""

from __future__ import annotations

import ctypes

CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t)
