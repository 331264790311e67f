"""``bindings = "cpython"`` on every target the ctypes mode supports.

One abi3 wheel per target, built once (module scope) the way a user would:
Linux arm64 runs under qemu with Debian's arm64 CPython 3.11 (.ci/arm64-python);
the manylinux wheel made with zig is installed and run here; Windows AMD64 is
loaded under wine64 (a stand-in python3.dll: there is no Windows CPython here);
Windows ARM64 and macOS (x86_64, arm64, universal2) are checked at header level.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from setuptools_golang_ext.platforms.binary_check import read_binary_info

from ..helpers import REPO, make_venv, only_file, run, write_project
from ..platform_tools import (
    ARM64_SYSROOT,
    FIXTURES,
    extract_member,
    missing,
    require_module,
    require_program,
)
from .test_platform_wheels import macos_minimum_of_go_in_use

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux" or os.uname().machine != "x86_64",
                       reason="cross builds are checked from Linux x86_64"),
    pytest.mark.skipif(sys.version_info < (3, 11),
                       reason="cpython-mode wheels are built by Python 3.11 or later"),
]

NATIVE_GO = """package native

import "context"

// Add adds two integers.
//
//python:export
func Add(a, b int) int { return a + b }

//python:export
func Greet(name string) string { return "hello " + name }

//python:export
func Wait(ctx context.Context, n int) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return n, nil
}
"""
EXT = 'GoExtension("mypkg._native", "mypkg/go", bindings="cpython")'
CALL = ("import platform, sys, mypkg._native as m; "
        "print(platform.machine(), sys.version_info[:2], m.Add(2, 40), m.Greet('go'), m.Wait(7))")
ABI_NAMES = REPO / "setuptools_golang_ext" / "platforms" / "python3_abi_names.txt"


def env_with(**variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("GOOS", "GOARCH", "CC", "ARCHFLAGS", "_PYTHON_HOST_PLATFORM")}
    env.update(variables)
    return env


def cross_wheel(where: Path, *extra: str, env: dict[str, str]) -> tuple[Path, str]:
    """The project built into a wheel for another platform: the wheel and the build log."""
    project = write_project(where / "p", {"mypkg/go/native.go": NATIVE_GO}, ext_modules=EXT)
    args = [sys.executable, "-m", "build", "--wheel", "--no-isolation", *extra,
            "--outdir", project / "dist", project]
    output = run(args, cwd=project, env=env).check().output
    return only_file(project / "dist", "*.whl"), output


def cpython_mode_wheel(tmp_path_factory: pytest.TempPathFactory, name: str, *extra: str,
                       **variables: str) -> tuple[Path, str]:
    return cross_wheel(tmp_path_factory.mktemp(name), *extra, env=env_with(**variables))


# Linux arm64 ---------------------------------------------------------------

@pytest.fixture(scope="module")
def arm64_wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    require_program("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu")
    return cpython_mode_wheel(tmp_path_factory, "arm64", GOARCH="arm64")


def test_linux_arm64_module_runs_under_qemu(arm64_wheel: tuple[Path, str],
                                            tmp_path: Path) -> None:
    qemu = require_program("qemu-aarch64-static", "qemu-user-static")
    wheel, output = arm64_wheel
    assert "aarch64-linux-gnu-gcc" in output
    assert wheel.name == "mypkg-1.0-cp311-abi3-linux_aarch64.whl"
    library = extract_member(wheel, "mypkg/_native.abi3.so", tmp_path / "site")
    assert read_binary_info(library).archs == ("arm64",)
    # Debian's arm64 CPython is 3.11: the oldest the limited-API module is for.
    python = ARM64_SYSROOT / "usr" / "bin" / "python3.11"
    if not python.is_file():
        missing(f"an arm64 CPython 3.11 in {ARM64_SYSROOT}", "bash .ci/arm64-python")
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    env = env_with(PYTHONPATH=os.pathsep.join([str(tmp_path / "site"), str(REPO)]))
    out = run([qemu, "-L", ARM64_SYSROOT, python, "-c", CALL], env=env,
              cwd=tmp_path).check().output
    assert "aarch64 (3, 11) 42 hello go 7" in out, out


# manylinux via zig -----------------------------------------------------------

def test_zig_manylinux_abi3_wheel_installs_and_runs(
        tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, wheelhouse: Path) -> None:
    require_module("ziglang")
    auditwheel = require_program("auditwheel", "pip install auditwheel",
                                 str(Path(sys.executable).parent / "auditwheel"))
    wheel, output = cpython_mode_wheel(tmp_path_factory, "manylinux",
                                       SETUPTOOLS_GOLANG_EXT_ZIG="1")
    assert "-target x86_64-linux-gnu.2.17" in output
    assert wheel.name == ("mypkg-1.0-cp311-abi3-"
                          "manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
    shown = " ".join(run([auditwheel, "show", wheel]).check().output.split())
    match = re.search(r'following platform tag: "manylinux_(\d+)_(\d+)_x86_64"', shown)
    assert match and (int(match[1]), int(match[2])) <= (2, 17), shown
    # pip of this 3.11 decides the abi3 tag fits; then a plain import calls Go.
    venv = make_venv(tmp_path / "venv")
    venv.install(wheel, wheelhouse=wheelhouse).check()
    out = venv.run_python(CALL, cwd=tmp_path).check().output
    assert "x86_64 (3, 11) 42 hello go 7" in out, out


# Windows -------------------------------------------------------------------

def pe_imported_names(objdump: str, dll: Path) -> dict[str, list[str]]:
    """The names a PE file imports, by DLL (from ``objdump -p``'s import tables)."""
    imports: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in run([objdump, "-p", dll]).check().output.splitlines():
        if "DLL Name:" in line:
            current = imports.setdefault(line.split(":", 1)[1].strip(), [])
        elif current is not None and re.match(r"^\s+[0-9a-f]+\s+\d+\s+\S+\s*$", line):
            current.append(line.split()[-1])
        elif not line.strip() and current:  # the blank line after a DLL's names
            current = None
    return imports


def stable_abi_names() -> set[str]:
    lines = ABI_NAMES.read_text().splitlines()
    return {line.split()[0] for line in lines if line and not line.startswith("#")}


@pytest.fixture(scope="module")
def windows_amd64_wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    require_program("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64")
    return cpython_mode_wheel(tmp_path_factory, "win64",
                              "-C--build-option=--plat-name=win_amd64")


def test_windows_amd64_module_links_only_the_stable_abi(
        windows_amd64_wheel: tuple[Path, str], tmp_path: Path) -> None:
    objdump = require_program("x86_64-w64-mingw32-objdump", "binutils-mingw-w64-x86-64")
    wheel, _ = windows_amd64_wheel
    assert wheel.name == "mypkg-1.0-cp311-abi3-win_amd64.whl"
    dll = extract_member(wheel, "mypkg/_native.pyd", tmp_path)
    info = read_binary_info(dll)
    assert (info.format, info.archs) == ("PE", ("amd64",))
    assert "PyInit__native" in info.exports
    imports = pe_imported_names(objdump, dll)
    assert not [name for name in imports if re.fullmatch(r"python3\d+\.dll", name.lower())]
    from_python = imports["python3.dll"]
    assert {"PyModuleDef_Init", "PyErr_CheckSignals", "PyThread_start_new_thread"} <= set(
        from_python), from_python
    assert set(from_python) <= stable_abi_names(), set(from_python) - stable_abi_names()


def test_windows_amd64_module_loads_under_wine(
        windows_amd64_wheel: tuple[Path, str], tmp_path: Path) -> None:
    """Windows' loader resolves every import (python3.dll: a stand-in exporting the
    names the module imports) and the Go runtime in the .pyd runs a call."""
    mingw = require_program("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64")
    objdump = require_program("x86_64-w64-mingw32-objdump", "binutils-mingw-w64-x86-64")
    wine = require_program("wine64", "wine64", "/usr/lib/wine/wine64")
    run_dir = tmp_path / "run"
    dll = extract_member(windows_amd64_wheel[0], "mypkg/_native.pyd", tmp_path / "unpacked")
    run_dir.mkdir()
    shutil.copy(dll, run_dir / "_native.pyd")
    names = pe_imported_names(objdump, dll)["python3.dll"]
    stub = tmp_path / "python3_stub.c"
    stub.write_text("".join(f"__declspec(dllexport) void {n}(void) {{}}\n" for n in names))
    run([mingw, "-shared", "-O2", "-o", run_dir / "python3.dll", stub]).check()
    run([mingw, "-O2", "-o", run_dir / "loader.exe",
         FIXTURES / "loader_cpython_mode.c"]).check()
    run([mingw, "-shared", "-O2", "-o", tmp_path / "bcryptprimitives.dll",
         FIXTURES / "wine_bcryptprimitives.c", "-ladvapi32"]).check()
    env = env_with(WINEPREFIX=str(tmp_path / "wine"), WINEDEBUG="-all")
    run([wine, "cmd", "/c", "exit"], env=env)  # creates the prefix
    system32 = tmp_path / "wine" / "drive_c" / "windows" / "system32"
    shutil.copy(tmp_path / "bcryptprimitives.dll", system32 / "bcryptprimitives.dll")
    out = run([wine, run_dir / "loader.exe", run_dir / "_native.pyd", "PyInit__native"],
              env=env, cwd=run_dir).check().output
    assert "PyInit__native found; goext_Add(2, 40) = 42, status 0" in out, out


def test_windows_arm64_module_built_with_zig(
        tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    require_module("ziglang")
    config = tmp_path / "cibw.cfg"
    config.write_text("[build_ext]\nplat_name=win-arm64\n")
    wheel, output = cpython_mode_wheel(tmp_path_factory, "winarm64",
                                       DIST_EXTRA_CONFIG=str(config),
                                       SETUPTOOLS_GOLANG_EXT_ZIG="1")
    assert "-target aarch64-windows-gnu" in output
    assert wheel.name == "mypkg-1.0-cp311-abi3-win_arm64.whl"
    info = read_binary_info(extract_member(wheel, "mypkg/_native.pyd", tmp_path))
    assert (info.format, info.archs) == ("PE", ("arm64",))
    assert "PyInit__native" in info.exports
    objdump = shutil.which("llvm-objdump")
    if objdump:  # the import table, as on AMD64
        imports = run([objdump, "-p", tmp_path / "mypkg" / "_native.pyd"]).check().output
        assert "python3.dll" in imports and not re.search(r"python3\d+\.dll", imports)


# macOS ---------------------------------------------------------------------

@pytest.mark.parametrize(("host_platform", "archs", "tag_arch"), [
    ("macosx-11.0-arm64", ("arm64",), "arm64"),
    ("macosx-12.0-x86_64", ("amd64",), "x86_64"),
    ("macosx-10.9-universal2", ("amd64", "arm64"), "universal2"),
])
def test_macos_modules_built_with_zig(
        tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, host_platform: str,
        archs: tuple[str, ...], tag_arch: str) -> None:
    require_module("ziglang")
    if tag_arch == "universal2":
        require_program("llvm-lipo", "llvm", *map(str, Path("/usr/bin").glob("llvm-lipo-*")))
    minimum = macos_minimum_of_go_in_use()
    archflags = " ".join(f"-arch {'x86_64' if a == 'amd64' else a}" for a in archs)
    wheel, output = cpython_mode_wheel(
        tmp_path_factory, f"macos-{tag_arch}", SETUPTOOLS_GOLANG_EXT_ZIG="1",
        _PYTHON_HOST_PLATFORM=host_platform, ARCHFLAGS=archflags,
        MACOSX_DEPLOYMENT_TARGET=host_platform.split("-")[1])
    assert "-undefined dynamic_lookup" in output  # Python's symbols come from the process
    tag = f"macosx_{minimum[0]}_{minimum[1]}_{tag_arch}"
    assert wheel.name == f"mypkg-1.0-cp311-abi3-{tag}.whl"
    library = extract_member(wheel, "mypkg/_native.abi3.so", tmp_path)
    info = read_binary_info(library)
    assert info.format == "Mach-O" and sorted(info.archs) == sorted(archs)
    assert set(info.macos_min) == {minimum}
    assert b"_PyInit__native" in library.read_bytes()
