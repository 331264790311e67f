"""``GoLibrary``: a ``ctypes.CDLL`` that knows its module name and refuses use after fork."""

from __future__ import annotations

import ctypes
import os

from ._api import api_path, bind_functions, read_api
from ._description import check_built_together
from ._errors import GoForkError, fork_error_text
from ._fork import FunctionRegistry, track
from ._signals import keep_sigint
from .contract import READY_SYMBOL

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Mapping
    from pathlib import Path
    from typing import Any, NoReturn

    from ._error_kinds import ErrorKinds


class _TrackedCDLL(ctypes.CDLL):
    """A ``ctypes.CDLL`` whose functions are registered for disabling after fork."""

    _go_functions: FunctionRegistry

    def __getitem__(self, name_or_ordinal: Any) -> Any:
        return self._go_functions.add(super().__getitem__(name_or_ordinal))

    def holding_gil(self, name: str) -> Any:
        """Function ``name`` called with the GIL held, as ``ctypes.PyDLL`` calls
        (``//python:export gil=hold``): no release and reacquire around a short call."""
        held = self.__dict__.get("_HeldFuncPtr")
        if held is None:
            held = type("_HeldFuncPtr", (self._FuncPtr,), {"_flags_": ctypes.PyDLL._func_flags_})
            self._HeldFuncPtr = held
        return self._go_functions.add(held((name, self)))


class GoLibrary(_TrackedCDLL):
    """A loaded Go c-shared library. Exported functions are attributes, as with CDLL.

    Libraries are never unloaded: the Go runtime cannot be (golang/go#11100).
    """

    def __init__(self, module_name: str, path: str | os.PathLike[str],
                 leave_out: Collection[str] = (),
                 c_classes: Mapping[str, type] | None = None) -> None:
        """``leave_out``: names of the API not to bind (an extension module of
        ``bindings = "cpython"`` defines them in C); ``c_classes``: its classes as C
        types by name, which the classes derive from."""
        self._go_functions = FunctionRegistry()
        with keep_sigint(module_name):
            super().__init__(os.fspath(path))
            self._wait_for_go_init()
        self.module_name = module_name
        self._path = path
        self._loaded_in_pid = os.getpid()
        self._forked = False
        self._raw: ctypes.CDLL | None = None
        # Wrappers of //python:export functions, made on first access (__getattr__).
        self._deferred: dict[str, Callable[[], Any]] = {}
        description = read_api(path, module_name)
        if description is not None:
            check_built_together(self, description, api_path(path, module_name))
        self._go_bound: tuple[str, ...] = ()  # what `attach` hands on
        # How Go errors become exceptions (a cpython-mode module's C functions use it).
        self._go_errors: ErrorKinds | None = None
        if description is not None:
            # Typed functions (and `c_structs`) become attributes; `raw` stays untyped.
            bound, self._deferred, self._go_errors = bind_functions(
                self, description, leave_out, c_classes or {})
            vars(self).update(bound)
            self._go_bound = (*bound, *self._deferred)
        track(self)

    def _wait_for_go_init(self) -> None:
        """Go runs package init functions after loading returns; any call into the
        library waits for them. Libraries with bindings export a no-op for that."""
        try:
            ready = self._FuncPtr((READY_SYMBOL, self))
        except AttributeError:
            return  # no bindings: a signal.Notify in init may be missed
        ready.restype = None
        ready()

    @property
    def path(self) -> Path:
        """The library file (a ``pathlib.Path``, made on first use: pathlib costs imports)."""
        from pathlib import Path

        return Path(self._path)

    @property
    def raw(self) -> ctypes.CDLL:
        """The same library as a plain ``ctypes.CDLL``: functions without any typing."""
        if self._forked:
            raise self._fork_error("raw")
        if self._raw is None:
            raw = _TrackedCDLL(os.fspath(self._path), handle=self._handle)
            raw._go_functions = self._go_functions
            self._raw = raw
        return self._raw

    def export_to(self, namespace: dict[str, Any], names: Iterable[str]) -> None:
        """Copy functions into ``namespace`` (a module's globals, as the generated
        ``<leaf>_api.py`` does); after a fork they raise ``GoForkError`` there too."""
        for name in names:
            namespace[name] = getattr(self, name)

    def _fork_error(self, function: str) -> GoForkError:
        return GoForkError(fork_error_text(f"call {function}()", self.module_name,
                                           self._loaded_in_pid))

    def _disable_after_fork(self) -> None:
        self._forked = True
        self._go_functions.disable(self._fork_error)

    def _forked_stub(self, name: str) -> Any:
        def forked(*args: object, **kwargs: object) -> NoReturn:
            raise self._fork_error(name)

        forked.__name__ = name
        return forked

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in {"_forked", "_loaded_in_pid", "module_name",
                                             "_go_functions", "_raw", "_path",
                                             "_deferred", "_go_bound", "_HeldFuncPtr",
                                             "_go_errors"}:
            raise AttributeError(name)
        if self._forked:
            return self._forked_stub(name)
        make = self._deferred.get(name)
        if make is None:
            made = vars(self).get(name)  # by another thread since this lookup began
            return made if made is not None else super().__getattr__(name)
        # Two threads may both make it: one wrapper is kept (set before it leaves
        # _deferred), the other is garbage.
        function = vars(self).setdefault(name, make())
        self._deferred.pop(name, None)
        return function

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self._deferred})

    def __getitem__(self, name_or_ordinal: Any) -> Any:
        if self._forked:
            return self._forked_stub(str(name_or_ordinal))
        return super().__getitem__(name_or_ordinal)

    def __repr__(self) -> str:
        return f"<GoLibrary {self.module_name!r} from {os.fspath(self._path)!r}>"
