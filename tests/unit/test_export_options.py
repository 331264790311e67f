"""The words after ``//python:export``: ``readonly=``, ``gil=``, and misspellings."""

from __future__ import annotations

from pathlib import Path

from setuptools_golang_ext.bindings.cpython_module import function_c
from setuptools_golang_ext.bindings.description import describe_functions
from setuptools_golang_ext.bindings.plan import _problems
from setuptools_golang_ext.goapi.exports import (
    GoFunction,
    GoParam,
    option_values,
    readonly_parameters,
    unknown_options,
)
from setuptools_golang_ext.runtime.contract import HOLD_GIL_KEY


def function(options: str, params: tuple[GoParam, ...] = (GoParam("a", "int64"),)) -> GoFunction:
    return GoFunction("Neg", params, (GoParam("", "int64"),), "", Path("neg.go"), 7, True,
                      hold_gil="gil=hold" in options, options=options)


def problems(options: str, params: tuple[GoParam, ...] = (GoParam("a", "int64"),)) -> list[str]:
    return _problems(function(options, params), "neg", frozenset())


def test_options_are_read_word_by_word() -> None:
    assert readonly_parameters("readonly=a,b gil=hold readonly=c") == ("a", "b", "c")
    assert option_values("gil=hold", "gil") == ["hold"]
    assert unknown_options("readonly=a gil=hold") == []
    assert unknown_options("redonly=a nogil") == ["redonly=a", "nogil"]


def test_known_options_pass() -> None:
    assert problems("") == []
    assert problems("gil=hold") == []
    assert problems("gil=release") == []


def test_misspelled_options_are_reported_with_the_known_ones() -> None:
    found = problems("nogil gil=fast")
    assert found == [
        "unknown option 'nogil' after //python:export (the options are "
        "readonly=NAME[,NAME...], keep=NAME[,NAME...], gil=hold or gil=release, "
        "name=python_name, nocopy=result and async)",
        "gil=fast: say gil=hold or gil=release",
    ]


def test_holding_the_gil_is_refused_where_python_must_run_during_the_call() -> None:
    context = problems("gil=hold", (GoParam("ctx", "context.Context"), GoParam("a", "int64")))
    assert len(context) == 1 and "Ctrl-C cancels the context" in context[0]
    callback = problems("gil=hold", (GoParam("visit", "func(string) error"),))
    assert len(callback) == 1 and "would wait for the GIL this call holds" in callback[0]


def test_only_gil_hold_functions_keep_the_gil_in_both_modes() -> None:
    held, released = function("gil=hold"), function("")
    assert "Py_BEGIN_ALLOW_THREADS" not in function_c(held)
    assert "Py_BEGIN_ALLOW_THREADS" in function_c(released)
    description = describe_functions("pkg._native", [held, released], [], "")
    assert [entry[HOLD_GIL_KEY] for entry in description["functions"]] == [True, False]
