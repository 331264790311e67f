"""Go func values (issue 18): the callers generated for func types that reach
Python, and where a func type can and cannot go. No Go build."""

from __future__ import annotations

from pathlib import Path

from setuptools_golang_ext.bindings.go_glue import wrapper_source
from setuptools_golang_ext.bindings.type_families import python_type
from setuptools_golang_ext.goapi.exports import CALL, GET, GoFunction, GoParam
from setuptools_golang_ext.goapi.func_values import func_callers, spelling_clashes


def _returning(name: str, result: GoParam) -> GoFunction:
    return GoFunction(name, (), (result,), "", Path("x.go"), 1, True)


def test_one_caller_per_func_type_named_after_a_marked_named_type() -> None:
    adder = _returning("MakeAdder", GoParam("", "func(int) int"))
    again = _returning("Other", GoParam("", "func(int) int"))
    rule = GoFunction("Rule", (), (GoParam("Rule", "func(string) error"),), "", Path("x.go"),
                      2, True, role=GET)
    callers = func_callers([adder, again, rule], {"func(string) error": "Check"})
    assert [(c.role, c.python_name, c.symbol) for c in callers] == [
        (CALL, "func", "goext_call__f0"), (CALL, "Check", "goext_call__f1")]
    assert [p.type for p in callers[0].params] == ["gofunc:func(int) int", "int"]
    assert [r.type for r in callers[1].results] == ["error"]


def test_named_basic_types_inside_convert_in_the_caller_and_the_store() -> None:
    glue = "func($.Celsius) goextpkg_time.Duration"
    result = GoParam("", "func(float64) int64", glue=glue, glue_imports=("time",))
    caller, = func_callers([_returning("Warmer", result)])
    arg, = caller.params[1:]
    assert (arg.convert, caller.results[0].convert, caller.results[0].convert_import) == (
        "Celsius", "Duration", "time")
    source = wrapper_source(caller, "goextuser.")
    assert "goextFuncOf[func(goextuser.Celsius) goextpkg_time.Duration](a0)(" \
           "goextuser.Celsius(a1))" in source
    stored = wrapper_source(_returning("Warmer", result), "goextuser.")
    assert "goextFuncHandle((func(goextuser.Celsius) goextpkg_time.Duration)(r0))" in stored


def test_a_func_result_is_annotated_as_a_callable_or_none() -> None:
    assert python_type("func(string, *Book) (int, error)", result=True) == \
        "Callable[[str | bytes, Book | None], int] | None"
    assert python_type("func()", result=True) == "Callable[[], None] | None"


def test_setting_a_func_keeps_the_callable_and_takes_none_or_a_go_func() -> None:
    setter = GoFunction("Rule", (GoParam("value", "func(int) error"),), (), "", Path("x.go"),
                        1, True, role="set", keep=("value",))
    source = wrapper_source(setter, "goextuser.")
    assert 'goextCb0 := goextKeep(a0, a0release, "value")' in source
    assert "goextuser.Rule = goextNilOr(a0, a0h, goextFuncOr(a0h, func(p0 int)" in source


def test_a_second_spelling_of_one_converted_func_type_is_named_with_why() -> None:
    plain = _returning("Plain", GoParam("", "func(float64) float64"))
    named = _returning("Named", GoParam("", "func(float64) float64",
                                        glue="func($.Celsius) $.Celsius"))
    (function, why), = spelling_clashes([plain, named, plain])
    assert function is named
    assert why == ("its func result func(Celsius) Celsius converts as func(float64) float64, "
                   "as func(float64) float64 returned elsewhere does, and Python could not "
                   "tell them apart; return one func type")
