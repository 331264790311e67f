"""Joining per-architecture macOS libraries into one universal2 (fat) file."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from .._log import log
from .._run import run_command
from ..errors import GoToolchainError

LIPO_HINT = (
    "a universal2 build joins its arm64 and x86_64 libraries with `lipo` (part of "
    "Xcode's command line tools on macOS) or `llvm-lipo` (Debian/Ubuntu: apt-get "
    "install llvm); install one, or set LIPO to its path."
)


def find_lipo(environ: Mapping[str, str]) -> str:
    if environ.get("LIPO"):
        return environ["LIPO"]
    path = environ.get("PATH", os.defpath)
    for name in ("lipo", "llvm-lipo"):
        found = shutil.which(name, path=path)
        if found:
            return found
    # Debian installs versioned names only: /usr/bin/llvm-lipo-16 and /usr/lib/llvm-16/bin.
    versioned: list[Path] = []
    for directory in [*path.split(os.pathsep), "/usr/bin"]:
        if directory and Path(directory).is_dir():
            versioned.extend(Path(directory).glob("llvm-lipo-[0-9]*"))
    versioned.extend(Path("/usr/lib").glob("llvm-[0-9]*/bin/llvm-lipo"))
    if versioned:
        return str(max(versioned, key=lambda p: [int(n) for n in re.findall(r"\d+", str(p))]))
    raise GoToolchainError(LIPO_HINT)


def join_universal(
    slices: Sequence[Path], output: Path, environ: Mapping[str, str]
) -> None:
    lipo = find_lipo(environ)
    args = [lipo, "-create", *map(str, slices), "-output", str(output)]
    log.info("lipo: joining %d architectures into %s", len(slices), output.name)
    run_command(args, env=dict(environ)).check(f"{lipo} could not join {len(slices)} libraries")
