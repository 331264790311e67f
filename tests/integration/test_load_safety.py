"""A loaded library is safe to use, or refused with a clear ImportError (issue 20):
``load()`` before ``import pkg`` whose ``__init__`` loads the same library does not
hang; a description edited, damaged or from another build is refused naming its
file. One build per binding mode serves every test; each test that changes files
works on a copy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..helpers import build_inplace, run, write_project

ECHO_GO = """package main

import "C"

// Echo returns s.
//
//python:export
func Echo(s string) string { return s }

//python:export
func Twice(n int64) int64 { return 2 * n }

func main() {}
"""

# The pattern README and `new` recommend: the package loads its library on import.
INIT_LOADS = ('from setuptools_golang_ext.runtime import load\n\n'
              '_lib = load("._native", __package__)\n')

MODES = ["ctypes", "cpython"]


@pytest.fixture(scope="module", params=MODES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp(request.param) / "project",
        {"mypkg/go/main.go": ECHO_GO, "mypkg/__init__.py": INIT_LOADS},
        ext_modules=f'GoExtension("mypkg._native", "mypkg/go", bindings="{request.param}")')
    build_inplace(root).check()
    return root


def copy_package(built: Path, where: Path) -> Path:
    """The built package as a wheel installs it (no editable record), in ``where``."""
    shutil.copytree(built / "mypkg", where / "mypkg",
                    ignore=shutil.ignore_patterns("go", "*_editable.json", "__pycache__"))
    return where


def python_in(directory: Path, code: str, timeout: float = 60) -> str:
    """What ``python -c code`` prints in ``directory``; a hang fails instead of waiting."""
    try:
        result = run([sys.executable, "-c", code], cwd=directory, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"python -c {code!r} still ran after {timeout} s (a hang)")
    return result.output


def test_load_before_importing_the_package_that_loads_it_does_not_hang(built: Path) -> None:
    out = python_in(built, "from setuptools_golang_ext.runtime import load\n"
                           "lib = load('mypkg._native')\n"
                           "import mypkg\n"
                           "print(lib.Echo('hi'), lib is mypkg._lib)")
    assert out.strip().endswith("hi True"), out
