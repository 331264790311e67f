"""Generated glue builds in modules whose go.mod names an old `go` line (issue 9, item 4.8)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ..helpers import build_inplace, run, write_project

OLD_GO_MOD = "module example.com/native\n\ngo 1.16\n"

# Only go1.16 language features in the user's code; the glue needs newer ones.
MAIN_SOURCE = "package main\n\n//python:export\nfunc Twice(s string) string { return s + s }\n\n" \
              "func main() {}\n"
LIBRARY_SOURCE = "package native\n\n//python:export\nfunc Twice(s string) string { return s + s }\n"


@pytest.mark.parametrize("source", [MAIN_SOURCE, LIBRARY_SOURCE], ids=["main", "non-main"])
def test_bindings_build_under_go_1_16_module(tmp_path: Path, source: str) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/go.mod": OLD_GO_MOD,
                                             "mypkg/go/lib.go": source})
    build_inplace(project).check()
    called = run([sys.executable, "-c", "from setuptools_golang_ext.runtime import load; "
                  "print(load('mypkg._native').Twice('ab'))"], cwd=project).check()
    assert called.output.strip() == "abab"
