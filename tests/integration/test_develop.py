"""Development workflows: build_ext --inplace, PEP 660 editable installs, C and Go together."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ..helpers import ADD_GO, Venv, build, build_inplace, only_file, run, wheel_names, write_project

C_SOURCE = """#define PY_SSIZE_T_CLEAN
#include <Python.h>
static PyObject *twice(PyObject *self, PyObject *arg) {
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) return NULL;
    return PyLong_FromLong(2 * v);
}
static PyMethodDef methods[] = {{"twice", twice, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_cfast", NULL, -1, methods};
PyMODINIT_FUNC PyInit__cfast(void) { return PyModule_Create(&module); }
"""

# A project's own build_ext for its C code, as many projects have.
USERS_BUILD_EXT = '''from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools_golang_ext import GoExtension

class noisy_build_ext(build_ext):
    def build_extension(self, ext):
        print("custom build_ext saw", ext.name)
        super().build_extension(ext)
'''

USE_BOTH = (
    "from mypkg import _cfast; from setuptools_golang_ext.runtime import load; "
    "print(_cfast.twice(21), load('mypkg._native').Add(40, 2))"
)


def test_inplace_build_puts_library_next_to_sources(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    build_inplace(project).check()
    library = only_file(project / "mypkg", "_native.*")
    assert library.name.endswith(__import__("sysconfig").get_config_var("EXT_SUFFIX"))
    code = "from setuptools_golang_ext.runtime import load; print(load('mypkg._native').Add(1, 2))"
    assert run([sys.executable, "-c", code], cwd=project).check().output.strip() == "3"


@pytest.mark.network  # pip builds the editable wheel in an isolated env: setuptools from PyPI
def test_editable_install_builds_next_to_sources(tmp_path: Path, fresh_venv: Venv,
                                                 wheelhouse: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    fresh_venv.install("-e", project, "setuptools-golang-ext", wheelhouse=wheelhouse,
                       offline=False).check()
    assert only_file(project / "mypkg", "_native.*").is_file()
    code = "from setuptools_golang_ext.runtime import load; print(load('mypkg._native').Add(5, 6))"
    assert fresh_venv.run_python(code, cwd=tmp_path).check().output.strip() == "11"


def test_c_and_go_extensions_in_one_project(tmp_path: Path, fresh_venv: Venv,
                                            wheelhouse: Path) -> None:
    project = write_project(
        tmp_path / "p", {"mypkg/go/main.go": ADD_GO, "mypkg/cfast.c": C_SOURCE},
        ext_modules='Extension("mypkg._cfast", ["mypkg/cfast.c"]), '
                    'GoExtension("mypkg._native", "mypkg/go")',
        extra_setup="from setuptools import Extension")
    build(project).check()
    wheel = only_file(project / "dist", "*.whl")
    libraries = [n for n in wheel_names(wheel) if n.startswith(("mypkg/_cfast.", "mypkg/_native."))]
    assert len(libraries) == 2, libraries
    fresh_venv.install(wheel, "setuptools-golang-ext", wheelhouse=wheelhouse).check()
    assert fresh_venv.run_python(USE_BOTH).check().output.split() == ["42", "42"]


@pytest.mark.parametrize("wiring", ["explicit", "automatic"])
def test_users_own_build_ext_keeps_working(tmp_path: Path, wiring: str) -> None:
    """A project that already customises build_ext for C code adds Go without losing it:
    either it derives from our build_ext itself (explicit), or the entry point puts ours
    in front of its class (automatic)."""
    if wiring == "explicit":
        declare = ("import setuptools_golang_ext\n\n"
                   "class explicit(setuptools_golang_ext.build_ext, noisy_build_ext):\n"
                   "    pass\n")
        command = "explicit"
    else:
        declare, command = "", "noisy_build_ext"
    setup = USERS_BUILD_EXT + declare + f"""
setup(packages=["mypkg"], cmdclass={{"build_ext": {command}}},
      ext_modules=[Extension("mypkg._cfast", ["mypkg/cfast.c"]),
                   GoExtension("mypkg._native", "mypkg/go")])
"""
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO,
                                             "mypkg/cfast.c": C_SOURCE, "setup.py": setup})
    output = build_inplace(project).check().output
    assert "custom build_ext saw mypkg._cfast" in output
    assert "RUN: " in output
    assert run([sys.executable, "-c", USE_BOTH], cwd=project).check().output.split() == \
        ["42", "42"]
