"""Import Go source as Python modules during development: ``import mymodule`` finds
``mymodule.go`` (or a Go package directory) on ``sys.path``, builds it into the
per-user cache and returns a module with its typed functions.

    import setuptools_golang_ext.import_hook as go_import
    go_import.install()
    import mymodule            # mymodule.go beside the script
    from tools import calc     # tools/calc.go inside the Python package tools

or run a script with the hook installed:
``python -m setuptools_golang_ext.import_hook script.py [args]``.

Unchanged sources load from the cache after a few ``stat`` calls, without Go
or setuptools. Python modules always win over Go sources of the same name.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import json
import os
import runpy
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from .devloop.go_source import GoSource
from .runtime import load_file
from .runtime._api import read_api
from .runtime._freshness import changed_reason

__all__ = ["install", "uninstall"]


def _in_go_module(directory: Path) -> bool:
    return any((parent / "go.mod").is_file() for parent in (directory, *directory.parents))


def find_go_source(leaf: str, entries: Sequence[str]) -> GoSource | None:
    """The first ``<leaf>.go`` file, or Go package directory ``<leaf>/`` inside a Go
    module, on the search path ``entries``."""
    for entry in entries:
        directory = Path(entry or ".").resolve()
        single = directory / (leaf + ".go")
        if single.is_file():
            return GoSource(single, directory, [single.name])
        package = directory / leaf
        if (package.is_dir() and not (package / "__init__.py").exists()
                and any(package.glob("*.go")) and _in_go_module(package)):
            return GoSource(package, package, ["."])
    return None


def fresh_library(index: Path) -> Path | None:
    """The cached library recorded in ``index`` if nothing it was built from moved."""
    try:
        record = json.loads(index.read_text(encoding="utf-8"))
        library = Path(record["library"])
        if changed_reason(record["watch"], record["env"], os.environ) is None \
                and library.is_file() and _in_cache(library, index):
            return library
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no usable record: build (or find the build by its input hash)
    return None


def _in_cache(library: Path, index: Path) -> bool:
    """Only libraries the hook built into this cache are loaded: an index naming
    another file (planted, or left by a cache moved elsewhere) is ignored, saying so."""
    builds = index.parent.parent / "builds"  # <cache>/imports/<key>.json
    if library.resolve().is_relative_to(builds.resolve()):
        return True
    import warnings

    warnings.warn(f"ignoring the import index {index}: it names {library}, which is not "
                  f"in the cache's builds directory {builds}; building again",
                  RuntimeWarning, stacklevel=2)
    return False


class GoLoader(importlib.abc.Loader):
    def __init__(self, source: GoSource) -> None:
        self.source = source

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        fullname = module.__name__
        index = self.source.index_file(fullname)
        path = fresh_library(index)
        if path is None:
            # Only now the build side (and setuptools, when installed) is imported.
            from .devloop.hook_build import build_for_import

            path = build_for_import(fullname, self.source, index)
        library = load_file(fullname, path)
        description = read_api(path, fullname) or {"functions": []}
        names = [entry["name"] for entry in description["functions"]]
        library.export_to(vars(module), [*names, "c_structs"])
        module.__go_library__ = library  # type: ignore[attr-defined]


class GoFinder(importlib.abc.MetaPathFinder):
    """Asks the standard path finder first, so Python modules always win."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.origin is not None:
            return spec  # a real Python module or package
        # Nothing, or only a namespace package (a directory without __init__.py).
        entries = list(path) if path is not None else sys.path
        source = find_go_source(fullname.rpartition(".")[2], entries)
        if source is None:
            return spec
        return importlib.machinery.ModuleSpec(
            fullname, GoLoader(source), origin=str(source.origin))


def install() -> None:
    """Let ``import`` find Go sources (idempotent)."""
    if any(isinstance(finder, GoFinder) for finder in sys.meta_path):
        return
    path_finders = [i for i, finder in enumerate(sys.meta_path)
                    if finder is importlib.machinery.PathFinder]
    position = path_finders[0] if path_finders else len(sys.meta_path)
    sys.meta_path.insert(position, GoFinder())


def uninstall() -> None:
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, GoFinder)]


def main(argv: Sequence[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print("usage: python -m setuptools_golang_ext.import_hook script.py [args...]\n"
              "Runs script.py with Go sources importable (import mymodule finds "
              "mymodule.go).", file=sys.stderr)
        return 2
    script = Path(argv[0])
    if not script.is_file():
        print(f"setuptools-golang-ext: cannot run {script}: no such file", file=sys.stderr)
        return 2
    install()
    sys.argv = list(argv)
    sys.path[0] = str(script.resolve().parent)  # as `python script.py` would
    runpy.run_path(str(script), run_name="__main__")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
