"""Python exceptions as Go ``error`` arguments (also ``[]error`` and ``...error``).

None is a nil error. A GoError raised by this library carries the Go error
itself (a GoValue holding its handle), so Go gets that very error back and
``errors.Is``/``errors.As`` see through it. Any other exception reaches Go as a
new error of its text: a GoError (of another library, or made in Python) as its
message, others as their type and text, ``"ValueError: bad"`` (``"KeyError"``
when the text is empty), as a Python exception raised in a callback does. The
value crosses as an ``any`` argument does: tagged JSON that ``goextPlain`` reads.
"""

from __future__ import annotations

import ctypes
import sys

from ._errors import GoError

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any

_NONE: tuple[int, None, int] = (0, None, 0)


def error_arg(value: object, where: str, release: object) -> tuple[Any, bytes | None, int]:
    """An ``error`` argument as (handle, data, size): nil for None, the handle of
    this library's Go error, else the exception's text as tagged JSON."""
    if value is None:
        return _NONE
    item = _error_item(value, where, release)
    if item[0] == "h":
        return ctypes.c_size_t(item[1]), None, 0
    return _encoded(item)


def error_list_arg(value: object, where: str, release: object
                   ) -> tuple[Any, bytes | None, int]:
    """A ``[]error`` argument (a variadic ``...error``: its arguments): a list or
    tuple sent as one ``any`` list, each item as ``error_arg`` takes it."""
    if value is None:
        return _NONE
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{where} must be a list or tuple, not {type(value).__name__}")
    return _encoded(["l", [None if item is None else _error_item(item, f"{where}[{index}]",
                                                                 release)
                           for index, item in enumerate(value)]])


def _error_item(value: object, where: str, release: object) -> list[Any]:
    if not isinstance(value, BaseException):
        raise TypeError(f"{where} must be an exception (a GoError gives Go back its "
                        f"error, any other its text) or None, not {type(value).__name__}")
    carried = getattr(value, "_go_value", None)
    if carried is not None and release is not None \
            and getattr(type(carried), "_go_release", None) is release:
        return ["h", carried._handle.value]
    return ["e", error_text(value)]


def error_text(exception: BaseException) -> str:
    """What Go's ``Error()`` says for a Python exception: ``"ValueError: bad"``, a
    GoError's message."""
    text = str(exception)
    if isinstance(exception, GoError):  # Go's message, whichever library raised it
        return text
    name = type(exception).__name__
    return f"{name}: {text}" if text else name


def _encoded(item: list[Any]) -> tuple[int, bytes, int]:
    import json

    # "replace": a lone surrogate in an exception's text must not fail the call.
    data = json.dumps(item, ensure_ascii=False).encode("utf-8", "replace")
    return 0, data, len(data)


def error_out(handle: int, kind: int, message: Any, size: int, free: Any, errors: Any
              ) -> BaseException | None:
    """An ``error`` field read: None for nil, else the exception a call failing with
    it would raise (its sentinel's class, holding the Go error), not raised."""
    if not handle:
        return None
    text = message[:size].decode("utf-8", "replace")
    free(message)
    exception: BaseException = errors.exception(text, kind, 0, 0, handle)
    return exception


def error_list_result(data: bytes, errors: Any) -> list[BaseException | None]:
    """A ``[]error`` result: per item the exception a call failing with it would
    raise (not raised), or None; the layout ``goextErrorList`` writes."""
    import array  # here: array imports collections, a cost to every load

    count = int.from_bytes(data[:8], sys.byteorder)
    heads = array.array("Q", data[8:8 + 24 * count])
    found: list[BaseException | None] = []
    start = 8 + 24 * count
    for index in range(count):
        handle, kind, size = heads[3 * index:3 * index + 3]
        text = data[start:start + size].decode("utf-8", "replace")
        start += size
        found.append(errors.exception(text, kind, 0, 0, handle) if handle else None)
    return found
