"""Libraries built with ``bindings = "cpython"`` are CPython extension modules:
``load()`` imports them, so it returns the module ``import`` gives."""

from __future__ import annotations

import os
import sys

from .contract import API_SUFFIX, BINDINGS_KEY, CPYTHON_MODE

TYPE_CHECKING = False  # not typing's, whose import costs every load (mypy takes any such name)
if TYPE_CHECKING:
    from typing import Any


def is_extension_module(path: str | os.PathLike[str], fullname: str) -> bool:
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
    from ._description import parse_description

    return bool(parse_description(text, description).get(BINDINGS_KEY) == CPYTHON_MODE)


def import_extension_module(fullname: str, path: str | os.PathLike[str]) -> Any:
    """The module ``fullname``: imported normally when ``path`` is where the import
    system finds it, else (a library outside the package tree) loaded from ``path``."""
    import importlib
    import importlib.machinery
    import importlib.util

    module = sys.modules.get(fullname)
    if module is not None:
        return module
    spec = importlib.util.find_spec(fullname)
    if spec is not None and spec.origin is not None and _same_path(spec.origin, path):
        return importlib.import_module(fullname)
    loader = importlib.machinery.ExtensionFileLoader(fullname, str(path))
    spec = importlib.util.spec_from_file_location(fullname, path, loader=loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[fullname] = module
    loader.exec_module(module)
    return module


def _same_path(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    return os.path.normpath(first) == os.path.normpath(second)
