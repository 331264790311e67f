"""Go streams (``iter.Seq``, ``iter.Seq2`` and channel results) as Python iterators.

A stream result is a cgo.Handle of the glue's stream. The iterator pulls
items in batches (a JSON array each; the batch doubles up to 4096 items, so a
short loop makes the Go side run ahead little and a long one costs a call per
4096 items) and closes the stream when it ends, when ``close()`` is called or
when the iterator is dropped (``break``, an exception in the loop body): the
Go sequence's ``yield`` then returns false and the call's context, if it took
one, is cancelled. ``async for`` pulls each batch in a worker thread, so a
channel waiting for its producer does not block the event loop.
"""

from __future__ import annotations

import ctypes
import json
import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Generic, TypeVar

from ._buffers import array_code
from ._errors import GoExtensionRuntimeError
from .contract import (
    INTEGERS,
    SCALARS,
    STREAM_CLOSE_SYMBOL,
    STREAM_NEXT_SYMBOL,
    STRING,
    stream_raw_items,
)

_T = TypeVar("_T")
_FIRST_BATCH, _LARGEST_BATCH = 16, 4096
_END = object()  # what next() gives at the end, in a worker thread


class StreamFunctions:
    """A library's two stream entry points, typed on first use."""

    def __init__(self, library: Any, head: list[tuple[str, Any]], free: Any,
                 fail: Callable[[Any, int, Any, str], None]) -> None:
        fields = [*head, ("data", ctypes.c_void_p), ("n", ctypes.c_size_t),
                  ("done", ctypes.c_int32)]
        self.record = type("goext_stream_record", (ctypes.Structure,), {"_fields_": fields})
        self.next = library[STREAM_NEXT_SYMBOL]
        self.next.argtypes = [ctypes.c_size_t, ctypes.c_ssize_t, ctypes.POINTER(self.record)]
        self.next.restype = ctypes.c_int
        self.close = library[STREAM_CLOSE_SYMBOL]
        self.close.argtypes, self.close.restype = [ctypes.c_size_t], None
        self.free, self.fail = free, fail


class GoIterator(Iterator[_T], AsyncIterator[_T], Generic[_T]):
    """The items of a Go ``iter.Seq``, ``iter.Seq2`` (tuples) or channel result."""

    __slots__ = ("__weakref__", "_batch", "_closer", "_convert", "_done", "_functions",
                 "_handle", "_label", "_size", "_waits")

    def __init__(self, functions: StreamFunctions, handle: int, label: str,
                 convert: Callable[[bytes], list[Any]], waits: bool = False) -> None:
        self._functions, self._handle, self._label = functions, handle, label
        self._convert = convert
        self._waits = waits  # a channel with a context: Ctrl-C ends a receive
        self._batch: Iterator[Any] = iter(())
        self._size = _FIRST_BATCH
        self._done = False
        self._closer = weakref.finalize(self, functions.close, handle)

    def __iter__(self) -> GoIterator[_T]:
        return self

    def __next__(self) -> _T:
        for item in self._batch:
            return item  # type: ignore[no-any-return]
        return self._refill()

    def __aiter__(self) -> GoIterator[_T]:
        return self

    async def __anext__(self) -> _T:
        for item in self._batch:
            return item  # type: ignore[no-any-return]
        import asyncio

        item = await asyncio.to_thread(next, self, _END)
        if item is _END:
            raise StopAsyncIteration
        return item  # type: ignore[no-any-return]

    def _refill(self) -> _T:
        while not self._done:
            items = self._pull()
            if items:
                self._batch = iter(items)
                return next(self._batch)  # type: ignore[no-any-return]
        self.close()
        raise StopIteration

    def _pull(self) -> list[Any]:
        """The next batch from Go (the GIL is released while Go produces it)."""
        if not self._closer.alive:
            raise GoExtensionRuntimeError(f"{self._label}: the stream is closed")
        functions = self._functions
        record = functions.record()
        status = self._receive(record)
        if status:
            self.close()
            functions.fail(record, status, functions.free, self._label)
        data = ctypes.string_at(record.data, record.n)
        functions.free(record.data)
        self._done = bool(record.done)
        self._size = min(self._size * 2, _LARGEST_BATCH)
        return self._convert(data)

    def _receive(self, record: Any) -> int:
        """Go fills ``record`` with the next batch. A channel's receive waits in a
        worker thread, so that Ctrl-C closes the stream (cancelling the context ends
        the producer, which closes the channel) and raises KeyboardInterrupt."""
        functions = self._functions
        if not self._waits:
            return functions.next(self._handle, self._size, record)  # type: ignore[no-any-return]
        from ._interrupt import call_interruptibly

        status, interrupted = call_interruptibly(
            functions.next, (self._handle, self._size, record), self.close)
        if interrupted:
            if not status:
                functions.free(record.data)
            raise KeyboardInterrupt
        return status

    def close(self) -> None:
        """End the stream now: Go's ``yield`` returns false, its context is cancelled."""
        self._done = True
        self._batch = iter(())
        self._closer()

    def __enter__(self) -> GoIterator[_T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def item_converter(items: tuple[str, ...], from_json: Callable[[Any, str], Any]
                   ) -> Callable[[bytes], list[Any]]:
    """How a batch becomes the items: numbers from their memory; else a JSON array,
    pairs as tuples, and ``from_json`` for items JSON does not give as they are
    (Go writes 2.0 as 2, map keys as strings)."""
    if stream_raw_items(items):
        code = array_code(items[0], SCALARS[items[0]])
        return lambda data: memoryview(data).cast(code).tolist() if data else []  # type: ignore[call-overload]
    plain = [go_type in INTEGERS or go_type in (STRING, "bool") for go_type in items]
    if len(items) == 2:
        if all(plain):
            return lambda data: list(map(tuple, json.loads(data)))
        first, second = items
        return lambda data: [(from_json(k, first), from_json(v, second))
                             for k, v in json.loads(data)]
    if plain[0]:
        return json.loads
    return lambda data: [from_json(v, items[0]) for v in json.loads(data)]
