"""The hot path of a call in the generated code (issue 19): what the common call
skips, checked on the text; the goldens pin the rest and the two-mode suites run it."""

from __future__ import annotations

from pathlib import Path

from setuptools_golang_ext.bindings.cpython_module import function_c
from setuptools_golang_ext.bindings.cpython_support import support_c
from setuptools_golang_ext.bindings.go_glue import wrapper_source
from setuptools_golang_ext.goapi.exports import GoFunction, GoParam


def function(result: str = "int64") -> GoFunction:
    """``Scale(a int64, b int64) <result>``."""
    return GoFunction("Scale", (GoParam("a", "int64"), GoParam("b", "int64")),
                      (GoParam("", result),), "", Path("scale.go"), 3, True)


def test_only_keywords_or_a_wrong_count_reach_the_argument_parser() -> None:
    lines = function_c(function()).splitlines()
    parse = next(i for i, line in enumerate(lines) if "goext_parse(" in line)
    assert lines[parse - 1] == "\tif (kwnames != NULL || nargs != 2) {"
    assert lines[parse + 1] == "\t\ta = parsed;"
    assert "\tPyObject *const *a = args;" in lines  # else the caller's own array


def test_int64_arguments_take_the_inline_conversion_and_failures_stay_out_of_line() -> None:
    text = function_c(function())
    assert "goext_signed(a[0], INT64_MIN, INT64_MAX," in text
    support = support_c("pkg._native")
    assert "static inline int goext_signed(" in support
    for cold in ("goext_signed_other(", "goext_parse(", "goext_fail(", "goext_fork_error("):
        assert f"static GOEXT_COLD int {cold}" in support \
            or f"static GOEXT_COLD PyObject *{cold}" in support, cold


def test_scalar_results_zero_the_head_alone_and_c_memory_results_the_whole_record() -> None:
    scalar, text = function_c(function()), function_c(function("string"))
    assert "memset(&out.head, 0, sizeof out.head);" in scalar
    assert "memset(&out, 0, sizeof out)" not in scalar
    # Go frees a result's C memory after a panic: the field must start NULL.
    assert "memset(&out, 0, sizeof out);" in text


def test_the_go_wrapper_calls_recover_only_after_a_panic() -> None:
    lines = wrapper_source(function(), "").splitlines()
    start = lines.index("\tstatus = -1")
    assert lines[start + 1:start + 4] == [
        "\tdefer func() {",
        "\t\tif status == -1 {",
        "\t\t\tstatus = goextRecovered(&out.goextHead, recover())",
    ]
    assert "\treturn 0" in lines  # every return sets the status
