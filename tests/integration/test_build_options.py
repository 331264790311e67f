"""GoExtension options reach `go build`, and the log shows exactly how."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from ..helpers import GO_MOD, build_inplace, command_block, only_file, run, write_project

MAIN_GO = """package main

/*
#ifndef MAGIC
#define MAGIC 0
#endif
*/
import "C"

var greeting = ""

//export Magic
func Magic() C.int { return C.MAGIC }

//export GreetingLen
func GreetingLen() C.int { return C.int(len(greeting)) }

//export Tagged
func Tagged() C.int { return C.int(tagged) }

func main() {}
"""

EXTENSIONS = """
GoExtension("mypkg.plain", "mypkg/go"),
GoExtension("mypkg.tagged", "mypkg/go", build_tags=["fancy"]),
GoExtension("mypkg.flagged", "mypkg/go", cgo_cflags=["-DMAGIC=7"],
            ldflags=["-X", "main.greeting=hello"], gcflags=["-N", "-l"],
            go_build_args=["-a"]),
GoExtension("mypkg.envd", "mypkg/go", env={"GOFLAGS": "-tags=fancy"}),
GoExtension("mypkg.debugged", "mypkg/go", debug=True),
GoExtension("mypkg.listed", ["mypkg/go/main.go", "mypkg/go/tag_off.go"]),
"""

FILES = {
    "mypkg/go/main.go": MAIN_GO,
    "mypkg/go/go.mod": GO_MOD,
    "mypkg/go/tag_on.go": "//go:build fancy\n\npackage main\n\nconst tagged = 1\n",
    "mypkg/go/tag_off.go": "//go:build !fancy\n\npackage main\n\nconst tagged = 0\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = write_project(tmp_path_factory.mktemp("opts") / "p", FILES,
                            ext_modules=EXTENSIONS)
    return project, build_inplace(project).check().output


def call(project: Path, module: str) -> list[int]:
    # One library per process: several Go runtimes in one process are unsupported.
    code = (f"from setuptools_golang_ext.runtime import load; lib = load({module!r}); "
            "print(lib.Magic(), lib.GreetingLen(), lib.Tagged())")
    return [int(v) for v in run([sys.executable, "-c", code], cwd=project).check().output.split()]


@pytest.mark.parametrize(("module", "expected"), [
    ("mypkg.plain", [0, 0, 0]),
    ("mypkg.tagged", [0, 0, 1]),
    ("mypkg.flagged", [7, 5, 0]),
    ("mypkg.envd", [0, 0, 1]),
    ("mypkg.debugged", [0, 0, 0]),
    ("mypkg.listed", [0, 0, 0]),
])
def test_option_changes_the_library(built: tuple[Path, str], module: str,
                                    expected: list[int]) -> None:
    assert call(built[0], module) == expected


def go_build_of(log: str, leaf: str) -> str:
    return command_block(log, " build -buildmode=c-shared", f"/{leaf}.cpython")


def test_log_shows_command_and_changed_environment(built: tuple[Path, str]) -> None:
    log = built[1]
    # Each option on the go build of its own extension, not just somewhere in the log.
    assert "-tags=fancy -o " in go_build_of(log, "tagged")
    flagged = go_build_of(log, "flagged")
    assert "'-ldflags=-s -w -X main.greeting=hello' '-gcflags=-N -l' -a -o " in flagged
    assert "\n  env: CGO_CFLAGS='-O2 -g -DMAGIC=7'" in flagged  # Go's default kept
    assert "\n  env: GOFLAGS=-tags=fancy" in go_build_of(log, "envd")
    for other in ("plain", "tagged", "debugged", "listed"):  # nothing leaks between builds
        assert "GOFLAGS" not in go_build_of(log, other)
        assert "-DMAGIC" not in go_build_of(log, other)
        assert "main.greeting" not in go_build_of(log, other)
    # the file-list form builds only the named files
    assert go_build_of(log, "listed").split("\n")[0].endswith(" main.go tag_off.go")


def test_release_build_is_stripped_and_debug_keeps_symbols(built: tuple[Path, str]) -> None:
    project = built[0]
    release = only_file(project / "mypkg", "plain.*").read_bytes()
    debug = only_file(project / "mypkg", "debugged.*").read_bytes()
    assert b".symtab" not in release and b".debug_info" not in release
    assert b".symtab" in debug
    assert len(debug) > len(release)


def test_debug_environment_variable(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", FILES)
    log = build_inplace(project, env={**os.environ, "SETUPTOOLS_GOLANG_EXT_DEBUG": "1"}).check()
    run_line = next(line for line in log.output.splitlines() if line.startswith("RUN: "))
    assert "-s -w" not in run_line and "-trimpath" not in run_line
