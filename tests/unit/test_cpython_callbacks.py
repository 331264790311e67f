"""cpython mode's callback parameters: which func types the C trampoline takes,
and which stay with the ctypes layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from setuptools_golang_ext.bindings.cpython_callbacks import callback_c
from setuptools_golang_ext.bindings.cpython_mode import c_functions, cpython_module
from setuptools_golang_ext.bindings.plan import Bindings
from setuptools_golang_ext.goapi.exports import GoFunction, GoParam
from setuptools_golang_ext.platforms.python_capi import PythonInstall

PYTHON_311 = PythonInstall(Path("/include"), (3, 11), "/usr/bin/python3.11")


@pytest.mark.parametrize(("go_type", "answer"), [
    # The last field: 1 where ctypes mode calls these with C types (invalid UTF-8
    # surrogate-escaped), 0 where it calls them with JSON (replaced).
    ("func(int) int", "{'s', PTRDIFF_MIN, PTRDIFF_MAX, 0, \"int\", 1}"),
    ("func(string, bool) (uint8, error)", "{'u', 0, 0, UINT8_MAX, \"uint8\", 0}"),
    ("func(float32) string", "{'t', 0, 0, 0, \"string\", 0}"),
    ("func(int64) (float64, error)", "{'f', 0, 0, 0, \"float64\", 0}"),
    ("func(string) error", "{0, 0, 0, 0, \"\", 0}"),
    ("func()", "{0, 0, 0, 0, \"\", 1}"),
])
def test_callbacks_of_numbers_bools_and_strings_are_converted_in_c(
        go_type: str, answer: str) -> None:
    callback = callback_c(go_type)
    assert callback is not None and callback.answer == answer


@pytest.mark.parametrize("go_type", [
    "func(*Book)", "func([]string) int", "func(int) []int", "func(map[string]int)",
    "func(complex128)", "func(Point) (Point, error)", "int", "[]string",
])
def test_other_callbacks_stay_with_the_ctypes_layer(go_type: str) -> None:
    assert callback_c(go_type) is None


def _taking(name: str, go_type: str, keep: tuple[str, ...] = ()) -> GoFunction:
    return GoFunction(name, (GoParam("f", go_type), GoParam("n", "int")), (GoParam("", "int"),),
                      "", Path("a.go"), 3, True, keep=keep)


def test_only_functions_whose_callbacks_c_converts_are_c_functions() -> None:
    native = _taking("Native", "func(int) int")
    kept = _taking("Kept", "func(int) int", keep=("f",))
    objects = _taking("Objects", "func(*Book) int")
    bindings = Bindings([native, kept, objects])
    assert [f.name for f in c_functions(bindings)] == ["Native"]
    source, _ = cpython_module("mypkg._native", bindings, None, PYTHON_311)
    assert "goext_trampoline_call" in source
    assert ("if (goext_callback(a[0], \"Native() argument 'f'\", \"the result of Native() "
            "argument 'f'\", &goext_answer_Native_0, &raised, &cb0) < 0) goto done;") in source
    assert "status = goext_Native(goext_callback_pointer(&cb0), 0, (ptrdiff_t)v1, &out);" in source
    assert "result = goext_reraise(&raised, result);" in source


def test_a_module_without_callbacks_has_no_trampoline() -> None:
    plain = GoFunction("Add", (GoParam("a", "int"),), (GoParam("", "int"),), "", Path("a.go"),
                       3, True)
    source, _ = cpython_module("mypkg._native", Bindings([plain]), None, PYTHON_311)
    assert "goext_trampoline_call" not in source and "goext_strings_result" not in source
