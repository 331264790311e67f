"""Everything the build side and the runtime must agree on, written once.

The build writes libraries, C-ABI wrappers and API descriptions; the runtime
reads them. Every name, number and type tag they share lives here, and the
build side imports it from here (never the other way round). Standard library
only: this module ships inside every wheel built with the tool.
"""

from __future__ import annotations

import keyword

from . import _files
from ._buffer_kinds import BUFFER_KINDS  # (standard library only, and imports nothing)

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any

# What load() reads at every import: in a module of its own, re-exported here.
API_SUFFIX = _files.API_SUFFIX
BINDINGS_KEY = _files.BINDINGS_KEY
CPYTHON_MODE = _files.CPYTHON_MODE
DIGEST_KEY = _files.DIGEST_KEY
DIGEST_PREFIX = _files.DIGEST_PREFIX
EDITABLE_FORMAT = _files.EDITABLE_FORMAT
EDITABLE_SUFFIX = _files.EDITABLE_SUFFIX
LIBRARY_ID_KEY = _files.LIBRARY_ID_KEY
LIBRARY_ID_SYMBOL = _files.LIBRARY_ID_SYMBOL


# The toolchain: generics, unsafe.String/SliceData and go.work need Go 1.21,
# and the glue is generated for that language version.
MINIMUM_GO = (1, 21)
MINIMUM_GO_TEXT = "go" + ".".join(map(str, MINIMUM_GO))

# The typed module installed beside each library (API_SUFFIX: its description).
API_MODULE_SUFFIX = "_api.py"
# `//python:export readonly=data`: the []byte parameters a function only reads.
READONLY_OPTION = "readonly"
# `//python:export gil=hold`: a call too short to be worth releasing the GIL for.
GIL_OPTION = "gil"
GIL_HOLD, GIL_RELEASE = "hold", "release"
# `//python:export keep=handler`: func parameters whose Python callables Go may
# keep and call after the call returned (Subscribe, HandleFunc).
KEEP_OPTION = "keep"
# `//python:export name=snake_name`: the Python name of a function or method.
NAME_OPTION = "name"
# `//python:export nocopy=result`: []byte and numeric slice results are not copied:
# Python gets a view of the Go memory, pinned until the view is dropped.
NOCOPY_OPTION, NOCOPY_RESULT = "nocopy", "result"
# `//python:export async`: a coroutine function (the Go function takes a context
# first, which cancelling the task cancels); its description entry says so.
ASYNC_OPTION = ASYNC_KEY = "async"
# `//python:export instantiate=[int],[string,int]`: on a generic function or type, the
# instantiations to bind (the reader instantiates them with go/types).
INSTANTIATE_OPTION = "instantiate"
EXPORT_OPTIONS = (READONLY_OPTION, GIL_OPTION, KEEP_OPTION, NAME_OPTION, NOCOPY_OPTION,
                  ASYNC_OPTION, INSTANTIATE_OPTION)
# A pointer method of a named slice, array or map (``func (v *IntVector) Push(x int)``):
# its first result is the receiver's new value, which the runtime writes back into
# the Python object (a list, dict or array subclass), so the call changes it in place.
# A named basic type's or []byte's value cannot change (``func (b *Bytes) Set(...)``):
# the new value stays the method's first result.
MUTATES_KEY = "mutates"
# A function's parameter taking a pointer to a named slice, array or map (``func Fill(v
# *IntVector)``): its index. Go's copy, the first result, replaces that argument's contents.
WRITTEN_KEY = "written"


def keeps_receiver_result(receiver: str) -> bool:
    """Whether a pointer method of a named type of underlying type ``receiver``
    returns the receiver's new value (Python's value is immutable) instead of
    writing it back into the object."""
    return receiver == BYTES or not receiver.startswith(("[", "map["))
# A class entry's Python name when `name=` or a rename table gave it one (the
# entry stays keyed by the Go name, which type tags use).
PYTHON_NAME_KEY = "python"
# The description entry of such a function says so under this key.
HOLD_GIL_KEY = "hold_gil"

FORMAT = 5  # bump when the description's shape changes; the runtime refuses others
# 2 added "context" entries and STATUS_NO_MEMORY; 3 added "constants", "classes",
# "release" and the []string, map and object type tags; 4 added "errors" (sentinel
# error classes) and the error kind, class id and handle to every result record's
# head (ERROR_HEAD_FORMAT), "keep" parameters (one more pointer each: the release
# function of a callable Go keeps), "python_exit", "named_types" and "aliases";
# 5 sends []string and map[string]<integer> results packed (see packed_kind), which
# an older runtime would misread: it refuses format 5 with a clear error instead.
READABLE_FORMATS = (1, 2, 3, 4, 5)
# Libraries of older formats have a head of four fields (message and stack only).
ERROR_HEAD_FORMAT = 4


# Environment variables that change what Go builds (by name prefix), minus the
# ones that only say where caches and downloads live. Build inputs hash them;
# the log shows them on the RUN: line.
BUILD_ENV_PREFIXES = ("GO", "CGO_", "CC", "CXX", "AR", "PKG_CONFIG", "MACOSX_", "ZIG",
                      "SETUPTOOLS_GOLANG_EXT_")
NOT_BUILD_INPUTS = frozenset({
    "GOCACHE", "GOMODCACHE", "GOPATH", "GOTMPDIR", "GOPROXY", "GOSUMDB", "GONOSUMDB",
    "GOPRIVATE", "GONOPROXY", "GOINSECURE", "GOTELEMETRY", "GOTELEMETRYDIR", "GOENV",
    "GOAUTH", "SETUPTOOLS_GOLANG_EXT_CACHE",
})

# Entries of the description: which kind of export produced a function.
LAYER_C_EXPORT = 1  # a hand-written cgo ``//export`` function, typed from the C header
LAYER_PYTHON_EXPORT = 2  # a ``//python:export`` function behind a generated wrapper

# Symbols the generated Go glue exports from the library.
WRAPPER_PREFIX = "goext_"  # goext_F wraps the Go function F
FREE_SYMBOL = "goext_free"  # releases wrapper results with the library's own C runtime
CONTEXT_NEW_SYMBOL = "goext_context_new"  # a cancellable context for one call: its id
CANCEL_SYMBOL = "goext_cancel"  # cancels the context of that id (Ctrl-C)
READY_SYMBOL = "goext_ready"  # a no-op: returns once the Go package inits have run
# A direct call (``direct_call``): the export ``goext_F`` + DIRECT_SUFFIX returns its
# result itself; when it failed, the failure of the thread's last direct call
# (a result record's head and a status) is at FAILURE_SYMBOL's pointer.
DIRECT_KEY = "direct"
DIRECT_SUFFIX = "__direct"
FAILURE_SYMBOL = "goext_last_failure"
RELEASE_SYMBOL = "goext_release"  # deletes the cgo.Handle that keeps a Go value alive
# A cpython-mode module's classes as C types, by name (the runtime's classes derive
# from them); each has `_go_c_members` (what the C defines) and `_go_complete`.
C_CLASSES_ATTRIBUTE = "__goext_classes__"
# RELEASE_SYMBOL again, for the C module (whose own goext_release releases arguments).
HANDLE_RELEASE_SYMBOL = "goext_release_handle"
# Set by the runtime on a class member's entry: its Python name (Point.Move), for errors.
LABEL_KEY = "python_label"
# A description entry's labels of its parameters in errors, when not "F() argument 'p'".
PARAM_LABELS_KEY = "param_labels"
# Set on an all-fields constructor's entry: its wrapper is the class's __call__.
CLASS_CALL_KEY = "class_call"

# A first parameter of this type is supplied by the bindings, not by Python.
CONTEXT_TYPE = "context.Context"

# What a wrapper returns: its results are valid only for STATUS_OK.
STATUS_OK, STATUS_ERROR, STATUS_PANIC = 0, 1, 2
# C memory for a result could not be allocated: nothing was returned, and the
# record's errN holds the size that failed.
STATUS_NO_MEMORY = 3
# An argument crossing as JSON did not decode into its Go type (a TypeError).
STATUS_BAD_ARGUMENT = 4

# errClass of a result record's head when errValue is a PyObject* (a new reference
# the reader owns): the Python exception the Go error carries (a *python.Error of
# setuptools-golang-ext.dev/python); errors then holds the note to add, if any.
# Negative: class ids count from 1.
PYTHON_EXCEPTION_CLASS = -2

# A GoSlice parameter whose element type is known: "GoSlice:float64".
TYPED_SLICE_PREFIX = "GoSlice:"

ALIASES = {"byte": "uint8", "rune": "int32"}

# Go scalar type -> the ctypes type of the same size and kind (by name: see
# SCALARS). Go's int, uint and uintptr are pointer-sized on every Go platform.
SCALAR_CTYPES = {
    "int": "c_ssize_t",
    "int8": "c_int8",
    "int16": "c_int16",
    "int32": "c_int32",
    "int64": "c_int64",
    "uint": "c_size_t",
    "uint8": "c_uint8",
    "uint16": "c_uint16",
    "uint32": "c_uint32",
    "uint64": "c_uint64",
    "uintptr": "c_size_t",
    "float32": "c_float",
    "float64": "c_double",
    "bool": "c_bool",
}
INTEGERS = frozenset(SCALAR_CTYPES) - {"float32", "float64", "bool"}
# Complex types travel as two C floats of the part's type (real, imaginary).
COMPLEX_CTYPES = {"complex64": "c_float", "complex128": "c_double"}
# time.Time <-> datetime.datetime (timezone-aware), as Unix seconds, nanoseconds and
# the UTC offset in seconds: every year 1..9999 fits, which UnixNano's int64 does not.
TIME = "time.Time"
TIME_PART_CTYPES = ("c_int64", "c_int32", "c_int32")

# The same tables with ctypes types are made on first use (module __getattr__):
# importing ctypes would cost every cpython-mode module, which never needs them.
if TYPE_CHECKING:
    SCALARS: dict[str, Any]  # SCALAR_CTYPES
    COMPLEX: dict[str, Any]  # COMPLEX_CTYPES
    TIME_PARTS: tuple[Any, ...]  # TIME_PART_CTYPES
    INT_RANGES: dict[str, tuple[int, int]]  # Go integer type -> the values it holds


def _ctypes_tables() -> dict[str, Any]:
    import ctypes

    scalars = {go_type: getattr(ctypes, name) for go_type, name in SCALAR_CTYPES.items()}
    # A Python int outside a Go integer type's range is refused, not wrapped.
    int_ranges = {
        go_type: _int_range(go_type, 8 * ctypes.sizeof(scalars[go_type])) for go_type in INTEGERS
    }
    complex_parts = {go_type: getattr(ctypes, name) for go_type, name in COMPLEX_CTYPES.items()}
    time_parts = tuple(getattr(ctypes, name) for name in TIME_PART_CTYPES)
    return {"SCALARS": scalars, "COMPLEX": complex_parts, "TIME_PARTS": time_parts,
            "INT_RANGES": int_ranges}


def _int_range(go_type: str, bits: int) -> tuple[int, int]:
    if go_type.startswith("uint"):
        return 0, (1 << bits) - 1
    return -(1 << (bits - 1)), (1 << (bits - 1)) - 1


def __getattr__(name: str) -> Any:
    if name in ("SCALARS", "COMPLEX", "TIME_PARTS", "INT_RANGES"):
        tables = _ctypes_tables()
        globals().update(tables)
        return tables[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


STRING = "string"
BYTES = "[]byte"
ERROR = "error"
SLICE_PREFIX = "[]"
MAP_PREFIX = "map["  # map[K]V crosses as a JSON object (keys as strings)
# "*Shelf": a pointer to an exported struct, passed as a runtime/cgo.Handle
# (0 for nil) and seen in Python as an object of class Shelf.
OBJECT_PREFIX = "*"
# "func(string) string": a Python callable, called from Go through a C function
# pointer with its arguments as a JSON array; it answers through REPLY_SYMBOL.
FUNC_PREFIX = "func("
# As a result, field or variable the same tag is a Go func value: a handle Python
# calls through the library's caller of that func type, described under FUNCS_KEY
# ({tag: entry}); the caller's first parameter is tagged "gofunc:" + the func's tag.
FUNC_VALUE_PREFIX = "gofunc:"
FUNCS_KEY = "funcs"
# Named func types marked //python:export: [{"name", "type"}], Callable aliases in
# the typed module (the runtime's name is the GoFunc class of FUNCS_KEY's entry).
FUNC_TYPES_KEY = "func_types"
# Parameters of a setter that take None as a nil func (a Python callable otherwise).
NIL_FUNCS_KEY = "nil_funcs"
CALLBACK_REPLY_SYMBOL = "goext_reply"
# Python calls it at exit: from then on Go calls of kept callbacks fail without
# reaching Python (a thread entering a finalizing interpreter is killed).
PYTHON_EXIT_SYMBOL = "goext_python_exit"

# What a str Go gets may not hold (the runtime and the C module both say it): UTF-8
# has no encoding for a lone surrogate outside the U+DC80..U+DCFF that
# surrogateescape turns back into bytes.
LONE_SURROGATE = ("holds a lone surrogate (U+D800..U+DFFF), which UTF-8 cannot encode; "
                  "pass bytes for data that is not text")


def canonical(go_type: str) -> str:
    """``byte``/``rune`` spelled as ``uint8``/``int32``; ``[]uint8`` as ``[]byte``."""
    if go_type.startswith(SLICE_PREFIX):
        element = canonical(go_type[len(SLICE_PREFIX) :])
        return BYTES if element == "uint8" else SLICE_PREFIX + element
    return ALIASES.get(go_type, go_type)


def slice_element(go_type: str) -> str | None:
    """The element of a numeric slice type (``"float64"`` for ``[]float64``), else None."""
    if go_type.startswith(SLICE_PREFIX) and go_type != BYTES:
        element = go_type[len(SLICE_PREFIX) :]
        if element in SCALAR_CTYPES and element != "bool":
            return element
    return None


def map_types(go_type: str) -> tuple[str, str] | None:
    """(key, value) of a supported map type: string or integer keys, values of
    any type that crosses as JSON, a scalar or string; else None."""
    if not go_type.startswith(MAP_PREFIX):
        return None
    key, _, value = go_type[len(MAP_PREFIX) :].partition("]")
    if (key == STRING or key in INTEGERS) and _json_value(value):
        return key, value
    return None


# JSON result types that cross as packed text instead (goextStrings,
# goextIntegerMap and goextPlainMap in the glue, _packed.py in the runtime).
PACKED_STRINGS, PACKED_INTEGER_MAP, PACKED_PLAIN_MAP = "strings", "integer map", "plain map"
# The values of a plain map besides strings and integers. Not float32: JSON gives
# its shortest decimal (0.1), the float64 of its bits would be 0.10000000149011612.
_PLAIN_MAP_VALUES = frozenset({STRING, "float64", "bool"})


def packed_kind(go_type: str) -> str | None:
    """How a result of ``go_type`` crosses packed: ``[]string`` as NUL-joined text,
    ``map[string]N`` (N an integer) as parallel arrays, other maps of string or
    integer keys and string, integer, float64 or bool values as columns; None for
    JSON."""
    if go_type == SLICE_PREFIX + STRING:
        return PACKED_STRINGS
    types = map_types(go_type)
    if types is None:
        return None
    key, value = types
    if key == STRING and value in INTEGERS:
        return PACKED_INTEGER_MAP
    if value in INTEGERS or value in _PLAIN_MAP_VALUES:
        return PACKED_PLAIN_MAP
    return None


def plain_kind(go_type: str) -> str:
    """How a plain map's key or value crosses: 't' text, 's' a signed integer, 'u'
    an unsigned one, 'f' a float64, 'b' a bool."""
    if go_type == STRING:
        return "t"
    if go_type in INTEGERS:
        return "u" if go_type.startswith("uint") else "s"
    return "f" if go_type == "float64" else "b"


def json_parts(go_type: str) -> tuple[str, str] | None:
    """One level of a composite type: ("slice" | "array" | "pointer", element) or
    ("map", value); None for anything else."""
    if go_type.startswith(MAP_PREFIX):
        types = map_types(go_type)
        return ("map", types[1]) if types else None
    if go_type.startswith("*"):
        element = go_type[1:]
        return ("pointer", element) if element in SCALAR_CTYPES or element == STRING else None
    if go_type.startswith("[") and "]" in go_type:
        length, _, element = go_type[1:].partition("]")
        if length and not length.isdigit():
            return None
        return ("array" if length else "slice", element)
    return None


def _json_value(go_type: str) -> bool:
    if go_type in SCALAR_CTYPES or go_type == STRING:
        return True
    if go_type in (BYTES, "[]uint8"):
        return False  # encoding/json would send base64 text
    parts = json_parts(go_type)
    return parts is not None and _json_value(parts[1])


def callback_types(go_type: str) -> tuple[list[str], list[str]] | None:
    """(params, results) of a supported callback type: ``func([]string, *Book) error``
    with parameters of a type that crosses inside JSON (scalars, string, JSON
    composites, objects and structs by value, which cross as handles), and at most
    one such result, optionally followed by ``error``; else None."""
    parts = func_parts(go_type)
    if parts is None:
        return None
    params, results = parts
    values = results[:-1] if results and results[-1] == ERROR else results
    plain = [t for t in [*params, *values] if not callback_value(t)]
    if plain or len(values) > 1:
        return None
    return params, results


def go_func_types(go_type: str) -> tuple[list[str], list[str]] | None:
    """(params, results) of a Go func value Python calls, which takes and returns
    funcs (``func(Handler) Handler``, ``func() func() int``): Python passes
    callables and gets Go funcs back; else None (a plain callback type is the
    callback_types kind). At most one result besides ``error``."""
    parts = func_parts(go_type)
    if parts is None or callback_types(go_type) is not None:
        return None
    params, results = parts
    values = results[:-1] if results and results[-1] == ERROR else results
    funcs = [t for t in [*params, *values] if t.startswith(FUNC_PREFIX)]
    plain = [t for t in [*params, *values] if not t.startswith(FUNC_PREFIX)]
    if not funcs or len(values) > 1 or not all(map(callback_value, plain)):
        return None
    if not all(callback_types(t) or go_func_types(t) for t in values) \
            or not all(callback_types(t) for t in params if t.startswith(FUNC_PREFIX)):
        return None
    return params, results


def func_parts(go_type: str) -> tuple[list[str], list[str]] | None:
    """(params, results) of a func type spelled as the tags spell it, whatever
    the types inside (funcs of funcs too: ``func(func(int) int) func() int``);
    None for anything else."""
    if not go_type.startswith(FUNC_PREFIX):
        return None
    close = _closing(go_type, len(FUNC_PREFIX) - 1)
    if close is None:
        return None
    params = split_types(go_type[len(FUNC_PREFIX) : close])
    rest = go_type[close + 1 :].strip()
    if sum(map(_OPENING.count, rest)) != sum(map(_CLOSING.count, rest)):
        return None
    if rest.startswith("(") and _closing(rest, 0) == len(rest) - 1:
        return params, split_types(rest[1:-1])
    results = split_types(rest)
    return None if len(results) > 1 else (params, results)


_OPENING, _CLOSING = "([{", ")]}"


def _closing(text: str, start: int) -> int | None:
    """Where the bracket opened at ``start`` closes; None when it does not."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] in _OPENING:
            depth += 1
        elif text[index] in _CLOSING:
            depth -= 1
            if depth == 0:
                return index
    return None


def split_types(text: str) -> list[str]:
    """A comma-separated list of types, split only outside brackets (the ``,`` of
    ``func(int, int)`` or ``map[string]int`` inside one type stays)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += (char in _OPENING) - (char in _CLOSING)
        if char == "," and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def callback_value(go_type: str) -> bool:
    """Can a value of this type be a callback's argument or result (inside the JSON
    array of arguments: objects as their handle numbers)?"""
    return go_type in SCALAR_CTYPES or go_type in (STRING, BYTES) or is_json(go_type) \
        or object_class(go_type) is not None or value_class(go_type) is not None \
        or interface_name(go_type) is not None


def native_callback(go_type: str) -> tuple[list[str], str | None] | None:
    """(params, result or None) of a callback type whose calls cross with C types,
    without JSON or a reply: scalars and strings in (a string as a pointer and a
    byte length), nothing or one scalar out, no error. The glue and the runtime
    both ask this (the C function type must agree); a ``keep=`` callable never
    crosses so. None for any other type."""
    parts = func_parts(go_type)
    if parts is None:
        return None
    params, results = parts
    if any(t not in SCALAR_CTYPES and t != STRING for t in params) or len(results) > 1:
        return None
    if results and results[0] not in SCALAR_CTYPES:
        return None
    return params, results[0] if results else None


def direct_call(params: list[str], results: list[str]) -> bool:
    """Can a call cross without a result record: scalar parameters and one integer
    or float result, which is also the failure sign (a signed type's lowest value,
    an unsigned type's highest, a float NaN) on which the caller looks further."""
    return all(t in SCALAR_CTYPES for t in params) and len(results) == 1 \
        and results[0] in SCALAR_CTYPES and results[0] != "bool"


def is_json(go_type: str) -> bool:
    """Does a value of this type cross the border as JSON? Composites (slices,
    arrays, maps, pointers to a scalar or string) of JSON values, except the
    byte and number slices, which travel as buffers."""
    if go_type == BYTES or slice_element(go_type) is not None:
        return False
    return json_parts(go_type) is not None and _json_value(go_type)


def object_class(go_type: str) -> str | None:
    """The class of an object type tag (``"Shelf"`` for ``"*Shelf"``), else None."""
    if go_type.startswith(OBJECT_PREFIX) and go_type[1:].isidentifier() \
            and go_type[1:] not in SCALAR_CTYPES and go_type[1:] != STRING:
        return go_type[1:]
    return None


def object_slice(go_type: str) -> tuple[str, bool] | None:
    """(class, by pointer) of a slice of objects (``[]*Book``, ``[]Book``), for a
    tag the build accepted; else None. They cross as arrays of handles."""
    if not go_type.startswith(SLICE_PREFIX) or go_type == BYTES or slice_element(go_type):
        return None
    element = go_type[len(SLICE_PREFIX) :]
    if object_class(element):
        return object_class(element), True  # type: ignore[return-value]
    if value_class(element):
        return element, False
    return None


def func_items(go_type: str) -> tuple[str, str] | None:
    """(key, func) of a slice, array (key "") or map (string or integer key) of
    Go func values that cross (``[]func(string) string``, ``map[string]func()``);
    else None. Python reads them as lists and dicts of callables."""
    if go_type.startswith(MAP_PREFIX):
        key, _, func = go_type[len(MAP_PREFIX) :].partition("]")
        if key != STRING and key not in INTEGERS:
            return None
    elif go_type.startswith("[") and "]" in go_type:
        length, _, func = go_type[1:].partition("]")
        if length and not length.isdigit():
            return None
        key = ""
    else:
        return None
    return (key, func) if callback_types(func) is not None else None


def object_map(go_type: str) -> tuple[str, str, bool] | None:
    """(key, class, by pointer) of a map of objects (``map[string]*Book``,
    ``map[int]Point``), for a tag the build accepted; else None. They cross as a
    JSON object of handles."""
    if not go_type.startswith(MAP_PREFIX):
        return None
    key, _, value = go_type[len(MAP_PREFIX) :].partition("]")
    if key != STRING and key not in INTEGERS:
        return None
    if object_class(value):
        return key, object_class(value), True  # type: ignore[return-value]
    if value_class(value):
        return key, value, False
    return None


# "interface:" is `any`, "interface:Shape" a named interface of the package: a
# result holding an object of a class comes back as that class (by the id the
# glue returns beside the handle), any other value as an opaque GoValue.
INTERFACE_PREFIX = "interface:"


# An `error` parameter (also the items of ``[]error`` and ``...error``): an
# interface argument whose Python value is None, a GoError of the library (Go gets
# its error back) or any other exception (Go gets an error of its text).
ERROR_PARAM = INTERFACE_PREFIX + ERROR


def interface_name(go_type: str) -> str | None:
    """"" for `any`, the name of a named interface, or None for other tags."""
    if not go_type.startswith(INTERFACE_PREFIX):
        return None
    name = go_type[len(INTERFACE_PREFIX) :]
    return name if name == "" or name.isidentifier() else None


def go_spelling(go_type: str) -> str:
    """A tag as Go spells the type, for messages: ``interface:`` is ``any``,
    ``interface:Shape`` is ``Shape`` (``[]interface:`` is ``[]any``)."""
    head, found, rest = go_type.partition(INTERFACE_PREFIX)
    if not found:
        return go_type
    end = 0
    while end < len(rest) and (rest[end].isalnum() or rest[end] == "_"):
        end += 1
    return head + (rest[:end] or "any") + go_spelling(rest[end:])


def interface_slice(go_type: str) -> str | None:
    """For ``[]any`` (and a variadic ``...any``) "", for a slice of a named interface
    of the package its name; None for other tags. A parameter is a list whose items
    each cross as an interface argument does; a result, a list whose items each
    come back as an interface result does."""
    if not go_type.startswith(SLICE_PREFIX):
        return None
    return interface_name(go_type[len(SLICE_PREFIX) :])


def any_data(go_type: str) -> bool:
    """A slice, array or string-keyed map holding `any` or ``[]byte`` somewhere
    (``map[string]any``, ``[][][]byte``), which no other kind takes: tagged JSON
    both ways (``goextPlain``'s tags), Go objects inside by handle."""
    if is_json(go_type) or interface_slice(go_type) is not None or go_type == "[]" + BYTES:
        return False
    inner = _data_inner(go_type)
    return inner is not None and _data_leaf(inner) is True


def _data_inner(go_type: str) -> str | None:
    if go_type.startswith(MAP_PREFIX):
        key, _, value = go_type[len(MAP_PREFIX) :].partition("]")
        return value if key == STRING else None
    length, _, element = go_type[1:].partition("]")
    ok = go_type.startswith("[") and go_type != BYTES and (not length or length.isdigit())
    return element if ok else None


def _data_leaf(go_type: str) -> bool | None:
    """True when `any` or []byte is inside, False for plain values, None for neither."""
    if go_type in (INTERFACE_PREFIX, BYTES):
        return True
    if go_type == STRING or go_type in SCALAR_CTYPES:
        return False
    inner = _data_inner(go_type)
    return None if inner is None else _data_leaf(inner)


def value_class(go_type: str) -> str | None:
    """The class of a struct passed by value (its tag is its name: ``"Position"``),
    for a tag the build accepted; else None."""
    basic = go_type in SCALAR_CTYPES or go_type in ALIASES or go_type in COMPLEX_CTYPES
    if go_type.isidentifier() and not basic and go_type not in (STRING, ERROR):
        return go_type
    return None


def is_supported(go_type: str, *, result: bool, classes: frozenset[str] = frozenset()) -> bool:
    go_type = canonical(go_type)
    if go_type in SCALAR_CTYPES or go_type in (STRING, BYTES) or slice_element(go_type):
        return True
    if go_type in BUFFER_KINDS:
        return True
    if go_type in COMPLEX_CTYPES or go_type == TIME:
        return True
    if is_json(go_type) or object_class(go_type) in classes or go_type in classes:
        return True
    objects = object_slice(go_type) or object_map(go_type)
    if objects is not None and objects[-2] in classes:
        return True
    if interface_name(go_type) is not None:
        return True
    if interface_slice(go_type) is not None or any_data(go_type):
        return True
    if result and nocopy_slice(go_type) is not None:
        return True
    items = stream_items(go_type)
    if items is not None and (result or not go_type.startswith("iter.Seq2")):
        return all(map(stream_item_supported, items))
    sink = None if result else sink_item(go_type)
    if sink is not None:
        return stream_item_supported(sink)
    items = func_items(go_type)
    if items is not None and (result or not items[0]):  # Go funcs to Python in a list
        # or dict; Python callables to Go in a list (each kept as keep= keeps one)
        return is_supported(items[1], result=True, classes=classes)
    calls = go_func_types(go_type) if result else None
    if calls is not None:  # a Go func value taking or returning funcs
        return all(is_supported(t, result=False, classes=classes) for t in calls[0]) \
            and all(is_supported(t, result=True, classes=classes) for t in calls[1])
    callback = callback_types(go_type)
    if callback is not None:  # a Python callable to Go, or a Go func value to Python
        return all(is_supported(t, result=False, classes=classes)
                   for t in [*callback[0], *callback[1]] if t != ERROR)
    return result and go_type == ERROR


# Streams: an ``iter.Seq[T]``, ``iter.Seq2[K, V]`` or ``<-chan T`` result is a
# Python iterator over a cgo.Handle of the glue's stream. Python pulls batches of
# items as a JSON array (STREAM_NEXT_SYMBOL) and ends the stream, cancelling the
# call's context, with STREAM_CLOSE_SYMBOL.
STREAM_NEXT_SYMBOL = "goext_stream_next"
# "nocopy:[]float64": a result of a nocopy= function, crossing as the address and
# size of the slice's Go memory and a handle that unpins it (UNPIN_SYMBOL).
NOCOPY_PREFIX = "nocopy:"
UNPIN_SYMBOL = "goext_unpin"
STREAM_CLOSE_SYMBOL = "goext_stream_close"
_SEQ, _SEQ2 = "iter.Seq[", "iter.Seq2["
_CHANNELS = ("<-chan ", "chan ")
_SINK = "chan<- "


def stream_items(go_type: str) -> tuple[str, ...] | None:
    """The item types of a stream tag (``("int",)`` for ``iter.Seq[int]`` or
    ``<-chan int``, ``("string", "int")`` for ``iter.Seq2[string, int]``), else None."""
    if go_type.startswith((_SEQ, _SEQ2)) and go_type.endswith("]"):
        inside = go_type[go_type.index("[") + 1 : -1]
        items = tuple(inside.split(", ")) if go_type.startswith(_SEQ2) else (inside,)
        return tuple(canonical(item) for item in items)
    for prefix in _CHANNELS:
        if go_type.startswith(prefix) and not go_type.startswith(prefix + "("):
            return (canonical(go_type[len(prefix) :]),)
    return None


def sink_item(go_type: str) -> str | None:
    """The item type of a send-only channel (``"int"`` for ``chan<- int``), else None.
    As a parameter, Go sends on it and Python receives what it sends."""
    if go_type.startswith(_SINK) and not go_type.startswith(_SINK + "("):
        return canonical(go_type[len(_SINK) :])
    return None


def nocopy_slice(go_type: str) -> str | None:
    """The slice type (``[]byte``, ``[]float64``) of a nocopy result tag, else None."""
    if go_type.startswith(NOCOPY_PREFIX):
        inner = go_type[len(NOCOPY_PREFIX) :]
        return inner if inner == BYTES or slice_element(inner) else None
    return None


def stream_raw_items(items: tuple[str, ...]) -> bool:
    """Do a stream's batches cross as the items' memory (one number type) rather
    than as a JSON array?"""
    return len(items) == 1 and items[0] in SCALAR_CTYPES and items[0] != "bool"


def stream_item_supported(go_type: str) -> bool:
    """Can an item of a stream cross (as JSON: numbers, bool, strings, JSON composites)?"""
    return _json_value(go_type) and not go_type.startswith(FUNC_PREFIX)


# A named basic type marked //python:export is a Python name for the built-in
# type its values convert to (``lib.Level`` is ``int`` for ``type Level int``).
NAMED_TYPES_KEY = "named_types"
# Interface types: [{"name", "doc", "methods", "classes"}], abstract classes whose
# virtual subclasses are the classes implementing them.
INTERFACES_KEY = "interfaces"
# An interface entry's proxy class, when it has one (the typed module declares the
# proxy's methods on the interface's class; the runtime does not read it).
PROXY_KEY = "proxy"


def builtin_name(go_type: str) -> str | None:
    """The built-in Python type a basic type tag converts to; None for others."""
    if go_type in ("float32", "float64"):
        return "float"
    if go_type in COMPLEX_CTYPES:
        return "complex"
    if go_type == "bool":
        return "bool"
    if go_type == STRING:
        return "str"
    return "int" if go_type in INTEGERS else None


def python_name(go_name: str, index: int) -> str:
    """A Python parameter name for a Go one: unnamed, ``_``-prefixed or keyword ones
    become ``arg<index>``."""
    if not go_name or go_name.startswith("_") or keyword.iskeyword(go_name):
        return f"arg{index}"
    return go_name


# Go methods that also serve a Python protocol: (name, result types) -> special method.
PROTOCOLS = {"String": ("__str__", ("string",)), "Len": ("__len__", ("int", "int64", "int32"))}


def python_protocol(method: dict[str, Any]) -> str | None:
    """The special method a described Go method also serves (``String() string`` is
    ``str()``, ``Len() int`` is ``len()``): no parameter but the receiver, one
    result, no error."""
    protocol = PROTOCOLS.get(method["name"])
    if protocol is None or len(method["params"]) != 1 or method["error"]:
        return None
    special, results = protocol
    return special if len(method["results"]) == 1 and method["results"][0] in results else None
