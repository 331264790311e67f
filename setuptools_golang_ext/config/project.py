"""The project-wide py3-none switch: ``setup(go_python_independent=True)`` or
``[tool.setuptools-golang-ext] python-independent = true`` (read by ``_pyproject_config``;
the setuptools hook stores either on the Distribution)."""

from __future__ import annotations

from typing import Any

from ..errors import GoExtensionConfigError
from ..extension import GoExtension

SETUP_KEYWORD = "go_python_independent"


def validate_python_independent(dist: Any, attr: str, value: object) -> None:
    """``distutils.setup_keywords`` validator for ``setup(go_python_independent=...)``."""
    if not isinstance(value, bool):
        raise GoExtensionConfigError(f"setup({attr}=...) must be True or False, got {value!r}")


def python_independent(dist: Any) -> bool:
    """True when the project builds one ``py3-none-<platform>`` wheel for every Python 3."""
    return bool(getattr(dist, SETUP_KEYWORD, None))


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
