"""Import libraries for ``python3.dll``/``pythonXY.dll``, made from name lists, not downloaded.

A Windows linker resolves a DLL's functions through an import library. A
cross build from Linux has no Python for Windows to take one from, so we
write a ``.def`` file (the DLL name and its exported names) and let dlltool
(MinGW's or LLVM's) turn it into the import library ``lib<name>.a``.

The stable-ABI names of ``python3.dll`` ship as ``python3_abi_names.txt``
(how it is made: ``scripts/python3_abi_names.py``). The names of a full
``pythonXY.dll`` come from the target's own headers, preprocessed the same way.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .._run import run_command
from ..errors import GoToolchainError

ABI_NAMES_FILE = "python3_abi_names.txt"
_DLLTOOL_MACHINE = {"amd64": "i386:x86-64", "arm64": "arm64", "386": "i386"}
_MINGW_TRIPLE = {"amd64": "x86_64-w64-mingw32", "arm64": "aarch64-w64-mingw32",
                 "386": "i686-w64-mingw32"}
# Preprocessor line markers: `# 12 "path/object.h" 2`.
_LINE_MARKER = re.compile(r'^#\s*\d+\s+"([^"]*)"')
_ATTRIBUTE = re.compile(r"__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)|__declspec\s*\([^)]*\)")
_POINTER_NAME = re.compile(r"\(\s*\*\s*([A-Za-z_]\w*)\s*\)")
_NAME_BEFORE_PAREN = re.compile(r"([A-Za-z_]\w*)\s*\(")
_LAST_NAME = re.compile(r"([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)*$")


@dataclass(frozen=True, order=True)
class Export:
    name: str
    data: bool  # a variable (PyLong_Type), which a .def file marks DATA


def _python_declarations(preprocessed: str, include_dir: str) -> Iterable[str]:
    """Each ``dllimport`` declaration (joined to one line) from a file under ``include_dir``."""
    in_python = False
    pending: list[str] = []
    for line in preprocessed.splitlines():
        marker = _LINE_MARKER.match(line)
        if marker:
            in_python = marker.group(1).startswith(include_dir)
            continue
        if not in_python and not pending:
            continue
        if pending or "dllimport" in line:
            pending.append(line)
            if ";" in line:
                yield " ".join(pending).split(";", 1)[0]
                pending = []


def exports_from_preprocessed(preprocessed: str, include_dir: str) -> list[Export]:
    """The names Python's headers declare ``PyAPI_FUNC``/``PyAPI_DATA`` (``dllimport``
    once preprocessed for Windows), from ``cc -E`` output of ``#include <Python.h>``."""
    found: set[Export] = set()
    for declaration in _python_declarations(preprocessed, include_dir):
        text = _ATTRIBUTE.sub(" ", declaration).strip()
        data = text.startswith("extern")
        if data:  # `extern T name;`, `extern T (*name)(...);`
            match = _POINTER_NAME.search(text) or _LAST_NAME.search(text)
        else:  # `T name(...)`
            match = _NAME_BEFORE_PAREN.search(text)
        if match:
            found.add(Export(match.group(1), data))
    return sorted(found)


def read_export_list(text: str) -> list[Export]:
    """``name`` or ``name DATA`` per line; ``#`` starts a comment."""
    exports = []
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            exports.append(Export(words[0], words[1:] == ["DATA"]))
    return exports


def write_export_list(exports: Iterable[Export]) -> str:
    return "".join(f"{e.name} DATA\n" if e.data else f"{e.name}\n" for e in exports)


def stable_abi_exports() -> list[Export]:
    """What ``python3.dll`` exports (the stable ABI), from the list shipped with us."""
    text = resources.files(__package__).joinpath(ABI_NAMES_FILE).read_text(encoding="utf-8")
    return read_export_list(text)


def def_file_text(dll_name: str, exports: Iterable[Export]) -> str:
    lines = [f"LIBRARY {dll_name}", "EXPORTS"]
    lines += [f"    {e.name} DATA" if e.data else f"    {e.name}" for e in exports]
    return "\n".join(lines) + "\n"


def find_dlltool(goarch: str, environ: Mapping[str, str]) -> str:
    path = environ.get("PATH", os.defpath)
    names = [f"{_MINGW_TRIPLE.get(goarch, '')}-dlltool", "llvm-dlltool"]
    for name in names:
        found = shutil.which(name, path=path)
        if found:
            return found
    raise GoToolchainError(
        f"linking Python C-API code for Windows needs an import library for the Python "
        f"DLL, and making one needs dlltool (looked for {', '.join(names)} on PATH): "
        f"install MinGW-w64 binutils (Debian/Ubuntu: apt-get install "
        f"binutils-mingw-w64-x86-64) or LLVM (apt-get install llvm)."
    )


def make_import_library(
    dll_name: str, exports: Iterable[Export], goarch: str, directory: Path,
    environ: Mapping[str, str],
) -> Path:
    """Write ``lib<stem>.a`` for ``dll_name`` into ``directory`` (``-l<stem>`` finds it)."""
    dlltool = find_dlltool(goarch, environ)
    directory.mkdir(parents=True, exist_ok=True)
    stem = dll_name.rsplit(".", 1)[0]
    definition = directory / f"{stem}.def"
    definition.write_text(def_file_text(dll_name, exports), encoding="utf-8")
    # Not lib<stem>.dll.a: zig's linker looks for <stem>.lib and lib<stem>.a only.
    library = directory / f"lib{stem}.a"
    run_command(
        [dlltool, "-m", _DLLTOOL_MACHINE[goarch], "-d", str(definition), "-D", dll_name,
         "-l", str(library)],
        env=dict(environ), cwd=directory, quiet=True,
    ).check(f"{Path(dlltool).name} could not make the import library of {dll_name}")
    return library
