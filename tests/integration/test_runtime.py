"""The run-time loader with a real library: finding, caching, clear errors, the fork guard."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..helpers import ADD_GO, build_inplace, load_error, only_file, python_output, write_project

# Neg runs on goroutines: in a forked child (no Go threads left) it would hang.
TWO_EXPORTS = ADD_GO.replace('import "C"', 'import "C"\n\nimport "sync"').replace(
    "func main() {}", """//export Neg
func Neg(a C.int) C.int {
	var wg sync.WaitGroup
	out := make(chan C.int, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); out <- -a }()
	}
	wg.Wait()
	return <-out
}

func main() {}""")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_project(tmp_path_factory.mktemp("rt") / "p", {"mypkg/go/main.go": TWO_EXPORTS})
    build_inplace(project).check()
    return project


def test_load_is_cached_and_accepts_relative_names(built: Path) -> None:
    out = python_output(built, "from setuptools_golang_ext.runtime import load\n"
                               "a = load('mypkg._native'); b = load('._native', 'mypkg')\n"
                               "print(a is b, a.Add(20, 22), a)")
    assert out.startswith("True 42 <GoLibrary 'mypkg._native' from ")


@pytest.mark.alone
def test_fork_child_gets_clear_error_instead_of_hang(built: Path) -> None:
    code = """
import os
from setuptools_golang_ext.runtime import GoForkError, load
lib = load('mypkg._native')
print('parent before', lib.Add(1, 2), flush=True)
pid = os.fork()
if pid == 0:
    for name in ('Add', 'Neg'):   # Add was used before fork, Neg was not
        try:
            getattr(lib, name)(1, 2) if name == 'Add' else lib.Neg(1)
        except GoForkError as exc:
            print('child', name, 'GoForkError:', exc, flush=True)
        else:
            os._exit(3)
    os._exit(0)
_, status = os.waitpid(pid, 0)
print('child exit', os.waitstatus_to_exitcode(status))
print('parent after', lib.Add(2, 3), lib.Neg(4))
"""
    out = python_output(built, code)
    assert "parent before 3" in out
    assert "child Add GoForkError: cannot call Add() of Go library 'mypkg._native'" in out
    assert "child Neg GoForkError" in out and "'spawn'" in out
    assert "child exit 0" in out
    assert "parent after 5 -4" in out


def test_library_built_for_another_python_is_named(built: Path, tmp_path: Path) -> None:
    project = tmp_path / "other"
    shutil.copytree(built / "mypkg", project / "mypkg")
    library = only_file(project / "mypkg", "_native.*")
    library.rename(project / "mypkg" / "_native.cpython-27-x86_64-linux-gnu.so")
    out = load_error(project)
    assert "Found files built for another Python or platform" in out
    assert "_native.cpython-27-x86_64-linux-gnu.so" in out
