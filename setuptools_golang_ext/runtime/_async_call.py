"""``//python:export async``: awaiting a Go call without blocking the event loop.

The call runs in a thread of its own (with the GIL released, as every call),
which hands its status to the event loop with ``call_soon_threadsafe``: any
number of calls overlap, unlike a bounded executor. Cancelling the awaiting
task (``task.cancel()``, ``asyncio.wait_for``'s timeout) cancels the call's Go
context at once; the abandoned call's results are freed when it returns.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any


def _settle(future: asyncio.Future[int], status: int, error: BaseException | None) -> None:
    if future.cancelled():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(status)


async def call_async(function: Callable[..., int], new_context: Callable[[], int],
                     cancel: Callable[[int], None], arguments: tuple[Any, ...],
                     discard: Callable[[], None]) -> int:
    """The status of ``function(context_id, *arguments)``, run in a new thread;
    ``discard`` frees the results of a call whose task was cancelled."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[int] = loop.create_future()
    context_id = new_context()

    def run() -> None:
        status, error = 0, None
        try:
            status = function(context_id, *arguments)
        except BaseException as exc:  # GoForkError and the like: raised in the task
            error = exc
        try:
            loop.call_soon_threadsafe(_settle, future, status, error)
        except RuntimeError:  # the loop is closed: nobody awaits the result
            discard()

    threading.Thread(target=run, name="goext async call", daemon=True).start()
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        cancel(context_id)
        future.add_done_callback(lambda _: discard())
        raise
