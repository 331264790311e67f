"""Finding the library file for a dotted module name, the way Python finds extensions,
and importing it when it is a CPython extension module (``bindings = "cpython"``).

All ``load()`` runs is in this one module (each module imported costs every
import of a package that loads a Go library), with paths as strings (pathlib
costs imports too).
"""

import os
import sys

# importlib.machinery.EXTENSION_SUFFIXES is this list; importing importlib costs more.
from _imp import extension_suffixes

from ._files import API_SUFFIX, BINDINGS_KEY, CPYTHON_MODE, EDITABLE_SUFFIX

TYPE_CHECKING = False  # not typing's, whose import costs every load (mypy takes any such name)
if TYPE_CHECKING:
    from typing import Any


def resolve_name(name: str, package: "str | None") -> str:
    """Turn a relative name (``"._native"``) into an absolute one, as ``importlib``
    does (importing ``importlib.util`` costs 1 to 2 ms)."""
    if not name.startswith("."):
        return name
    if not package:
        raise ImportError(
            f"relative name {name!r} needs the package it is relative to: "
            f"load({name!r}, __package__)"
        )
    leaf = name.lstrip(".")
    level = len(name) - len(leaf)
    parts = package.rsplit(".", level - 1)
    if len(parts) < level:
        raise ImportError("attempted relative import beyond top-level package")
    return f"{parts[0]}.{leaf}" if leaf else parts[0]


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


def editable_record(library: "str | os.PathLike[str]", fullname: str) -> str:
    """The record an in-place build leaves beside ``library`` (_editable)."""
    return os.path.join(os.path.dirname(library), fullname.rpartition(".")[2] + EDITABLE_SUFFIX)


def is_extension_module(path: "str | os.PathLike[str]", fullname: str) -> bool:
    """Does the API description beside ``path`` say it was built in cpython mode?"""
    leaf = fullname.rpartition(".")[2]
    description = os.path.join(os.path.dirname(path), leaf + API_SUFFIX)
    try:
        with open(description, encoding="utf-8") as file:
            text = file.read()
    except OSError:
        return False
    if CPYTHON_MODE not in text:  # the common case decides without parsing JSON
        return False
    # The mode as the build writes it: first. The module's C checks the rest when
    # imported (checksum, library id); no JSON, no checksum module here.
    if text.partition("\n")[2].startswith(_CPYTHON_LINE):
        return True
    from ._description import parse_description

    return bool(parse_description(text, description).get(BINDINGS_KEY) == CPYTHON_MODE)


_CPYTHON_LINE = f' "{BINDINGS_KEY}": "{CPYTHON_MODE}",\n'


def import_extension_module(fullname: str, path: "str | os.PathLike[str]") -> "Any":
    """The module ``fullname``: imported normally when ``path`` is where the import
    system finds it, else (a library outside the package tree) loaded from ``path``.
    A library that is no extension module though its description says so (by a
    line nothing checked) gets the description's error, if it has one."""
    try:
        return _import(fullname, path)
    except ImportError as exc:
        failed = exc
    from ._description import parse_description

    description = os.path.join(os.path.dirname(path), fullname.rpartition(".")[2] + API_SUFFIX)
    try:
        with open(description, encoding="utf-8") as file:
            text = file.read()
    except OSError:
        raise failed from None
    parse_description(text, description)  # edited or damaged: its error says which
    raise failed


def _import(fullname: str, path: "str | os.PathLike[str]") -> "Any":
    module = sys.modules.get(fullname)
    if module is not None:
        return module
    origin = _found_at(fullname)
    if origin is not None and _same_path(origin, path):
        __import__(fullname)  # importlib.import_module's work, without importing importlib
        return sys.modules[fullname]
    import importlib.machinery
    import importlib.util

    loader = importlib.machinery.ExtensionFileLoader(fullname, str(path))
    spec = importlib.util.spec_from_file_location(fullname, path, loader=loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[fullname] = module
    loader.exec_module(module)
    return module


def _found_at(fullname: str) -> "str | None":
    """Where ``import fullname`` would load it from: importlib.util.find_spec's
    answer for a module whose parent is imported, without importlib.util (which
    imports contextlib, functools and collections)."""
    parent = sys.modules.get(fullname.rpartition(".")[0]) if "." in fullname else None
    search = getattr(parent, "__path__", None)
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        spec = find_spec(fullname, search) if find_spec is not None else None
        if spec is not None:
            return spec.origin  # type: ignore[no-any-return]
    return None


def _same_path(first: "str | os.PathLike[str]", second: "str | os.PathLike[str]") -> bool:
    return os.path.normpath(first) == os.path.normpath(second)
