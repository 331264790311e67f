"""Refusing a py3-none wheel that would hold C extensions, before anything is compiled."""

from __future__ import annotations

from typing import Any

from ..config.project import python_independent
from ..errors import GoExtensionConfigError
from ..extension import GoExtension


def check_python_independent(dist: Any) -> None:
    """Refuse py3-none with C extensions before anything is compiled."""
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
