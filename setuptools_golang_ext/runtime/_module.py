"""Libraries built with ``bindings = "cpython"`` are CPython extension modules:
``load()`` imports them, so it returns the module ``import`` gives."""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

from .contract import API_SUFFIX, BINDINGS_KEY, CPYTHON_MODE


def is_extension_module(path: Path, fullname: str) -> bool:
    """Does the API description beside ``path`` say it was built in cpython mode?"""
    description = path.parent / (fullname.rpartition(".")[2] + API_SUFFIX)
    try:
        text = description.read_text(encoding="utf-8")
    except OSError:
        return False
    if CPYTHON_MODE not in text:  # the common case decides without parsing JSON
        return False
    return bool(json.loads(text).get(BINDINGS_KEY) == CPYTHON_MODE)


def import_extension_module(fullname: str, path: Path) -> Any:
    """The module ``fullname``: imported normally when ``path`` is where the import
    system finds it, else (a library outside the package tree) loaded from ``path``."""
    module = sys.modules.get(fullname)
    if module is not None:
        return module
    spec = importlib.util.find_spec(fullname)
    if spec is not None and spec.origin is not None and Path(spec.origin) == path:
        return importlib.import_module(fullname)
    loader = importlib.machinery.ExtensionFileLoader(fullname, str(path))
    spec = importlib.util.spec_from_file_location(fullname, path, loader=loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[fullname] = module
    loader.exec_module(module)
    return module
