"""The generated int checks of arguments and callback results: one-digit bounds
first (CPython compares such ints fast), the full range through ``int_arg``. Every
value near either bound gets the answer of the full range check."""

from __future__ import annotations

from typing import Any

import pytest

from setuptools_golang_ext.runtime._scalar_args import ONE_DIGIT, int_arg, int_check, is_int
from setuptools_golang_ext.runtime.contract import INT_RANGES


def _checker(go_type: str) -> Any:
    namespace: dict[str, Any] = {"_int": int, "_int_arg": int_arg}
    exec(f"def check(x):\n    {int_check('x', go_type, repr('x'))}\n    return x", namespace)
    return namespace["check"]


def _near(*bounds: int) -> set[int]:
    return {bound + step for bound in bounds for step in (-2, -1, 0, 1, 2)}


@pytest.mark.parametrize("go_type", sorted(INT_RANGES))
def test_the_check_takes_exactly_the_range_of_the_go_type(go_type: str) -> None:
    check = _checker(go_type)
    low, high = INT_RANGES[go_type]
    for value in _near(low, high, 0, ONE_DIGIT, -ONE_DIGIT, 1 << 62, 1 << 64):
        if low <= value <= high:
            assert check(value) == value
        else:
            with pytest.raises(OverflowError, match=rf"^x: {value} is out of range for "):
                check(value)
    assert check(True) == 1
    with pytest.raises(TypeError, match=rf"^x must be an int \(Go {go_type}\), not float$"):
        check(1.0)


@pytest.mark.parametrize("value", sorted(_near(0, ONE_DIGIT, -ONE_DIGIT, -(1 << 63),
                                               (1 << 64) - 1)))
def test_is_int_is_equality(value: int) -> None:
    for candidate in (-(1 << 63), (1 << 64) - 1, 255, -ONE_DIGIT - 1, ONE_DIGIT + 1):
        assert eval(is_int("x", candidate), {"x": value}) is (value == candidate)
