"""Callables of numbers, bools and strings (answering a number or a bool) that a
ctypes-mode library calls through its own C trampoline (``goext_py_trampoline``
in templates/glue_support.go), which calls Python's C API as a cpython-mode
module's does: between Go and the callable there is no ctypes thunk and no
Python frame of ours. Only what the fast path cannot take (an int subclass, an
int out of range, a wrong type, an exception) comes back to Python: to the same
checks and the same first-error rule as the thunks of ``_native_callbacks``.
Strings arrive decoded as those thunks decode them (surrogateescape).

The library needs no Python header to build: the C API's entry points come
from ``ctypes.pythonapi`` of the running interpreter, handed over once per
library (``goext_set_py_api``). The two structures here mirror the C ones.
"""

from __future__ import annotations

import ctypes
import os
from _thread import get_ident

from ._native_callbacks import bool_result_refused
from ._scalar_args import float_arg, int_arg
from .contract import INT_RANGES, native_callback

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable

VALUES_MAX = 4  # GOEXT_VALUES_MAX of the glue: more arguments take the thunk
TRAMPOLINE_SYMBOL = "goext_py_trampoline"
_SET_API_SYMBOL = "goext_set_py_api"
# The C API's entry points, in the order of goext_py_api's function members.
_API_FUNCTIONS = (
    "PyGILState_Ensure", "PyGILState_Release", "PyObject_CallFunctionObjArgs",
    "PyLong_FromLongLong", "PyLong_FromUnsignedLongLong", "PyFloat_FromDouble",
    "PyBool_FromLong", "PyLong_AsLongLongAndOverflow", "PyLong_AsUnsignedLongLong",
    "PyFloat_AsDouble", "PyObject_Type", "Py_DecRef", "PyErr_Fetch",
    "PyErr_NormalizeException", "PyException_SetTraceback", "PyErr_Clear",
    "PyUnicode_DecodeUTF8",
)
_API_OBJECTS = (int, float, True, False)  # int_type, float_type, true_object, false_object


class _Api(ctypes.Structure):
    _fields_ = [(name, ctypes.c_void_p) for name in (*_API_FUNCTIONS, "int_type",
                                                      "float_type", "true", "false")]


class _Record(ctypes.Structure):
    """goext_py_callable: py_object members keep their objects for the record's life."""

    _fields_ = [("trampoline", ctypes.c_void_p), ("thread", ctypes.c_size_t),
                ("callable", ctypes.py_object), ("state", ctypes.py_object),
                ("check", ctypes.py_object), ("fail", ctypes.py_object),
                ("low", ctypes.c_longlong), ("high", ctypes.c_longlong),
                ("uhigh", ctypes.c_ulonglong)]


# goext_thread of the glue is pthread_self, which is what CPython's thread ident
# is where pthreads are; on Windows it is 0 (unknown), and so is this.
_THREAD: Callable[[], int] = (lambda: 0) if os.name == "nt" else get_ident
_api: list[_Api] = []  # made once per process, on first use


def _the_api() -> _Api:
    if not _api:
        api = ctypes.pythonapi
        addresses = [ctypes.cast(getattr(api, name), ctypes.c_void_p).value
                     for name in _API_FUNCTIONS]
        _api.append(_Api(*addresses, *(id(value) for value in _API_OBJECTS)))
    return _api[0]


def library_trampoline(cdll: Any) -> int | None:
    """The address of the library's C trampoline, the C API handed to it first;
    None when it has none (an older glue) or the interpreter lacks an entry point."""
    try:
        trampoline, set_api = cdll[TRAMPOLINE_SYMBOL], cdll[_SET_API_SYMBOL]
        api = _the_api()
    except AttributeError:  # an older glue, or an interpreter without these entry points
        return None
    set_api.argtypes, set_api.restype = [ctypes.POINTER(_Api)], None
    set_api(ctypes.byref(api))
    address = ctypes.cast(trampoline, ctypes.c_void_p).value
    return int(address) if address else None


def _failed(state: Any, error: BaseException) -> None:
    """The trampoline's report of an exception: the first one wins."""
    if state.error is None:
        state.error = error


def _check(result: str | None, label: str) -> Callable[[object], object]:
    """What the trampoline calls with an answer its fast path leaves."""
    if result == "bool":
        return lambda value: bool_result_refused(value, label)
    if result in INT_RANGES:
        return lambda value: int_arg(value, result, label)
    if result is None:
        return lambda value: value  # never called: no answer is wanted
    return lambda value: float_arg(value, result, label)


def c_maker(go_type: str, where: str, trampoline: int) -> Callable[[Any, Any], Any] | None:
    """``make(function, state)``: the tagged record address Go calls ``function``
    through, for a callback type of up to four numbers, bools and strings
    answering nothing or a number or a bool; None for another type."""
    native = native_callback(go_type)
    if native is None:
        return None
    params, result = native
    if len(params) > VALUES_MAX:
        return None
    check = _check(result, f"the result of {where}")
    low, high = INT_RANGES.get(result or "", (0, 0))
    signed = (low, high) if low < 0 else (0, 0)
    unsigned_high = high if low == 0 else 0

    def make(function: Any, state: Any) -> Any:
        record = _Record(trampoline, _THREAD(), function, state, check, _failed,
                         signed[0], signed[1], unsigned_high)
        state.keep.append(record)
        return ctypes.addressof(record) + 1  # tagged, as a cpython-mode record

    return make
