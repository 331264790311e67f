"""Build Go packages into Python wheels with setuptools, and call them from Python.

Build side: ``GoExtension`` and the ``build_ext`` command (they import setuptools).
Run side: ``setuptools_golang_ext.runtime`` (it never imports setuptools).

The build-side names are loaded lazily so that importing the runtime helper,
which first imports this package, stays free of setuptools.
"""

# Not typing.TYPE_CHECKING: importing typing would cost every runtime import (mypy
# treats any constant of this name as true).
TYPE_CHECKING = False
__all__ = ["GoExtension", "__version__", "build_ext"]

if TYPE_CHECKING:
    from typing import Any

    from ._version import __version__
    from .extension import GoExtension
    from .setuptools.build_ext import build_ext


def __getattr__(name: str) -> "Any":
    if name == "__version__":  # on use, as the others: the runtime import stays minimal
        from ._version import __version__

        return __version__
    if name == "GoExtension":
        from .extension import GoExtension

        return GoExtension
    if name == "build_ext":
        from .setuptools.build_ext import build_ext

        return build_ext
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
