"""The ctypes-mode thunks of callbacks crossing with C types, called through their
C function pointers (no Go build): what the callable answers reaches C converted,
or is refused with the text the two-mode callback tests check, and Go gets zero."""

from __future__ import annotations

import enum
from typing import Any

import pytest

from setuptools_golang_ext.runtime._native_callbacks import native_maker

WHERE = "F() argument 'f'"


class _State:
    error: BaseException | None = None


class _Small(enum.IntEnum):
    SEVEN = 7


class _Index:
    def __index__(self) -> int:
        return 5


def _answer(go_type: str, value: object) -> tuple[Any, BaseException | None]:
    """What C gets when a callable of ``go_type`` answers ``value``, and the error kept."""
    state = _State()
    pointer = native_maker(go_type, WHERE)(lambda *args: value, state)
    return pointer(*([1] * (go_type.count(",") + 1))), state.error


@pytest.mark.parametrize(("go_type", "low", "high"), [
    ("func(int64) int64", -(1 << 63), (1 << 63) - 1),
    ("func(int64) uint64", 0, (1 << 64) - 1),
    ("func(int64) int32", -(1 << 31), (1 << 31) - 1),
    ("func(int64) uint32", 0, (1 << 32) - 1),
    ("func(int64) int8", -128, 127),
    ("func(int64) uint16", 0, 65535),
])
def test_integer_results_pass_in_range_and_are_refused_outside(
        go_type: str, low: int, high: int) -> None:
    result = go_type.rsplit(" ", 1)[1]
    for value in {low, high, 0, 1, -1, 1 << 30, (1 << 30) - 1, -(1 << 30), 1 << 40,
                  -(1 << 40)}:
        if low <= value <= high:
            assert _answer(go_type, value) == (value, None)
    for value in (low - 1, high + 1, 1 << 70):
        got, error = _answer(go_type, value)
        assert got == 0 and isinstance(error, OverflowError)
        assert str(error) == (f"the result of {WHERE}: {value} is out of range for "
                              f"{result} ({low}..{high})")


def test_integer_results_take_ints_in_other_clothes_and_refuse_the_rest() -> None:
    for value, expected in [(True, 1), (_Small.SEVEN, 7), (_Index(), 5)]:
        assert _answer("func(int64) int64", value) == (expected, None)
    for value, name in [(1.0, "float"), ("1", "str"), (None, "NoneType")]:
        got, error = _answer("func(int64) int64", value)
        assert got == 0 and isinstance(error, TypeError)
        assert str(error) == f"the result of {WHERE} must be an int (Go int64), not {name}"


def test_bool_and_float_results_are_checked_too() -> None:
    assert _answer("func(int64) bool", True) == (True, None)
    got, error = _answer("func(int64) bool", 1)
    assert got is False and str(error) == f"the result of {WHERE} must be bool (Go bool), not int"
    assert _answer("func(int64) float64", 2.5) == (2.5, None)
    assert _answer("func(int64) float64", 3) == (3.0, None)
    got, error = _answer("func(int64) float64", "x")
    assert got == 0 and str(error) == f"the result of {WHERE} must be a float (Go float64), not str"


def test_the_first_exception_is_kept_and_go_gets_zero() -> None:
    state = _State()
    errors = [KeyError("first"), ValueError("second")]

    def failing(value: int) -> int:
        raise errors[value]

    pointer = native_maker("func(int64) int64", WHERE)(failing, state)
    assert pointer(0) == 0 and pointer(1) == 0
    assert state.error is errors[0]


def test_string_parameters_arrive_as_str_with_undecodable_bytes_escaped() -> None:
    seen: list[tuple[str, int]] = []
    state = _State()
    pointer = native_maker("func(string, int64)", WHERE)(
        lambda text, number: seen.append((text, number)), state)
    data = b"caf\xc3\xa9 \xff"
    pointer(data, len(data), 3)
    pointer(None, 0, 4)
    assert seen == [("caf\u00e9 \udcff", 3), ("", 4)] and state.error is None


def test_up_to_four_numbers_bools_and_strings_take_the_libraries_c_trampoline() -> None:
    from setuptools_golang_ext.runtime._c_callbacks import c_maker

    assert c_maker("func(int8, uint64, float32, bool) uint64", WHERE, 4096) is not None
    assert c_maker("func(string, int) bool", WHERE, 4096) is not None
    assert c_maker("func()", WHERE, 4096) is not None
    for thunked in ("func(int) string", "func(int, int, int, int, int) int",
                    "func(int) (int, error)", "func([]int) int"):
        assert c_maker(thunked, WHERE, 4096) is None, thunked


def test_a_library_built_without_the_c_trampoline_keeps_the_thunks() -> None:
    import ctypes
    import os

    from setuptools_golang_ext.runtime._c_callbacks import library_trampoline

    if os.name == "nt":
        pytest.skip("no process-wide symbol namespace to load")
    assert library_trampoline(ctypes.CDLL(None)) is None
