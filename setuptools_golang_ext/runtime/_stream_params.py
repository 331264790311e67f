"""Sequence and channel parameters fed from Python while Go runs, and send-only
channel parameters Go sends into Python through: the callables Go calls back
(through the call's ``_Callbacks``) and how their calls are converted."""

from __future__ import annotations

from ._json_args import json_arg as _json_arg
from ._json_values import from_json as _from_json
from ._json_values import json_reader
from .contract import INT_RANGES, STRING

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any


def _null_answer(_: object) -> str:
    return "null"


class Pull:
    """The next ``n`` items of an iterable, counting the items taken before them."""

    __slots__ = ("before", "items", "taken")

    def __init__(self, items: Iterator[Any]) -> None:
        self.items, self.before, self.taken = items, 0, 0

    def __call__(self, n: int) -> list[Any]:
        from itertools import islice

        batch = list(islice(self.items, n))
        self.before, self.taken = self.taken, self.taken + len(batch)
        return batch


def items_arg(value: object, item: str, where: str) -> Pull:
    """Any iterable (a generator too) for an ``iter.Seq[T]`` or channel parameter: the
    function Go calls for its next ``n`` items while it consumes them."""
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        raise TypeError(f"{where} must be an iterable of Go {item} items, not "
                        f"{type(value).__name__}")
    return Pull(iter(value))


def sink_arg(value: object, item: str, where: str) -> Callable[[list[Any]], object]:
    """A list (any object with ``append``) or a callable for a send-only channel
    parameter: what receives each batch of the items Go sends."""
    if callable(value):
        return lambda items: [value(item) for item in items]
    append = getattr(value, "append", None)
    if not callable(append):
        raise TypeError(f"{where} must be a list (or any object with append) or a callable, "
                        f"which receives the Go {item} items sent on the channel, not "
                        f"{type(value).__name__}")
    extend = getattr(value, "extend", None)
    return extend if callable(extend) else lambda items: [append(item) for item in items]


class FeedTypes:
    """The answers of a sequence or channel parameter's pull function: the next
    ``n`` items (Go asks for ``[n]``) as a JSON array of Go ``item`` values."""

    __slots__ = ("encode", "item", "where")

    def __init__(self, item: str, where: str) -> None:
        self.item, self.where = item, where
        self.encode = bytes.decode

    def start(self) -> None:
        """Nothing to make: the answer is JSON already."""

    def call(self, function: Callable[..., Any], payload: bytes, label: str,
             keep: list[Any]) -> Any:
        (n,) = json_reader()(payload)
        items = function(n)
        try:
            return _json_arg(items, "[]" + self.item, self.where)
        except (TypeError, ValueError) as exc:  # OverflowError too
            head = f"{self.where}["  # a bad item: named by its index in the iterable
            text = str(exc)
            if not text.startswith(head) or not isinstance(function, Pull):
                raise
            index, _, rest = text[len(head):].partition("]")
            raise type(exc)(f"{head}{function.before + int(index)}]{rest}") from None


class SinkTypes:
    """The calls of a send-only channel parameter's receiver: Go passes ``[items]``,
    a batch of what it sent; nothing is answered."""

    __slots__ = ("convert", "encode")

    def __init__(self, item: str) -> None:
        plain = item in INT_RANGES or item in (STRING, "bool")
        self.convert = None if plain else (lambda value: _from_json(value, item))
        self.encode = _null_answer

    def start(self) -> None:
        """Nothing to make: the reader is shared."""

    def call(self, function: Callable[..., Any], payload: bytes, label: str,
             keep: list[Any]) -> Any:
        (items,) = json_reader()(payload)
        function(items if self.convert is None else list(map(self.convert, items)))
