"""The part of a ``bindings = "cpython"`` module its C functions do not cover.

The generated C module converts what ``cpython_mode.c_covered`` says it covers.
The rest (classes, constants, variables, sentinel errors, functions over
composite types or callbacks) has one implementation, the ctypes layer. A
module with any of it calls ``attach_checked`` from its exec slot (after its C
checked the API description against the library's id; _description's
``check_module_description`` when that did not pass), which hooks the module's
``__getattr__`` and ``__dir__``: the first use of such a name binds the rest
over the same library (the extension module is also the c-shared library
exporting the glue) and sets it on the module. So an import, and every call of
a C function, stays free of ctypes and json. The C functions ask
``error_maker`` for what makes the exception of a Go error that matched a
sentinel or carries an object (``ErrorKinds.exception``).
"""

from __future__ import annotations

import os
from _thread import RLock  # threading's RLock, without importing threading

from ._description import check_module_description
from ._errors import GoForkError, fork_error_text
from .contract import C_CLASSES_ATTRIBUTE

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any, Callable

    from ._library import GoLibrary

# Every module attached so far with its library: alive for good, as its classes hold
# its functions and the fork guard tracks libraries weakly.
_attached: dict[str, tuple[ModuleType, GoLibrary]] = {}
_attaching: set[str] = set()
_lock = RLock()  # a name used while attaching (same thread) is missing, not a deadlock
_HOOKS = ("__getattr__", "__dir__")


def attach(module: ModuleType, library_id: int) -> None:
    """``attach_checked`` after checking the description (for modules built before
    their C checked it)."""
    check_module_description(module, library_id, True)
    attach_checked(module)


def attach_checked(module: ModuleType) -> None:
    """Bind the rest of ``module``'s API on first use (its description is checked)."""
    name = module.__name__
    namespace, loaded_in = vars(module), os.getpid()

    def __getattr__(attribute: str) -> Any:
        # __all__: `from module import *` then sees the attached names.
        if not attribute.startswith("__") or attribute == "__all__":
            if os.getpid() != loaded_in:  # the Go runtime is gone: attaching would hang
                raise GoForkError(fork_error_text(f"use {attribute}", name, loaded_in))
            _attach_now(module)
            if attribute in namespace:
                return namespace[attribute]
        raise AttributeError(f"module {name!r} has no attribute {attribute!r}")

    def __dir__() -> list[str]:
        if os.getpid() == loaded_in:
            _attach_now(module)
        return sorted(namespace)

    namespace.update(zip(_HOOKS, (__getattr__, __dir__)))
    if namespace.get(C_CLASSES_ATTRIBUTE):
        # The runtime's classes derive from the C types the module holds now: bind
        # at once, so that Python never sees a C type and later its subclass by one name.
        _attach_now(module)


def error_maker(module: ModuleType) -> Callable[..., Any] | None:
    """The maker of the exceptions of Go errors (message, kind, class id, handle),
    which the module's C functions raise; None when the library has no kinds."""
    library = _attach_now(module)
    return library._go_errors.exception if library._go_errors is not None else None


def _attach_now(module: ModuleType) -> GoLibrary:
    name = module.__name__
    with _lock:
        known = _attached.get(name)
        if known is not None and known[0] is module:
            return known[1]
        if name in _attaching:
            raise AttributeError(f"module {name!r} is still being attached")
        _attaching.add(name)
        try:
            library = _bind(module)
        finally:
            _attaching.discard(name)
        _attached[name] = module, library
        return library


def _bind(module: ModuleType) -> GoLibrary:
    # Lazy: the ctypes layer (ctypes, the JSON description) only when a name needs it.
    from ._library import GoLibrary

    namespace = vars(module)
    library = GoLibrary(module.__name__, module.__file__ or "",
                        leave_out=frozenset(namespace),
                        c_classes=namespace.get(C_CLASSES_ATTRIBUTE))
    library.export_to(namespace, (name for name in library._go_bound if name != "c_structs"))
    for hook in _HOOKS:  # all there now: later misses are plain AttributeErrors
        namespace.pop(hook, None)
    return library
