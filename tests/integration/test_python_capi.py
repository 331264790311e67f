"""Go packages written against the CPython C API (``#include <Python.h>``, ``PyInit_<name>``).

Nothing but ``GoExtension("mypkg.sum", "mypkg/sum")`` is declared: the include
directory and the link settings come from the tool, on every CPython here, for
Windows (run under wine64 with a stand-in python3.dll) and macOS (header level).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from setuptools_golang_ext.platforms.binary_check import read_binary_info

from ..helpers import build, build_inplace, only_file, run, venv_installed_by, write_project
from ..platform_tools import FIXTURES, extract_member, require_module, require_program
from .test_python_versions import PYTHONS

PY = f"{sys.version_info[0]}{sys.version_info[1]}"
SUM_EXT = 'GoExtension("mypkg.sum", "mypkg/sum")'

# The seed-004 shape: Go implements the method, a .c file holds the table and PyInit.
SUM_GO = """package main

// #define Py_LIMITED_API 0x03090000
// #include <Python.h>
// int parse_two_longs(PyObject *, long long *, long long *);
import "C"

//export sum
func sum(self, args *C.PyObject) *C.PyObject {
	var a, b C.longlong
	if C.parse_two_longs(args, &a, &b) == 0 {
		return nil
	}
	return C.PyLong_FromLongLong(a + b)
}

func main() {}
"""

SUM_C = """#define Py_LIMITED_API 0x03090000
#include <Python.h>

PyObject *sum(PyObject *, PyObject *);

/* cgo cannot call variadic C functions. */
int parse_two_longs(PyObject *args, long long *a, long long *b) {
    return PyArg_ParseTuple(args, "LL", a, b);
}

static PyMethodDef methods[] = {
    {"sum", sum, METH_VARARGS, "Add two integers."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "sum", NULL, -1, methods};

PyMODINIT_FUNC PyInit_sum(void) { return PyModule_Create(&module); }
"""

SUM_FILES = {"mypkg/sum/go.mod": "module example.com/sum\n\ngo 1.21\n",
             "mypkg/sum/sum.go": SUM_GO, "mypkg/sum/module.c": SUM_C}


def sum_project(root: Path, *, limited: bool = True) -> Path:
    files = dict(SUM_FILES)
    if not limited:
        files = {k: re.sub(r"^.*#define Py_LIMITED_API.*\n", "", v, flags=re.MULTILINE)
                 for k, v in files.items()}
    return write_project(root, files, ext_modules=SUM_EXT)


@pytest.mark.slow
@pytest.mark.parametrize("python", PYTHONS, ids=[p.parent.parent.name for p in PYTHONS])
def test_sum_module_imports_on_every_python(python: Path, tmp_path: Path, wheelhouse: Path,
                                            builder_python: Callable[[Path], Path]) -> None:
    project = sum_project(tmp_path / "p")
    builder = builder_python(python)
    out = run([builder, "-m", "build", "--wheel", "--no-isolation", "--outdir",
               str(tmp_path / "dist"), str(project)], cwd=project).check().output
    assert "CGO_CFLAGS='-O2 -g -I" in out  # appended to Go's default, not replacing it
    wheel = only_file(tmp_path / "dist", "*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if "_api" in n], names  # imported, not loaded by ctypes

    user = venv_installed_by(builder, python, tmp_path / "user", wheelhouse, wheel)
    code = ("import sys, mypkg.sum as m; print(m.sum(40, 2), m.sum(-5, 2**40), "
            "type(m).__name__, m.__spec__.origin.rsplit('/', 1)[1]); "
            "m.sum('x', 1)")
    result = run([str(user), "-c", code], cwd=tmp_path)
    first = result.output.splitlines()[0].split()
    suffix = run([str(python), "-c", "import sysconfig; print(sysconfig.get_config_var("
                  "'EXT_SUFFIX'))"]).check().output.strip()
    assert first == ["42", str(2**40 - 5), "module", "sum" + suffix], result.output
    assert "TypeError" in result.output  # PyArg_ParseTuple's error reaches Python


# setuptools-golang's test-project shapes, written afresh.
METHODS_GO = """package main

/*
#include <Python.h>

PyObject *hello(PyObject *, PyObject *);
PyObject *count(PyObject *, PyObject *);

static PyMethodDef methods[] = {
    {"hello", hello, METH_NOARGS, "Greet."},
    {"count", count, METH_O, "Length of a str."},
    {NULL, NULL, 0, NULL}
};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "gomethods", NULL, -1, methods};
static PyObject *make_module(void) { return PyModule_Create(&module); }
*/
import "C"

//export PyInit_gomethods
func PyInit_gomethods() *C.PyObject { return C.make_module() }

func main() {}
"""

METHODS_EXPORTS_GO = """package main

// #include <Python.h>
import "C"

import "unsafe"

//export hello
func hello(self, _ *C.PyObject) *C.PyObject {
	text := C.CString("hello from Go")
	defer C.free(unsafe.Pointer(text))
	return C.PyUnicode_FromString(text)
}

//export count
func count(self, arg *C.PyObject) *C.PyObject {
	return C.PyLong_FromSsize_t(C.PyUnicode_GetLength(arg))
}
"""

SHAPES = {
    # A module with methods, all in Go files: the table in a preamble, PyInit in Go.
    "gomethods": ({"main.go": METHODS_GO,
                   "exports.go": METHODS_EXPORTS_GO.replace("import \"unsafe\"",
                                                            "import \"unsafe\"\n\n"
                                                            "// #include <stdlib.h>\n"
                                                            "import \"C\"")},
                  "import mypkg.gomethods as m; print(m.hello(), m.count('abc'))",
                  "hello from Go 3"),
    # import "C" plus a separate .c file with the PyMethodDef table.
    "cfile": ({"sum.go": SUM_GO.replace("sum", "add"),
               "module.c": SUM_C.replace("sum", "add").replace("PyInit_add", "PyInit_cfile")
                           .replace('"add", NULL', '"cfile", NULL')},
              "import mypkg.cfile as m; print(m.add(2, 40))", "42"),
    # A go.mod from the Go 1.16 era.
    "old": ({"sum.go": SUM_GO, "module.c": SUM_C.replace("PyInit_sum", "PyInit_old")},
            "import mypkg.old as m; print(m.sum(1, 2))", "3"),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_setuptools_golang_shapes(shape: str, tmp_path: Path) -> None:
    files, code, expected = SHAPES[shape]
    go_version = "1.16" if shape == "old" else "1.21"
    tree = {f"mypkg/{shape}/{name}": text for name, text in files.items()}
    tree[f"mypkg/{shape}/go.mod"] = f"module example.com/{shape}\n\ngo {go_version}\n"
    project = write_project(tmp_path / "p", tree,
                            ext_modules=f'GoExtension("mypkg.{shape}", "mypkg/{shape}")')
    build_inplace(project).check()
    out = run([sys.executable, "-c", code], cwd=project).check().output
    assert out.strip() == expected


def test_plain_package_never_needs_python_headers(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": (
        "package main\n\nimport \"C\"\n\n//export Add\nfunc Add(a, b C.int) C.int "
        "{ return a + b }\n\nfunc main() {}\n")})
    out = build_inplace(project).check().output
    assert "Python C-API" not in out and "/include/python" not in out


def test_wrong_pyinit_name_is_explained(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {
        **SUM_FILES, "mypkg/sum/module.c": SUM_C.replace("PyInit_sum", "PyInit_foo")},
        ext_modules=SUM_EXT)
    result = build_inplace(project)
    assert result.returncode != 0
    assert ("the Go package defines PyInit_foo, but Python imports 'mypkg.sum' by calling "
            "PyInit_sum") in result.output
    assert "Traceback" not in result.output


def pe_imports(objdump: str, dll: Path) -> list[str]:
    out = run([objdump, "-p", dll]).check().output
    return [line.split(":", 1)[1].strip() for line in out.splitlines() if "DLL Name:" in line]


@pytest.mark.slow
def test_windows_amd64_module_runs_under_wine(tmp_path: Path) -> None:
    mingw = require_program("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64")
    objdump = require_program("x86_64-w64-mingw32-objdump", "binutils-mingw-w64-x86-64")
    wine = require_program("wine64", "wine64", "/usr/lib/wine/wine64")
    project = sum_project(tmp_path / "p")
    out = run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
               "-C--build-option=--plat-name=win_amd64", "--outdir", project / "dist",
               project], cwd=project).check().output
    assert "-lpython3'" in out
    wheel = only_file(project / "dist", "*-win_amd64.whl")
    dll = extract_member(wheel, f"sum.cp{PY}-win_amd64.pyd", tmp_path / "unpacked")
    assert "PyInit_sum" in read_binary_info(dll).exports
    assert "python3.dll" in pe_imports(objdump, dll)

    # Windows' loader resolves python3.dll and runs PyInit_sum and the Go method.
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    shutil.copy(dll, run_dir / "sum.pyd")
    include = project / "build"
    headers = only_file(include, "temp*/python-capi/windows/include").resolve()
    run([mingw, "-shared", "-O2", "-o", run_dir / "python3.dll",
         FIXTURES / "python3_stub.c"]).check()
    run([mingw, "-O2", f"-I{headers}", "-o", run_dir / "loader.exe",
         FIXTURES / "loader_python_module.c"]).check()
    run([mingw, "-shared", "-O2", "-o", tmp_path / "bcryptprimitives.dll",
         FIXTURES / "wine_bcryptprimitives.c", "-ladvapi32"]).check()
    env = {**os.environ, "WINEPREFIX": str(tmp_path / "wine"),
           "WINEDEBUG": "-all"}
    run([wine, "cmd", "/c", "exit"], env=env)  # creates the prefix
    system32 = tmp_path / "wine" / "drive_c" / "windows" / "system32"
    shutil.copy(tmp_path / "bcryptprimitives.dll", system32 / "bcryptprimitives.dll")
    out = run([wine, run_dir / "loader.exe", run_dir / "sum.pyd", "PyInit_sum", "sum"],
              env=env, cwd=run_dir).check().output
    assert "sum.sum(2, 40) = 42" in out


@pytest.mark.slow
def test_windows_full_api_links_python_xy_dll(tmp_path: Path) -> None:
    objdump = require_program("x86_64-w64-mingw32-objdump", "binutils-mingw-w64-x86-64")
    require_program("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64")
    project = sum_project(tmp_path / "p", limited=False)
    run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
         "-C--build-option=--plat-name=win_amd64", "--outdir", project / "dist",
         project], cwd=project).check()
    dll = extract_member(only_file(project / "dist", "*.whl"), f"sum.cp{PY}-win_amd64.pyd",
                         tmp_path / "unpacked")
    imports = pe_imports(objdump, dll)
    assert f"python{PY}.dll" in imports and "python3.dll" not in imports


@pytest.mark.slow
def test_macos_module_leaves_python_to_the_interpreter(tmp_path: Path) -> None:
    """No macOS here: the Mach-O must export _PyInit_sum and bind Py* by flat lookup."""
    require_module("ziglang")
    objdump = require_program("llvm-objdump", "llvm")
    project = sum_project(tmp_path / "p")
    env = {**os.environ, "SETUPTOOLS_GOLANG_EXT_ZIG": "1",
           "_PYTHON_HOST_PLATFORM": "macosx-12.0-arm64", "ARCHFLAGS": "-arch arm64"}
    out = build(project, env=env).check().output
    assert "-undefined dynamic_lookup" in out
    library = extract_member(only_file(project / "dist", "*.whl"),
                             f"sum.cpython-{PY}-darwin.so", tmp_path)
    assert read_binary_info(library).archs == ("arm64",)
    symbols = run([objdump, "--macho", "--exports-trie", library]).check().output
    assert "_PyInit_sum" in symbols
    binds = run([objdump, "--macho", "--bind", "--lazy-bind", library]).check().output
    flat = {line.split()[-1] for line in binds.splitlines() if "flat-namespace" in line}
    assert {"_PyLong_FromLongLong", "_PyModule_Create2", "_PyArg_ParseTuple"} <= flat
