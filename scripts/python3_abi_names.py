"""Regenerate setuptools_golang_ext/platforms/python3_abi_names.txt: what python3.dll exports.

Run it with the CPythons whose headers to read (newest last; 3.9-3.13 made
the shipped list) and a MinGW-w64 compiler (CC, default x86_64-w64-mingw32-gcc):

    python scripts/python3_abi_names.py ~/.pyenv/versions/3.*/bin/python

For each, it preprocesses ``#include <Python.h>`` for 64-bit Windows with
Py_LIMITED_API set to that Python's version, with and without PY_SSIZE_T_CLEAN
(older headers then name ``_PyArg_ParseTuple_SizeT`` and friends), and keeps
every PyAPI_FUNC/PyAPI_DATA name declared: the union is the list. That is the
limited API, which CPython keeps equal to its stable-ABI manifest
(Misc/stable_abi.toml); the manifest's few ABI-only names that no header
declares cannot be called by extension code anyway.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from setuptools_golang_ext._run import run_command
from setuptools_golang_ext.platforms.python_capi import windows_include_dir
from setuptools_golang_ext.platforms.python_import_lib import (
    ABI_NAMES_FILE,
    Export,
    exports_from_preprocessed,
    write_export_list,
)

OUTPUT = Path(__file__).resolve().parent.parent / "setuptools_golang_ext" / "platforms"
QUERY = "import sys, sysconfig; print(sysconfig.get_path('include')); print(sys.version_info[1])"


def names_of(python: str, compiler: str, scratch: Path) -> set[Export]:
    lines = run_command([python, "-c", QUERY], env=dict(os.environ)).check(python).stdout.split()
    include = windows_include_dir(Path(lines[0]), "amd64", scratch)
    limited = f"-DPy_LIMITED_API=0x03{int(lines[1]):02X}0000"
    probe = scratch / "probe.c"
    found: set[Export] = set()
    for clean in ([], ["-DPY_SSIZE_T_CLEAN"]):
        probe.write_text("#include <Python.h>\n")
        run_command([compiler, "-E", limited, *clean, f"-I{include}", str(probe), "-o",
                     str(probe.with_suffix(".i"))], env=dict(os.environ)).check("cc -E")
        found.update(exports_from_preprocessed(probe.with_suffix(".i").read_text(),
                                               str(include)))
    print(f"{python}: 3.{lines[1]}, {len(found)} names")
    return found


def main() -> None:
    compiler = os.environ.get("CC", "x86_64-w64-mingw32-gcc")
    exports: set[Export] = set()
    with tempfile.TemporaryDirectory() as scratch:
        for python in sys.argv[1:]:
            exports |= names_of(python, compiler, Path(scratch))
    # A name some version declared as data and another as a function cannot happen.
    header = ("# Names python3.dll exports (the stable ABI): every PyAPI_FUNC/PyAPI_DATA the\n"
              "# limited-API headers of CPython 3.9-3.13 declare for Windows. Made by\n"
              "# scripts/python3_abi_names.py; DATA marks variables.\n")
    (OUTPUT / ABI_NAMES_FILE).write_text(header + write_export_list(sorted(exports)))
    print(f"{len(exports)} names written to {OUTPUT / ABI_NAMES_FILE}")


if __name__ == "__main__":
    main()
