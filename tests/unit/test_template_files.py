"""The fixed C and Go live in real files: C compilers see them, and no Python
string of the package holds a long piece of code."""

from __future__ import annotations

import ast
import fnmatch
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from setuptools_golang_ext.bindings import template_files
from setuptools_golang_ext.bindings.template_files import TemplateError, render

from .golden.render import rendered

PACKAGE = Path(template_files.__file__).resolve().parent.parent
TEMPLATES = PACKAGE / "bindings" / "templates"
ROOT = PACKAGE.parent
LONGEST_STRING = 60  # lines of a string literal that is not a docstring

needs_cc = pytest.mark.skipif(
    shutil.which("cc") is None or sys.version_info < (3, 11),
    reason="needs a C compiler and the headers of Python 3.11+ (the limited API used)")


def _compile(source: Path, *flags: str) -> None:
    include = sysconfig.get_path("include")
    result = subprocess.run(["cc", "-Wall", "-Werror", *flags, "-I", include, str(source)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@needs_cc
def test_fixed_c_compiles_without_warnings() -> None:
    _compile(TEMPLATES / "module_support.c", "-fsyntax-only")


@needs_cc
def test_generated_c_module_of_the_golden_fixture_compiles_without_warnings(
        tmp_path: Path) -> None:
    # -c, not only the syntax: an unused or ill-typed static function fails too.
    go_file = rendered()["zz_goext_module.go"]
    c_text = go_file.split("\n/*\n", 1)[1].rsplit("\n*/\nimport \"C\"", 1)[0]
    c_text = "\n".join(line for line in c_text.splitlines() if not line.startswith("#cgo"))
    source = tmp_path / "module.c"
    source.write_text(c_text.replace("*\\057", "*/"), encoding="utf-8")
    _compile(source, "-c", "-o", str(tmp_path / "module.o"))


def test_a_template_and_its_values_must_agree() -> None:
    values = {"ATTACH_MODULE": "m", "MAKER_FUNCTION": "e"}
    with pytest.raises(TemplateError, match=r"without a value: \['ATTACH_FUNCTION'\]"):
        render("module_attach.c", values)
    with pytest.raises(TemplateError, match=r"without a placeholder: \['EXTRA'\]"):
        render("module_attach.c", {**values, "ATTACH_FUNCTION": "f", "EXTRA": 1})


def test_templates_are_package_data() -> None:
    tomllib = pytest.importorskip("tomllib")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["setuptools_golang_ext"]
    for path in TEMPLATES.iterdir():
        relative = path.relative_to(PACKAGE).as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), relative


def _docstrings(tree: ast.AST) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                 ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr)}


def test_no_string_literal_holds_a_long_piece_of_code() -> None:
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        long += [f"{path.relative_to(ROOT)}:{node.lineno}: {node.end_lineno - node.lineno + 1}"
                 for node in ast.walk(tree)
                 if isinstance(node, ast.Constant) and isinstance(node.value, str)
                 and id(node) not in docstrings and node.end_lineno is not None
                 and node.end_lineno - node.lineno + 1 > LONGEST_STRING]
    assert not long, f"string literals over {LONGEST_STRING} lines (move to templates/): {long}"
