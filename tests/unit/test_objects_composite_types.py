"""The type tags of maps of objects, composite callbacks and plain values as
`any` (issue 11), without building Go."""

from __future__ import annotations

import pytest

from setuptools_golang_ext.bindings.api_module import python_type
from setuptools_golang_ext.runtime._layer2 import _tagged
from setuptools_golang_ext.runtime.contract import callback_types, is_supported, object_map

CLASSES = frozenset({"Book", "Point"})


def test_maps_of_objects() -> None:
    assert object_map("map[string]*Book") == ("string", "Book", True)
    assert object_map("map[int64]Point") == ("int64", "Point", False)
    assert object_map("map[float64]Point") is None  # keys as JSON allows
    assert object_map("map[string]int") is None
    assert is_supported("map[string]*Book", result=True, classes=CLASSES)
    assert not is_supported("map[string]*Plain", result=True, classes=CLASSES)
    assert python_type("map[int]Point", result=True) == "dict[int, Point]"
    assert python_type("map[string]*Book", result=False) == "Mapping[str, Book | None]"


def test_composite_callbacks() -> None:
    assert callback_types("func([]string, *Book) map[string]int") == (
        ["[]string", "*Book"], ["map[string]int"])
    assert callback_types("func(Point) (Point, error)") == (["Point"], ["Point", "error"])
    assert callback_types("func(chan int)") is None
    assert is_supported("func(Point) (Point, error)", result=False, classes=CLASSES)
    assert not is_supported("func(Plain)", result=False, classes=CLASSES)
    assert python_type("func(Point) *Book", result=False) == \
        "Callable[[Point], Book | None]"


def test_plain_values_are_tagged_for_go() -> None:
    assert _tagged([1, 1.0, "s", b"\xff", None, True, {"k": ()}], "w") == [
        "l", [["i", "1"], ["f", "1.0"], ["s", "s"], ["b", "/w=="], None, True,
              ["d", {"k": ["l", []]}]]]
    with pytest.raises(OverflowError, match="w: 9223372036854775808 is out of range"):
        _tagged(2**63, "w")
    with pytest.raises(TypeError, match=r"w must be a Go object, .* not complex"):
        _tagged(1j, "w")
    with pytest.raises(TypeError, match="dict keys must be str"):
        _tagged({1: 1}, "w")
