"""A wheel built by each installed CPython (3.9+) installs and runs on that CPython."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ..helpers import ADD_GO, only_file, run, venv_installed_by, write_project

PYENV_ROOT = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))


def installed_pythons() -> list[Path]:
    found = []
    for version_dir in sorted((PYENV_ROOT / "versions").glob("3.*")):
        match = re.fullmatch(r"3\.(\d+)\.\d+", version_dir.name)
        if match and int(match.group(1)) >= 9 and (version_dir / "bin" / "python").exists():
            found.append(version_dir / "bin" / "python")
    return found


PYTHONS = installed_pythons()


def test_several_pythons_are_installed() -> None:
    # Where pyenv is set up (this project's machines), the matrix below must not
    # silently shrink to nothing; runners without pyenv test one Python each.
    if not (PYENV_ROOT / "versions").is_dir():
        pytest.skip(f"no pyenv installation at {PYENV_ROOT}")
    assert len(PYTHONS) >= 2, PYTHONS


@pytest.mark.slow
@pytest.mark.network  # setuptools, wheel and build for each Python come from PyPI
@pytest.mark.parametrize("python", PYTHONS, ids=[p.parent.parent.name for p in PYTHONS])
def test_wheel_per_python(python: Path, tmp_path: Path, wheelhouse: Path,
                          builder_python: Callable[[Path], Path]) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    builder = builder_python(python)
    run([builder, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist"),
         str(project)], cwd=project).check()
    wheel = only_file(tmp_path / "dist", "*.whl")
    version = "import sys; print(f'cp{sys.version_info[0]}{sys.version_info[1]}')"
    tag = run([str(python), "-c", version]).check().output.strip()
    assert f"-{tag}-{tag}-" in wheel.name

    user = venv_installed_by(builder, python, tmp_path / "user", wheelhouse, wheel)
    code = ("import sys; from setuptools_golang_ext.runtime import load; "
            "print(load('mypkg._native').Add(40, 2), 'setuptools' in sys.modules)")
    out = run([str(user), "-c", code], cwd=tmp_path).check().output
    assert out.split() == ["42", "False"]
