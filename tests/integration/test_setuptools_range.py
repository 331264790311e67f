"""Installing setuptools-golang-ext must not break other projects, and a Go project
builds on the oldest setuptools we promise (64). Real venvs with the setuptools
versions users have: 64, the 65.5 a stock Python 3.11 venv brings (no ``wheel``),
and the newest; each with and without ``wheel`` as needed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ..helpers import Result, Venv, copy_project, make_venv, run, wheel_names

PLAIN_SETUP = ('from setuptools import setup\n'
               'setup(name="plain", version="1.2", py_modules=["plain"])\n')


def venv_with(tmp_path: Path, wheelhouse: Path, *requirements: str) -> Venv:
    venv = make_venv(tmp_path / "venv")
    venv.install(*requirements, "setuptools-golang-ext", wheelhouse=wheelhouse,
                 offline=False).check()
    return venv


def plain_project(root: Path) -> Path:
    root.mkdir()
    (root / "setup.py").write_text(PLAIN_SETUP)
    (root / "plain.py").write_text("VALUE = 1\n")
    return root


def pip_wheel(venv: Venv, project: Path) -> Result:
    """``pip wheel --no-build-isolation``: the build runs on the venv's setuptools."""
    return run([sys.executable, "-m", "pip", "--python", str(venv.python), "wheel",
                "--no-build-isolation", "--no-deps", "--no-index", "--wheel-dir",
                str(project / "out"), str(project)], cwd=project)


def has_wheel_package(venv: Venv) -> bool:
    return venv.run_python("import wheel").returncode == 0


@pytest.mark.network
@pytest.mark.parametrize("setuptools", ["setuptools==64.0.0", "setuptools==65.5.0"])
def test_a_project_without_go_is_untouched_without_wheel(
        tmp_path: Path, wheelhouse: Path, setuptools: str) -> None:
    """setuptools before 70.1 has no bdist_wheel without the ``wheel`` package; our
    hook used to import it for every project, so every setup.py command failed."""
    venv = venv_with(tmp_path, wheelhouse, setuptools)
    assert not has_wheel_package(venv)
    project = plain_project(tmp_path / "plain")
    for command in (["--version"], ["sdist"], ["build"]):
        result = run([str(venv.python), "setup.py", *command], cwd=project).check()
    assert "Traceback" not in result.output
    version = run([str(venv.python), "setup.py", "--version"], cwd=project).check()
    assert version.output.strip().splitlines()[-1] == "1.2"


@pytest.mark.network
def test_newest_setuptools_without_wheel_builds_both_kinds(
        tmp_path: Path, wheelhouse: Path) -> None:
    venv = venv_with(tmp_path, wheelhouse, "setuptools>=77")
    assert not has_wheel_package(venv)
    plain = plain_project(tmp_path / "plain")
    assert pip_wheel(venv, plain).check()
    assert (plain / "out" / "plain-1.2-py3-none-any.whl").is_file()
    go_project = copy_project("basic", tmp_path)
    pip_wheel(venv, go_project).check()
    assert any(name.endswith(".so") for name in wheel_names(
        next((go_project / "out").glob("mypkg-*.whl"))))


@pytest.mark.network
def test_setuptools_64_with_wheel_builds_a_go_project(tmp_path: Path, wheelhouse: Path) -> None:
    venv = venv_with(tmp_path, wheelhouse, "setuptools==64.0.0", "wheel")
    go_project = copy_project("basic", tmp_path)
    pip_wheel(venv, go_project).check()
    wheel = next((go_project / "out").glob("mypkg-*.whl"))
    assert f"-cp{sys.version_info[0]}{sys.version_info[1]}-" in wheel.name
    assert any(name.endswith(".so") for name in wheel_names(wheel))
    # Editable installs (PEP 660) came with setuptools 64.
    run([sys.executable, "-m", "pip", "--python", str(venv.python), "install", "--no-deps",
         "--no-index", "--no-build-isolation", "-e", str(go_project)]).check()
    assert venv.run_python("import mypkg; print(mypkg.add(40, 2))",
                           cwd=tmp_path).check().output.strip() == "42"
    plain = plain_project(tmp_path / "plain")
    pip_wheel(venv, plain).check()
    assert (plain / "out" / "plain-1.2-py3-none-any.whl").is_file()
