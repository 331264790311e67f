"""Finding the library file for a dotted module name, the way Python finds extensions.

Paths are strings here: this runs in every import of a package that loads a Go
library, and pathlib would add its own import cost to that.
"""

import os
import sys

# importlib.machinery.EXTENSION_SUFFIXES is this list; importing importlib costs more.
from _imp import extension_suffixes


def resolve_name(name: str, package: "str | None") -> str:
    """Turn a relative name (``"._native"``) into an absolute one, like ``importlib``."""
    if not name.startswith("."):
        return name
    if not package:
        raise ImportError(
            f"relative name {name!r} needs the package it is relative to: "
            f"load({name!r}, __package__)"
        )
    import importlib.util

    return importlib.util.resolve_name(name, package)


def search_directories(fullname: str) -> list[str]:
    """Directories where ``fullname``'s file may live: its parent package's ``__path__``."""
    parent, _, _ = fullname.rpartition(".")
    if not parent:
        return [entry or "." for entry in sys.path]
    module = sys.modules.get(parent)
    locations = getattr(module, "__path__", None)
    if locations is None:
        import importlib.util

        spec = importlib.util.find_spec(parent)
        if spec is None:
            raise ImportError(f"cannot load Go library {fullname!r}: no package {parent!r}")
        locations = spec.submodule_search_locations or []
    return [os.fspath(location) for location in locations]


def library_suffixes() -> list[str]:
    """Most specific first: ``.cpython-312-x86_64-linux-gnu.so``, ``.abi3.so``, ``.so``.

    The plain ``.so``/``.pyd`` suffix is the layout of Python-independent
    (py3-none) wheels.
    """
    return extension_suffixes()


def candidate_files(fullname: str) -> list[str]:
    leaf = fullname.rpartition(".")[2]
    return [
        os.path.join(directory, leaf + suffix)
        for directory in search_directories(fullname)
        for suffix in library_suffixes()
    ]


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
