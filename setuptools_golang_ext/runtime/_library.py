"""``GoLibrary``: a ``ctypes.CDLL`` that knows its module name and refuses use after fork."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from ._api import bind_functions, read_api
from ._errors import GoForkError
from ._fork import track


class GoLibrary(ctypes.CDLL):
    """A loaded Go c-shared library. Exported functions are attributes, as with CDLL.

    Libraries are never unloaded: the Go runtime cannot be (golang/go#11100).
    """

    def __init__(self, module_name: str, path: Path) -> None:
        super().__init__(str(path))
        self.module_name = module_name
        self.path = path
        self._loaded_in_pid = os.getpid()
        self._forked = False
        self._namespaces: list[dict[str, Any]] = []
        description = read_api(path, module_name)
        if description is not None:
            # Typed functions (and `c_structs`) become attributes; `raw` stays untyped.
            vars(self).update(bind_functions(self, description))
        track(self)

    @property
    def raw(self) -> ctypes.CDLL:
        """The same library as a plain ``ctypes.CDLL``: functions without any typing."""
        return ctypes.CDLL(str(self.path), handle=self._handle)

    def export_to(self, namespace: dict[str, Any], names: Iterable[str]) -> None:
        """Copy functions into ``namespace`` (a module's globals, as the generated
        ``<leaf>_api.py`` does); after a fork they are disabled there too."""
        for name in names:
            namespace[name] = getattr(self, name)
        self._namespaces.append(namespace)

    def _fork_error(self, function: str) -> GoForkError:
        return GoForkError(
            f"cannot call {function}() of Go library {self.module_name!r} in process "
            f"{os.getpid()}: it was loaded in process {self._loaded_in_pid}, and the Go "
            f"runtime does not survive fork(). Use multiprocessing with the 'spawn' or "
            f"'forkserver' start method, or load the library only in the child."
        )

    def _disable_after_fork(self) -> None:
        self._forked = True
        functions = {
            name: value
            for name, value in vars(self).items()
            if isinstance(value, self._FuncPtr)
            or hasattr(value, "__go_symbol__")
        }
        for namespace in [vars(self), *self._namespaces]:
            for name, value in list(namespace.items()):
                if functions.get(name) is value:
                    namespace[name] = self._forked_stub(name)

    def _forked_stub(self, name: str) -> Any:
        def forked(*args: object, **kwargs: object) -> NoReturn:
            raise self._fork_error(name)

        forked.__name__ = name
        return forked

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in {"_forked", "_loaded_in_pid", "module_name"}:
            raise AttributeError(name)
        if self._forked:
            return self._forked_stub(name)
        return super().__getattr__(name)

    def __getitem__(self, name_or_ordinal: Any) -> Any:
        if self._forked:
            return self._forked_stub(str(name_or_ordinal))
        return super().__getitem__(name_or_ordinal)

    def __repr__(self) -> str:
        return f"<GoLibrary {self.module_name!r} from {str(self.path)!r}>"
