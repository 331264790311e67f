"""Go func values (issue 18): the callers generated for func types that reach
Python, and where a func type can and cannot go. No Go build."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from setuptools_golang_ext.bindings.go_glue import wrapper_source
from setuptools_golang_ext.bindings.plan import _problems, binding_problems
from setuptools_golang_ext.bindings.type_families import python_type
from setuptools_golang_ext.goapi.exports import CALL, GET, GoFunction, GoParam
from setuptools_golang_ext.goapi.func_values import (
    func_callers,
    func_shape_hint,
    spelling_clashes,
)
from setuptools_golang_ext.goapi.model import (
    Function,
    GoApi,
    PackageInfo,
    Param,
    Position,
    TypeDecl,
    TypeRef,
    _with_func_types,
)


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


def _api(*types: TypeDecl, functions: tuple[Function, ...] = ()) -> GoApi:
    return GoApi(PackageInfo("mw", MW, "/src", MW, "1.21"), functions, types, (), (), (), ())


MW = "example.com/mw"
STRING = TypeRef("basic", "string", name="string")


def _func_type(name: str, params: tuple[TypeRef, ...], results: tuple[TypeRef, ...]
               ) -> TypeDecl:
    func = TypeRef("func", f"func({', '.join(p.go for p in params)}) "
                           f"{', '.join(r.go for r in results)}".strip(),
                   params=tuple(Param("", p) for p in params),
                   results=tuple(Param("", r) for r in results))
    return TypeDecl(name, "", Position("/src/mw.go", 3, 6), ("python:export",), True, False,
                    TypeRef("named", name, name=name, package=MW, underlying=func), func)


def test_funcs_taking_or_returning_funcs_are_refused_with_what_binds_instead() -> None:
    handler = _func_type("Handler", (STRING,), (STRING,))
    named = TypeRef("named", "Handler", name="Handler", package=MW)  # no underlying inside
    middleware = _func_type("Middleware", (named,), (named,))
    lines = [line for _, line in binding_problems(_api(handler, middleware))]
    # Before: bound as a name whose values nothing could make or call.
    assert lines == [
        "/src/mw.go:3:6: //python:export type Middleware: a func type taking or returning a "
        "func (func(Handler) Handler) cannot cross to Python yet; leave it unmarked, and "
        "bind Go functions of that shape instead (func RequireUser(next Handler) Handler "
        "binds: Python passes a callable and gets a Go func back)"]
    assert func_shape_hint("func(func(func()) int)").startswith(
        ": a func taking or returning a func cannot cross to Python yet;")
    assert func_shape_hint("func(Handler) string", ["Handler"]) == \
        func_shape_hint("func(func(func()) int)")
    assert func_shape_hint("func() func() int").startswith(  # a parameter or variable
        ": a func taking or returning funcs crosses from Go only")
    assert func_shape_hint("func(string) string", ["Handler"]) == ""
    # Read by the reader, a Handler inside says what it is: the Middleware binds.
    resolved = replace(named, underlying=handler.underlying)
    bound = _func_type("Middleware", (resolved,), (resolved,))
    assert binding_problems(_api(handler, bound)) == []


def test_collections_of_funcs_python_cannot_fill_say_what_to_do() -> None:
    inner = (": its funcs cannot cross to Python (funcs taking or returning funcs and "
             "variadic funcs have no Python form yet); a slice, array or map of funcs of "
             "numbers, strings and objects binds")
    assert func_shape_hint("[]func(func()) string") == inner
    assert func_shape_hint("[2]Func", ["Func"]) == inner  # a named func type not bound
    assert func_shape_hint("map[string]func()") == (
        ": a map of funcs crosses from Go only (a function's result is a dict of Go funcs); "
        "Python cannot set or pass one yet: take a slice of funcs, or a key and one func")
    assert func_shape_hint("[]string", ["Func"]) == ""
    each = GoFunction("Each", (GoParam("fs", "map[string]func(int) int"),), (), "",
                      Path("x.go"), 1, True)
    assert _problems(each, "mw", frozenset()) == [
        "parameter fs has type map[string]func(int) int" + func_shape_hint("map[string]func()")]
    listed = replace(each, params=(GoParam("fs", "[]func(int) int"),))
    assert _problems(listed, "mw", frozenset()) == []


def test_a_list_of_funcs_go_keeps_may_not_return_go_objects() -> None:
    each = GoFunction("Each", (GoParam("fs", "[]func() *Book"),), (), "", Path("x.go"), 1,
                      True)
    assert _problems(each, "mw", frozenset({"Book"})) == [
        "parameter fs: the callables of a list Go keeps cannot return a Go object (Python "
        "may release it before Go reads it); return plain values"]


def test_named_func_types_inside_types_carry_their_func_type_finitely() -> None:
    handler = {"kind": "func", "go": "func(string) string"}
    loop = {"kind": "named", "go": "Loop", "name": "Loop", "package": MW}
    data = {"package": {"import_path": MW}, "types": [
        {"name": "Handler", "underlying": handler},
        {"name": "Loop", "underlying": {"kind": "func", "params": [{"type": loop}]}},
        {"name": "Middleware", "underlying": {"kind": "func", "params": [{"type": {
            "kind": "named", "go": "Handler", "name": "Handler", "package": MW}}]}}]}
    types = _with_func_types(data)["types"]
    assert types[2]["underlying"]["params"][0]["type"]["underlying"] == handler
    depth, ref = 0, types[1]["underlying"]  # type Loop func(Loop): three levels, then none
    while ref.get("params"):
        ref, depth = ref["params"][0]["type"].get("underlying", {}), depth + 1
    assert depth == 4
