"""The Go types a `//python:export` function may use, as the build and the runtime agree."""

from __future__ import annotations

import ctypes

import pytest

from setuptools_golang_ext.runtime.contract import (
    SCALARS,
    canonical,
    func_items,
    func_parts,
    go_func_types,
    is_supported,
    python_name,
    slice_element,
    split_types,
)


@pytest.mark.parametrize(("spelled", "canonical_type"), [
    ("byte", "uint8"),
    ("rune", "int32"),
    ("[]byte", "[]byte"),
    ("[]uint8", "[]byte"),
    ("[]rune", "[]int32"),
    ("int", "int"),
    ("map[string]int", "map[string]int"),
])
def test_aliases_have_one_spelling(spelled: str, canonical_type: str) -> None:
    assert canonical(spelled) == canonical_type


@pytest.mark.parametrize(("go_type", "element"), [
    ("[]float64", "float64"),
    ("[]int8", "int8"),
    ("[]uintptr", "uintptr"),
    ("[]byte", None),  # bytes, not a numeric slice
    ("[]bool", None),
    ("[]string", None),
    ("float64", None),
])
def test_numeric_slices_and_their_elements(go_type: str, element: str | None) -> None:
    assert slice_element(go_type) == element


@pytest.mark.parametrize(("go_type", "as_parameter", "as_result"), [
    ("int", True, True),
    ("rune", True, True),
    ("string", True, True),
    ("[]byte", True, True),
    ("[]float32", True, True),
    ("error", False, True),  # only as the last result
    ("[]bool", True, True),  # slices, maps and optional pointers cross as JSON
    ("map[string]int", True, True),
    ("*int", True, True),
    ("complex128", True, True),
    ("chan<- int", True, False),  # Python receives what Go sends
    ("chan<- complex128", False, False),
    ("chan int", True, True),
    ("<-chan string", True, True),
    ("iter.Seq[int]", True, True),
    ("iter.Seq2[string, []int]", False, True),
    ("iter.Seq[[]byte]", False, False),
    ("<-chan complex128", False, False),
    ("iter.Seq[func()]", False, False),
])
def test_supported_types(go_type: str, as_parameter: bool, as_result: bool) -> None:
    assert is_supported(go_type, result=False) is as_parameter
    assert is_supported(go_type, result=True) is as_result


def test_go_int_sizes_match_ctypes() -> None:
    assert {name: ctypes.sizeof(c) for name, c in SCALARS.items()} == {
        "int": ctypes.sizeof(ctypes.c_void_p), "uint": ctypes.sizeof(ctypes.c_void_p),
        "uintptr": ctypes.sizeof(ctypes.c_void_p),
        "int8": 1, "int16": 2, "int32": 4, "int64": 8,
        "uint8": 1, "uint16": 2, "uint32": 4, "uint64": 8,
        "float32": 4, "float64": 8, "bool": 1,
    }


@pytest.mark.parametrize(("go_name", "index", "name"), [
    ("count", 0, "count"),
    ("", 2, "arg2"),
    ("_", 1, "arg1"),
    ("_private", 0, "arg0"),
    ("lambda", 3, "arg3"),
    ("from", 0, "arg0"),
])
def test_go_parameter_names_become_python_names(go_name: str, index: int, name: str) -> None:
    assert python_name(go_name, index) == name


@pytest.mark.parametrize(("tag", "parts"), [
    ("func()", ([], [])),
    ("func(int, string) (int, error)", (["int", "string"], ["int", "error"])),
    ("func(func(string) string) func(string) string",
     (["func(string) string"], ["func(string) string"])),
    ("func() func() func() int", ([], ["func() func() int"])),
    ("func(map[string]int, func(int, int) (int, error)) []func(int) int",
     (["map[string]int", "func(int, int) (int, error)"], ["[]func(int) int"])),
    ("func() (func(int) int, error)", ([], ["func(int) int", "error"])),
    ("func(struct{A, B int}) int", (["struct{A, B int}"], ["int"])),
])
def test_func_parts_read_funcs_of_funcs(tag: str, parts: tuple[list[str], list[str]]
                                        ) -> None:
    assert func_parts(tag) == parts


@pytest.mark.parametrize("tag", ["func(int", "func(int) (int", "func(int) a, b", "int",
                                 "[]func()"])
def test_func_parts_refuse_what_is_no_func_type(tag: str) -> None:
    assert func_parts(tag) is None


def test_split_types_splits_outside_brackets_only() -> None:
    assert split_types("map[string]func(int, int) int, []int, func() (a, b)") == [
        "map[string]func(int, int) int", "[]int", "func() (a, b)"]
    assert split_types("") == []


@pytest.mark.parametrize(("tag", "items"), [
    ("[]func(int) int", ("", "func(int) int")),
    ("[3]func()", ("", "func()")),
    ("map[string]func(string) (string, error)", ("string", "func(string) (string, error)")),
    ("map[int64]func()", ("int64", "func()")),
    ("map[float64]func()", None),  # keys Python could not tell apart from JSON text
    ("[]func(chan int)", None),  # a func that cannot cross
    ("[n]func()", None),
])
def test_func_items_reads_slices_arrays_and_maps_of_funcs(
        tag: str, items: tuple[str, str] | None) -> None:
    assert func_items(tag) == items
    assert func_items("[]int") is None
    assert is_supported(tag, result=True) is (items is not None)
    assert is_supported(tag, result=False) is (items is not None and not items[0])


@pytest.mark.parametrize(("tag", "parts"), [
    ("func() func() int", ([], ["func() int"])),
    ("func(func(string) string) func(string) string",
     (["func(string) string"], ["func(string) string"])),
    ("func() func() func() int", ([], ["func() func() int"])),
    ("func(int) int", None),  # a plain callback type
    ("func(func(func()) int)", None),  # Python could not make the inner func's argument
    ("func() (func(), func())", None),  # two results
])
def test_go_func_types_reads_funcs_of_funcs_go_made(
        tag: str, parts: tuple[list[str], list[str]] | None) -> None:
    assert go_func_types(tag) == parts
    if parts is not None:  # a result Python calls; never a callable Python makes
        assert is_supported(tag, result=True) and not is_supported(tag, result=False)
