"""The command line: ``python -m setuptools_golang_ext new NAME`` and ``... doctor``.

``new`` uses only the standard library, so it works in any environment that has
this package installed; ``doctor`` asks the build side (Go discovery, compilers).
"""

from __future__ import annotations


class UsageError(Exception):
    """Bad input to a command: shown as one ``error:`` line, exit code 2."""
