"""Target resolution from what setuptools and cibuildwheel tell a build (no builds here)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext.errors import (
    GoExtensionConfigError,
    GoToolchainError,
)
from setuptools_golang_ext.platforms.compilers import compiler_environment
from setuptools_golang_ext.platforms.target import (
    go_minimum_macos,
    library_suffix,
    parse_platform,
    resolve_target,
)
from setuptools_golang_ext.platforms.zig import zig_triple

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


@pytest.mark.parametrize(("plat", "goos", "goarchs", "macos_min", "glibc"), [
    ("manylinux1_x86_64", "linux", ("amd64",), None, (2, 5)),
    ("manylinux2010_i686", "linux", ("386",), None, (2, 12)),
    ("manylinux_2_28_aarch64", "linux", ("arm64",), None, (2, 28)),
    ("macosx_10_9_universal2", "darwin", ("arm64", "amd64"), (10, 9), None),
    ("macosx-11.0-x86_64", "darwin", ("amd64",), (11, 0), None),
    ("WIN-AMD64", "windows", ("amd64",), None, None),
    ("linux-riscv64", "linux", ("riscv64",), None, None),
])
def test_distutils_and_wheel_tag_spellings_are_read(plat: str, goos: str,
                                                    goarchs: tuple[str, ...],
                                                    macos_min: tuple[int, int] | None,
                                                    glibc: tuple[int, int] | None) -> None:
    parsed = parse_platform(plat)
    assert (parsed.goos, parsed.goarchs, parsed.macos_min, parsed.glibc) == (
        goos, goarchs, macos_min, glibc)


def test_unknown_architecture_lists_the_supported_ones() -> None:
    with pytest.raises(GoExtensionConfigError) as info:
        parse_platform("linux-sparc")
    assert str(info.value) == (
        "unknown architecture 'sparc' in platform 'linux-sparc'; supported: aarch64, amd64, "
        "arm64, i386, i686, ppc64le, riscv64, s390x, win32, x64, x86, x86_64")


def test_manylinux_tag_is_kept_for_auditwheel_but_only_zig_links_old_glibc() -> None:
    plain = resolve("manylinux_2_28_x86_64")
    assert (plain.platform_tag, plain.glibc) == ("manylinux_2_28_x86_64", None)
    with_zig = resolve("manylinux_2_28_x86_64", zig=True)
    assert (with_zig.platform_tag, with_zig.glibc) == ("manylinux_2_28_x86_64", (2, 28))
    assert zig_triple(with_zig) == "x86_64-linux-gnu.2.28"


def test_users_goos_and_goarch_override_the_platform_with_a_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, "setuptools_golang_ext"):
        target = resolve("linux-x86_64", GOOS="darwin", GOARCH="arm64")
    assert target.platform_tag == "macosx_12_0_arm64"
    assert [r.getMessage() for r in caplog.records] == [
        "GOOS=darwin overrides the platform linux",
        "GOARCH=arm64 overrides the architecture amd64",
    ]


@pytest.mark.parametrize(("env", "message"), [
    ({"GOOS": "freebsd"}, "GOOS='freebsd' is not supported: use linux, darwin or windows"),
    ({"GOOS": "windows", "GOARCH": "riscv64"},
     "GOOS=windows GOARCH=riscv64 is not a target setuptools-golang-ext builds"),
])
def test_targets_go_can_build_but_wheels_cannot_carry_are_refused(env: dict[str, str],
                                                                  message: str) -> None:
    with pytest.raises(GoExtensionConfigError) as info:
        resolve("linux-x86_64", **env)
    assert str(info.value) == message


def test_universal2_is_built_as_one_slice_per_architecture() -> None:
    target = resolve("macosx-11.0-universal2")
    assert target.universal and target.describe() == (
        "darwin/arm64+amd64 (wheel tag macosx_12_0_universal2)")
    slices = target.slices()
    assert [(s.goarchs, s.cross, s.platform_tag) for s in slices] == [
        (("arm64",), True, "macosx_12_0_universal2"),
        (("amd64",), True, "macosx_12_0_universal2"),
    ]
    assert slices[0].goarch == "arm64"
    with pytest.raises(ValueError, match="has several architectures"):
        _ = target.goarch


def test_host_builds_are_not_cross_builds() -> None:
    assert resolve(None).cross is False
    assert resolve(None, host=("darwin", "arm64")).platform_tag == "macosx_12_0_arm64"
    assert resolve(None, host=("windows", "amd64")).platform_tag == "win_amd64"
    assert resolve(None, host=("windows", "amd64")).cross is False


@pytest.mark.parametrize(("go", "minimum"), [
    ((1, 21, 0), (10, 15)),
    ((1, 22, 9), (10, 15)),
    ((1, 23, 0), (11, 0)),
    ((1, 25, 1), (12, 0)),
    ((1, 27, 0), (13, 0)),
    ((1, 20, 0), (10, 15)),
])
def test_oldest_macos_each_go_supports(go: tuple[int, int, int], minimum: tuple[int, int]) -> None:
    assert go_minimum_macos(go) == minimum
