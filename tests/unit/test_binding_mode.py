"""The binding mode is one object: the option's string becomes a BindingMode once,
and the rest of the package asks it instead of comparing strings."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from setuptools_golang_ext.config.binding_mode import BindingMode
from setuptools_golang_ext.extension import GoExtension
from setuptools_golang_ext.runtime import contract
from setuptools_golang_ext.setuptools.pyproject import parse_config

from ..helpers import REPO

PACKAGE = REPO / "setuptools_golang_ext"
MODE_NAMES = {mode.value for mode in BindingMode}
# The runtime reads the serialized description and stays free of the build tool.
READS_THE_DESCRIPTION = {PACKAGE / "runtime" / "_locate.py"}


def test_the_option_string_becomes_a_binding_mode_once() -> None:
    assert GoExtension("m._n", "go").bindings is BindingMode.CTYPES
    assert GoExtension("m._n", "go", bindings="cpython").bindings is BindingMode.CPYTHON
    config = parse_config({"ext-modules": [
        {"name": "m._n", "sources": "go", "bindings": "cpython"}]})
    assert config.ext_modules[0].bindings is BindingMode.CPYTHON


def test_a_misspelled_mode_is_a_clear_error() -> None:
    ext = GoExtension("m._n", "go", bindings="cpyhton")
    with pytest.raises(Exception, match="bindings must be 'ctypes' or 'cpython', got 'cpyhton'"):
        ext.check()


def test_what_differs_between_the_modes() -> None:
    ctypes_mode, cpython_mode = BindingMode.CTYPES, BindingMode.CPYTHON
    assert cpython_mode.value == contract.CPYTHON_MODE  # what the runtime reads
    assert (ctypes_mode.wheel_tags(), cpython_mode.wheel_tags()) == (None, ("cp311", "abi3"))
    assert cpython_mode.limited_api_hex == "0x030B0000"
    assert cpython_mode.fixed_suffix("linux") == ".abi3.so"
    assert cpython_mode.fixed_suffix("windows") == ".pyd"
    assert ctypes_mode.fixed_suffix("linux") is None
    assert cpython_mode.generates_c_module and not ctypes_mode.generates_c_module
    assert f"{cpython_mode}" == "cpython" and cpython_mode.option_text == 'bindings = "cpython"'


def _bare_comparisons(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(isinstance(o, ast.Constant) and o.value in MODE_NAMES for o in operands) or (
                    any(isinstance(o, ast.Name) and o.id == "CPYTHON_MODE" for o in operands)
                    and path not in READS_THE_DESCRIPTION):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_no_bare_mode_string_is_compared() -> None:
    found = [where for path in sorted(PACKAGE.rglob("*.py")) for where in _bare_comparisons(path)]
    assert not found, f"compare BindingMode attributes instead: {found}"
