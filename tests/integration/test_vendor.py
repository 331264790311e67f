"""Offline builds from sdists: `vendor = true` ships the modules (issue 9, item 7)."""

from __future__ import annotations

import os
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from ..helpers import build_inplace, only_file, pyproject_with_table, run, write_project

GO_MOD = "module example.com/native\n\ngo 1.21\n\nrequire github.com/google/uuid v1.6.0\n"
GO_SUM = (
    "github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\n"
    "github.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=\n"
)
MAIN_GO = """package main

import "github.com/google/uuid"

//python:export
func NewID() string { return uuid.NewString() }

func main() {}
"""
LIBRARY_GO = MAIN_GO.replace("package main", "package native").replace("func main() {}\n", "")
CALL = "from setuptools_golang_ext.runtime import load; print(len(load('mypkg._native').NewID()))"


def _project(root: Path, source: str, *, vendor: bool) -> Path:
    return write_project(root, {
        "pyproject.toml": pyproject_with_table("vendor = true\n" if vendor else ""),
        "mypkg/go/go.mod": GO_MOD, "mypkg/go/go.sum": GO_SUM, "mypkg/go/lib.go": source,
    }, ext_modules="")


def _sdist(project: Path, outdir: Path) -> Path:
    run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(outdir),
         str(project)], cwd=project).check()
    return only_file(outdir, "*.tar.gz")


def _offline_env(tmp_path: Path) -> dict[str, str]:
    cache = tmp_path / "empty-module-cache"
    cache.mkdir()
    return {**os.environ, "GOMODCACHE": str(cache), "GOPROXY": "off", "GOFLAGS": "-mod=mod"}


def _wheel(sdist: Path, outdir: Path, env: dict[str, str]):
    return run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                "--wheel-dir", str(outdir), str(sdist)], env=env)


@pytest.mark.network
@pytest.mark.parametrize("source", [MAIN_GO, LIBRARY_GO], ids=["main", "non-main"])
def test_vendored_sdist_builds_offline(tmp_path: Path, source: str) -> None:
    project = _project(tmp_path / "p", source, vendor=True)
    sdist = _sdist(project, tmp_path / "dist")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert "mypkg-1.0/mypkg/go/vendor/modules.txt" in names
    assert "mypkg-1.0/mypkg/go/vendor/github.com/google/uuid/uuid.go" in names
    assert not (project / "mypkg" / "go" / "vendor").exists()  # the user's tree is untouched

    _wheel(sdist, tmp_path / "wheels", _offline_env(tmp_path)).check()
    wheel = only_file(tmp_path / "wheels", "*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert [n for n in archive.namelist() if "vendor" in n or n.endswith(".go")] == []
        archive.extractall(tmp_path / "installed")
    called = run([sys.executable, "-c", CALL], cwd=tmp_path / "installed").check()
    assert called.output.strip() == "36"


@pytest.mark.network
def test_offline_build_without_vendoring_names_the_module(tmp_path: Path) -> None:
    project = _project(tmp_path / "p", MAIN_GO, vendor=False)
    sdist = _sdist(project, tmp_path / "dist")
    result = _wheel(sdist, tmp_path / "wheels", _offline_env(tmp_path))
    assert result.returncode != 0
    assert "GoExtension 'mypkg._native': Go needs github.com/google/uuid" in result.output
    assert result.output.count("vendor = true") == 1, result.output
    assert "Traceback" not in result.output


def test_user_goflags_mod_mod_does_not_break_non_main_builds(tmp_path: Path) -> None:
    source = "package native\n\n//python:export\nfunc Twice(n int) int { return 2 * n }\n"
    project = write_project(tmp_path / "p", {"mypkg/go/lib.go": source})
    user_env = {**os.environ, "GOFLAGS": "-mod=mod"}
    build_inplace(project, env=user_env).check()
    # The same environment at import: an editable rebuild does not run.
    called = run([sys.executable, "-c", "from setuptools_golang_ext.runtime import load; "
                  "print(load('mypkg._native').Twice(21))"], cwd=project, env=user_env).check()
    assert called.output.strip() == "42"
