"""py3-none wheels cannot hold C extensions: the build says so before compiling
anything, for wheels and for in-place builds alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..helpers import ADD_GO, build, build_inplace, built_libraries, write_project

MESSAGE = "python-independent (py3-none) wheels cannot hold the C extensions ['mypkg._c']"


def mixed_project(root: Path) -> Path:
    return write_project(root, {
        "mypkg/go/main.go": ADD_GO,
        "mypkg/c.c": "int twice(int v) { return 2 * v; }\n",
    }, ext_modules='GoExtension("mypkg._native", "mypkg/go"), '
                   'Extension("mypkg._c", ["mypkg/c.c"])',
       extra_setup="from setuptools import Extension\n",
    )


@pytest.mark.parametrize("how", ["wheel", "inplace"])
def test_python_independent_with_a_c_extension_is_refused_first(tmp_path: Path,
                                                                 how: str) -> None:
    project = mixed_project(tmp_path / "p").resolve()
    setup_py = project / "setup.py"
    setup_py.write_text(setup_py.read_text().replace(
        "setup(", "setup(go_python_independent=True, "))
    result = build(project) if how == "wheel" else build_inplace(project)
    assert result.returncode != 0, result.output
    assert MESSAGE in result.output, result.output
    assert "Traceback" not in result.output
    # Refused before compiling: neither Go nor the C compiler ran.
    assert "go build" not in result.output and "building 'mypkg._c'" not in result.output
    assert built_libraries(project) == [] and not list(project.rglob("*.o"))
