"""example_project, the template users copy, builds, installs and passes its own tests."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import pytest

from ..helpers import REPO, Venv, build, only_file, run, wheel_names


def copy_example(into: Path) -> Path:
    """A copy of example_project without anything a local build left in it."""
    project = into / "example_project"
    shutil.copytree(REPO / "example_project", project, ignore=shutil.ignore_patterns(
        "build", "dist", "*.egg-info", "*.so", "__pycache__", ".pytest_cache"))
    return project


@pytest.fixture(scope="module")
def example_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_example(tmp_path_factory.mktemp("example"))
    build(project).check()
    return only_file(project / "dist", "gofilehash-*.whl")


def test_example_wheel_installs_and_runs(example_wheel: Path, tmp_path: Path,
                                         fresh_venv: Venv, wheelhouse: Path) -> None:
    assert not [name for name in wheel_names(example_wheel) if name.endswith(".go")]
    fresh_venv.install(example_wheel, wheelhouse=wheelhouse).check()
    sample = tmp_path / "sample.txt"
    sample.write_bytes(b"hello from python\n")
    out = fresh_venv.run_python(
        f"import sys; from gofilehash.__main__ import main; sys.exit(main([{str(sample)!r}]))"
    ).check().output
    assert out == f"{hashlib.sha256(sample.read_bytes()).hexdigest()}  {sample}\n"


def test_example_own_tests_pass_against_the_wheel(example_wheel: Path, tmp_path: Path,
                                                  wheelhouse: Path) -> None:
    site = tmp_path / "site"
    run([sys.executable, "-m", "pip", "install", "--quiet", "--no-index", "--find-links",
         str(wheelhouse), "--target", str(site), str(example_wheel)]).check()
    # As its README says: `python -m pytest tests` in the project directory, which puts
    # that directory first on sys.path. The src layout keeps the sources (no library)
    # from shadowing the installed package.
    project = copy_example(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                 cwd=project, env=env).check()
    assert " passed" in result.output and "failed" not in result.output
