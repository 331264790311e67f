"""Go func values in Python: a func result, or a func-typed variable or field
read, is a ``GoFunc`` calling the Go func.

The object holds a handle keeping the func alive in Go until the object is
collected. Calling it calls the library's caller of its func type (a wrapper
like a function's: arguments and results convert alike, errors and panics raise
alike), compiled on the first call.
"""

from __future__ import annotations

from ._objects import GoValue

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable


class GoFunc(GoValue):
    """A Go func value: call it as a Python function."""

    __slots__ = ()
    _go_type: str = ""
    _go_call: Callable[..., Any] | None = None  # the caller, made on the first call
    _go_make: Callable[[], Callable[..., Any]]

    def __new__(cls, *args: object, **fields: object) -> Any:
        raise TypeError(f"{cls.__name__} values come from Go only; where Go takes a "
                        f"{cls.__name__}, pass any Python callable")

    def __call__(self, *args: Any) -> Any:
        cls = type(self)
        call = cls._go_call
        if call is None:
            call = cls._go_call = cls._go_make()
        return call(self, *args)

    def __repr__(self) -> str:
        return f"<Go {self._go_type}, handle {self._handle.value}>"


def make_func_classes(entries: dict[str, dict[str, Any]], module: str,
                      release: Callable[[int], None],
                      build: Callable[[dict[str, Any]], Callable[..., Any]]
                      ) -> dict[str, type[GoFunc]]:
    """A GoFunc class per func type tag, named as its entry (a named func type's
    name, or "func"), calling Go through ``build(entry)``."""
    classes: dict[str, type[GoFunc]] = {}
    for tag, entry in entries.items():
        namespace = {"__slots__": (), "__module__": module, "_go_type": tag,
                     "_go_release": staticmethod(release), "_go_make": _maker(build, entry)}
        classes[tag] = type(entry["name"], (GoFunc,), namespace)
    return classes


def _maker(build: Callable[[dict[str, Any]], Callable[..., Any]], entry: dict[str, Any]
           ) -> Callable[[], Callable[..., Any]]:
    return lambda: build(entry)
