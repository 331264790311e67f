"""The fixed C part of a ``bindings = "cpython"`` module: argument conversion,
result conversion and errors, shared by every generated ``PyCFunction``.

Written against the limited API of Python 3.11 (``Py_LIMITED_API`` 0x030B0000):
3.11 is the first version whose limited API has the buffer protocol
(``PyObject_GetBuffer``), which zero-copy ``[]byte`` and numeric slices need.
The C itself is ``templates/module_support.c`` and ``templates/module_attach.c``.
"""

from __future__ import annotations

from ..config.binding_mode import BindingMode
from ..runtime.contract import (
    API_SUFFIX,
    CANCEL_SYMBOL,
    DIGEST_KEY,
    DIGEST_PREFIX,
    LIBRARY_ID_KEY,
    LIBRARY_ID_SYMBOL,
    LONE_SURROGATE,
    PACKED_INTEGER_MAP,
    PACKED_PLAIN_MAP,
    PACKED_STRINGS,
    PYTHON_EXCEPTION_CLASS,
    STATUS_BAD_ARGUMENT,
    STATUS_ERROR,
    STATUS_NO_MEMORY,
)
from .template_files import render

ERRORS_MODULE = "setuptools_golang_ext.runtime._errors"
# Adds the API beyond the C functions (classes, constants...) to the module, on first
# use; and gives the maker of the exceptions of Go errors of a kind.
ATTACH_MODULE, ATTACH_FUNCTION = "setuptools_golang_ext.runtime._attach", "attach_checked"
# Checks the API description when the module's own C check did not pass.
CHECK_MODULE = "setuptools_golang_ext.runtime._description"
CHECK_FUNCTION = "check_module_description"
MAKER_FUNCTION = "error_maker"
SIGNALS_MODULE = "setuptools_golang_ext.runtime._signals"
# Reads a packed result that fell back to JSON (its strings hold NUL or invalid UTF-8).
PACKED_MODULE = "setuptools_golang_ext.runtime._packed"
JSON_ARGS_MODULE = "setuptools_golang_ext.runtime._json_args"  # its json_arg
# How long Ctrl-C may wait to be seen during a call taking a context (20 ms).
POLL_MICROSECONDS = 20_000

# A cgo directive, not C: the C text is the preamble of a Go file.
_CGO_LINES = "\n#cgo linux LDFLAGS: -ldl\n"


def c_string(text: str) -> str:
    """A C string literal of ``text`` (UTF-8; every byte outside printable ASCII escaped)."""
    out = []
    for byte in text.encode("utf-8"):
        char = chr(byte)
        if char in '"\\?':
            out.append("\\" + char)
        elif 32 <= byte < 127:
            out.append(char)
        else:
            out.append(f"\\{byte:03o}")
    return '"' + "".join(out) + '"'


def attach_c() -> str:
    """The C function handing the module to the runtime's ``attach``."""
    return "\n" + render("module_attach.c", {
        "ATTACH_MODULE": ATTACH_MODULE, "ATTACH_FUNCTION": ATTACH_FUNCTION,
        "MAKER_FUNCTION": MAKER_FUNCTION})


def description_c(identifier: str) -> str:
    """The C check of the module's API description, which names library id
    ``identifier`` (16 hex digits; "" for a module built without one: the runtime checks)."""
    return "\n" + render("module_description.c", {
        "LIBRARY_ID_SYMBOL": LIBRARY_ID_SYMBOL, "LIBRARY_ID_KEY": LIBRARY_ID_KEY,
        "LIBRARY_ID": identifier or "none", "DIGEST_KEY": DIGEST_KEY,
        "DIGEST_PREFIX": DIGEST_PREFIX, "API_SUFFIX": API_SUFFIX,
        "CHECK_MODULE": CHECK_MODULE, "CHECK_FUNCTION": CHECK_FUNCTION})


def collections_c() -> str:
    """The readers of packed ``[]string`` and map results."""
    return "\n" + render("module_collections.c", {
        "PACKED_MODULE": PACKED_MODULE,
        "PACKED_STRINGS": PACKED_STRINGS,
        "PACKED_INTEGER_MAP": PACKED_INTEGER_MAP,
        "PACKED_PLAIN_MAP": PACKED_PLAIN_MAP,
        "JSON_ARGS_MODULE": JSON_ARGS_MODULE,
    })


def support_c(module: str) -> str:
    """The fixed C text for the module ``module`` (dotted name)."""
    return _CGO_LINES + render("module_support.c", {
        "LIMITED_API": BindingMode.CPYTHON.limited_api_hex,
        "MODULE": module,
        "STATUS_NO_MEMORY": STATUS_NO_MEMORY,
        "STATUS_ERROR": STATUS_ERROR,
        "STATUS_BAD_ARGUMENT": STATUS_BAD_ARGUMENT,
        "PYTHON_EXCEPTION_CLASS_NEGATED": -PYTHON_EXCEPTION_CLASS,
        "ERRORS_MODULE": ERRORS_MODULE,
        "SIGNALS_MODULE": SIGNALS_MODULE,
        "CANCEL_SYMBOL": CANCEL_SYMBOL,
        "POLL_MICROSECONDS": POLL_MICROSECONDS,
        "LONE_SURROGATE": LONE_SURROGATE,
    })
