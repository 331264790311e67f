"""`//python:export readonly=data`: a []byte parameter Go only reads takes Python
bytes in place (no copy), while parameters without the marker get a copy."""

from __future__ import annotations

import sys
from pathlib import Path

from ..helpers import run, write_project

LIB_GO = """package main

import "C"

import "unsafe"

// Where reports the address of the first byte Go sees, only reading data.
//
//python:export readonly=data
func Where(data []byte) uint64 { return uint64(uintptr(unsafe.Pointer(&data[0]))) }

// WhereCopied is the same without the marker.
//
//python:export
func WhereCopied(data []byte) uint64 { return uint64(uintptr(unsafe.Pointer(&data[0]))) }

var kept []byte
var keptNumbers []float64

// Keep keeps both slices after the call, as bytes.NewReader keeps its argument.
//
//python:export
func Keep(data []byte, numbers []float64) { kept, keptNumbers = data, numbers }

// Kept is what Keep kept.
//
//python:export
func Kept() (string, float64) { return string(kept), keptNumbers[0] + keptNumbers[1] }

func main() {}
"""

KEEP = """
import array, gc
from setuptools_golang_ext.runtime import load
for leaf in ("_native", "_native_c"):
    lib = load("mypkg." + leaf)
    lib.Keep(bytes(bytearray(b"hello " * 100)), [1.5, 2.5])  # copies Go may keep
    gc.collect()
    litter = [bytearray(b"z" * 600) for _ in range(1000)]
    litter += [array.array("d", [9.0, 9.0]) for _ in range(1000)]
    print(lib.Kept() == ("hello " * 100, 4.0))
"""

CALL = """
import ctypes
from setuptools_golang_ext.runtime import load
lib = load("mypkg._native")
data = b"immutable " * 1000
address = ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value
print(lib.Where(data) == address, lib.WhereCopied(data) == address)
buffer = bytearray(data)
in_place = ctypes.addressof(ctypes.c_char.from_buffer(buffer))
print(lib.Where(buffer) == in_place, lib.WhereCopied(buffer) == in_place)
"""


def _build(project: Path) -> str:
    result = run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=project)
    return result.output if result.returncode else ""


def test_readonly_bytes_are_passed_in_place_and_others_copied(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": LIB_GO}, ext_modules=(
        'GoExtension("mypkg._native", "mypkg/go"), '
        'GoExtension("mypkg._native_c", "mypkg/go", bindings="cpython")'))
    assert _build(project) == ""
    called = run([sys.executable, "-c", CALL], cwd=project).check()
    # bytes: in place only with readonly=; a writable bytearray: in place either way.
    assert called.output.split() == ["True", "False", "True", "True"]
    # bytes and a list are copied anyway, into Go memory: Go may keep them.
    assert run([sys.executable, "-c", KEEP], cwd=project).check().output.split() == \
        ["True", "True"]


def test_readonly_naming_no_byte_parameter_is_a_build_error(tmp_path: Path) -> None:
    source = LIB_GO.replace("readonly=data", "readonly=date")
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": source})
    output = _build(project)
    assert "func Where: readonly=date: it has no []byte parameter of that name" in output
