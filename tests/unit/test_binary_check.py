"""Reading a built library's header to catch a library built for the wrong platform.

Each library here is a few hand-made header bytes (struct), enough for the reader:
an ELF, a thin and a universal Mach-O, and a PE DLL with an export table.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from setuptools_golang_ext.errors import GoBuildError
from setuptools_golang_ext.platforms.binary_check import (
    BinaryInfo,
    NotABinaryError,
    check_architecture,
    read_binary_info,
)

ELF_AARCH64, ELF_X86_64, ELF_PPC64 = 183, 62, 21
MACHO_ARM64, MACHO_X86_64 = 0x0100000C, 0x01000007
PE_AMD64, PE_ARM64 = 0x8664, 0xAA64


def elf_header(machine: int, bits64: bool = True, little: bool = True) -> bytes:
    endian = "<" if little else ">"
    return b"\x7fELF" + bytes([2 if bits64 else 1, 1 if little else 2, 1]) + bytes(9) + \
        struct.pack(endian + "HH", 3, machine) + bytes(44)


def macho_slice(cpu: int, minos: tuple[int, int] | None, *, old_style: bool = False) -> bytes:
    """A 64-bit Mach-O header with one load command naming the minimum macOS."""
    commands = b""
    if minos is not None:
        version = minos[0] << 16 | minos[1] << 8
        if old_style:  # LC_VERSION_MIN_MACOSX: cmd, cmdsize, version, sdk
            commands = struct.pack("<IIII", 0x24, 16, version, version)
        else:  # LC_BUILD_VERSION: cmd, cmdsize, platform (macOS), minos, sdk, ntools
            commands = struct.pack("<IIIIII", 0x32, 24, 1, version, version, 0)
    header = struct.pack("<IIIIIIII", 0xFEEDFACF, cpu, 0, 6, 1 if commands else 0,
                         len(commands), 0, 0)
    return header + commands


def universal(*slices: tuple[int, bytes]) -> bytes:
    """A fat Mach-O file: big-endian header, then each slice at a 4 KiB boundary."""
    data = bytearray(struct.pack(">II", 0xCAFEBABE, len(slices)))
    offsets = [4096 * (index + 1) for index in range(len(slices))]
    for (cpu, body), offset in zip(slices, offsets):
        data += struct.pack(">iiIII", cpu, 0, offset, len(body), 12)
    for (_, body), offset in zip(slices, offsets):
        data += bytes(offset - len(data)) + body
    return bytes(data)


def pe_dll(machine: int, exports: list[str]) -> bytes:
    """A PE32+ DLL: one section at RVA 0x1000 (file offset 0x200) holding the export table."""
    data = bytearray(0x400)
    data[:2] = b"MZ"
    struct.pack_into("<I", data, 0x3C, 0x40)
    data[0x40:0x44] = b"PE\0\0"
    optional_size = 240
    struct.pack_into("<HH", data, 0x44, machine, 1)
    struct.pack_into("<H", data, 0x40 + 20, optional_size)
    optional = 0x40 + 24
    struct.pack_into("<H", data, optional, 0x20B)
    struct.pack_into("<II", data, optional + 112, 0x1000, 0x100)  # export directory
    section = optional + optional_size
    data[section:section + 8] = b".edata\0\0"
    struct.pack_into("<IIII", data, section + 8, 0x200, 0x1000, 0x200, 0x200)
    struct.pack_into("<III", data, 0x200 + 24, len(exports), 0, 0x1040)
    for index, name in enumerate(exports):
        name_rva = 0x1080 + 0x20 * index
        struct.pack_into("<I", data, 0x240 + 4 * index, name_rva)
        start = name_rva - 0x1000 + 0x200
        data[start:start + len(name) + 1] = name.encode() + b"\0"
    return bytes(data)


def library(tmp_path: Path, data: bytes, name: str = "_native.so") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("header", "arch"), [
    (elf_header(ELF_X86_64), "amd64"),
    (elf_header(ELF_AARCH64), "arm64"),
    (elf_header(ELF_PPC64), "ppc64le"),
    (elf_header(ELF_PPC64, little=False), "ppc64"),
    (elf_header(ELF_X86_64, bits64=False), "amd64p32"),
    (elf_header(999), "elf-machine-999"),
])
def test_elf_machine_is_named_like_goarch(tmp_path: Path, header: bytes, arch: str) -> None:
    assert read_binary_info(library(tmp_path, header)) == BinaryInfo("ELF", (arch,))


def test_architecture_mix_up_is_reported(tmp_path: Path) -> None:
    so = library(tmp_path, elf_header(ELF_AARCH64))
    assert read_binary_info(so).archs == ("arm64",)
    check_architecture(so, "linux", ("arm64",))
    with pytest.raises(GoBuildError, match=r"ELF file for arm64, but the target is linux/amd64"):
        check_architecture(so, "linux", ("amd64",), describe="wheel tag linux_x86_64")
    with pytest.raises(GoBuildError, match="PE"):
        so.write_bytes(b"MZ" + bytes(100))
        check_architecture(so, "windows", ("amd64",))
    so.write_bytes(b"#!/bin/sh\n")
    with pytest.raises(GoBuildError, match="not an ELF, Mach-O or PE"):
        check_architecture(so, "linux", ("amd64",))


def test_mix_up_message_says_what_to_unset(tmp_path: Path) -> None:
    so = library(tmp_path, elf_header(ELF_AARCH64))
    with pytest.raises(GoBuildError) as info:
        check_architecture(so, "linux", ("amd64",), describe="wheel tag linux_x86_64")
    assert str(info.value) == (
        f"built library {so} is a ELF file for arm64, but the target is linux/amd64 "
        "(wheel tag linux_x86_64). The C compiler (CC) or GOOS/GOARCH do not match the "
        "wheel's platform: unset a stray GOARCH/CC, or pick the platform with --plat-name / "
        "_PYTHON_HOST_PLATFORM.")


@pytest.mark.parametrize("old_style", [False, True], ids=["build-version", "version-min"])
def test_thin_macos_library_names_its_minimum(tmp_path: Path, old_style: bool) -> None:
    dylib = library(tmp_path, macho_slice(MACHO_ARM64, (12, 0), old_style=old_style))
    assert read_binary_info(dylib) == BinaryInfo("Mach-O", ("arm64",), ((12, 0),))


def test_universal2_library_has_both_slices_and_their_minimums(tmp_path: Path) -> None:
    dylib = library(tmp_path, universal((MACHO_X86_64, macho_slice(MACHO_X86_64, (10, 15))),
                                        (MACHO_ARM64, macho_slice(MACHO_ARM64, (11, 0)))))
    info = read_binary_info(dylib)
    assert info == BinaryInfo("Mach-O", ("amd64", "arm64"), ((10, 15), (11, 0)))
    # A universal2 wheel accepts the slices in either order.
    assert check_architecture(dylib, "darwin", ("arm64", "amd64"), macos_min=(12, 0)) == info


def test_library_needing_newer_macos_than_the_wheel_tag_is_refused(tmp_path: Path) -> None:
    dylib = library(tmp_path, macho_slice(MACHO_ARM64, (13, 0)))
    check_architecture(dylib, "darwin", ("arm64",), macos_min=(13, 0))
    with pytest.raises(GoBuildError) as info:
        check_architecture(dylib, "darwin", ("arm64",), macos_min=(12, 0))
    assert str(info.value) == (f"built library {dylib} needs macOS 13.0, but the wheel tag "
                               "promises macOS 12.0: raise MACOSX_DEPLOYMENT_TARGET.")


def test_macos_library_without_a_minimum(tmp_path: Path) -> None:
    dylib = library(tmp_path, macho_slice(MACHO_X86_64, None))
    assert read_binary_info(dylib).macos_min == (None,)
    check_architecture(dylib, "darwin", ("amd64",), macos_min=(12, 0))


def test_windows_dll_exports_are_listed(tmp_path: Path) -> None:
    dll = library(tmp_path, pe_dll(PE_ARM64, ["Add", "goext_free"]), "_native.pyd")
    info = read_binary_info(dll)
    assert info == BinaryInfo("PE", ("arm64",), exports=("Add", "goext_free"))
    with pytest.raises(GoBuildError, match=r"a PE file for arm64, but the target is "
                                           r"windows/amd64"):
        check_architecture(dll, "windows", ("amd64",))


def test_dll_without_exports(tmp_path: Path) -> None:
    data = bytearray(pe_dll(PE_AMD64, []))
    struct.pack_into("<II", data, 0x40 + 24 + 112, 0, 0)  # no export directory at all
    assert read_binary_info(library(tmp_path, bytes(data))) == BinaryInfo("PE", ("amd64",))


@pytest.mark.parametrize(("data", "problem"), [
    (b"MZ" + bytes(100), "MZ file without a PE header"),
    (b"\x7fELF\x02", "damaged or unsupported binary header"),
    (b"\xca\xfe\xba\xbe" + struct.pack(">I", 1) + bytes(20), "not a 64-bit little-endian Mach-O"),
    (b"", "not an ELF, Mach-O or PE file (starts b'')"),
])
def test_damaged_headers_are_not_binaries(tmp_path: Path, data: bytes, problem: str) -> None:
    with pytest.raises(NotABinaryError) as info:
        read_binary_info(library(tmp_path, data))
    assert str(info.value).startswith(str(tmp_path / "_native.so") + ": ")
    assert problem in str(info.value)
