"""Build-time errors.

They derive from setuptools' ``BaseError`` (distutils' ``DistutilsError``), so
``setup()`` prints ``error: <message>`` instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from setuptools.errors import BaseError, SetupError
else:
    try:
        from setuptools.errors import BaseError, SetupError
    except ImportError:
        # A run-time venv (Python 3.12+ has no setuptools) still rebuilds editable
        # installs and runs the import hook; there nobody needs setuptools' classes.
        class BaseError(Exception):
            pass

        class SetupError(BaseError):
            pass


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


class GoCommandError(GoBuildError):
    """An external command (``go``, lipo, zig) failed.

    ``command``, ``returncode`` and ``output`` are kept for callers and tests;
    the message says what failed, shows the output, then the hint.
    """

    def __init__(
        self, what: str, command: Sequence[str], returncode: int, output: str, hint: str = ""
    ) -> None:
        self.command = tuple(command)
        self.returncode = returncode
        self.output = output
        shown = "\n".join("    " + line for line in output.splitlines())
        message = f"{what} (exit code {returncode}):\n{shown}" if shown else (
            f"{what} (exit code {returncode}, no output)")
        super().__init__(f"{message}\n{hint}" if hint else message)


class GoImportBuildError(GoBuildError, ImportError):
    """Building at import time failed (the import hook, or an editable install whose
    Go sources changed). An ``ImportError``, so ``import`` reports it as one."""


class GoUnsafeCacheError(GoImportBuildError):
    """Our cache directory is one another user can write: what it holds is not used."""
@contextmanager
def naming_extension(name: str) -> Iterator[None]:
    """Errors raised while building this extension start with its name
    (``GoExtension 'pkg._native': ...``), unless the message already names an
    extension (it may be another one, e.g. when finding Go reads every go.mod)."""
    try:
        yield
    except GoExtensionError as exc:
        message = str(exc)
        if "GoExtension '" not in message:
            exc.args = (f"GoExtension {name!r}: {message}",)
        raise
