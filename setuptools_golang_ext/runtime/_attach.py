"""The part of a ``bindings = "cpython"`` module its C functions do not cover.

The generated C module converts function-level types itself (numbers, strings,
buffers, error, context). Classes, constants, variables and functions over
composite types or callbacks have one implementation, the ctypes layer: the
module's exec slot calls ``attach``, which binds them over the same library
(the extension module is also the c-shared library exporting the glue, and
loading it again gives the handle already loaded) and sets them on the module.
It returns what the C functions call to make the exception of a Go error that
matched a sentinel or carries an object (``ErrorKinds.exception``).
"""

from __future__ import annotations

import os
from types import ModuleType

from ._api import api_path
from ._library import GoLibrary
from .contract import C_CLASSES_ATTRIBUTE

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable

# Every library attached so far: alive for good, as its classes hold its functions
# and the fork guard tracks libraries weakly.
_attached: dict[str, GoLibrary] = {}


def attach(module: ModuleType) -> Callable[..., Any] | None:
    """Set the API the C module does not define as attributes of ``module``; the
    maker of the exceptions of Go errors (message, kind, class id, handle)."""
    path = module.__file__ or ""
    description = api_path(path, module.__name__)
    if not os.path.isfile(description):
        # Without it the module would silently lack its classes and constants.
        raise ImportError(
            f"cannot import {module.__name__!r}: its API description {description} is "
            f"missing, and it names the module's Go classes, constants and functions "
            f"beyond the C ones. It is installed beside the library by the build: "
            f"reinstall the package (or rebuild it in place).",
            name=module.__name__, path=str(path))
    library = GoLibrary(module.__name__, path, leave_out=frozenset(vars(module)),
                        c_classes=vars(module).get(C_CLASSES_ATTRIBUTE))
    library.export_to(vars(module), (name for name in library._go_bound
                                     if name != "c_structs"))
    _attached[module.__name__] = library
    return library._go_errors.exception if library._go_errors is not None else None
