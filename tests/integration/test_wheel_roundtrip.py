"""The user's story: declare a GoExtension, build a wheel, install it, call Go."""

from __future__ import annotations

import sys
import tarfile
from pathlib import Path

import pytest

from ..helpers import Venv, build, only_file, wheel_names

CALL = (
    "import sys, mypkg; print('result', mypkg.add(2, 40)); "
    "print('setuptools imported:', 'setuptools' in sys.modules)"
)


def test_wheel_holds_library_and_no_go_sources(project: Path, fresh_venv: Venv,
                                               wheelhouse: Path) -> None:
    result = build(project).check()
    assert "RUN: " in result.output and "-buildmode=c-shared" in result.output
    assert "env: GOTOOLCHAIN=local" in result.output
    wheel = only_file(project / "dist", "*.whl")
    assert ("-cp3" in wheel.name and "linux_x86_64" in wheel.name) or sys.platform != "linux"
    names = wheel_names(wheel)
    suffix = __import__("sysconfig").get_config_var("EXT_SUFFIX")
    assert f"mypkg/_native{suffix}" in names
    assert not [n for n in names if n.endswith((".go", "go.mod", "go.sum"))], names

    fresh_venv.install(wheel, "setuptools-golang-ext", wheelhouse=wheelhouse).check()
    out = fresh_venv.run_python(CALL).check().output
    assert "result 42" in out
    assert "setuptools imported: False" in out


@pytest.mark.network  # pip builds the sdist in an isolated env: setuptools from PyPI
def test_sdist_carries_go_sources_and_rebuilds(project: Path, fresh_venv: Venv,
                                               wheelhouse: Path) -> None:
    build(project, sdist=True).check()
    sdist = only_file(project / "dist", "*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"mypkg/go/main.go", "mypkg/go/go.mod", "setup.py"} <= names

    # pip builds the sdist in an isolated environment: setuptools from the index,
    # setuptools-golang-ext from the wheelhouse.
    result = fresh_venv.install(sdist, wheelhouse=wheelhouse, offline=False)
    result.check()
    assert "result 42" in fresh_venv.run_python(CALL).check().output
