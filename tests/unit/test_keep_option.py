"""``//python:export keep=NAME``: func parameters whose Python callables Go may keep."""

from __future__ import annotations

from pathlib import Path

from setuptools_golang_ext.bindings.description import describe_functions, describe_objects
from setuptools_golang_ext.bindings.go_glue import wrapper_source
from setuptools_golang_ext.bindings.plan import _problems
from setuptools_golang_ext.goapi.exports import GoFunction, GoParam, option_values
from setuptools_golang_ext.runtime.contract import PYTHON_EXIT_SYMBOL

HANDLER = GoParam("handler", "func(string) error")
TOPIC = GoParam("topic", "string")


def function(options: str, params: tuple[GoParam, ...] = (TOPIC, HANDLER)) -> GoFunction:
    return GoFunction("Subscribe", params, (), "", Path("bus.go"), 9, True,
                      keep=tuple(option_values(options, "keep")),
                      hold_gil="gil=hold" in options, options=options)


def problems(options: str, params: tuple[GoParam, ...] = (TOPIC, HANDLER)) -> list[str]:
    return _problems(function(options, params), "bus", frozenset({"Book"}))


def test_keep_names_func_parameters() -> None:
    assert problems("keep=handler") == []
    two = (GoParam("a", "func(int)"), GoParam("b", "func() (string, error)"))
    assert problems("keep=a,b", two) == [] and function("keep=a,b", two).keep == ("a", "b")


def test_a_misspelled_or_wrong_parameter_is_a_build_error() -> None:
    assert problems("keep=handlr") == ["keep=handlr: it has no func parameter of that name"]
    assert problems("keep=topic") == ["keep=topic: it has no func parameter of that name"]
    assert problems("keeps=handler") == [
        "unknown option 'keeps=handler' after //python:export (the options are "
        "readonly=NAME[,NAME...], keep=NAME[,NAME...], gil=hold or gil=release, "
        "name=python_name, nocopy=result and async)"]


def test_a_kept_callable_may_not_return_a_go_object() -> None:
    found = problems("keep=make", (GoParam("make", "func(string) *Book"),))
    assert found == ["keep=make: a callable Go keeps cannot return a Go object (Python may "
                     "release it before Go reads it); return plain values, or drop "
                     "keep=make"]


def test_holding_the_gil_is_refused_with_kept_callbacks() -> None:
    found = problems("keep=handler gil=hold")
    assert len(found) == 1 and "would wait for the GIL this call holds" in found[0]


def test_the_glue_keeps_only_the_named_callbacks() -> None:
    params = (HANDLER, GoParam("visit", "func(int)"))
    glue = wrapper_source(function("keep=handler", params), "goextuser.")
    assert "a0 unsafe.Pointer, a0release unsafe.Pointer, a0h uintptr, a1 unsafe.Pointer," in glue
    assert 'goextCb0 := goextKeep(a0, a0release, "handler")' in glue
    assert 'goextCb1 := goextPassed(a1, "visit", true)' in glue
    assert "goextCb0.expire" not in glue and "goextCb0.check" not in glue
    assert "defer goextCb1.expire()" in glue and 'goextCb1.check("visit")' in glue


def test_the_description_lists_kept_parameters_and_the_exit_symbol() -> None:
    kept, plain = function("keep=handler"), function("")
    entries = describe_functions("bus._native", [kept, plain], [], "")["functions"]
    assert [entry["keep"] for entry in entries] == [["handler"], []]
    assert describe_objects([], [], [kept, plain], [])["python_exit"] == PYTHON_EXIT_SYMBOL
    assert describe_objects([], [], [plain], [])["python_exit"] is None
