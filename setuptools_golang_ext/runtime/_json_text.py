"""Reading JSON without importing the ``json`` package.

Every load reads a JSON description, and ``import json`` brings ``re``, ``enum``
and more: a third of the import budget of a package that loads a Go library.
CPython's C scanner (``_json``, what ``json.loads`` itself runs) parses the
same text; anything it does not accept in full is handed to ``json.loads``, so
errors (and other Python implementations) behave exactly as with ``json``.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any

_WHITESPACE = " \t\n\r"  # JSON's, narrower than str.strip()'s


class _Options:
    """What ``json.loads(text)`` passes its scanner: the defaults."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"NaN": float("nan"), "Infinity": float("inf"),
                      "-Infinity": float("-inf")}.__getitem__


def scanner() -> Any:
    """The C scanner ``json.loads`` runs, with its default options: ``scan(text,
    index)`` gives (value, end index); None without the ``_json`` module."""
    try:
        from _json import make_scanner
    except ImportError:
        return None
    return make_scanner(_Options())  # type: ignore[arg-type]


def loads(text: str) -> Any:
    """``json.loads(text)`` for ``str`` input."""
    body = text.strip(_WHITESPACE)
    scan = scanner()
    try:
        value, end = scan(body, 0) if scan is not None else (None, -1)
    # SystemError: the C scanner, called directly, fails that way on text cut short.
    except (StopIteration, ValueError, RecursionError, SystemError):
        end = -1
    if end == len(body):
        return value
    import json  # not JSON, or no C scanner: json's own result or error

    return json.loads(text)
