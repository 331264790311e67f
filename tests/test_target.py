"""Target resolution from what setuptools and cibuildwheel tell a build (no builds here)."""

from __future__ import annotations

import logging
import struct
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext.errors import (
    GoBuildError,
    GoExtensionConfigError,
    GoToolchainError,
)
from setuptools_golang_ext.platforms.binary_check import check_architecture, read_binary_info
from setuptools_golang_ext.platforms.compilers import compiler_environment
from setuptools_golang_ext.platforms.target import library_suffix, resolve_target
from setuptools_golang_ext.platforms.zig import go_quote, zig_triple

GO = (1, 26, 8)
LINUX = ("linux", "amd64")


def resolve(plat: str | None, host: tuple[str, str] = LINUX, zig: bool = False,
            go: tuple[int, int, int] = GO, **env: str):  # type: ignore[no-untyped-def]
    return resolve_target(plat, env, go_version=go, zig=zig, host=host)


@pytest.mark.parametrize(("plat", "env", "goos", "goarchs", "tag"), [
    ("linux-x86_64", {}, "linux", ("amd64",), "linux_x86_64"),
    ("linux-aarch64", {}, "linux", ("arm64",), "linux_aarch64"),
    ("manylinux2014_aarch64", {}, "linux", ("arm64",),
     "manylinux_2_17_aarch64.manylinux2014_aarch64"),
    ("win-amd64", {}, "windows", ("amd64",), "win_amd64"),
    ("win-amd64", {"VSCMD_ARG_TGT_ARCH": "arm64"}, "windows", ("arm64",), "win_arm64"),
    ("win32", {}, "windows", ("386",), "win32"),
    ("macosx-11.0-arm64", {}, "darwin", ("arm64",), "macosx_12_0_arm64"),
    ("macosx-10.9-universal2", {}, "darwin", ("arm64", "amd64"), "macosx_12_0_universal2"),
    ("macosx-10.9-universal2", {"ARCHFLAGS": "-arch x86_64"}, "darwin", ("amd64",),
     "macosx_12_0_x86_64"),
    ("macosx-13.0-x86_64", {"ARCHFLAGS": "-arch arm64 -arch x86_64"}, "darwin",
     ("arm64", "amd64"), "macosx_13_0_universal2"),
    ("linux-x86_64", {"GOOS": "windows", "GOARCH": "arm64"}, "windows", ("arm64",), "win_arm64"),
])
def test_platform_names_and_environment(plat: str, env: dict[str, str], goos: str,
                                        goarchs: tuple[str, ...], tag: str) -> None:
    target = resolve(plat, **env)
    assert (target.goos, target.goarchs, target.platform_tag) == (goos, goarchs, tag)
    assert target.cross == ((goos, goarchs) != ("linux", ("amd64",)))


def test_host_platform_variable_and_zig_manylinux() -> None:
    target = resolve(None, zig=True, _PYTHON_HOST_PLATFORM="linux-aarch64")
    assert target.platform_tag == "manylinux_2_17_aarch64.manylinux2014_aarch64"
    assert target.glibc == (2, 17) and target.cross
    assert zig_triple(target) == "aarch64-linux-gnu.2.17"


def test_macos_deployment_target_is_raised_to_gos_minimum(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, "setuptools_golang_ext"):
        target = resolve("macosx-10.9-x86_64", MACOSX_DEPLOYMENT_TARGET="10.13")
    assert target.macos_min == (12, 0) and target.platform_tag == "macosx_12_0_x86_64"
    assert "raising the macOS deployment target from 10.13 to 12.0" in caplog.text
    assert resolve("macosx-11.0-arm64", go=(1, 27, 0)).macos_min == (13, 0)
    assert resolve("macosx-11.0-arm64", go=(1, 23, 1)).macos_min == (11, 0)
    assert resolve("macosx-11.0-arm64", MACOSX_DEPLOYMENT_TARGET="14.2").macos_min == (14, 2)


@pytest.mark.parametrize("plat", ["musllinux_1_2_x86_64", "musllinux-1.1-aarch64"])
def test_musllinux_is_refused_with_the_reason(plat: str) -> None:
    with pytest.raises(GoExtensionConfigError, match=r"musl.*golang/go/issues/13492"):
        resolve(plat)


@pytest.mark.parametrize("plat", ["freebsd-13-amd64", "linux-sparc", "macosx-11.0-ppc"])
def test_unknown_targets_are_refused(plat: str) -> None:
    with pytest.raises(GoExtensionConfigError):
        resolve(plat)


def test_library_suffixes() -> None:
    major_minor = f"{sys.version_info[0]}{sys.version_info[1]}"
    flags = getattr(sys, "abiflags", "")
    cases = {
        "win-arm64": f".cp{major_minor}{flags}-win_arm64.pyd",
        "linux-aarch64": f".cpython-{major_minor}{flags}-aarch64-linux-gnu.so",
        "macosx-11.0-universal2": f".cpython-{major_minor}{flags}-darwin.so",
        "linux-x86_64": ".host-suffix.so",
    }
    for plat, suffix in cases.items():
        target = resolve(plat)
        assert library_suffix(target, python_independent=False,
                              host_suffix=".host-suffix.so") == suffix
    assert library_suffix(resolve("win-amd64"), python_independent=True, host_suffix="") == ".pyd"
    assert library_suffix(resolve("linux-aarch64"), python_independent=True,
                          host_suffix="") == ".so"


@pytest.mark.parametrize(("plat_name", "what_to_install"), [
    ("win-arm64", "llvm-mingw"),
    ("win-amd64", "gcc-mingw-w64-x86-64"),
    ("linux-aarch64", "gcc-aarch64-linux-gnu"),
    ("macosx-11.0-arm64", "zig"),
])
def test_missing_cross_compilers_say_what_to_install(tmp_path: Path, plat_name: str,
                                                     what_to_install: str) -> None:
    with pytest.raises(GoToolchainError, match=what_to_install):
        compiler_environment(resolve(plat_name), {"PATH": str(tmp_path)}, zig=False,
                             scratch=tmp_path, host=LINUX)


def test_users_cc_is_kept_for_cross_builds(tmp_path: Path) -> None:
    user = {"PATH": str(tmp_path), "CC": "my-cc"}
    assert compiler_environment(resolve("win-arm64"), user, zig=False, scratch=tmp_path,
                                host=LINUX) == {}


def test_go_quoting_of_compiler_words() -> None:
    assert go_quote("/usr/bin/zig") == "/usr/bin/zig"
    assert go_quote("/My Tools/zig") == "'/My Tools/zig'"
    assert go_quote("it's here/zig x") == '"it\'s here/zig x"'


def elf_header(machine: int, bits64: bool = True) -> bytes:
    return b"\x7fELF" + bytes([2 if bits64 else 1, 1, 1]) + bytes(9) + struct.pack(
        "<HH", 3, machine) + bytes(44)


def test_architecture_mix_up_is_reported(tmp_path: Path) -> None:
    library = tmp_path / "_native.so"
    library.write_bytes(elf_header(183))
    assert read_binary_info(library).archs == ("arm64",)
    check_architecture(library, "linux", ("arm64",))
    with pytest.raises(GoBuildError, match=r"ELF file for arm64, but the target is linux/amd64"):
        check_architecture(library, "linux", ("amd64",), describe="wheel tag linux_x86_64")
    with pytest.raises(GoBuildError, match="PE"):
        library.write_bytes(b"MZ" + bytes(100))
        check_architecture(library, "windows", ("amd64",))
    library.write_bytes(b"#!/bin/sh\n")
    with pytest.raises(GoBuildError, match="not an ELF, Mach-O or PE"):
        check_architecture(library, "linux", ("amd64",))


def test_windows_native_compiler_only_for_the_same_architecture(tmp_path: Path) -> None:
    """An x64 Windows gcc must not be used for ARM64 (cibuildwheel cross-builds ARM64)."""
    gcc = tmp_path / "gcc"
    gcc.write_text("")
    gcc.chmod(0o755)
    env = {"PATH": str(tmp_path)}
    found = compiler_environment(resolve("win-amd64", host=("windows", "amd64")), env,
                                 zig=False, scratch=tmp_path, host=("windows", "amd64"))
    assert found == {"CC": str(gcc)}
    with pytest.raises(GoToolchainError, match="llvm-mingw"):
        compiler_environment(resolve("win-arm64", host=("windows", "amd64")), env, zig=False,
                             scratch=tmp_path, host=("windows", "amd64"))


def test_file_names_need_no_go(caplog: pytest.LogCaptureFixture) -> None:
    """build_ext names files while options are finalized, even for an sdist without Go."""
    with caplog.at_level(logging.WARNING, "setuptools_golang_ext"):
        target = resolve_target("macosx-10.9-arm64", {}, go_version=None, host=LINUX)
    assert target.goarchs == ("arm64",) and target.cross
    assert caplog.text == ""
