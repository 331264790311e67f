"""Refusing a py3-none wheel that would hold C extensions, before anything is compiled."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..builder.go_python import GO_PYTHON_IMPORT_PATH, imports_go_python
from ..config.project import python_independent
from ..errors import GoExtensionConfigError, GoExtensionError
from ..extension import GoExtension
from ..go.go_mod import find_go_mod


def check_python_independent(dist: Any) -> None:
    """Refuse py3-none with C extensions, or with Go code that calls CPython's C
    API, before anything is compiled."""
    if not python_independent(dist):
        return
    others = [e.name for e in dist.ext_modules or []
              if not isinstance(e, GoExtension) or e.bindings.imported_as_module]
    if others:
        raise GoExtensionConfigError(
            f"python-independent (py3-none) wheels cannot hold the C extensions "
            f"{others}: they are built for one Python (or, with bindings = 'cpython', for the "
            f"CPython stable ABI). Drop the switch or those modules."
        )
    root = Path(dist.src_root or os.curdir).resolve()
    calling = [e.name for e in dist.ext_modules or [] if _calls_python(e, root)]
    if calling:
        raise GoExtensionConfigError(
            f"python-independent (py3-none) wheels cannot hold {calling}: their Go code "
            f"imports {GO_PYTHON_IMPORT_PATH}, which calls CPython's C API (limited API "
            f"3.11), so the library loads only into CPython 3.11 or later, not into every "
            f"Python 3. Drop the python-independent switch (the wheel is then tagged for "
            f"the Python that builds it), or stop importing the package."
        )


def _calls_python(ext: GoExtension, project_root: Path) -> bool:
    """Whether the Go module of ``ext`` imports the shipped python package."""
    try:
        directory = ext.package_source(project_root).directory
    except GoExtensionError:
        return False  # a broken declaration: the build reports it with its own fix
    go_mod = find_go_mod(directory)
    return go_mod is not None and imports_go_python(go_mod.parent)
