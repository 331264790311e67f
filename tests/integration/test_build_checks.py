"""Checks the build makes on what it produced, and options only a link can prove:
each test fails if the code it covers is skipped."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext.errors import GoBuildError
from setuptools_golang_ext.platforms.binary_check import check_architecture

from ..helpers import ADD_GO, build_inplace, built_libraries, run, write_project
from ..platform_tools import require_module

# zig runs behind a shell script; the Debian job of CI has everything.
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX sh")]
linux_x86_64 = pytest.mark.skipif(
    sys.platform != "linux" or platform.machine() != "x86_64", reason="an x86_64 Linux host")


def zig_cc(tmp_path: Path, target: str) -> Path:
    """A C compiler for ``target``: zig from the ziglang wheel behind a small script."""
    require_module("ziglang")
    script = tmp_path / f"cc-{target}"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ziglang cc -target {target} "$@"\n')
    script.chmod(0o755)
    return script


@linux_x86_64
def test_library_for_another_architecture_fails_the_build(tmp_path: Path) -> None:
    # A stray GOARCH plus a matching C compiler: go build succeeds, but the library
    # is arm64 while the wheel would say x86_64. Only the header check notices.
    cc = zig_cc(tmp_path, "aarch64-linux-gnu")
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO}, ext_modules=(
        f'GoExtension("mypkg._native", "mypkg/go", env={{"GOARCH": "arm64", "CC": "{cc}"}})'))
    result = build_inplace(project)
    assert result.returncode != 0, result.output
    assert "is a ELF file for arm64, but the target is linux/amd64" in result.output
    assert "unset a stray GOARCH/CC" in result.output
    assert built_libraries(project) == []


def test_macos_library_newer_than_the_wheel_tag_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "lib.c"
    source.write_text("int answer(void) { return 42; }\n")
    library = tmp_path / "lib.dylib"
    run([zig_cc(tmp_path, "x86_64-macos.14.0"), "-shared", "-o", library, source]).check()
    assert check_architecture(library, "darwin", ("amd64",), macos_min=(14, 0)).macos_min == (
        (14, 0),)
    with pytest.raises(GoBuildError, match=r"needs macOS 14\.0, but the wheel tag promises "
                                           r"macOS 12\.0: raise MACOSX_DEPLOYMENT_TARGET"):
        check_architecture(library, "darwin", ("amd64",), macos_min=(12, 0))


LINKED_GO = """package main

/*
int answer(void);  // real_answer (real.c) under this name only with --defsym
*/
import "C"

//export Answer
func Answer() C.int { return C.answer() }

func main() {}
"""


@pytest.mark.skipif(sys.platform != "linux", reason="GNU ld's --defsym")
def test_cgo_ldflags_reach_the_link(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {
        "mypkg/go/main.go": LINKED_GO,
        "mypkg/go/real.c": "int real_answer(void) { return 42; }\n",
    }, ext_modules=(
        'GoExtension("mypkg._native", "mypkg/go", '
        'cgo_ldflags=["-Wl,--defsym,answer=real_answer"])'))
    build_inplace(project).check()
    code = "from setuptools_golang_ext.runtime import load; print(load('mypkg._native').Answer())"
    assert run([sys.executable, "-c", code], cwd=project).check().output.split() == ["42"]
    # Without the flag `answer` stays undefined (a shared library may link so), and the
    # library cannot be used: so the working library above proves the flag got there.
    (project / "setup.py").write_text((project / "setup.py").read_text().replace(
        'cgo_ldflags=["-Wl,--defsym,answer=real_answer"]', ""))
    build_inplace(project).check()
    result = run([sys.executable, "-c", code], cwd=project)
    assert result.returncode != 0 and "undefined symbol: answer" in result.output, result.output
