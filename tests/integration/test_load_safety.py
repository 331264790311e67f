"""A loaded library is safe to use, or refused with a clear ImportError (issue 20):
``load()`` before ``import pkg`` whose ``__init__`` loads the same library does not
hang; a description edited, damaged or from another build is refused naming its
file. One build per binding mode serves every test; each test that changes files
works on a copy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ..helpers import REPO, build_inplace, run, write_project

ECHO_GO = """package main

import "C"

import "errors"

// Echo returns s.
//
//python:export
func Echo(s string) string { return s }

//python:export
func Twice(n int64) int64 { return 2 * n }

// A class of the runtime's (a named int with a method, not a C type): a cpython-mode
// module then reads its description too, on first use (attach).
//
//python:export
type Level int

// Up is the next level.
//
//python:export
func (l Level) Up() Level { return l + 1 }

// ErrOdd is what Half returns for an odd number: an exception class of the runtime's.
//
//python:export
var ErrOdd = errors.New("odd")

//python:export
func Half(n int64) (int64, error) {
	if n%2 != 0 {
		return 0, ErrOdd
	}
	return n / 2, nil
}

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
    # The same in a (legacy) sub-interpreter, which has its own runtime module and lock.
    in_subinterpreter = ("import _xxsubinterpreters as interpreters\n"
                         "interpreters.run_string(interpreters.create(isolated=False), "
                         "'import sys; sys.path.insert(0, \"\"); '"
                         "'from setuptools_golang_ext.runtime import load; "
                         "lib = load(\"mypkg._native\"); import mypkg; "
                         "print(lib.Echo(\"sub\"), lib is mypkg._lib)')")
    if sys.version_info < (3, 13):  # 3.13 renamed the module and changed its calls
        out = python_in(built, in_subinterpreter)
        assert out.strip().endswith("sub True"), out
    library = next(p for p in (built / "mypkg").iterdir() if p.suffix == ".so")
    out = python_in(built, "from setuptools_golang_ext.runtime import load_file\n"
                           f"lib = load_file('mypkg._native', {str(library)!r})\n"
                           "import mypkg\n"
                           "print(lib.Echo('hi'), lib is mypkg._lib)")
    assert out.strip().endswith("hi True"), out


LOAD_AND_CALL = """
from setuptools_golang_ext.runtime import load
try:
    lib = load('mypkg._native')
except ImportError as exc:
    print(type(exc).__name__ + ':', exc)
else:
    print('loaded', lib.Echo('hi'), lib.Twice(21), int(lib.Level(0).Up()))
"""


def edit_description(package: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    """Change the parsed description and write it back as a hand edit would: same
    layout, first line (marker and checksum) untouched."""
    path = package / "_native_api.json"
    first_line, _, _ = path.read_text().partition("\n")
    description = json.loads(path.read_text())
    edit(description)
    body = {k: v for k, v in description.items() if k not in {"generated", "digest"}}
    path.write_text(first_line + "\n" + json.dumps(body, indent=1, sort_keys=True)[2:] + "\n")
    return path


def echo_entry(description: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = next(e for e in description["functions"] if e["name"] == "Echo")
    return entry


@pytest.mark.parametrize("edit", ["param", "result"])
def test_edited_description_is_an_import_error_naming_it(built: Path, tmp_path: Path,
                                                         edit: str) -> None:
    root = copy_package(built, tmp_path)

    def change(description: dict[str, Any]) -> None:
        entry = echo_entry(description)
        if edit == "param":
            entry["params"] = [["s", "int64"]]  # a string passed as a number: an abort
        else:
            entry["results"] = ["int64"]  # a string pointer read as a number
    path = edit_description(root / "mypkg", change)
    out = python_in(root, LOAD_AND_CALL)
    assert out.startswith(f"ImportError: the API description {path} was changed after "
                          f"the build"), out
    assert "pip install --force-reinstall" in out


def test_truncated_description_is_an_import_error_naming_it(built: Path,
                                                           tmp_path: Path) -> None:
    root = copy_package(built, tmp_path)
    path = root / "mypkg" / "_native_api.json"
    path.write_text(path.read_text()[:200])
    out = python_in(root, LOAD_AND_CALL)
    assert out.startswith(f"ImportError: the API description {path} is not valid JSON"), out
    assert "damaged or cut short" in out and "rebuild" in out


def test_description_of_another_build_is_refused(built: Path, tmp_path: Path) -> None:
    """Whole and self-consistent, but written for other bindings: the id the library
    exports tells."""
    from setuptools_golang_ext.bindings.library_id import with_digest

    root = copy_package(built, tmp_path)
    path = root / "mypkg" / "_native_api.json"
    description = json.loads(path.read_text())
    assert len(description["library_id"]) == 16
    first_line = path.read_text().partition("\n")[0].split(', "digest"')[0] + ","
    body = {k: v for k, v in description.items() if k not in {"generated", "digest"}}
    body["library_id"] = "0123456789abcdef"
    path.write_text(with_digest(first_line, json.dumps(body, indent=1, sort_keys=True)[2:]
                                + "\n"))
    assert json.loads(path.read_text())["digest"].startswith("crc32:")
    out = python_in(root, LOAD_AND_CALL.replace("load('mypkg._native')",
                                                "load_file('mypkg._native', "
                                                f"{str(only_library(root))!r})")
                    .replace("import load", "import load_file"))
    assert out.startswith(f"ImportError: the API description {path} (bindings id "
                          f"0123456789abcdef) does not belong to the library"), out
    assert "different builds" in out


def only_library(root: Path) -> Path:
    (library,) = [p for p in (root / "mypkg").iterdir() if p.suffix == ".so"]
    return library


def test_untouched_copy_loads(built: Path, tmp_path: Path) -> None:
    root = copy_package(built, tmp_path)
    assert python_in(root, LOAD_AND_CALL).strip() == "loaded hi 42 1"


# Issue 19: a ctypes-mode load makes no wrapper, and imports nothing that makes one,
# before a function or member is first used.
WRAPPERS_ON_FIRST_USE = """
import sys
from setuptools_golang_ext.runtime import load
makers = {"setuptools_golang_ext.runtime._layer2", "setuptools_golang_ext.runtime._direct_calls"}
lib = load('mypkg._native')
print(sorted((makers | {"weakref", "warnings"}) & set(sys.modules)))
print(lib.Echo('hi'), int(lib.Level(0).Up()), sorted(makers & set(sys.modules)))
"""


def test_a_ctypes_mode_load_makes_its_wrappers_on_first_use(built: Path,
                                                           tmp_path: Path) -> None:
    if cpython_mode(built):
        pytest.skip("cpython mode: the C module is the wrappers")
    # As a wheel installs it, with -S: no site hook imports anything first (this
    # environment's imports warnings), no editable record is checked.
    root = copy_package(built, tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, [REPO, root]))}
    lines = run([sys.executable, "-S", "-c", WRAPPERS_ON_FIRST_USE], cwd=root,
                env=env).check().output.splitlines()
    assert lines[0] == "[]", lines
    assert lines[1] == ("hi 1 ['setuptools_golang_ext.runtime._direct_calls', "
                        "'setuptools_golang_ext.runtime._layer2']"), lines


# Issue 19: the names C does not cover are attached on first use, not at import.
FIRST_USE = """
import sys
import mypkg
lib = mypkg._lib
layer = {"ctypes", "json", "_json", "setuptools_golang_ext.runtime._layer2"}
assert lib.Echo("a") == "a" and lib.Twice(2) == 4 and lib.Half(4) == 2
print("after C calls:", sorted(layer & set(sys.modules)))
try:
    lib.Half(3)  # a sentinel error: the C function asks the runtime for its class
except Exception as exc:
    print("raised:", type(exc).__name__, isinstance(exc, lib.ErrOdd), exc)
print("Level:", int(lib.Level(2).Up()), "Level" in dir(lib), sorted(layer & set(sys.modules)))
namespace = {}
exec("from mypkg._native import *", namespace)
print("star:", sorted(n for n in ("Echo", "ErrOdd", "Level") if n in namespace))
try:
    lib.Nothing
except AttributeError as exc:
    print("missing:", exc)
"""

FORK_FIRST_USE = """
import os
import mypkg
pid = os.fork()
if pid == 0:
    try:
        mypkg._lib.Level
    except Exception as exc:
        print(type(exc).__name__ + ":", exc, flush=True)
    os._exit(0)
os.waitpid(pid, 0)
print("parent:", int(mypkg._lib.Level(1).Up()))
"""


def cpython_mode(built: Path) -> bool:
    return any(path.name.endswith(".abi3.so") for path in (built / "mypkg").iterdir())


def test_cpython_mode_attaches_the_rest_of_the_api_on_first_use(built: Path,
                                                                tmp_path: Path) -> None:
    if not cpython_mode(built):
        pytest.skip("a ctypes-mode library is the ctypes layer")
    # As a wheel installs it: an in-place build's editable record is read with json.
    lines = python_in(copy_package(built, tmp_path), FIRST_USE).splitlines()
    assert lines[0] == "after C calls: []", lines
    assert lines[1] == "raised: ErrOdd True odd", lines
    assert lines[2].startswith("Level: 3 True ['_json', 'ctypes'"), lines
    assert lines[3] == "star: ['Echo', 'ErrOdd', 'Level']", lines
    assert lines[4] == "missing: module 'mypkg._native' has no attribute 'Nothing'", lines


@pytest.mark.alone
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_first_use_in_a_forked_child_raises_go_fork_error_not_a_hang(built: Path) -> None:
    if not cpython_mode(built):
        pytest.skip("a ctypes-mode library is attached at load")
    out = python_in(built, FORK_FIRST_USE)
    assert out.splitlines()[-1] == "parent: 2", out
    assert ("GoForkError: cannot use Level of Go library 'mypkg._native' in process"
            in out), out
    assert "multiprocessing.set_start_method('spawn')" in out
