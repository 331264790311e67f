"""An sdist that could not be built elsewhere is refused before it is written
(``setup.py sdist`` with the real setuptools; no Go build is reached)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ..helpers import ADD_GO, GO_MOD, run


def project_using(tmp_path: Path, sources: str) -> Path:
    project = tmp_path / "proj"
    (project / "mypkg").mkdir(parents=True)
    (project / "mypkg" / "__init__.py").write_text("")
    (project / "setup.py").write_text(
        "from setuptools import setup\nfrom setuptools_golang_ext import GoExtension\n"
        "setup(name='mypkg', version='1', packages=['mypkg'], "
        f"ext_modules=[GoExtension('mypkg._native', {sources!r})])\n")
    return project


@pytest.mark.parametrize("layout", ["package outside", "go.mod above the project"])
def test_go_module_outside_the_project_fails_the_sdist(tmp_path: Path, layout: str) -> None:
    if layout == "package outside":
        module = tmp_path / "shared"
        project = project_using(tmp_path, "../shared")
    else:  # the project is a subdirectory of a Go module
        module = tmp_path
        project = project_using(tmp_path, "mypkg/go")
    module.mkdir(exist_ok=True)
    (module / "go.mod").write_text(GO_MOD)
    (module / "main.go").write_text(ADD_GO)
    (project / "mypkg" / "go").mkdir()
    (project / "mypkg" / "go" / "main.go").write_text(ADD_GO)
    result = run([sys.executable, "setup.py", "sdist"], cwd=project)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    assert (f"error: GoExtension 'mypkg._native': an sdist carries only files inside the "
            f"project ({project.resolve()}), but its Go module ({module.resolve() / 'go.mod'}) "
            f"is outside it") in result.output, result.output
    assert "Move the Go module inside the project" in result.output
    assert not (project / "dist").exists()
