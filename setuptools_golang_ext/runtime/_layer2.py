"""Python functions for ``//python:export`` Go functions.

Each wrapper is generated as Python source specialised to one signature, so a
call does only the conversions that signature needs: encode strings, point at
buffers, call the C-ABI wrapper (ctypes releases the GIL), copy results out of
C memory and free it with the library's own ``goext_free``, and raise
``GoError``/``GoPanic`` for a non-zero status.
"""

from __future__ import annotations

import ctypes
import keyword
from binascii import a2b_base64, b2a_base64  # a C module: no import cost

from ._buffer_kinds import BUFFER_KINDS
from ._buffers import (
    GO_COPY,
    array_code,
    buffer_pointer,
    go_copied_slice,
    in_place_formats,
)
from ._callback_type import CALLBACK
from ._error_args import error_arg, error_list_arg, error_list_result, error_out
from ._error_kinds import ErrorKinds
from ._errors import GoPanic
from ._interrupt import call_with_context
from ._json_args import json_arg as _json_arg
from ._json_args import json_kind as _json_kind
from ._json_args import json_value
from ._json_values import from_json as _from_json
from ._json_values import json_reader, result_reader, value_converter
from ._native_callbacks import native_maker
from ._objects import CLASS_IDS, FUNCS, OPAQUE
from ._packed import packed_reader
from ._scalar_args import float_arg as _float_arg
from ._scalar_args import int_arg as _int_arg
from ._scalar_args import int_check
from ._scalar_args import string_arg as _string_arg
from .contract import (
    ASYNC_KEY,
    BYTES,
    COMPLEX,
    COMPLEX_CTYPES,
    ERROR,
    ERROR_PARAM,
    FUNC_VALUE_PREFIX,
    INT_RANGES,
    NIL_FUNCS_KEY,
    PARAM_LABELS_KEY,
    SCALAR_CTYPES,
    SCALARS,
    STATUS_BAD_ARGUMENT,
    STATUS_ERROR,
    STATUS_NO_MEMORY,
    STRING,
    TIME,
    TIME_PARTS,
    any_data,
    callback_types,
    func_items,
    go_func_types,
    interface_name,
    interface_slice,
    is_json,
    json_parts,
    native_callback,
    nocopy_slice,
    object_class,
    object_map,
    object_slice,
    packed_kind,
    sink_item,
    slice_element,
    stream_items,
    value_class,
)

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable, TypeAlias

    from ._stream_params import FeedTypes, SinkTypes

    _Answering: TypeAlias = "_CallbackTypes | FeedTypes | SinkTypes"  # what _answer uses


_ENCODING = "'utf-8', 'surrogateescape'"  # Go strings need not be valid UTF-8
_CHAR_POINTER = ctypes.POINTER(ctypes.c_char)
_string_at = ctypes.string_at


def _complex_arg(value: object, go_type: str, where: str) -> complex:
    if isinstance(value, (str, bytes, bytearray)):
        raise TypeError(f"{where} must be a complex (Go {go_type}), not {type(value).__name__}")
    try:
        return complex(value)  # type: ignore[call-overload, no-any-return]
    except TypeError:
        raise TypeError(
            f"{where} must be a complex (Go {go_type}), not {type(value).__name__}"
        ) from None


def _time_arg(value: object, where: str) -> tuple[int, int, int]:
    """A datetime as Go's time.Time travels: Unix seconds, nanoseconds, UTC offset.
    A naive datetime is local time, as ``datetime.timestamp()`` takes it."""
    import datetime  # only libraries with time.Time pay for it

    if not isinstance(value, datetime.datetime):
        raise TypeError(f"{where} must be a datetime.datetime (Go time.Time), "
                        f"not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.astimezone()
    offset = value.utcoffset()
    assert offset is not None
    since = value - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    seconds = since.days * 86400 + since.seconds
    return seconds, since.microseconds * 1000, int(offset.total_seconds())


def _time_result(seconds: int, nanos: int, offset: int) -> Any:
    """Go's time.Time as an aware datetime in its own UTC offset (microseconds:
    Python keeps no nanoseconds)."""
    import datetime

    zone = datetime.timezone(datetime.timedelta(seconds=offset))
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    moment = epoch + datetime.timedelta(seconds=seconds, microseconds=nanos // 1000)
    return moment.astimezone(zone)


def _bool_arg(value: object, where: str) -> bool:
    if getattr(type(value), "_go_bool", False):  # a named bool's object (an int 0 or 1)
        return bool(value)
    raise TypeError(f"{where} must be bool (Go bool), not {type(value).__name__}")


def _bytes_arg(value: object, where: str) -> tuple[Any, int, object]:
    if type(value) is bytes and value:  # read in place by the glue's copy into Go memory
        return ctypes.cast(ctypes.c_char_p(value), ctypes.c_void_p), len(value) | GO_COPY, value
    try:
        pointer, nbytes, keep, _ = buffer_pointer(value)
    except TypeError as exc:
        raise TypeError(f"{where}: {exc}") from None
    if nbytes and type(value) is not bytearray and memoryview(value).readonly:  # type: ignore[arg-type]
        return pointer, nbytes | GO_COPY, keep  # a private copy: Go gets its own instead
    return pointer, nbytes, keep


def _variadic_bytes_arg(values: tuple[object, ...], where: str) -> tuple[Any, int, object]:
    """A ``...byte`` parameter: its arguments are ints 0..255, each checked as a
    ``byte`` argument is (``F(*b"hi")`` spreads bytes), and Go gets them as one []byte."""
    return _bytes_arg(bytes([_int_arg(value, "uint8", f"{where}[{index}]")
                             for index, value in enumerate(values)]), where)


def _readonly_bytes_arg(value: object, where: str) -> tuple[Any, int, object]:
    """A ``readonly`` []byte parameter: Go promised not to write, so ``bytes`` is
    passed in place (no copy); anything else goes the usual way."""
    if type(value) is bytes and value:
        return ctypes.cast(ctypes.c_char_p(value), ctypes.c_void_p), len(value), value
    return _bytes_arg(value, where)


def _map_result(data: bytes, go_type: str) -> Any:
    """A JSON result as Python values of the Go type's kinds."""
    return result_reader(go_type)(data)


def _object_arg(value: object, cls: type, where: str) -> Any:
    """The handle of an object argument; None is Go's nil."""
    if value is None:
        return 0
    if isinstance(value, cls):
        return value._handle  # type: ignore[attr-defined]
    raise TypeError(f"{where} must be {cls.__name__} or None, not {_other(value, cls)}")


def _other(value: object, cls: type) -> str:
    """The type of ``value`` as an error names it: module-qualified when it has the
    name of the wanted class (another extension's class of the same Go type)."""
    kind = type(value)
    if kind.__name__ != cls.__name__:
        return kind.__name__
    return f"{kind.__module__}.{kind.__name__} (a class of another extension, not of " \
           f"{cls.__module__})"


def _callback_result(value: object, go_type: str, where: str,
                     classes: dict[str, Any] | None = None) -> object:
    """A callback's result checked as an argument of ``go_type`` would be; objects
    as their handle numbers."""
    if go_type == STRING:
        return _string_arg(value, where).decode("utf-8", "surrogateescape")
    if go_type == "bool":
        return value if value.__class__ is bool else _bool_arg(value, where)
    if go_type == BYTES:  # encoding/json's []byte: base64 text, None for nil
        if value is None or not isinstance(value, (bytes, bytearray, memoryview)):
            raise TypeError(f"{where} must be bytes (Go []byte), not {type(value).__name__}")
        return b2a_base64(value, newline=False).decode("ascii")
    if go_type in INT_RANGES:
        return _int_arg(value, go_type, where)
    if is_json(go_type):
        _json_kind(value, go_type, where)
        return json_value(value, go_type, where)
    if interface_name(go_type) is not None:  # tagged as for an `any` argument
        opaque = (classes or {}).get(OPAQUE)
        return _tagged(value, where, opaque._go_release if opaque is not None else None)
    cls = object_class(go_type)
    if cls is not None:
        handle = _object_arg(value, (classes or {})[cls], where)
        return handle if handle == 0 else handle.value
    if value_class(go_type):
        return _value_arg(value, (classes or {})[go_type], where).value
    return _float_arg(value, go_type, where)


def _callback_argument(go_type: str, classes: dict[str, Any]) -> Callable[[Any], Any] | None:
    """What a callable receives for a Go argument that arrived inside the JSON
    array; None when that is the parsed value itself."""
    cls = classes.get(object_class(go_type) or value_class(go_type) or "")
    if cls is not None:
        wrap = cls._wrap
        return lambda handle: wrap(handle) if handle else None
    if interface_name(go_type) is not None:  # a plain value, or [handle, class id]
        value = _interface_result(classes)
        return lambda item: value(*item) if item.__class__ is list else item
    if go_type == BYTES:  # base64 text from encoding/json, null for nil
        return lambda text: b"" if text is None else a2b_base64(text)
    if is_json(go_type):
        empty: Any = {"slice": list, "map": dict}.get(json_parts(go_type)[0],  # type: ignore[index]
                                                      lambda: None)
        return lambda value: empty() if value is None else _from_json(value, go_type)
    return value_converter(go_type)


class _CallbackTypes:
    """How one callback parameter's arguments and result are converted, with
    json's parser and encoder made once (json.dumps with options makes an encoder
    per call)."""

    __slots__ = ("arguments", "classes", "encode", "loads", "value")

    def __init__(self, go_type: str, classes: dict[str, Any]) -> None:
        params, results = callback_types(go_type)  # type: ignore[misc]
        arguments = [_callback_argument(t, classes) for t in params]
        # None when every argument is the parsed value: the JSON array is the arguments.
        self.arguments = None if all(a is None for a in arguments) else [
            _identity if a is None else a for a in arguments]
        self.value = results[0] if results and results[0] != "error" else None
        self.classes = classes
        self.loads: Callable[[bytes], Any] | None = None  # on the first call: json costs loads
        self.encode: Callable[[Any], str] | None = None

    def start(self) -> None:
        """The JSON reader and writer, made on the first call. The answers checked
        as integers and strings are written as the encoder would write them,
        without its Python-level dispatch."""
        import json.encoder

        self.loads = json_reader()
        if self.value is None:
            self.encode = _null
        elif self.value in INT_RANGES:
            self.encode = int.__repr__  # what the encoder writes for an int
        elif self.value == STRING:
            self.encode = json.encoder.encode_basestring  # its str writer, ensure_ascii=False
        else:
            self.encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode

    def call(self, function: Callable[..., Any], payload: bytes, label: str,
             keep: list[Any]) -> Any:
        """The callable's answer as JSON values; an object it returns is kept in
        ``keep`` (alive until the outer call returns: Go reads it by handle)."""
        assert self.loads is not None  # start() ran
        if self.arguments is None:
            result = function(*self.loads(payload))
        else:
            result = function(*[convert(item) for convert, item in
                                zip(self.arguments, self.loads(payload))])
        if self.value is None:
            return None
        answer = _callback_result(result, self.value, label, self.classes)
        if answer is not result:
            keep.append(result)
        return answer


def _identity(value: Any) -> Any:
    return value


def _null(_: object) -> str:
    return "null"


def _answer(types: _Answering, function: Callable[..., Any], args: int, size: int,
            label: str, keep: list[Any]) -> tuple[bytes, BaseException | None]:
    """What Go receives from one call of ``function``: its result as JSON, or
    the message of the exception it raised (returned too)."""
    error = None
    if types.encode is None:
        types.start()
    assert types.encode is not None
    try:
        answer = types.encode(types.call(function, _string_at(args, size), label, keep))
    except BaseException as exc:
        error, answer = exc, f"{type(exc).__name__}: {exc}"
    return answer.encode("utf-8", "surrogateescape"), error


def _func_handle(value: object, go_type: str, release: object) -> Any:
    """The handle of a Go func of this library of type ``go_type``, which Go takes
    back as itself (not as a Python callable calling Go); else 0."""
    # Asked of the value: a plain function misses without raising, a class would raise.
    if release is not None and getattr(value, "_go_type", None) == go_type \
            and getattr(type(value), "_go_release", None) is release:
        return value._handle  # type: ignore[attr-defined]
    return 0


def _func_list_arg(value: Any, where: str, length: int) -> Any:
    """A sequence of callables (None for a nil func), checked before any is kept;
    ``length``: an array's, or -1."""
    if not isinstance(value, (list, tuple)):
        from collections.abc import Sequence  # here: only for other sequences

        if not isinstance(value, Sequence) or isinstance(value, (str, bytes)):
            raise TypeError(f"{where} must be a list or tuple of callables, not "
                            f"{type(value).__name__}")
        value = tuple(value)
    if length >= 0 and len(value) != length:
        raise ValueError(f"{where} must hold {length} callables (a Go array), not "
                         f"{len(value)}")
    for index, item in enumerate(value):
        if item is not None:
            _callable_arg(item, _item_label(where, index))
    return value


def _item_label(where: str, index: int) -> str:
    """``f() argument 'fs'`` -> ``f() argument 'fs[2]'``."""
    return f"{where[:-1]}[{index}]'" if where.endswith("'") else f"{where}[{index}]"


def _kept_funcs(value: Any, where: str, types: _CallbackTypes, reply: Any, go_type: str,
                release: object) -> tuple[Any, Any]:
    """The C function pointers of the callables Go keeps, and the handles of the
    Go funcs of this library among them (which Go takes back as themselves)."""
    count = len(value)
    calls, funcs = (ctypes.c_void_p * count)(), (ctypes.c_size_t * count)()
    for index, item in enumerate(value):
        own: Any = _func_handle(item, go_type, release) if item is not None else 0
        if own:
            funcs[index] = own.value
        elif item is not None:
            kept = _kept_callback(item, _item_label(where, index), types, reply)
            calls[index] = ctypes.cast(kept, ctypes.c_void_p).value
    return calls, funcs


def _callable_arg(function: object, where: str) -> None:
    if not callable(function):
        raise TypeError(f"{where} must be callable, not {type(function).__name__}")


class _Callbacks:
    """The Python callables of one call, as C function pointers Go calls back.

    They stay alive until the call returns (Go refuses later calls); the first
    exception one raised is re-raised by the outer call."""

    __slots__ = ("error", "keep", "reply")

    def __init__(self, reply: Any) -> None:
        self.error: BaseException | None = None
        self.keep: list[Any] = []
        self.reply = reply

    def wrap(self, function: Any, where: str, types: _Answering) -> Any:
        """A C function pointer calling ``function`` with the arguments converted
        and its result checked as ``types`` say."""
        _callable_arg(function, where)
        label = f"the result of {where}"

        def thunk(args: int, size: int, reply: int) -> int:
            data, error = _answer(types, function, args, size, label, self.keep)
            if error is not None and self.error is None:
                self.error = error
            self.reply(reply, data, len(data))
            return 0 if error is None else 1

        pointer = CALLBACK(thunk)
        self.keep.append(pointer)
        return pointer

    def native(self, function: Any, where: str, make: Any) -> Any:
        """A C function pointer of a callback type crossing with C types
        (``_native_callbacks``)."""
        _callable_arg(function, where)
        pointer = make(function, self)
        self.keep.append(pointer)  # a record of _c_callbacks keeps itself
        return pointer


def _kept_callback(function: Any, where: str, types: _CallbackTypes, reply: Any) -> Any:
    """A C function pointer for a ``keep=`` parameter: alive until Go drops it, its
    exceptions reported through ``sys.unraisablehook`` (Go sees an error)."""
    from . import _kept

    _callable_arg(function, where)
    label = f"the result of {where}"

    def thunk(args: int, size: int, answer_to: int) -> int:
        if _kept.exiting():
            data, error = b"setuptools-golang-ext: Python is exiting", None
            reply(answer_to, data, len(data))
            return 1
        data, error = _answer(types, function, args, size, label, [])
        if error is not None:
            _kept.report(error, where)
        reply(answer_to, data, len(data))
        return 0 if error is None else 1

    return _kept.keep(thunk)


def _value_arg(value: object, cls: type, where: str) -> Any:
    """The handle of a struct passed by value: None is refused."""
    if isinstance(value, cls):
        return value._handle  # type: ignore[attr-defined]
    raise TypeError(f"{where} must be {cls.__name__}, not {_other(value, cls)}")




def _interface_arg(value: object, where: str, plain: bool, release: object
                   ) -> tuple[Any, bytes | None, int]:
    """An interface argument as (handle, data, size): a Go object of this library
    (``release`` is its handle release) by its handle, None as nil, and for ``any``
    (``plain``) a plain Python value as the tagged JSON ``goextPlain`` reads (no
    such value has the methods a named interface of the package asks for)."""
    import json

    if value is None:
        return 0, None, 0
    handle = _own_handle(value, where, release)
    if handle is not None:
        return handle, None, 0
    if not plain:
        raise TypeError(f"{where} must be a Go object or None, not {type(value).__name__}")
    data = json.dumps(_tagged(value, where, release), ensure_ascii=False).encode(
        "utf-8", "surrogateescape")
    return 0, data, len(data)


def _own_handle(value: object, where: str, release: object) -> Any:
    """The handle of a Go object made by this library, None for other values. An
    object of another library is refused: its handle number names another value
    (or none) in this library's handle table."""
    handle = getattr(value, "_handle", None)
    if not isinstance(handle, ctypes.c_size_t):
        return None
    cls = type(value)
    if release is None or getattr(cls, "_go_release", None) is not release:
        raise TypeError(f"{where}: the {cls.__name__} object was made by another Go "
                        f"library ({cls.__module__}); only objects of this library "
                        f"can be passed here")
    return handle


_INT64 = INT_RANGES["int64"]
# An `any` value nested deeper than this is refused (recursion would fail first,
# without naming the parameter; a list holding itself would never end).
_MAX_DEPTH = 200


def _interface_list_arg(value: object, where: str, release: object
                        ) -> tuple[Any, bytes | None, int]:
    """A ``[]any`` or ``[]Shape`` argument: a list or tuple sent as one ``any``
    (Go checks each item against the interface), None as nil."""
    if value is not None and not isinstance(value, (list, tuple)):
        raise TypeError(f"{where} must be a list or tuple, not {type(value).__name__}")
    return _interface_arg(value, where, True, release)


def _tagged(value: object, where: str, release: object = None, depth: int = 0) -> object:
    """A Python value as the Go value it becomes in an ``any``: int -> int64,
    float -> float64, str -> string, bytes -> []byte, bool, None -> nil,
    list/tuple -> []any, dict with str keys -> map[string]any, Go objects."""
    if value is None or value is True or value is False:
        return value
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise OverflowError(f"{where}: {value} is out of range for Go int64")
        return ["i", str(int(value))]
    if isinstance(value, float):
        return ["f", repr(float(value))]
    if isinstance(value, str):
        return ["s", _string_arg(value, where).decode("utf-8", "surrogateescape")]
    if isinstance(value, (bytes, bytearray)):
        return ["b", b2a_base64(value, newline=False).decode("ascii")]
    if isinstance(value, (list, tuple, dict)):
        return _tagged_composite(value, where, release, depth + 1)
    handle = _own_handle(value, where, release)
    if handle is not None:
        return ["h", handle.value]
    raise TypeError(f"{where} must be a Go object, None, bool, int, float, str, bytes, "
                    f"list or dict, not {type(value).__name__}")


def _tagged_composite(value: list[object] | tuple[object, ...] | dict[object, object],
                      where: str, release: object, depth: int) -> object:
    if depth > _MAX_DEPTH:
        raise ValueError(f"{where}: the value is nested more than {_MAX_DEPTH} levels deep")
    if not isinstance(value, dict):
        return ["l", [_tagged(item, where, release, depth) for item in value]]
    for key in value:
        if not isinstance(key, str):
            raise TypeError(f"{where}: dict keys must be str (Go map[string]any), "
                            f"not {type(key).__name__}")
    # A key is checked as a str argument is (a lone surrogate names the parameter).
    return ["d", {_string_arg(key, where).decode("utf-8", "surrogateescape"):
                  _tagged(item, where, release, depth) for key, item in value.items()}]


def _interface_result(classes: dict[str, Any]) -> Callable[[int, int], Any]:
    by_id, opaque = classes[CLASS_IDS], classes[OPAQUE]

    def wrap(handle: int, class_id: int) -> Any:
        if not handle:
            return None
        return (by_id[class_id - 1] if class_id > 0 else opaque)._wrap(handle)

    return wrap


_BYTES_ARGTYPES = [ctypes.c_char_p, ctypes.c_size_t]  # a pointer and a length


class _Builder:
    """Source lines and the names they use, for one wrapper."""

    def __init__(self, entry: dict[str, Any], classes: dict[str, Any],
                 head: list[tuple[str, Any]]) -> None:
        self.entry = entry
        self.classes = classes
        self.streams: Callable[[], Any] | None = None  # the library's StreamFunctions
        self.unpin: Callable[[], Any] | None = None  # the library's UNPIN_SYMBOL, typed
        self.trampoline: Callable[[], int | None] | None = None  # see build_wrapper
        self.lines: list[str] = []
        self.argtypes: list[Any] = []
        self.call_args: list[str] = []
        self.kept: list[str] = []  # lines making the callables Go keeps
        self.fields = list(head)
        # Builtins under private names: a Go parameter may be called `len` or `bytes`.
        self.names: dict[str, Any] = {
            "_len": len,
            "_str": str,
            "_bytes": bytes,
            "_EncodeError": UnicodeEncodeError,
            "_DecodeError": UnicodeDecodeError,
            "_string_arg": _string_arg,
            "_bytes_arg": _bytes_arg,
            "_readonly_bytes_arg": _readonly_bytes_arg,
            "_variadic_bytes_arg": _variadic_bytes_arg,
            "_int": int,
            "_float": float,
            "_bool": bool,
            "_int_arg": _int_arg,
            "_float_arg": _float_arg,
            "_bool_arg": _bool_arg,
            "_json_arg": _json_arg,
            "_map_result": _map_result,
            "_object_arg": _object_arg,
            "_value_arg": _value_arg,
            "_interface_arg": _interface_arg,
            "_interface_list_arg": _interface_list_arg,
            "_complex_arg": _complex_arg,
            "_complex": complex,
            "_time_arg": _time_arg,
            "_time": _time_result,
        }

    def param(self, index: int, name: str, go_type: str) -> None:
        """The checks and conversions of argument ``name`` of ``go_type``, and what
        it passes to the C function."""
        label = self.entry.get(PARAM_LABELS_KEY, {}).get(name) or (
            f"{self.entry['name']}() argument {name!r}")
        for kind in (self._value_param, self._callback_param, self._stream_param,
                     self._handle_param, self._func_items_param, self._buffer_param,
                     self._data_param):
            if kind(index, name, go_type, label):
                return
        raise AssertionError(f"{label}: no conversion for the Go type {go_type!r}")

    def _pass(self, lines: list[str], argtypes: list[Any], call_args: list[str]) -> bool:
        self.lines += lines
        self.argtypes += argtypes
        self.call_args += call_args
        return True

    def _value_param(self, index: int, name: str, go_type: str, label: str) -> bool:
        """Values copied across: scalars, strings, complex numbers, times, JSON."""
        where = repr(label)
        if go_type in SCALARS:
            return self._pass([_scalar_check(name, go_type, where)], [SCALARS[go_type]], [name])
        if go_type == STRING:
            return self._pass([
                f"    if {name}.__class__ is _str:",
                f"        try: {name} = {name}.encode()",
                f"        except _EncodeError: {name} = _string_arg({name}, {where})",
                f"    elif {name}.__class__ is not _bytes: {name} = _string_arg({name}, {where})",
            ], [ctypes.c_char_p, ctypes.c_size_t], [name, f"_len({name})"])
        if go_type in COMPLEX:
            return self._pass([f"    _z{index} = _complex_arg({name}, {go_type!r}, {where})"],
                              [COMPLEX[go_type]] * 2, [f"_z{index}.real", f"_z{index}.imag"])
        if go_type == TIME:
            return self._pass([f"    _t{index} = _time_arg({name}, {where})"], list(TIME_PARTS),
                              [f"_t{index}[0]", f"_t{index}[1]", f"_t{index}[2]"])
        if is_json(go_type):
            return self._pass([f"    _j{index} = _json_arg({name}, {go_type!r}, {where})"],
                              _BYTES_ARGTYPES, [f"_j{index}", f"_len(_j{index})"])
        return False

    def _stream_param(self, index: int, name: str, go_type: str, label: str) -> bool:
        """iter.Seq[T] or a channel: Go pulls the iterable's items through a callback;
        a send-only channel: Go hands what it sends to one."""
        items, sink = stream_items(go_type), sink_item(go_type)
        if items is None and sink is None:
            return False
        from ._stream_params import FeedTypes, SinkTypes, items_arg, sink_arg

        if items is not None:
            self.names.update(_items_arg=items_arg)
            self.names[f"_cbt{index}"] = FeedTypes(items[0], label)
            target = f"_items_arg({name}, {items[0]!r}, {label!r})"
        else:
            self.names.update(_sink_arg=sink_arg)
            assert sink is not None
            self.names[f"_cbt{index}"] = SinkTypes(sink)
            target = f"_sink_arg({name}, {sink!r}, {label!r})"
        self._callback_state()
        return self._pass([f"    _c{index} = _st.wrap({target}, {label!r}, _cbt{index})"],
                          [ctypes.c_void_p], [f"_c{index}"])

    def _callback_state(self) -> None:
        """The call's callbacks, made once."""
        if "_st" not in self.names:
            self.names["_st"] = None  # marks the state as made
            self.lines.append("    _st = _Callbacks(_reply)")

    def _callback_param(self, index: int, name: str, go_type: str, label: str) -> bool:
        """A Python callable Go calls back: during the call, or kept (``keep=``); a
        Go func of this library of that type goes back to Go as itself."""
        if callback_types(go_type) is None:
            return False
        where = repr(label)
        self.names[f"_cbt{index}"] = _CallbackTypes(go_type, self.classes)
        opaque = self.classes.get(OPAQUE)
        self.names.update(_func_handle=_func_handle,
                          _own_release=opaque._go_release if opaque is not None else None)
        own = f"    _g{index} = _func_handle({name}, {go_type!r}, _own_release)"
        if name in self.entry.get("keep", ()):
            return self._kept_param(index, name, where, own)
        self._callback_state()
        if native_callback(go_type) is not None:  # C types: no JSON, no reply
            self.names[f"_cbt{index}"] = self._c_maker(go_type, label) \
                or native_maker(go_type, label)
            return self._pass([own, f"    _c{index} = None if _g{index} else "
                                    f"_st.native({name}, {where}, _cbt{index})"],
                              [ctypes.c_void_p, ctypes.c_size_t], [f"_c{index}", f"_g{index}"])
        return self._pass([own, f"    _c{index} = None if _g{index} else "
                                f"_st.wrap({name}, {where}, _cbt{index})"],
                          [ctypes.c_void_p, ctypes.c_size_t], [f"_c{index}", f"_g{index}"])

    def _c_maker(self, go_type: str, label: str) -> Any:
        """The maker of records the library's C trampoline calls, if it has one and
        the type's values are numbers and bools."""
        address = self.trampoline() if self.trampoline is not None else None
        if address is None:
            return None
        from ._c_callbacks import c_maker

        return c_maker(go_type, label, address)

    def _func_items_param(self, index: int, name: str, go_type: str, label: str) -> bool:
        """A list or tuple of Python callables (or Go funcs of this library, or None)
        for a slice or array of funcs: each kept as ``keep=`` keeps one, checked
        with the other arguments and made last."""
        items = func_items(go_type)
        if items is None or items[0]:
            return False
        from ._kept import RELEASE_ADDRESS

        length = go_type[1 : go_type.index("]")]
        opaque = self.classes.get(OPAQUE)
        self.names.update(_func_list_arg=_func_list_arg, _kept_funcs=_kept_funcs,
                          _release=RELEASE_ADDRESS, _own_release=opaque._go_release
                          if opaque is not None else None)
        self.names[f"_cbt{index}"] = _CallbackTypes(items[1], self.classes)
        where = repr(label)
        self.kept.append(f"    _c{index}, _g{index} = _kept_funcs({name}, {where}, "
                         f"_cbt{index}, _reply, {items[1]!r}, _own_release)")
        return self._pass(
            [f"    {name} = _func_list_arg({name}, {where}, {int(length or -1)})"],
            [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t],
            [f"_c{index}", "_release", f"_g{index}", f"_len({name})"])

    def _kept_param(self, index: int, name: str, where: str, own: str) -> bool:
        """A callable Go keeps: checked with the others, made last (nothing may fail
        between making it and Go owning it, or it would never be released)."""
        from ._kept import RELEASE_ADDRESS

        self.names.update(_kept_callback=_kept_callback, _callable_arg=_callable_arg,
                          _release=RELEASE_ADDRESS)
        skip = f"_g{index}"
        if name in self.entry.get(NIL_FUNCS_KEY, ()):  # None sets a nil func
            skip += f" or {name} is None"
        self.kept.append(f"    _c{index} = None if {skip} else _kept_callback({name}, "
                         f"{where}, _cbt{index}, _reply)")
        return self._pass([own, f"    if not ({skip}): _callable_arg({name}, {where})"],
                          [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t],
                          [f"_c{index}", "_release", f"_g{index}"])

    def _handle_param(self, index: int, name: str, go_type: str, label: str) -> bool:
        """Go objects, which cross as handles: alone, in maps and slices, as interfaces."""
        where = repr(label)
        if go_type.startswith(FUNC_VALUE_PREFIX):  # a caller's Go func value
            return self._pass([f"    _h{index} = {name}._handle"], [ctypes.c_size_t],
                              [f"_h{index}"])
        if object_class(go_type):
            return self._pass(self._object_lines(index, name, go_type, where),
                              [ctypes.c_size_t], [f"_h{index}"])
        single, items = interface_name(go_type), interface_slice(go_type)
        if single is not None or items is not None:  # []any: a list sent as one any
            opaque = self.classes.get(OPAQUE)
            self.names["_own_release"] = opaque._go_release if opaque is not None else None
            call = f"_interface_arg({name}, {where}, {single == ''}, _own_release)" \
                if single is not None else f"_interface_list_arg({name}, {where}, _own_release)"
            if ERROR in (single, items):
                self.names.update(_error_arg=error_arg, _error_list_arg=error_list_arg)
                call = f"_error{'' if single else '_list'}_arg({name}, {where}, _own_release)"
            return self._pass([f"    _h{index}, _j{index}, _n{index} = {call}"],
                              [ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t],
                              [f"_h{index}", f"_j{index}", f"_n{index}"])
        if object_map(go_type) is not None:
            key, cls, by_pointer = object_map(go_type)  # type: ignore[misc]
            self.names[f"_map{index}"] = _object_map_converter(
                self._class("*" + cls), by_pointer, key, label)
            return self._pass([f"    _j{index} = _map{index}({name})"],
                              _BYTES_ARGTYPES, [f"_j{index}", f"_len(_j{index})"])
        if object_slice(go_type) is not None:
            cls, by_pointer = object_slice(go_type)  # type: ignore[misc]
            self.names[f"_handles{index}"] = _handles_converter(
                self._class("*" + cls), by_pointer, label)
            return self._pass([f"    _p{index}, _n{index}, _k{index} = _handles{index}({name})"],
                              [ctypes.c_void_p, ctypes.c_size_t], [f"_p{index}", f"_n{index}"])
        if go_type in self.classes:  # a struct by value: its object is copied in Go
            self.names[f"_cls{index}"] = self.classes[go_type]
            return self._pass([f"    _h{index} = {name}._handle if {name}.__class__ is "
                               f"_cls{index} else _value_arg({name}, _cls{index}, {where})"],
                              [ctypes.c_size_t], [f"_h{index}"])
        return False

    def _data_param(self, index: int, name: str, go_type: str, label: str) -> bool:
        """``map[string]any``, ``[][][]byte`` and such: checked to be a dict or a
        list, then sent as one `any` (the glue fits it into the Go type)."""
        if not any_data(go_type):
            return False
        from ._any_data import any_data_check

        opaque = self.classes.get(OPAQUE)
        self.names.update(_any_data_check=any_data_check, _own_release=opaque._go_release
                          if opaque is not None else None)
        where = repr(label)
        return self._pass([f"    _h{index}, _j{index}, _n{index} = _interface_arg("
                           f"_any_data_check({name}, {go_type!r}, {where}), {where}, True, "
                           f"_own_release)"],
                          [ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t],
                          [f"_h{index}", f"_j{index}", f"_n{index}"])

    def _object_lines(self, index: int, name: str, go_type: str, where: str) -> list[str]:
        """The handle of an object argument (``*Shelf``)."""
        self.names[f"_cls{index}"] = self._class(go_type)
        if name == "self":  # a method's receiver: a Shelf but for Shelf.M(other)
            return [f"    try: _h{index} = self._handle",
                    f"    except AttributeError: _h{index} = "
                    f"_object_arg(self, _cls{index}, {where})"]
        return [f"    _h{index} = {name}._handle if {name}.__class__ is _cls{index} "
                f"else _object_arg({name}, _cls{index}, {where})"]

    def _buffer_param(self, index: int, name: str, go_type: str, label: str) -> bool:
        """Bytes and number slices, which Go reads (and writes) in place."""
        if go_type == BYTES:
            convert = "_readonly_bytes_arg" if name in self.entry.get("readonly", ()) else (
                "_bytes_arg")
            if self.entry.get("variadic") and name == self.entry["params"][-1][0]:
                convert = "_variadic_bytes_arg"  # ...byte: the arguments are ints
            line = f"    _p{index}, _n{index}, _k{index} = {convert}({name}, {label!r})"
        elif go_type in BUFFER_KINDS:
            self.names[f"_buffer{index}"] = BUFFER_KINDS[go_type].to_go(label)
            line = f"    _p{index}, _n{index}, _k{index} = _buffer{index}({name})"
        else:
            element = slice_element(go_type)
            if element is None:
                return False
            self.names[f"_numeric{index}"] = _numeric_converter(element, label)
            line = f"    _p{index}, _n{index}, _k{index} = _numeric{index}({name})"
        return self._pass([line], [ctypes.c_void_p, ctypes.c_size_t], [f"_p{index}", f"_n{index}"])

    def result(self, index: int, go_type: str) -> str:
        field = f"r{index}"
        if go_type in SCALARS:
            self.fields.append((field, SCALARS[go_type]))
            return f"_o.{field}"
        if go_type in COMPLEX:
            self.fields += [(field + "r", COMPLEX[go_type]), (field + "i", COMPLEX[go_type])]
            return f"_complex(_o.{field}r, _o.{field}i)"
        if go_type == TIME:
            self.fields += [(field + part, kind) for part, kind in zip(("s", "ns", "off"),
                                                                      TIME_PARTS)]
            return f"_time(_o.{field}s, _o.{field}ns, _o.{field}off)"
        if callback_types(go_type) or go_func_types(go_type):  # a Go func value
            self.fields.append((field, ctypes.c_size_t))
            self.names[f"_wrap{index}"] = self.classes[FUNCS][go_type]._wrap
            return f"(_wrap{index}(_o.{field}) if _o.{field} else None)"
        if go_type == ERROR_PARAM:  # an error field read: a GoError Python does not raise
            self.fields += [(field, ctypes.c_size_t), (field + "k", ctypes.c_int32),
                            (field + "m", _CHAR_POINTER), (field + "mn", ctypes.c_size_t)]
            self.lines.append(f"    _v{index} = _error_out(_o.{field}, _o.{field}k, "
                              f"_o.{field}m, _o.{field}mn, _free, _errors)")
            self.names["_error_out"] = error_out
            return f"_v{index}"
        if interface_name(go_type) is not None:
            self.fields += [(field, ctypes.c_size_t), (field + "k", ctypes.c_int32)]
            self.names[f"_any{index}"] = _interface_result(self.classes)
            return f"_any{index}(_o.{field}, _o.{field}k)"
        if go_type in self.classes:
            self.fields.append((field, ctypes.c_size_t))
            self.names[f"_wrap{index}"] = self.classes[go_type]._wrap
            return f"_wrap{index}(_o.{field})"
        if object_class(go_type):
            self.fields.append((field, ctypes.c_size_t))
            self.names[f"_wrap{index}"] = self._class(go_type)._wrap
            return f"(_wrap{index}(_o.{field}) if _o.{field} else None)"
        handled = self._go_owned(index, go_type)
        if handled:
            return handled
        # A char pointer field sliced to its length copies the bytes without the
        # foreign-function call that ctypes.string_at would cost.
        self.fields += [(field, _CHAR_POINTER), (field + "n", ctypes.c_size_t)]
        self.lines.append(f"    _p = _o.{field}; _v{index} = _p[:_o.{field}n]; _free(_p)")
        if go_type == STRING:
            self.lines += [
                f"    try: _v{index} = _v{index}.decode()",
                f"    except _DecodeError: _v{index} = _v{index}.decode({_ENCODING})",
            ]
            return f"_v{index}"
        if go_type == BYTES:
            return f"_v{index}"
        return self._copied_result(index, go_type)

    def _copied_result(self, index: int, go_type: str) -> str:
        """The expression reading a result Go handed over as a copy in C memory
        (already sliced into the bytes ``_v<index>``)."""
        packed = packed_kind(go_type)
        if packed is not None:  # joined text and arrays, split in one call
            self.names[f"_read{index}"] = packed_reader(packed, go_type)
            return f"_read{index}(_v{index})"
        if is_json(go_type):  # a reader made once: most types need no walk after loads
            self.names[f"_read{index}"] = result_reader(go_type)
            return f"_read{index}(_v{index})"
        items = func_items(go_type)
        if items is not None:  # Go funcs, each wrapped as its type's class
            self.names[f"_funcs{index}"] = _func_items_result(
                self.classes[FUNCS][items[1]]._wrap, items[0])
            return f"_funcs{index}(_v{index})"
        if object_map(go_type) is not None:
            key, cls, _ = object_map(go_type)  # type: ignore[misc]
            self.names[f"_objects{index}"] = _object_map_result(self._class("*" + cls)._wrap, key)
            return f"_objects{index}(_v{index})"
        if object_slice(go_type) is not None:
            self.names[f"_objects{index}"] = _objects_result(
                self._class("*" + object_slice(go_type)[0])._wrap)  # type: ignore[index]
            return f"_objects{index}(_v{index})"
        if interface_slice(go_type) == ERROR:  # []error: exceptions, not raised
            self.names[f"_objects{index}"] = error_list_result
            return f"_objects{index}(_v{index}, _errors)"
        if any_data(go_type):  # tagged JSON, Go objects inside by handle
            from ._any_data import any_data_result

            self.names[f"_data{index}"] = any_data_result(_interface_result(self.classes))
            return f"_data{index}(_v{index})"
        if interface_slice(go_type) is not None:  # []any: a handle and a class id each
            self.names[f"_objects{index}"] = _interfaces_result(_interface_result(self.classes))
            return f"_objects{index}(_v{index})"
        if go_type in BUFFER_KINDS:
            self.names[f"_unpack{index}"] = BUFFER_KINDS[go_type].from_go
            return f"_unpack{index}(_v{index})"
        element = slice_element(go_type)
        assert element is not None
        from array import array  # here: array imports collections, a cost to every load

        self.names["_array"] = array
        code = array_code(element, SCALARS[element])
        return f"_array({code!r}, _v{index})"


    def _go_owned(self, index: int, go_type: str) -> str:
        """A result Python reads in place (a nocopy view) or pulls from (a stream);
        "" for others."""
        field = f"r{index}"
        view = nocopy_slice(go_type)
        if view is not None:
            self.fields += [(field + part, ctypes.c_size_t) for part in ("", "n", "h")]
            self.names[f"_view{index}"] = self._view(view)
            return f"_view{index}(_o.{field}, _o.{field}n, _o.{field}h)"
        items = stream_items(go_type)
        if items is not None:
            self.fields.append((field, ctypes.c_size_t))
            channel = not go_type.startswith("iter.Seq")
            self.names[f"_stream{index}"] = self._stream(items, channel)
            return f"_stream{index}(_o.{field})"
        return ""

    def _view(self, go_type: str) -> Callable[[int, int, int], memoryview]:
        """Wraps pinned Go memory in a memoryview of the slice's item format."""
        from ._pinned import pinned_view

        element = slice_element(go_type) or "uint8"
        code = array_code(element, SCALARS[element])
        unpin = self.unpin
        assert unpin is not None, "a nocopy result needs the library's unpin function"
        return lambda address, size, handle: pinned_view(unpin(), address, size, handle, code)

    def _stream(self, items: tuple[str, ...], channel: bool) -> Callable[[int], Any]:
        """Wraps a stream handle in a GoIterator (the library's stream functions
        are typed on the first use); Ctrl-C ends a channel's receive when the
        function took a context, which ending the stream cancels."""
        from ._streams import GoIterator, item_converter

        convert = item_converter(items, _from_json)
        streams, label = self.streams, f"{self.entry['name']}()"
        waits = channel and bool(self.entry.get("context"))
        assert streams is not None, "a stream result needs the library's stream functions"
        return lambda handle: GoIterator(streams(), handle, label, convert, waits)

    def _class(self, go_type: str) -> Any:
        name = object_class(go_type)
        if name not in self.classes:
            raise TypeError(f"unknown class {name!r} in the API description")
        return self.classes[name]


def _handles_converter(cls: Any, by_pointer: bool, label: str
                       ) -> Callable[[object], tuple[Any, int, object]]:
    """A slice-of-objects argument: a list or tuple of objects (None for nil when
    by pointer) as an array of their handles."""
    from array import array  # here: array imports collections, a cost to every load

    kind = f"{cls.__name__} or None" if by_pointer else cls.__name__
    code = _handle_code()

    def convert(value: object) -> tuple[Any, int, object]:
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise TypeError(f"{label} must be a list of {cls.__name__}, "
                            f"not {type(value).__name__}")
        handles = array(code)
        for item in value:
            if item is None and by_pointer:
                handles.append(0)
            elif isinstance(item, cls):
                handles.append(item._handle.value)
            else:
                raise TypeError(f"{label}: items must be {kind}, not {type(item).__name__}")
        pointer, nbytes, keep, _ = buffer_pointer(handles)
        return pointer, nbytes, keep

    return convert


def _object_map_converter(cls: Any, by_pointer: bool, key: str, label: str
                          ) -> Callable[[object], bytes]:
    """A map-of-objects argument: a dict of objects (None for nil when by pointer)
    as a JSON object of their handles."""
    import json

    kind = f"{cls.__name__} or None" if by_pointer else cls.__name__
    key_type = str if key == STRING else int

    def convert(value: object) -> bytes:
        if not isinstance(value, dict):
            raise TypeError(f"{label} must be a dict of {cls.__name__}, "
                            f"not {type(value).__name__}")
        handles = {}
        for name, item in value.items():
            if not isinstance(name, key_type) or isinstance(name, bool):
                raise TypeError(f"{label}: keys must be {key_type.__name__} (Go {key}), "
                                f"not {type(name).__name__}")
            if item is None and by_pointer:
                handles[name] = 0
            elif isinstance(item, cls):
                handles[name] = item._handle.value
            else:
                raise TypeError(f"{label}: values must be {kind}, not {type(item).__name__}")
        return json.dumps(handles, ensure_ascii=False).encode("utf-8", "surrogateescape")

    return convert


def _object_map_result(wrap: Callable[[int], Any], key: str
                       ) -> Callable[[bytes], dict[Any, Any]]:
    import json

    key_type = str if key == STRING else int

    def objects(data: bytes) -> dict[Any, Any]:
        return {key_type(name): wrap(handle) if handle else None
                for name, handle in json.loads(data).items()}

    return objects


def _func_items_result(wrap: Callable[[int], Any], key: str
                       ) -> Callable[[bytes], list[Any] | dict[Any, Any]]:
    """A slice or array of Go funcs (``key`` "") as a list, a map as a dict: each
    func wrapped, None for nil."""
    return _object_map_result(wrap, key) if key else _objects_result(wrap)


def _objects_result(wrap: Callable[[int], Any]) -> Callable[[bytes], list[Any]]:
    from array import array  # here: array imports collections, a cost to every load

    code = _handle_code()

    def objects(data: bytes) -> list[Any]:
        return [wrap(handle) if handle else None for handle in array(code, data)]

    return objects


def _interfaces_result(wrap: Callable[[int, int], Any]) -> Callable[[bytes], list[Any]]:
    """A ``[]any`` result: pairs of a handle and a class id, each item as an ``any``
    result comes back."""
    from array import array  # here: array imports collections, a cost to every load

    code = _handle_code()

    def objects(data: bytes) -> list[Any]:
        pairs = array(code, data)
        return [wrap(handle, class_id) for handle, class_id in zip(pairs[::2], pairs[1::2])]

    return objects


def _handle_code() -> str:
    """The array type code of a list of cgo.Handle values."""
    return array_code("uintptr", ctypes.c_size_t)


def _scalar_check(name: str, go_type: str, where: str) -> str:
    """One line: the common case costs a class test (and two comparisons)."""
    if go_type == "bool":
        return f"    if {name}.__class__ is not _bool: {name} = _bool_arg({name}, {where})"
    if go_type in INT_RANGES:
        return f"    {int_check(name, go_type, where)}"
    return (f"    if {name}.__class__ is not _float: "
            f"{name} = _float_arg({name}, {go_type!r}, {where})")


def _numeric_converter(element: str, label: str) -> Callable[[object], tuple[Any, int, object]]:
    """A number-slice argument. The common case, a writable C-contiguous buffer of
    the element's own format (an ``array``, numpy), costs a set lookup; anything
    else takes ``numeric_pointer``'s general path (copies, errors)."""
    ctype = SCALARS[element]
    formats = in_place_formats(element, ctype)
    from_buffer, addressof = ctypes.c_char.from_buffer, ctypes.addressof

    def convert(value: object) -> tuple[Any, int, object]:
        try:
            view = None if value.__class__ in _NOT_BUFFERS else memoryview(value)  # type: ignore[arg-type]
        except TypeError:
            view = None
        if view is not None and view.format in formats and view.nbytes \
                and view.c_contiguous and not view.readonly:
            first = from_buffer(view)  # holds the export: no resizing during the call
            return addressof(first), view.nbytes, first
        try:
            return go_copied_slice(value, element, ctype)
        except TypeError as exc:
            raise TypeError(f"{label}: {exc}") from None
        except OverflowError as exc:
            raise OverflowError(f"{label}: an item is out of range for Go {element}: {exc}") \
                from None

    return convert


# Arguments memoryview() refuses that are common enough to skip trying it.
_NOT_BUFFERS = frozenset((list, tuple, str, int, float, type(None), dict, set))


def raise_failure(record: Any, status: int, free: Any, function: str,
                   errors: ErrorKinds) -> None:
    if status == STATUS_NO_MEMORY:
        raise MemoryError(
            f"{function}(): out of C memory for a result of {record.errN} bytes"
        )
    message = ctypes.string_at(record.err, record.errN).decode("utf-8", "replace")
    free(record.err)
    if status == STATUS_ERROR:
        raise errors.from_record(message, record)
    if status == STATUS_BAD_ARGUMENT:
        raise TypeError(f"{function}() {message}")
    stack = ctypes.string_at(record.stack, record.stackN).decode("utf-8", "replace")
    free(record.stack)
    raise GoPanic(message, stack)


def _discard(record: Any, free: Any) -> None:
    """Free whatever an interrupted call left in its record (NULL fields included)."""
    for name, field_type in record._fields_:
        if field_type in (ctypes.c_void_p, _CHAR_POINTER):
            free(getattr(record, name))


def _call_line(entry: dict[str, Any], builder: _Builder) -> list[str]:
    """The call of the C-ABI wrapper; with a context, interruptible by Ctrl-C."""
    arguments = [*builder.call_args, "_o"]
    if not entry.get("context"):
        return [f"    _s = _f({', '.join(arguments)})"]
    builder.argtypes.insert(0, ctypes.c_uint64)
    if entry.get(ASYNC_KEY):
        from ._async_call import call_async

        builder.names.update(_call_async=call_async, _discard=_discard)
        return [f"    _s = await _call_async(_f, _new, _cancel, ({', '.join(arguments)},), "
                "lambda: _discard(_o, _free))"]
    builder.names.update(_call_context=call_with_context, _discard=_discard)
    return [
        f"    _s, _i = _call_context(_f, _new, _cancel, ({', '.join(arguments)},))",
        "    if _i: _discard(_o, _free); raise KeyboardInterrupt",
    ]


def _record_lines(entry: dict[str, Any], builder: _Builder
                  ) -> tuple[list[str], Callable[[list[str]], list[str]]]:
    """Taking the result record, and the lines returning ``values`` from it.

    A call whose results are numbers or objects (handles) reuses records from a
    pool: making a ctypes structure is a third of such a call. Only a record of a
    successful call goes back (Go wrote its results and nothing in its head); the
    pool is a list, whose pop and append are atomic, so threads never share a
    record."""
    pooled = not entry.get("context") and "_st" not in builder.names and not builder.kept \
        and all(go_type in SCALARS or object_class(go_type) or go_type in builder.classes
                for go_type in entry["results"])  # numbers and handles: no C memory
    if not pooled:
        def plain(values: list[str]) -> list[str]:
            return [f"    return {_tuple(values)}"]

        return ["    _o = _Record()"], plain
    pool: list[Any] = []
    builder.names.update(_take=pool.pop, _give_back=pool.append)

    def give_back(values: list[str]) -> list[str]:
        return [f"    _v = {_tuple(values)}", "    _give_back(_o)", "    return _v"]

    return ["    try: _o = _take()", "    except IndexError: _o = _Record()"], give_back


def _tuple(values: list[str]) -> str:
    """The Python expression of a function's results: one, a tuple, or None."""
    if len(values) == 1:
        return values[0]
    return "(" + ", ".join(values) + ",)" if values else "None"


def check_names(names: list[str]) -> None:
    """Names the generated source uses: a function's and its parameters'."""
    for name in names:
        if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
            raise TypeError(f"invalid name {name!r} in the API description")


def scalar_check(name: str, go_type: str, where: str) -> tuple[str, dict[str, Any]]:
    """The line checking a scalar argument, and the names it uses."""
    return _scalar_check(name, go_type, where), {
        "_int": int, "_float": float, "_bool": bool, "_int_arg": _int_arg,
        "_float_arg": _float_arg, "_bool_arg": _bool_arg}


def build_wrapper(
    entry: dict[str, Any], function: Any, free: Any, context: tuple[Any, Any] | None = None,
    classes: dict[str, Any] | None = None, reply: Any = None,
    errors: ErrorKinds | None = None, streams: Callable[[], Any] | None = None,
    unpin: Callable[[], Any] | None = None,
    trampoline: Callable[[], int | None] | None = None,
) -> Callable[..., Any]:
    """A Python function calling C-ABI wrapper ``function`` as ``entry`` describes;
    ``context`` holds the library's context functions (new, cancel), ``classes``
    the library's classes by Go name, ``errors`` its error classes, ``trampoline``
    the address of its C trampoline for callables (``_c_callbacks``)."""
    errors = errors or ErrorKinds()
    builder = _Builder(entry, classes or {}, errors.head)
    builder.streams, builder.unpin, builder.trampoline = streams, unpin, trampoline
    names = [name for name, _ in entry["params"]]
    check_names([entry["name"], *names])
    for index, (name, go_type) in enumerate(entry["params"]):
        builder.param(index, name, go_type)
    param_lines = builder.lines + builder.kept
    builder.lines = []
    values = [builder.result(i, go_type) for i, go_type in enumerate(entry["results"])]
    record = type(f"{entry['name']}_record", (ctypes.Structure,), {"_fields_": builder.fields})
    call = _call_line(entry, builder)
    function.argtypes = [*builder.argtypes, ctypes.POINTER(record)]
    function.restype = ctypes.c_int
    builder.names.update(_f=function, _Record=record, _free=free, _fail=raise_failure,
                         _errors=errors)
    if "_st" in builder.names or builder.kept:  # callbacks answer through goext_reply
        builder.names["_reply"] = reply
    if "_st" in builder.names:  # callbacks: their exception wins over Go's error
        builder.names.update(_Callbacks=_Callbacks, _discard=_discard)
        call.append("    if _st.error is not None: _discard(_o, _free); raise _st.error")
    if context is not None:
        builder.names.update(_new=context[0], _cancel=context[1])
    take, give_back = _record_lines(entry, builder)
    signature = [*names[:-1], "*" + names[-1]] if entry.get("variadic") else names
    source = "\n".join([
        f"{'async def' if entry.get(ASYNC_KEY) else 'def'} {entry['name']}"
        f"({', '.join(signature)}):",
        *param_lines,
        *take,
        *call,
        f"    if _s: _fail(_o, _s, _free, {entry['name']!r}, _errors)",
        *builder.lines,
        *give_back(values),
    ])
    namespace: dict[str, Any] = dict(builder.names)
    exec(compile(source, f"<goext {entry['name']}>", "exec"), namespace)  # noqa: S102 - names come from a validated description
    wrapper: Callable[..., Any] = namespace[entry["name"]]
    wrapper.__doc__ = entry["doc"] or None
    wrapper.__qualname__ = entry["name"]
    wrapper.__go_symbol__ = entry["symbol"]  # type: ignore[attr-defined]
    return wrapper


# The conversion of each kind that crosses by value, registered under its tag (the
# build side's type table names it): the kinds converted above, and BUFFER_KINDS.
CONVERTERS: dict[str, str] = {
    **{tag: "_scalar_check" for tag in SCALAR_CTYPES},
    **{tag: "_complex_arg" for tag in COMPLEX_CTYPES},
    TIME: "_time_arg",
    STRING: "_string_arg",
    BYTES: "_bytes_arg",
    **{f"[]{element}": "_numeric_converter" for element in SCALAR_CTYPES
       if element not in ("bool", "uint8")},  # []uint8 is []byte
    **{tag: "BUFFER_KINDS" for tag in BUFFER_KINDS},
    # Families of tags built of other types, by the name the type table gives them.
    "callback": "_callback_param",
    "func_value": "_handle_param",
    "interface": "_interface_arg",
    "interface_slice": "_interface_list_arg",
    "object": "_object_arg",
    "value": "_value_arg",
    "json": "_json_arg",
    "object_map": "_object_map_converter",
    "object_slice": "_handles_converter",
    "func_items": "_func_items_result",
    "any_data": "_data_param",
}
