"""Why a library was not found or could not be loaded, and what to do (only on the
way to an error: no load that succeeds imports it)."""

from __future__ import annotations

import os
import sys

from ._locate import library_suffixes, search_directories


def near_misses(fullname: str) -> list[str]:
    """Files that look like this library but were built for another Python or platform."""
    from pathlib import Path  # only on the way to an error

    leaf = fullname.rpartition(".")[2]
    found: list[str] = []
    for directory in map(Path, search_directories(fullname)):
        if directory.is_dir():
            found.extend(
                str(path)
                for path in sorted(directory.glob(leaf + ".*"))
                if path.suffix in {".so", ".pyd", ".dll", ".dylib"}
            )
    return found


def shadowed_copies(fullname: str) -> list[str]:
    """Libraries for ``fullname`` in other copies of its package: on ``sys.path`` or in
    site-packages, but not where the imported package lives (a source tree without the
    library, first on ``sys.path``, hides an installed copy that has it)."""
    import site
    import sysconfig

    parent, _, leaf = fullname.rpartition(".")
    if not parent:
        return []
    imported = {os.path.realpath(d) for d in search_directories(fullname)}
    roots = [entry or os.getcwd() for entry in sys.path]
    if hasattr(site, "getsitepackages"):  # absent in some old virtualenvs
        roots += site.getsitepackages()
    roots += [sysconfig.get_path("purelib"), sysconfig.get_path("platlib")]
    found: list[str] = []
    for root in dict.fromkeys(roots):
        directory = os.path.join(root, *parent.split("."))
        if os.path.realpath(directory) in imported:
            continue
        found += [
            path
            for suffix in library_suffixes()
            if os.path.isfile(path := os.path.join(directory, leaf + suffix))
            and path not in found
        ]
    return found


def not_found_hint(fullname: str) -> str:
    misses = near_misses(fullname)
    if misses:
        return (
            "Found files built for another Python or platform:\n"
            + "\n".join(f"  {path}" for path in misses)
            + "\nRebuild for this interpreter: pip install . (or python setup.py build_ext "
            "--inplace during development)."
        )
    shadowed = shadowed_copies(fullname)
    if shadowed:
        return _shadowed_hint(fullname, shadowed)
    return (
        "It has not been built yet: run pip install . (or pip install -e . / python "
        "setup.py build_ext --inplace during development)."
    )


def _shadowed_hint(fullname: str, installed: list[str]) -> str:
    package = fullname.rpartition(".")[0]
    imported = ", ".join(search_directories(fullname))
    return (
        f"The package {package!r} was imported from {imported}, a source tree without the "
        f"built library that shadows an installed copy with it:\n"
        + "\n".join(f"  {path}" for path in installed)
        + f"\nThe current directory is first on sys.path with `python -m pytest`, "
        f"`python -c` or `python -m`. Use the src layout (move the package to "
        f"src/{package.split('.')[0]}/, as `python -m setuptools_golang_ext new` does), run "
        f"from another directory, or pip install -e . so that the sources get the library."
    )


# How Linux and macOS loaders name a symbol the library uses but nothing defines.
_MISSING_SYMBOL = (
    r"undefined symbol: (\S+)|symbol not found(?: in flat namespace)?:?\s*'?_?([\w.$]+)"
)


def load_failure_hint(message: str) -> str:
    import re

    missing = re.search(_MISSING_SYMBOL, message, re.IGNORECASE)
    if missing:
        symbol = missing.group(1) or missing.group(2)
        return (
            f"The library uses the symbol {symbol!r}, which nothing defines: it was built "
            f"without part of its package (e.g. a .c file left out when `sources` lists "
            f".go files) or without a C library it needs. Rebuild it from the whole Go "
            f"package directory, with the cgo LDFLAGS it needs."
        )
    return (
        "It was probably built for another platform or CPU; reinstall the package for "
        "this one (pip install --force-reinstall --no-binary :all: <package> builds it "
        "from source)."
    )
