"""The project-wide py3-none switch: ``setup(go_python_independent=True)`` or
``[tool.setuptools-golang-ext] python-independent = true`` (read by ``_pyproject_config``;
the setuptools hook stores either on the Distribution)."""

from __future__ import annotations

from typing import Any

from ..errors import GoExtensionConfigError

SETUP_KEYWORD = "go_python_independent"


def validate_python_independent(dist: Any, attr: str, value: object) -> None:
    """``distutils.setup_keywords`` validator for ``setup(go_python_independent=...)``."""
    if not isinstance(value, bool):
        raise GoExtensionConfigError(f"setup({attr}=...) must be True or False, got {value!r}")


def python_independent(dist: Any) -> bool:
    """True when the project builds one ``py3-none-<platform>`` wheel for every Python 3."""
    return bool(getattr(dist, SETUP_KEYWORD, None))
