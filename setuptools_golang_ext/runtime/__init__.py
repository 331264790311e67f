"""Load a library built from a GoExtension. Imports only the standard library.

    from setuptools_golang_ext.runtime import load
    _lib = load("mypkg._native")   # or load("._native", __package__)
    _lib.Add(2, 40)
"""

import os
import sys
from _thread import allocate_lock  # threading's Lock, without importing threading

from ._errors import (
    GoError,
    GoExtensionRuntimeError,
    GoForkError,
    GoLibraryNotFoundError,
    GoPanic,
)

# Importing this module stays cheap: a cpython-mode module imports it (for GoError
# and GoPanic) at every import, and every package that loads a Go library does.
# It imports only _errors; finding, checking and loading a library import their
# modules in load(). typing, pathlib, re and json are never imported here, and
# ctypes only when a library is loaded through it, not for cpython-mode modules.
TYPE_CHECKING = False  # not typing's: mypy treats any constant of this name as true
if TYPE_CHECKING:
    from ._ctypes_types import GoSlice, GoString
    from ._library import GoLibrary
    from ._streams import GoIterator

# Public names defined in modules that import ctypes: imported on first use.
_LAZY = {"GoIterator": "._streams", "GoLibrary": "._library", "GoSlice": "._ctypes_types",
         "GoString": "._ctypes_types"}

__all__ = [
    "GoError",
    "GoExtensionRuntimeError",
    "GoForkError",
    "GoIterator",
    "GoLibrary",
    "GoLibraryNotFoundError",
    "GoPanic",
    "GoSlice",
    "GoString",
    "load",
    "load_file",
]

_loaded: "dict[str, GoLibrary]" = {}
_lock = allocate_lock()


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def load(name: str, package: "str | None" = None) -> "GoLibrary":
    """Load (once per process) the Go library built for module ``name``.

    A library built with ``bindings = "cpython"`` is a CPython extension module:
    the result is then that module, the object ``import`` gives (typed here as
    ``GoLibrary`` so that existing callers keep type-checking; both give their
    functions as attributes).

    Raises ``GoLibraryNotFoundError`` (an ``ImportError``) naming every file it
    looked for when the library is missing or was built for another platform.
    """
    # Lazy: a cpython-mode module imports this package without ever calling load().
    from ._locate import resolve_name

    fullname = resolve_name(name, package)
    _import_parent(fullname)
    with _lock:
        library = _loaded.get(fullname)
        if library is None:
            library = _open(fullname)
            _loaded[fullname] = library
        return library


def _import_parent(fullname: str) -> None:
    """Import the package of ``fullname`` before taking the lock: its ``__init__``
    may itself call ``load("._native", __package__)``, which would wait on the lock
    this thread holds (finding the library imports the package)."""
    parent = fullname.rpartition(".")[0]
    if parent and parent not in sys.modules:
        try:
            __import__(parent)
        except ModuleNotFoundError as exc:
            missing = exc.name or ""
            if parent != missing and not parent.startswith(missing + "."):
                raise  # the package's own code lacks a module: its error, as import gives
            # No such package: reported when the library is looked for, naming it.


def load_file(fullname: str, path: "str | os.PathLike[str]") -> "GoLibrary":
    """Load (once per process) the library at ``path`` as module ``fullname``; its
    ``<leaf>_api.json`` beside it types the functions. For libraries outside the
    package tree, such as those the import hook keeps in its cache."""
    _import_parent(fullname)
    with _lock:
        library = _loaded.get(fullname)
        if library is None:
            library = _open_file(fullname, path)
            _loaded[fullname] = library
        return library


def _open_file(fullname: str, path: "str | os.PathLike[str]") -> "GoLibrary":
    # Lazy, as in load().
    from ._locate import import_extension_module, is_extension_module

    if is_extension_module(path, fullname):
        # Built with bindings = "cpython": the same module object `import` gives.
        return import_extension_module(fullname, path)  # type: ignore[no-any-return]
    from ._library import GoLibrary

    try:
        library = GoLibrary(fullname, path)
    except OSError as exc:
        from ._not_found import load_failure_hint

        raise GoLibraryNotFoundError(
            f"cannot load Go library {fullname!r} from {path}: {exc}. "
            + load_failure_hint(str(exc)),
            name=fullname,
            path=str(path),
        ) from exc
    _warn_if_second_runtime_on_macos(fullname)
    return library


def _open(fullname: str) -> "GoLibrary":
    # Lazy, as in load().
    from ._locate import candidate_files, editable_record

    candidates = candidate_files(fullname)
    for path in candidates:
        if os.path.isfile(path):
            if os.path.isfile(editable_record(path, fullname)):  # built in place
                from ._editable import rebuild_if_changed

                rebuild_if_changed(fullname, path)
            return _open_file(fullname, path)
    from ._not_found import not_found_hint

    looked = "\n".join(f"  {path}" for path in candidates)
    hint = not_found_hint(fullname)
    raise GoLibraryNotFoundError(
        f"Go library for {fullname!r} not found. Looked for:\n{looked}\n{hint}", name=fullname
    )


def _warn_if_second_runtime_on_macos(fullname: str) -> None:
    # Each c-shared library carries its own Go runtime; two in one process is
    # unsupported (golang/go#65050) and is known to crash on macOS.
    if sys.platform == "darwin" and _loaded:
        import warnings

        warnings.warn(
            f"loading Go library {fullname!r} while {sorted(_loaded)} is loaded: several "
            f"Go runtimes in one process are not supported by Go (golang/go#65050) and "
            f"may crash on macOS. Build all Go code into one GoExtension.",
            RuntimeWarning,
            stacklevel=3,
        )
