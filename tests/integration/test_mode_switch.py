"""Switching ``bindings`` between "ctypes" and "cpython" leaves no library of the
other mode behind, in place or in a wheel built over an existing build/ (issue 20);
and the wheel's generated files are readable by everyone."""

from __future__ import annotations

import stat
import sys
import zipfile
from pathlib import Path

from ..helpers import build, build_inplace, only_file, run, write_project

ECHO_GO = """package main

import "C"

//python:export
func Echo(s string) string { return s }

func main() {}
"""


def set_mode(project: Path, mode: str) -> None:
    setup = project / "setup.py"
    text = setup.read_text()
    for old in ('bindings="ctypes"', 'bindings="cpython"'):
        text = text.replace(old, f'bindings="{mode}"')
    setup.write_text(text)


def libraries(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob("_native*") if p.suffix in {".so", ".pyd"})


def test_switching_binding_mode_leaves_one_library(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ECHO_GO},
                            ext_modules='GoExtension("mypkg._native", "mypkg/go", '
                                        'bindings="ctypes")')
    build(project).check()  # fills build/ with the ctypes library
    build_inplace(project).check()
    set_mode(project, "cpython")
    build_inplace(project).check()
    package = project / "mypkg"
    assert libraries(package) == ["_native.abi3.so"]
    out = run([sys.executable, "-c", "import mypkg._native as m; print(type(m).__name__, "
               "m.Echo('hi'))"], cwd=project).check().output
    assert out.split() == ["module", "hi"], out

    build(project).check()  # over the build/ of both modes
    wheel = only_file(project / "dist", "*cp3*abi3*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        modes = {info.filename: stat.S_IMODE(info.external_attr >> 16)
                 for info in archive.infolist()}
    assert sorted(n for n in names if n.startswith("mypkg/_native")) == [
        "mypkg/_native.abi3.so", "mypkg/_native_api.json", "mypkg/_native_api.py"], names
    # As a normal file write makes them (go build writes the library 0644 too).
    assert modes["mypkg/_native_api.json"] == modes["mypkg/_native_api.py"] == 0o644, modes

    set_mode(project, "ctypes")  # and back: the abi3 module would ship beside it
    build_inplace(project).check()
    assert libraries(package) == [only_file(package, "_native.cpython-*").name]
    assert not list((project / "build").rglob("_native.abi3.so"))
