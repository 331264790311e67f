from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..helpers import build_inplace, write_project
from ..parallel import made_once

BUS = Path(__file__).parent.parent / "objects_fixtures" / "bus"


@pytest.fixture(scope="package", params=["ctypes", "cpython"])
def bus_project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                ) -> Path:
    """tests/objects_fixtures/bus built once per binding mode for every test module
    using it (and both xdist workers): as the project's own package (``mypkg._bus``,
    marked) and bound by import path (``mypkg._bound``, unmarked declarations too)."""
    mode: str = request.param

    def make(folder: Path) -> None:
        root = write_project(
            folder / "project", {"go.mod": (BUS / "go.mod").read_text()},
            ext_modules=f'GoExtension("mypkg._bus", "bus", bindings="{mode}"), '
                        f'GoExtension("mypkg._bound", package="example.com/bus/bus", '
                        f'bindings="{mode}")')
        shutil.rmtree(root / "mypkg" / "go")
        shutil.copytree(BUS, root / "bus", ignore=shutil.ignore_patterns("go.mod"))
        build_inplace(root).check()
    return made_once(tmp_path_factory, request.config, f"bus-{mode}", make) / "project"
