"""The part of a ``bindings = "cpython"`` module its C functions do not cover.

The generated C module converts function-level types itself (numbers, strings,
buffers, error, context). Classes, constants, variables and functions over
composite types or callbacks have one implementation, the ctypes layer: the
module's exec slot calls ``attach``, which binds them over the same library
(the extension module is also the c-shared library exporting the glue, and
loading it again gives the handle already loaded) and sets them on the module.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from ._library import GoLibrary

# Every library attached so far: alive for good, as its classes hold its functions
# and the fork guard tracks libraries weakly.
_attached: dict[str, GoLibrary] = {}


def attach(module: ModuleType) -> None:
    """Set the API the C module does not define as attributes of ``module``."""
    if module.__file__ is None:
        raise ImportError(f"cannot attach the Go objects of {module.__name__!r}: the "
                          f"module has no __file__ to find its API description by")
    library = GoLibrary(module.__name__, Path(module.__file__), leave_out=frozenset(vars(module)))
    library.export_to(vars(module), (name for name in library._go_bound
                                     if name != "c_structs"))
    _attached[module.__name__] = library
