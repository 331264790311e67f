"""A .c file beside listed .go files: refused at build time; a library that lacks a
symbol names it when loaded (not "built for another platform")."""

from __future__ import annotations

import shutil
import sys
import sysconfig
from pathlib import Path

from ..helpers import build_inplace, built_libraries, run, write_project

CGO_MAIN = """package main

// int helper(void);
import "C"

//export Helper
func Helper() C.int { return C.helper() }

func main() {}
"""
HELPER_C = "int helper(void) { return 7; }\n"


def _project(tmp_path: Path) -> Path:
    return write_project(
        tmp_path / "p", {"mypkg/go/main.go": CGO_MAIN, "mypkg/go/helper.c": HELPER_C},
        ext_modules='GoExtension("mypkg._native", ["mypkg/go/main.go"])',
    )


def test_listed_go_file_with_c_file_beside_it_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = build_inplace(project)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    assert "'mypkg._native'" in result.output and "helper.c" in result.output
    assert "'mypkg/go'" in result.output
    assert built_libraries(project) == []


def test_library_missing_a_symbol_names_it(tmp_path: Path) -> None:
    # What the tool used to build: the listed file alone, without helper.c.
    project = _project(tmp_path)
    go = shutil.which("go")
    assert go is not None
    library = project / "mypkg" / ("_native" + sysconfig.get_config_var("EXT_SUFFIX"))
    run([go, "build", "-buildmode=c-shared", "-o", str(library), "main.go"],
        cwd=project / "mypkg" / "go").check()
    result = run([sys.executable, "-c", "from setuptools_golang_ext.runtime import load; "
                  "load('mypkg._native')"], cwd=project)
    assert result.returncode != 0
    assert "'helper'" in result.output and "nothing defines" in result.output
    assert "another platform" not in result.output
