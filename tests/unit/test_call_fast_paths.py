"""The cheap paths of ctypes-mode calls, without building Go: a C function
written in Python (a ctypes callback) stands in for the C-ABI wrapper."""

from __future__ import annotations

import ctypes
import json
import sys
from array import array
from typing import Any

import pytest

from setuptools_golang_ext.runtime._buffers import GO_COPY
from setuptools_golang_ext.runtime._direct_calls import _Failure, build_direct
from setuptools_golang_ext.runtime._error_kinds import ErrorKinds
from setuptools_golang_ext.runtime._json_values import exact_in_json, json_reader, result_reader
from setuptools_golang_ext.runtime._layer2 import _bytes_arg, _CallbackTypes, build_wrapper
from setuptools_golang_ext.runtime._objects import GoObject
from setuptools_golang_ext.runtime._packed import packed_reader
from setuptools_golang_ext.runtime.contract import (
    PACKED_INTEGER_MAP,
    PACKED_PLAIN_MAP,
    PACKED_STRINGS,
    STATUS_ERROR,
    packed_kind,
)

SEEN: list[int] = []  # r0 of the record each call got, before it wrote its result


def _scalar_function() -> tuple[Any, Any]:
    """F(a int64) (int64, error): a fails with an error, else returns a + 1."""
    message = ctypes.create_string_buffer(b"bad a")

    def f(a: int, address: int) -> int:
        record = wrapper.__globals__["_Record"].from_address(address)
        SEEN.append(record.r0 or record.err or 0)
        if a < 0:
            record.err, record.errN = ctypes.addressof(message), 5
            return STATUS_ERROR
        record.r0 = a + 1
        return 0

    function = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int64, ctypes.c_void_p)(f)
    free = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(lambda _: None)
    entry = {"name": "F", "symbol": "goext_F", "params": [["a", "int64"]],
             "results": ["int64"], "doc": "", "error": True}
    wrapper = build_wrapper(entry, function, free)
    return wrapper, (function, free, message)


def test_a_numbers_only_call_reuses_its_record_but_not_after_a_failure() -> None:
    wrapper, keep = _scalar_function()
    SEEN.clear()
    assert wrapper(1) == 2 and wrapper(5) == 6
    assert SEEN == [0, 2]  # the second call got the first call's record back
    with pytest.raises(Exception, match="bad a"):
        wrapper(-1)
    assert wrapper(7) == 8  # the failed record (its head set) is not reused
    assert SEEN[2:] == [6, 0]
    with pytest.raises(TypeError, match=r"F\(\) argument 'a' must be an int \(Go int64\)"):
        wrapper("1")
    del keep


def test_json_results_that_need_no_walk_are_read_by_json_loads_alone() -> None:
    read = json_reader()
    assert result_reader("[]string") is read and result_reader("map[string]int64") is read
    assert read(b'[1, "\xc3\xa7", {"a": null}]') == [1, "ç", {"a": None}]
    assert read(b" [1] ") == [1]  # whitespace: json.loads's way
    with pytest.raises(json.JSONDecodeError, match="Extra data"):
        read(b"[1] x")
    assert exact_in_json("[][]bool") and exact_in_json("*string")
    for walked in ("[]float64", "map[int]string", "map[string][]float32", "*float64"):
        assert not exact_in_json(walked)
    assert result_reader("map[int16][]float32")(b'{"2": [1, 2.5]}') == {2: [1.0, 2.5]}


_GO_COPIES: list[bool] = []  # per call of G: was the length marked GO_COPY?


def _numbers_function() -> tuple[Any, Any]:
    """G(xs []float64): doubles every item in place, as Go would; memory marked
    GO_COPY the glue copies into Go memory first, so Python's stays unchanged."""
    def g(pointer: int | None, size: int, _record: int) -> int:
        _GO_COPIES.append(bool(size & GO_COPY))
        if pointer is None or size & GO_COPY:  # an empty slice, or Go's own copy
            return 0
        items = (ctypes.c_double * (size // 8)).from_address(pointer)
        for index in range(len(items)):
            items[index] *= 2
        return 0

    function = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t,
                                ctypes.c_void_p)(g)
    entry = {"name": "G", "symbol": "goext_G", "params": [["xs", "[]float64"]],
             "results": [], "doc": "", "error": False}
    return build_wrapper(entry, function, None), function


@pytest.mark.parametrize("make", [lambda: array("d", [1.0, 2.5]),
                                  lambda: memoryview(array("d", [1.0, 2.5])).cast("B").cast("d")])
def test_a_writable_buffer_of_the_element_format_is_passed_in_place(make: Any) -> None:
    wrapper, keep = _numbers_function()
    items = make()
    wrapper(items)
    assert list(items) == [2.0, 5.0]
    del keep


def test_other_number_slice_arguments_keep_their_conversions_and_errors() -> None:
    wrapper, keep = _numbers_function()
    read_only = memoryview(array("d", [1.0]).tobytes()).cast("d")
    _GO_COPIES.clear()
    wrapper(read_only)  # copied: the read-only memory never changes
    assert list(read_only) == [1.0]
    wrapper([1, 2.5])
    wrapper(array("d"))
    wrapper(array("d", [1.0]))
    # Copied for the call anyway: Go gets its own copy, which it may keep.
    assert _GO_COPIES == [True, True, False, False]
    with pytest.raises(TypeError, match=r"G\(\) argument 'xs': buffer of format 'q'"):
        wrapper(array("q", [1]))
    with pytest.raises(TypeError, match=r"G\(\) argument 'xs': expected a sequence of numbers"):
        wrapper(object())
    del keep


def test_packed_results_are_split_and_anything_else_read_as_json() -> None:
    strings = packed_reader(PACKED_STRINGS, "[]string")
    assert strings(b"Sa\0\0\xc3\xa7") == ["a", "", "ç"]
    assert strings(b"S") == [""] and strings(b"E") == []
    assert strings(b'["nul\\u0000", "x"]') == ["nul\0", "x"]  # what the glue sends then
    counts = packed_reader(PACKED_INTEGER_MAP, "map[string]int16")
    values = array("h", [-2, 7]).tobytes()
    header = b"M" + bytes(7) + (2).to_bytes(8, sys.byteorder)
    assert counts(header + values + b"ab\0c") == {"ab": -2, "c": 7}
    assert counts(b"M" + bytes(15)) == {}
    assert counts(b'{"k\\u0000": 1}') == {"k\0": 1}
    assert packed_kind("[]string") == PACKED_STRINGS
    assert packed_kind("map[string]uint8") == PACKED_INTEGER_MAP
    for plain in ("map[string]float64", "map[int]int", "map[uint8]string", "map[string]bool"):
        assert packed_kind(plain) == PACKED_PLAIN_MAP, plain
    for json_map in ("map[string]float32", "map[string][]int", "map[string]any"):
        assert packed_kind(json_map) is None, json_map


def test_plain_maps_are_read_from_their_columns_and_anything_else_as_json() -> None:
    order = sys.byteorder

    def packed(count: int, key_text: bytes, numbers: bytes, text: bytes) -> bytes:
        return (b"P" + bytes(7) + count.to_bytes(8, order) + len(key_text).to_bytes(8, order)
                + numbers + key_text + text)

    labels = packed_reader(PACKED_PLAIN_MAP, "map[int8]string")
    keys = array("q", [-128, 7]).tobytes()
    assert labels(packed(2, b"", keys, b"\xc3\xa7\0")) == {-128: "ç", 7: ""}
    assert labels(packed(0, b"", b"", b"")) == {}
    assert labels(b'{"1": "nul\\u0000"}') == {1: "nul\0"}  # JSON, as the glue sends then
    ratios = packed_reader(PACKED_PLAIN_MAP, "map[string]float64")
    assert ratios(packed(2, b"a\0", array("d", [0.5, -1]).tobytes(), b"")) \
        == {"a": 0.5, "": -1.0}
    flags = packed_reader(PACKED_PLAIN_MAP, "map[uint64]bool")
    both = array("Q", [2**64 - 1, 0, 1, 0]).tobytes()  # the keys' column, then the values'
    assert flags(packed(2, b"", both, b"")) == {2**64 - 1: True, 0: False}
    texts = packed_reader(PACKED_PLAIN_MAP, "map[string]string")
    assert texts(packed(2, b"k\0", b"", b"v\0w")) == {"k": "v", "": "w"}


@pytest.mark.parametrize(("go_type", "answers"), [
    ("func(int64) int64", [0, -5, 2**63 - 1]),
    ("func(string) string", ["", 'ç"\\\n\x00€\udcff']),
    ("func(int64)", [None]),
    ("func(int64) float64", [1.5, 2.0]),
    ("func(int64) bool", [True]),
])
def test_callback_answers_are_written_as_json_dumps_writes_them(go_type: str,
                                                                answers: list[Any]) -> None:
    types = _CallbackTypes(go_type, {})
    types.start()
    assert types.encode is not None
    for answer in answers:
        assert types.encode(answer) == json.dumps(answer, ensure_ascii=False, allow_nan=False)
    if go_type.endswith("float64"):
        with pytest.raises(ValueError, match="Out of range float values"):
            types.encode(float("nan"))


class _Thing:
    """Stands in for a generated class: ``_wrap`` keeps the handle."""

    def __init__(self, handle: int) -> None:
        self.handle = handle

    @classmethod
    def _wrap(cls, handle: int) -> _Thing:
        return cls(handle)


def test_a_call_returning_an_object_reuses_its_record_too() -> None:
    seen: list[int] = []

    def new(address: int) -> int:
        record = wrapper.__globals__["_Record"].from_address(address)
        seen.append(record.r0)
        record.r0 = len(seen) + 40
        return 0

    function = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)(new)
    entry = {"name": "NewThing", "symbol": "goext_NewThing", "params": [],
             "results": ["*Thing"], "doc": "", "error": False}
    wrapper = build_wrapper(entry, function, None, classes={"Thing": _Thing})
    assert [wrapper().handle, wrapper().handle] == [41, 42]
    assert seen == [0, 41]


def test_bytes_reach_the_glue_in_place_marked_for_a_go_copy_and_writable_buffers_unmarked(
        ) -> None:
    """bytes: no Python copy, GO_COPY (the glue copies them into Go memory, which Go
    may keep); a read-only view: a private copy, marked; a bytearray: in place."""
    data = b"immutable bytes"
    pointer, size, keep = _bytes_arg(data, "F() argument 'b'")
    assert keep is data and size == len(data) | GO_COPY
    assert pointer.value == ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value
    assert _bytes_arg(memoryview(data)[1:], "w")[1] == (len(data) - 1) | GO_COPY
    buffer = bytearray(data)
    pointer, size, keep = _bytes_arg(buffer, "w")
    assert size == len(data) and pointer == ctypes.addressof(ctypes.c_char.from_buffer(buffer))
    assert _bytes_arg(b"", "w")[1] == 0 and _bytes_arg(bytearray(), "w")[1] == 0


class _Shelf:
    """An object of a class: its Go handle."""

    __slots__ = ("_handle",)

    def __init__(self, handle: int) -> None:
        self._handle = ctypes.c_size_t(handle)


def test_a_method_of_scalars_crosses_directly_with_its_receiver_as_a_handle() -> None:
    failure = _Failure()
    message = ctypes.create_string_buffer(b"bad a")

    def sum_of(handle: int, a: int) -> int:  # Shelf.Sum(a int64) int64: handle + a
        if a < 0:  # as goextDirectFailed keeps a failure for the thread
            failure.err, failure.errN, failure.status = ctypes.addressof(message), 5, \
                STATUS_ERROR
            return -(2**63)
        return handle + a

    function = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_size_t, ctypes.c_int64)(sum_of)
    last = ctypes.CFUNCTYPE(ctypes.c_void_p)(lambda: ctypes.addressof(failure))
    free = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(lambda _: None)
    entry = {"name": "Sum", "symbol": "goext_Shelf__Sum",
             "params": [["self", "*Shelf"], ["a", "int64"]], "results": ["int64"], "doc": ""}
    method = build_direct(entry, function, last, free, ErrorKinds(), receiver=_Shelf)
    assert method(_Shelf(40), 2) == 42 and method(None, 2) == 2  # None: Go's nil
    with pytest.raises(Exception, match="bad a"):
        method(_Shelf(1), -1)
    assert failure.status == 0 and method(_Shelf(1), 1) == 2
    with pytest.raises(TypeError, match=r"^Sum\(\) argument 'self' must be _Shelf or None, "
                                        r"not str$"):
        method("shelf", 1)
    with pytest.raises(TypeError, match=r"^Sum\(\) argument 'a' must be an int \(Go int64\)"):
        method(_Shelf(1), "1")


class _Point(GoObject):
    __slots__ = ()
    _go_release = staticmethod(lambda handle: None)


def test_a_direct_constructor_gives_its_object_a_plain_c_size_t_handle() -> None:
    """ctypes passes an exact ``c_size_t`` on without asking ``from_param`` (a
    subclass would cost each later call taking the object); 0 is a failure."""
    failure = _Failure()  # the thread's last failure: none

    def new(x: float) -> int:
        return int(x)

    function = ctypes.CFUNCTYPE(ctypes.c_size_t, ctypes.c_double)(new)
    last_failure = ctypes.CFUNCTYPE(ctypes.c_void_p)(lambda: ctypes.addressof(failure))
    entry = {"name": "NewPoint", "symbol": "goext_NewPoint_direct", "params": [["x", "float64"]],
             "results": ["*Point"], "doc": ""}
    wrapper = build_direct(entry, function, last_failure, None, ErrorKinds(), _Point)
    made = wrapper(7.0)
    assert type(made) is _Point and type(made._handle) is ctypes.c_size_t
    assert made._handle.value == 7
    assert wrapper(0.0) is None  # nil (no failure recorded)
