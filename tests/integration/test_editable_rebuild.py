"""No-op in-place builds, and editable installs that rebuild on import after an edit."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..helpers import ADD_GO, Venv, build_inplace, only_file, run, write_project

CALL = "from setuptools_golang_ext.runtime import load; print(load('mypkg._native').Add(40, 2))"
REBUILT = "setuptools-golang-ext: rebuilding mypkg._native ({} changed)"


def test_second_inplace_build_skips_go_and_force_an_edit_or_environment_change_rebuilds(
        tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    first = build_inplace(project).check().output
    assert "go build: compiling" in first
    library = only_file(project / "mypkg", "_native.*.so")
    before = library.stat().st_mtime_ns
    second = build_inplace(project).check().output
    assert "mypkg._native: up to date, skipping go build" in second
    assert "go build: compiling" not in second
    assert library.stat().st_mtime_ns == before
    forced = run([sys.executable, "setup.py", "build_ext", "--inplace", "--force"],
                 cwd=project).check().output
    assert "go build: compiling" in forced
    (project / "mypkg/go/main.go").write_text(ADD_GO.replace("a + b", "a + b + 1"))
    third = build_inplace(project).check().output
    assert "go build: compiling" in third
    assert run([sys.executable, "-c", CALL], cwd=project).check().output.strip() == "43"
    # Same sources as the third build, another environment.
    fourth = build_inplace(project, env={**os.environ, "GOFLAGS": "-tags=extra"}).check()
    assert "go build: compiling" in fourth.output


def install_editable(tmp_path: Path, venv: Venv, wheelhouse: Path, **files: str) -> Path:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO, **files})
    venv.install("-e", project, "setuptools-golang-ext", wheelhouse=wheelhouse,
                 offline=False).check()
    assert "setuptools" not in venv.run_python(
        "import importlib.util as u; print(u.find_spec('setuptools'))").check().output.split(".")
    return project


def test_editable_install_rebuilds_after_an_edit(tmp_path: Path, fresh_venv: Venv,
                                                 wheelhouse: Path) -> None:
    project = install_editable(tmp_path, fresh_venv, wheelhouse)
    unchanged = fresh_venv.run_python(CALL, cwd=tmp_path).check().output
    assert unchanged.strip() == "42"
    (project / "mypkg/go/main.go").write_text(ADD_GO.replace("a + b", "a + b + 100"))
    edited = fresh_venv.run_python(CALL, cwd=tmp_path).check().output
    source = (project / "mypkg/go/main.go").resolve()
    assert edited.splitlines() == [REBUILT.format(source), "142"], edited
    again = fresh_venv.run_python(CALL, cwd=tmp_path).check().output
    assert again.strip() == "142"
    (project / "mypkg/go/main.go").write_text(ADD_GO.replace("a + b", "a + b + missing"))
    broken = fresh_venv.run_python(CALL, cwd=tmp_path)
    assert broken.returncode == 1
    assert "GoImportBuildError: cannot rebuild Go library 'mypkg._native'" in broken.output
    assert "./main.go:6:45:" in broken.output and "undefined: missing" in broken.output
    assert only_file(project / "mypkg", "_native.*.so").is_file()  # the old one stays


def test_editable_rebuild_can_be_switched_off(tmp_path: Path, fresh_venv: Venv,
                                              wheelhouse: Path) -> None:
    project = install_editable(
        tmp_path, fresh_venv, wheelhouse,
        **{"setup.py": "from setuptools import setup\n"
                       "from setuptools_golang_ext import GoExtension\n"
                       "setup(packages=['mypkg'], ext_modules=[GoExtension('mypkg._native', "
                       "'mypkg/go', editable_rebuild=False)])\n"})
    assert not list((project / "mypkg").glob("*_editable.json"))
    (project / "mypkg/go/main.go").write_text(ADD_GO.replace("a + b", "a + b + 100"))
    assert fresh_venv.run_python(CALL, cwd=tmp_path).check().output.strip() == "42"


TAGGED_FILES = {
    "mypkg/go/value.go": 'package main\n\nimport "C"\n\n//python:export\n'
                         "func Value() int { return value * SCALE }\n\nfunc main() {}\n",
    "mypkg/go/plain.go": "//go:build !extra\n\npackage main\n\nconst value = 1\n",
    "mypkg/go/extra.go": "//go:build extra\n\npackage main\n\nconst value = 2\n",
}
VALUE = "from setuptools_golang_ext.runtime import load; print(load('mypkg._native').Value())"


def test_rebuild_at_import_uses_the_builds_environment(tmp_path: Path) -> None:
    """Built with GOFLAGS=-tags=extra, imported without it: the rebuild after an edit
    keeps the tag (the importer's environment would silently drop it)."""
    files = {k: v.replace("SCALE", "1") for k, v in TAGGED_FILES.items()}
    project = write_project(tmp_path / "p", files)
    build_inplace(project, env={**os.environ, "GOFLAGS": "-tags=extra"}).check()
    plain = {k: v for k, v in os.environ.items() if k != "GOFLAGS"}
    assert run([sys.executable, "-c", VALUE], cwd=project, env=plain).check().output == "2\n"
    (project / "mypkg/go/value.go").write_text(TAGGED_FILES["mypkg/go/value.go"].replace(
        "SCALE", "10"))
    rebuilt = run([sys.executable, "-c", VALUE], cwd=project, env=plain).check().output
    assert rebuilt.splitlines()[-2:] == [
        REBUILT.format((project / "mypkg/go/value.go").resolve()), "20"], rebuilt
