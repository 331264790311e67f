"""Ctrl-C during a Go call that takes a ``context.Context``.

Python runs signal handlers only in the main thread, between bytecodes: while
the main thread is inside a foreign call, Ctrl-C waits for the call to return.
So a call with a context runs in a worker thread while the main thread waits
on an event, where ``KeyboardInterrupt`` can arrive. Then the call's Go
context is cancelled, the call is awaited (its pointers into Python memory
stay valid until it returns), and ``KeyboardInterrupt`` is raised. Calls
without a context stay direct foreign calls: nothing is added to them.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable


# Upper bound of the wait between checks on interpreters where waiting on a lock
# is not interrupted by signals (Windows); POSIX is woken at once.
_POLL_SECONDS = 0.1


class _Call:
    def __init__(self, function: Callable[..., int], arguments: tuple[Any, ...]) -> None:
        import threading

        self.function = function
        self.arguments = arguments
        self.done = threading.Event()
        self.status = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.status = self.function(*self.arguments)
        except BaseException as exc:  # GoForkError and the like: re-raised by the caller
            self.error = exc
        finally:
            self.done.set()

    def wait(self) -> None:
        while not self.done.wait(_POLL_SECONDS):
            pass


def call_with_context(
    function: Callable[..., int],
    new_context: Callable[[], int],
    cancel: Callable[[int], None],
    arguments: tuple[Any, ...],
) -> tuple[int, bool]:
    """(status, interrupted) of ``function(context_id, *arguments)``."""
    context_id = new_context()
    return call_interruptibly(function, (context_id, *arguments), lambda: cancel(context_id))


def call_interruptibly(function: Callable[..., int], arguments: tuple[Any, ...],
                       cancel: Callable[[], None]) -> tuple[int, bool]:
    """(status, interrupted) of ``function(*arguments)``; on Ctrl-C in the main
    thread, ``cancel()`` runs and the call is awaited."""
    import threading  # here, not at import: it costs every load of a library

    if threading.current_thread() is not threading.main_thread():
        return function(*arguments), False  # signals never arrive here
    call = _Call(function, arguments)
    threading.Thread(target=call.run, name="goext call", daemon=True).start()
    interrupted = False
    try:
        call.wait()
    except KeyboardInterrupt:
        interrupted = True
        cancel()
        call.wait()  # a second Ctrl-C leaves the call running in its thread
    if call.error is not None:
        raise call.error
    return call.status, interrupted
