"""Reading a built library's header: format, architecture(s), macOS minimum, PE exports.

Pure ``struct`` over the first bytes of ELF, Mach-O (thin and fat) and PE files;
enough to catch the classic mix-up of an arm64 library in an x86_64 wheel.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from ..errors import GoBuildError

_ELF_MACHINES = {3: "386", 62: "amd64", 183: "arm64", 21: "ppc64", 22: "s390x", 243: "riscv64",
                 40: "arm"}
_MACHO_CPUS = {0x01000007: "amd64", 0x0100000C: "arm64", 7: "386", 12: "arm"}
_PE_MACHINES = {0x8664: "amd64", 0xAA64: "arm64", 0x14C: "386"}
_LC_VERSION_MIN_MACOSX = 0x24
_LC_BUILD_VERSION = 0x32
_FORMAT_OF_GOOS = {"linux": "ELF", "darwin": "Mach-O", "windows": "PE"}


@dataclass(frozen=True)
class BinaryInfo:
    format: str  # "ELF", "Mach-O" or "PE"
    archs: tuple[str, ...]  # GOARCH names; several for a universal (fat) Mach-O file
    macos_min: tuple[tuple[int, int] | None, ...] = ()  # one per Mach-O slice
    exports: tuple[str, ...] = ()  # PE export table names


class NotABinaryError(ValueError):
    pass


def _elf(data: bytes) -> BinaryInfo:
    endian = "<" if data[5] == 1 else ">"
    (machine,) = struct.unpack_from(endian + "H", data, 18)
    arch = _ELF_MACHINES.get(machine, f"elf-machine-{machine}")
    if arch == "ppc64" and endian == "<":
        arch = "ppc64le"
    if arch == "amd64" and data[4] == 1:
        arch = "amd64p32"
    return BinaryInfo("ELF", (arch,))


def _macho_minos(data: bytes, offset: int) -> tuple[int, int] | None:
    ncmds, _ = struct.unpack_from("<II", data, offset + 16)
    position = offset + 32
    for _ in range(ncmds):
        command, size = struct.unpack_from("<II", data, position)
        if command == _LC_BUILD_VERSION:
            (version,) = struct.unpack_from("<I", data, position + 12)
            return (version >> 16, (version >> 8) & 0xFF)
        if command == _LC_VERSION_MIN_MACOSX:
            (version,) = struct.unpack_from("<I", data, position + 8)
            return (version >> 16, (version >> 8) & 0xFF)
        position += size
    return None


def _macho_thin(data: bytes, offset: int) -> tuple[str, tuple[int, int] | None]:
    magic, cpu = struct.unpack_from("<II", data, offset)
    if magic != 0xFEEDFACF:
        raise NotABinaryError(f"not a 64-bit little-endian Mach-O slice (magic {magic:#x})")
    return _MACHO_CPUS.get(cpu, f"macho-cpu-{cpu:#x}"), _macho_minos(data, offset)


def _macho(data: bytes) -> BinaryInfo:
    (magic,) = struct.unpack_from(">I", data, 0)
    if magic in (0xCAFEBABE, 0xCAFEBABF):
        (count,) = struct.unpack_from(">I", data, 4)
        wide = magic == 0xCAFEBABF
        slices = []
        for index in range(count):
            if wide:
                _, _, offset, _, _, _ = struct.unpack_from(">iiQQII", data, 8 + index * 32)
            else:
                _, _, offset, _, _ = struct.unpack_from(">iiIII", data, 8 + index * 20)
            slices.append(_macho_thin(data, offset))
    else:
        slices = [_macho_thin(data, 0)]
    return BinaryInfo("Mach-O", tuple(a for a, _ in slices), tuple(m for _, m in slices))


def _pe_exports(data: bytes, optional: int, sections: int, count: int) -> tuple[str, ...]:
    (magic,) = struct.unpack_from("<H", data, optional)
    directories = optional + (112 if magic == 0x20B else 96)
    export_rva, export_size = struct.unpack_from("<II", data, directories)
    if not export_size:
        return ()
    table = [struct.unpack_from("<IIII", data, sections + 40 * i + 8) for i in range(count)]

    def file_offset(rva: int) -> int:
        for virtual_size, virtual_address, raw_size, raw_pointer in table:
            if virtual_address <= rva < virtual_address + max(virtual_size, raw_size):
                return int(rva - virtual_address + raw_pointer)
        raise NotABinaryError(f"PE export RVA {rva:#x} is in no section")

    directory = file_offset(export_rva)
    names_count, _, names_rva = struct.unpack_from("<III", data, directory + 24)
    names = []
    for index in range(names_count):
        (name_rva,) = struct.unpack_from("<I", data, file_offset(names_rva) + 4 * index)
        start = file_offset(name_rva)
        names.append(data[start : data.index(b"\0", start)].decode("ascii", "replace"))
    return tuple(names)


def _pe(data: bytes) -> BinaryInfo:
    (header,) = struct.unpack_from("<I", data, 0x3C)
    if data[header : header + 4] != b"PE\0\0":
        raise NotABinaryError("MZ file without a PE header")
    machine, sections_count = struct.unpack_from("<HH", data, header + 4)
    (optional_size,) = struct.unpack_from("<H", data, header + 20)
    optional = header + 24
    arch = _PE_MACHINES.get(machine, f"pe-machine-{machine:#x}")
    exports = _pe_exports(data, optional, optional + optional_size, sections_count)
    return BinaryInfo("PE", (arch,), exports=exports)


def read_binary_info(path: Path) -> BinaryInfo:
    data = path.read_bytes()
    try:
        if data[:4] == b"\x7fELF":
            return _elf(data)
        if data[:4] in (b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"\xca\xfe\xba\xbf"):
            return _macho(data)
        if data[:2] == b"MZ":
            return _pe(data)
    except (struct.error, IndexError, ValueError) as exc:
        raise NotABinaryError(f"{path}: damaged or unsupported binary header ({exc})") from exc
    raise NotABinaryError(f"{path}: not an ELF, Mach-O or PE file (starts {data[:4]!r})")


def check_architecture(
    path: Path,
    goos: str,
    goarchs: tuple[str, ...],
    *,
    macos_min: tuple[int, int] | None = None,
    describe: str = "",
) -> BinaryInfo:
    """Fail clearly unless ``path`` is a library for ``goos``/``goarchs``."""
    wanted = f"{goos}/{'+'.join(goarchs)}" + (f" ({describe})" if describe else "")
    try:
        info = read_binary_info(path)
    except NotABinaryError as exc:
        raise GoBuildError(f"built library {path} cannot be checked for {wanted}: {exc}") from exc
    found = f"a {info.format} file for {'+'.join(info.archs)}"
    if info.format != _FORMAT_OF_GOOS[goos] or sorted(info.archs) != sorted(goarchs):
        raise GoBuildError(
            f"built library {path} is {found}, but the target is {wanted}. The C compiler "
            f"(CC) or GOOS/GOARCH do not match the wheel's platform: unset a stray "
            f"GOARCH/CC, or pick the platform with --plat-name / _PYTHON_HOST_PLATFORM."
        )
    too_new = [m for m in info.macos_min if macos_min and m and m > macos_min]
    if too_new:
        raise GoBuildError(
            f"built library {path} needs macOS {'.'.join(map(str, max(too_new)))}, but the "
            f"wheel tag promises macOS {'.'.join(map(str, macos_min or ()))}: raise "
            f"MACOSX_DEPLOYMENT_TARGET."
        )
    return info
