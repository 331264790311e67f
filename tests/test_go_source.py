"""Reading exported Go signatures (no Go build needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from setuptools_golang_ext.goapi.source_scan import GoParam, parse_param_list, scan_file

from setuptools_golang_ext.errors import GoPackageError


def test_param_lists() -> None:
    assert parse_param_list("a, b int, s string") == (
        GoParam("a", "int"), GoParam("b", "int"), GoParam("s", "string"))
    assert parse_param_list("int, error") == (GoParam("", "int"), GoParam("", "error"))
    assert parse_param_list("data [] byte, m map[string]int") == (
        GoParam("data", "[]byte"), GoParam("m", "map[string]int"))
    assert parse_param_list("") == ()


def test_scan_reads_directives_docs_and_multiline_signatures(tmp_path: Path) -> None:
    source = tmp_path / "x.go"
    source.write_text(
        "package x\n\n"
        "// Sum adds.\n"
        "// Second line.\n"
        "//\n"
        "//python:export\n"
        "func Sum(a int, // the first\n"
        "\tb int, /* the second */\n"
        ") (total int, err error) {\n\treturn a + b, nil\n}\n\n"
        "//export Raw\n"
        "func Raw() {}\n\n"
        "// Plain is not exported.\n"
        "func Plain() {}\n"
    )
    found = scan_file(source)
    assert [(f.name, f.python_export) for f in found] == [("Sum", True), ("Raw", False)]
    total = found[0]
    assert total.doc == "Sum adds.\nSecond line."
    assert total.params == (GoParam("a", "int"), GoParam("b", "int"))
    assert total.results == (GoParam("total", "int"), GoParam("err", "error"))
    assert total.line == 7


@pytest.mark.parametrize(("code", "problem"), [
    ("func (r T) M() {}", "methods cannot be exported"),
    ("func G[T any](v T) {}", "generic functions"),
])
def test_unexportable_functions(tmp_path: Path, code: str, problem: str) -> None:
    source = tmp_path / "x.go"
    source.write_text(f"package x\n\n//python:export\n{code}\n")
    with pytest.raises(GoPackageError, match=f"x.go:4: .*{problem}"):
        scan_file(source)
