"""The user's own Go variables appear under the `RUN: ... go build` line itself,
so the log shows everything that shaped the library. The same build shows that
the package is listed by one `go list` (issue 17)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext.go.toolchain import find_go

from ..helpers import ADD_GO, build_inplace, command_block, run, write_project


def logging_go(directory: Path, calls: Path) -> Path:
    """A ``go`` that writes each command line to ``calls``, then runs the real go."""
    script = directory / "go"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\nexec "{find_go().executable}" "$@"\n')
    script.chmod(0o755)
    return script


@pytest.mark.skipif(sys.platform == "win32", reason="the logging go is a shell script")
def test_users_go_variables_are_shown_on_the_go_build_line(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    host_arch = run([find_go().executable, "env", "GOARCH"]).check().output.strip()
    calls = tmp_path / "go-calls.txt"
    env = {**os.environ, "GOFLAGS": "-tags=usertag", "GOEXPERIMENT": "cgocheck2",
           "GOARCH": host_arch, "GO": str(logging_go(tmp_path, calls))}
    log = build_inplace(project, env=env).check().output
    block = command_block(log, " build -buildmode=c-shared")
    for shown in ("GOFLAGS=-tags=usertag", "GOEXPERIMENT=cgocheck2", f"GOARCH={host_arch}"):
        assert f"\n  env: {shown}" in block, block
    # One `go list -deps` serves the input hash and the package checks; the API
    # reader lists the package once more with the fields it needs, and the
    # imports it type-checks against (-export).
    lists = [line for line in calls.read_text().splitlines() if line.startswith("list ")]
    assert [line for line in lists if "-json=" not in line] == ["list -e -json -deps ."], lists
