"""Project-wide switches: ``go_python_independent`` (setup.py) or
``[tool.setuptools-golang-ext] python-independent`` (pyproject.toml)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from .errors import GoExtensionConfigError

SETUP_KEYWORD = "go_python_independent"
PYPROJECT_KEY = "python-independent"


def validate_python_independent(dist: Any, attr: str, value: object) -> None:
    """``distutils.setup_keywords`` validator for ``setup(go_python_independent=...)``."""
    if not isinstance(value, bool):
        raise GoExtensionConfigError(f"setup({attr}=...) must be True or False, got {value!r}")


def _toml_module() -> Any:
    """tomllib (3.11+), else tomli, which every setuptools that reads pyproject has."""
    for name in ("tomllib", "tomli", "setuptools._vendor.tomli", "setuptools.extern.tomli"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    raise GoExtensionConfigError("cannot read pyproject.toml: install tomli")


def _pyproject_setting(root: Path) -> bool:
    path = root / "pyproject.toml"
    if not path.is_file():
        return False
    with path.open("rb") as stream:
        table = _toml_module().load(stream).get("tool", {}).get("setuptools-golang-ext", {})
    value = table.get(PYPROJECT_KEY, False) if isinstance(table, dict) else False
    if not isinstance(value, bool):
        raise GoExtensionConfigError(
            f"{path}: [tool.setuptools-golang-ext] {PYPROJECT_KEY} must be true or false, "
            f"got {value!r}"
        )
    return value


def python_independent(dist: Any) -> bool:
    """True when the project builds one ``py3-none-<platform>`` wheel for every Python 3."""
    value = getattr(dist, SETUP_KEYWORD, None)
    if value is not None:
        return bool(value)
    root = Path(getattr(dist, "src_root", None) or ".")
    return _pyproject_setting(root.resolve())
