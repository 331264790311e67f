"""The GitHub workflows are valid (actionlint) and cibuildwheel plans the intended wheels."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from ..helpers import REPO, run
from ..platform_tools import missing, require_module

ACTIONLINT = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"
PYTHONS = ["cp39", "cp310", "cp311", "cp312", "cp313", "cp314"]
INTENDED = {
    "linux": ["manylinux_x86_64", "manylinux_aarch64"],
    "macos": ["macosx_x86_64", "macosx_arm64", "macosx_universal2"],
    "windows": ["win_amd64", "win_arm64"],
}


def find_actionlint(tmp_path_factory: pytest.TempPathFactory) -> str:
    found = shutil.which("actionlint")
    if found:
        return found
    gopath = Path(os.environ.get("GOPATH", Path.home() / "go"))
    if (gopath / "bin" / "actionlint").is_file():
        return str(gopath / "bin" / "actionlint")
    go = shutil.which("go")
    if go is None:
        missing("go (to build actionlint)", "https://go.dev/dl/")
    gobin = tmp_path_factory.mktemp("gobin")
    env = dict(os.environ, GOBIN=str(gobin))
    run([go, "install", ACTIONLINT], env=env).check()  # through the Go module proxy
    return str(gobin / "actionlint")


@pytest.mark.slow
@pytest.mark.network  # without actionlint installed, `go install` fetches it
def test_workflows_pass_actionlint(tmp_path_factory: pytest.TempPathFactory) -> None:
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert {w.name for w in workflows} >= {"test.yml", "wheels.yml", "release.yml"}
    result = run([find_actionlint(tmp_path_factory), "-color=false", *workflows], cwd=REPO)
    assert result.returncode == 0, result.output


@pytest.mark.slow
@pytest.mark.parametrize("platform", sorted(INTENDED))
def test_cibuildwheel_plans_the_intended_builds(platform: str) -> None:
    require_module("cibuildwheel")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIBW_")}
    result = run([sys.executable, "-m", "cibuildwheel", "--platform", platform,
                  "--print-build-identifiers", "example_project"], cwd=REPO, env=env).check()
    identifiers = set(result.output.split())
    expected = {f"{py}-{plat}" for py in PYTHONS for plat in INTENDED[platform]}
    assert identifiers == expected
    assert not [i for i in identifiers if "musllinux" in i]
