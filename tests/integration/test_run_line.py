"""The user's own Go variables appear under the `RUN: ... go build` line itself,
so the log shows everything that shaped the library."""

from __future__ import annotations

import os
from pathlib import Path

from setuptools_golang_ext.go.toolchain import find_go

from ..helpers import ADD_GO, build_inplace, command_block, run, write_project


def test_users_go_variables_are_shown_on_the_go_build_line(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    host_arch = run([find_go().executable, "env", "GOARCH"]).check().output.strip()
    env = {**os.environ, "GOFLAGS": "-tags=usertag", "GOEXPERIMENT": "cgocheck2",
           "GOARCH": host_arch}
    log = build_inplace(project, env=env).check().output
    block = command_block(log, " build -buildmode=c-shared")
    for shown in ("GOFLAGS=-tags=usertag", "GOEXPERIMENT=cgocheck2", f"GOARCH={host_arch}"):
        assert f"\n  env: {shown}" in block, block
