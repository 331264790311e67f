"""Build-time errors.

They derive from setuptools' ``BaseError`` (distutils' ``DistutilsError``), so
``setup()`` prints ``error: <message>`` instead of a traceback.
"""

from __future__ import annotations

from setuptools.errors import BaseError, SetupError


class GoExtensionError(BaseError):
    """Base class of every error this package raises while building."""


class GoExtensionConfigError(GoExtensionError, SetupError):
    """A GoExtension (or its pyproject.toml table) was declared wrongly.

    Also a ``DistutilsSetupError``: raised while ``setup()`` creates the
    Distribution, setuptools prints it as ``error in <project> setup command``.
    """


class GoToolchainError(GoExtensionError):
    """No usable Go toolchain: missing, too old, or not runnable."""


class GoPackageError(GoExtensionError):
    """The Go package cannot become a shared library as declared."""


class GoBuildError(GoExtensionError):
    """``go build`` (or another go command) failed."""
