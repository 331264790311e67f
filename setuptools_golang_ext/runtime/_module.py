"""Libraries built with ``bindings = "cpython"`` are CPython extension modules:
``load()`` imports them, so it returns the module ``import`` gives."""

import os
import sys

from ._files import API_SUFFIX, BINDINGS_KEY, CPYTHON_MODE

TYPE_CHECKING = False  # not typing's, whose import costs every load (mypy takes any such name)
if TYPE_CHECKING:
    from typing import Any


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
    # As the build writes it, the mode is the first key. The module's C checks the
    # description when it is imported (its checksum and the library's id), so
    # neither JSON nor a checksum module is imported here (import_extension_module
    # says what is wrong if the library is no extension module after all).
    if text.partition("\n")[2].startswith(_CPYTHON_LINE):
        return True
    from ._description import parse_description

    return bool(parse_description(text, description).get(BINDINGS_KEY) == CPYTHON_MODE)


_CPYTHON_LINE = f' "{BINDINGS_KEY}": "{CPYTHON_MODE}",\n'


def import_extension_module(fullname: str, path: "str | os.PathLike[str]") -> "Any":
    """The module ``fullname``: imported normally when ``path`` is where the import
    system finds it, else (a library outside the package tree) loaded from ``path``.
    A library that is no extension module although its description says so (by a
    line nothing checked before) gets the description's own error, if it has one."""
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
