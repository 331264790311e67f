"""Cross builds that really run here: Windows x86_64 under wine64, Linux arm64 under qemu.

Each builds the test project into a wheel the way a user would (``--plat-name``
or GOOS/GOARCH), then loads the library with its own platform's loader.
"""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import pytest

from setuptools_golang_ext.platforms.binary_check import read_binary_info

from ..helpers import REPO, build, only_file, run
from ..platform_tools import (
    ARM64_SYSROOT,
    FIXTURES,
    extract_member,
    missing,
    require_module,
    require_program,
)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform != "linux",
                                                   reason="cross tests run on Linux")]
PY = f"{sys.version_info[0]}{sys.version_info[1]}"


def cross_env(**variables: str) -> dict[str, str]:
    env = os.environ.copy()
    env.update(variables)
    return env


def test_windows_amd64_wheel_runs_under_wine(project: Path, tmp_path: Path) -> None:
    mingw = require_program("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64")
    wine = require_program("wine64", "wine64", "/usr/lib/wine/wine64")
    # The platform comes from bdist_wheel --plat-name, as a user would pass it.
    result = run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                  "-C--build-option=--plat-name=win_amd64", "--outdir", project / "dist",
                  project], cwd=project).check()
    assert "env: CC=" in result.output and "x86_64-w64-mingw32-gcc" in result.output
    wheel = only_file(project / "dist", "*.whl")
    assert wheel.name == f"mypkg-1.0.0-cp{PY}-cp{PY}-win_amd64.whl"
    dll = extract_member(wheel, f"_native.cp{PY}-win_amd64.pyd", tmp_path / "unpacked")
    info = read_binary_info(dll)
    assert (info.format, info.archs) == ("PE", ("amd64",))
    assert "Add" in info.exports

    loader = tmp_path / "loader.exe"
    run([mingw, "-O2", "-o", loader, FIXTURES / "loader_windows.c"]).check()
    prng = tmp_path / "bcryptprimitives.dll"
    run([mingw, "-shared", "-O2", "-o", prng, FIXTURES / "wine_bcryptprimitives.c",
         "-ladvapi32"]).check()
    env = cross_env(WINEPREFIX=str(tmp_path / "wine"), WINEDEBUG="-all")
    run([wine, "cmd", "/c", "exit"], env=env)  # creates the prefix
    system32 = tmp_path / "wine" / "drive_c" / "windows" / "system32"
    assert system32.is_dir()
    (system32 / "bcryptprimitives.dll").write_bytes(prng.read_bytes())
    out = run([wine, loader, dll, "Add"], env=env).check().output
    assert "Add(2, 40) = 42" in out


def test_linux_arm64_wheel_runs_under_qemu(project: Path, tmp_path: Path) -> None:
    gcc = require_program("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu")
    qemu = require_program("qemu-aarch64-static", "qemu-user-static")
    result = build(project, env=cross_env(GOARCH="arm64")).check()
    assert "aarch64-linux-gnu-gcc" in result.output
    wheel = only_file(project / "dist", "*.whl")
    assert wheel.name == f"mypkg-1.0.0-cp{PY}-cp{PY}-linux_aarch64.whl"
    suffix = f"_native.cpython-{PY}-aarch64-linux-gnu.so"
    library = extract_member(wheel, suffix, tmp_path / "site")
    assert read_binary_info(library).archs == ("arm64",)

    loader = tmp_path / "loader"
    run([gcc, "-O2", "-o", loader, FIXTURES / "loader_posix.c", "-ldl"]).check()
    out = run([qemu, "-L", "/usr/aarch64-linux-gnu", loader, library, "Add"]).check().output
    assert "Add(2, 40) = 42" in out

    python = ARM64_SYSROOT / "usr" / "bin" / f"python3.{sys.version_info[1]}"
    if not python.is_file():
        missing(f"an arm64 CPython 3.{sys.version_info[1]} in {ARM64_SYSROOT}",
                "bash .ci/arm64-python")
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    env = cross_env(PYTHONPATH=os.pathsep.join([str(tmp_path / "site"), str(REPO)]))
    code = ("import platform, mypkg; "
            "print(platform.machine(), 'result', mypkg.add(2, 40))")
    out = run([qemu, "-L", ARM64_SYSROOT, python, "-c", code], env=env,
              cwd=tmp_path).check().output
    assert "aarch64 result 42" in out


def test_windows_arm64_wheel_built_with_zig(project: Path, tmp_path: Path) -> None:
    """No ARM64 Windows to run it on here: the PE header and export table must be right."""
    require_module("ziglang")
    # cibuildwheel names Windows ARM64 in a distutils config file, like this:
    config = tmp_path / "cibw.cfg"
    config.write_text("[build_ext]\nplat_name=win-arm64\n")
    result = build(project, env=cross_env(DIST_EXTRA_CONFIG=str(config),
                                          SETUPTOOLS_GOLANG_EXT_ZIG="1")).check()
    assert "-target aarch64-windows-gnu" in result.output
    wheel = only_file(project / "dist", "*.whl")
    assert wheel.name == f"mypkg-1.0.0-cp{PY}-cp{PY}-win_arm64.whl"
    dll = extract_member(wheel, f"_native.cp{PY}-win_arm64.pyd", tmp_path)
    info = read_binary_info(dll)
    assert (info.format, info.archs) == ("PE", ("arm64",))
    assert "Add" in info.exports
