"""The generated ``<leaf>_api.py`` files are lint-clean: they sit in users' source
trees (after --inplace or -e) wherever they are not git-ignored."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from ..helpers import REPO, build_inplace, copy_project, run

# The ruff installed beside this Python (.venv/bin, or Scripts on Windows).
RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"

SENTINEL_GO = """package kinds

import "errors"

// ErrEmpty is returned for an empty input.
//
//python:export
var ErrEmpty = errors.New("empty")
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    project = copy_project("bindings", tmp_path_factory.mktemp("lint"))
    # A sentinel error brings the runtime's GoError import beside typing's: two
    # import sections, which must be apart and sorted (ruff I001).
    (project / "typed" / "gokinds" / "sentinel.go").write_text(SENTINEL_GO)
    build_inplace(project).check()
    files = sorted((project / "typed").glob("_*_api.py"))
    assert [f.name for f in files] == ["_kinds_api.py", "_mixed_api.py"]
    assert "class ErrEmpty(_GoError):" in files[0].read_text()
    return files


def test_generated_api_passes_this_projects_ruff_rules(generated: list[Path]) -> None:
    result = run([RUFF, "check", "--no-cache", "--config", REPO / "pyproject.toml",
                  *generated])
    assert result.returncode == 0, result.output


def test_generated_api_passes_ruffs_defaults(generated: list[Path]) -> None:
    # A user's project with no ruff configuration: default rules, 88 columns, all of E.
    result = run([RUFF, "check", "--no-cache", "--isolated", "--select", "E,F,W,I,RUF022",
                  *generated])
    assert result.returncode == 0, result.output
