"""What setuptools hands our hook, checked the moment the Distribution is made:
no Go build, but real setuptools with our real entry point."""

from __future__ import annotations

from pathlib import Path

import pytest
from setuptools import Distribution, Extension

from setuptools_golang_ext import GoExtension
from setuptools_golang_ext.errors import GoExtensionConfigError


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def distribution(*extensions: Extension) -> Distribution:
    return Distribution({"name": "mypkg", "ext_modules": list(extensions)})


def test_one_name_twice_in_setup_py_is_refused(in_tmp: Path) -> None:
    with pytest.raises(GoExtensionConfigError) as info:
        distribution(GoExtension("mypkg._native", "mypkg/go"),
                     GoExtension("mypkg._native", "mypkg/other"))
    message = str(info.value)
    assert ("setup.py: ext_modules #1 GoExtension('mypkg._native', ['mypkg/go']) and "
            "#2 GoExtension('mypkg._native', ['mypkg/other']) are both named "
            "'mypkg._native'; the second would silently replace the first") in message
    assert "Give each extension its own name" in message


def test_a_go_extension_named_like_a_c_extension_is_refused(in_tmp: Path) -> None:
    with pytest.raises(GoExtensionConfigError) as info:
        distribution(Extension("mypkg._x", ["x.c"]), GoExtension("mypkg._x", "mypkg/go"))
    assert ("ext_modules #1 Extension('mypkg._x', ['x.c']) and #2 GoExtension('mypkg._x', "
            "['mypkg/go']) are both named 'mypkg._x'") in str(info.value)


def test_projects_without_go_are_left_to_setuptools(in_tmp: Path) -> None:
    dist = distribution(Extension("a._x", ["x.c"]), Extension("a._x", ["y.c"]))
    assert "build_ext" not in dist.cmdclass


@pytest.mark.parametrize("table", ["setuptools_golang_ext", "setuptools-golang-ex",
                                   "Setuptools-Golang-Ext"])
def test_a_misspelled_tool_table_names_the_right_spelling(in_tmp: Path, table: str) -> None:
    (in_tmp / "pyproject.toml").write_text(
        f'[project]\nname = "mypkg"\nversion = "1"\n\n[[tool.{table}.ext-modules]]\n'
        'name = "mypkg._native"\nsources = "mypkg/go"\n')
    with pytest.raises(GoExtensionConfigError) as info:
        distribution()
    message = str(info.value)
    assert f"the table [tool.{table}] is not read by setuptools-golang-ext" in message
    assert "did you mean [tool.setuptools-golang-ext]" in message
    assert "[[tool.setuptools-golang-ext.ext-modules]]" in message


def test_other_tools_tables_are_not_ours(in_tmp: Path) -> None:
    (in_tmp / "pyproject.toml").write_text(
        '[project]\nname = "mypkg"\nversion = "1"\n\n[tool.setuptools-golang]\nx = 1\n'
        "[tool.setuptools-rust]\ny = 2\n")
    assert distribution().ext_modules in (None, [])
