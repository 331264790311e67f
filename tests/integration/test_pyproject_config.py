"""pyproject.toml declarations in real builds: a pyproject-only project, setup.py and
pyproject.toml together, and configuration errors stopping a build cleanly."""

from __future__ import annotations

import sys
import tarfile
from pathlib import Path

import pytest

from ..helpers import ADD_GO, build, build_inplace, only_file, run, wheel_names, write_project

ENTRY = "[[tool.setuptools-golang-ext.ext-modules]] #1 (name = 'mypkg._native')"


PYPROJECT_ONLY = """[build-system]
requires = ["setuptools>=64", "setuptools-golang-ext"]
build-backend = "setuptools_golang_ext.build_meta"

[project]
name = "mypkg"
version = "1.0"

[tool.setuptools]
packages = ["mypkg"]
"""


@pytest.mark.project("declarative")
def test_pyproject_only_project_builds_a_platform_wheel(project: Path) -> None:
    assert not (project / "setup.py").exists()
    build(project).check()
    wheel = only_file(project / "dist", "*.whl")
    assert "-none-any" not in wheel.name and ("linux" in wheel.name or sys.platform != "linux")
    names = wheel_names(wheel)
    assert any(name.startswith("mypkg/_native") for name in names)
    assert not [name for name in names if name.endswith((".go", "go.mod"))], names
    build(project, sdist=True).check()
    with tarfile.open(only_file(project / "dist", "*.tar.gz")) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"mypkg/go/main.go", "mypkg/go/go.mod", "pyproject.toml"} <= members


def test_setup_py_and_pyproject_declarations_coexist(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {
        "mypkg/go/main.go": ADD_GO,
        "mypkg/other/go.mod": "module example.com/other\n\ngo 1.21\n",
        "mypkg/other/main.go": ADD_GO,
        "pyproject.toml": PYPROJECT_ONLY + '\n[[tool.setuptools-golang-ext.ext-modules]]\n'
                          'name = "mypkg._other"\nsources = "mypkg/other"\n',
    })
    build_inplace(project).check()
    code = ("from setuptools_golang_ext.runtime import load; "
            "print(load('mypkg._native').Add(1, 2), load('mypkg._other').Add(3, 4))")
    assert "3 7" in run([sys.executable, "-c", code], cwd=project).check().output


def build_failing(tmp_path: Path, entry: str) -> str:
    """Build a setup.py project whose pyproject.toml adds ``entry``; return the error output."""
    project = write_project(tmp_path / "p", {
        "mypkg/go/main.go": ADD_GO,
        "pyproject.toml": PYPROJECT_ONLY + f"\n[[tool.setuptools-golang-ext.ext-modules]]\n{entry}",
    })
    result = build_inplace(project)
    assert result.returncode != 0
    assert "Traceback" not in result.output, result.output
    return result.output


def test_same_name_in_setup_py_and_pyproject_is_an_error(tmp_path: Path) -> None:
    output = build_failing(tmp_path, 'name = "mypkg._native"\nsources = "mypkg/go"\n')
    assert ("The extension 'mypkg._native' is declared twice: in setup.py (ext_modules) and in "
            f"pyproject.toml: {ENTRY}. Keep one of them.") in output, output


def test_config_error_stops_a_build_without_traceback(tmp_path: Path) -> None:
    output = build_failing(
        tmp_path, 'name = "mypkg._other"\nsources = "mypkg/go"\nbuild-tag = ["x"]\n')
    assert "unknown key 'build-tag'; did you mean 'build-tags'?" in output, output
