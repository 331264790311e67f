"""What ``bindings = "cpython"`` adds to a build: the generated module, checked first."""

from __future__ import annotations

from pathlib import Path

from ..config.binding_mode import BindingMode
from ..errors import GoPackageError
from ..goapi.exports import FUNCTION, GoFunction
from ..platforms.python_capi import CapiUse, PythonInstall, running_python
from ..runtime.contract import (
    CONTEXT_TYPE,
    ERROR,
    canonical,
)
from .cpython_module import MODULE_FILE, module_source
from .plan import Bindings
from .type_table import type_kind

MODE = BindingMode.CPYTHON
MODE_TEXT = MODE.option_text


def cpython_module(
    ext_name: str, bindings: Bindings, user_capi: CapiUse | None,
    python: PythonInstall | None = None,
) -> tuple[str, CapiUse]:
    """The Go file holding the C module, and the C-API use of the whole build."""
    python = python or running_python()
    if not bindings.bound_names:  # constants alone still make a module
        raise GoPackageError(
            f"GoExtension {ext_name!r}: {MODE_TEXT} makes an extension module of the "
            f"//python:export declarations, but the Go package has none. Mark what "
            f"Python should use with a //python:export comment, or drop {MODE_TEXT}."
        )
    if user_capi is not None and user_capi.module_inits:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: the Go package defines PyInit_"
            f"{user_capi.module_inits[0]} itself, and {MODE_TEXT} generates "
            f"PyInit_{ext_name.rpartition('.')[2]}: a library is one Python module. Drop "
            f"{MODE_TEXT}, or the hand-written module init."
        )
    assert MODE.limited_api is not None
    if python.version < MODE.limited_api:
        minimum = ".".join(map(str, MODE.limited_api))
        raise GoPackageError(
            f"GoExtension {ext_name!r}: {MODE_TEXT} builds a limited-API module for Python "
            f"{minimum} and later (the first limited API with the buffer protocol), but "
            f"this build runs Python {python.version[0]}.{python.version[1]} "
            f"({python.executable}). Build with Python {minimum} or later, or use "
            f"{BindingMode.CTYPES.option_text} (its wheels serve every Python 3)."
        )
    generated = Path(f"{MODULE_FILE} (generated for {MODE_TEXT})")
    files = (generated, *(user_capi.files if user_capi else ()))
    use = CapiUse(files=files, limited=True, module_inits=(ext_name.rpartition(".")[2],))
    converted = c_functions(bindings)
    return module_source(ext_name, converted, attach=needs_runtime(bindings, converted)), use


def c_functions(bindings: Bindings) -> list[GoFunction]:
    """The functions the C module converts itself; the rest of the API (classes,
    constants, variables, composite types) comes from the ctypes runtime."""
    # Results of a named type with methods are instances of its class: the runtime's.
    classes = {t.name for t in bindings.named_types if t.methods}
    return [function for function in bindings.python_functions if _converted(function)
            and not any(r.convert in classes and not r.convert_import for r in function.results)]


def needs_runtime(bindings: Bindings, converted: list[GoFunction]) -> bool:
    """Must the module's init attach objects from the runtime? Not for a module of
    C functions only, whose import then stays as cheap as it was. Sentinel errors
    need it: their exception classes are the runtime's."""
    return bool(bindings.classes or bindings.constants or bindings.variables
                or bindings.sentinels or bindings.named_types
                or len(converted) < len(bindings.python_functions))


def _converted(function: GoFunction) -> bool:
    types = [p.type for p in function.params] + [r.type for r in function.results]
    return (function.role == FUNCTION and not function.variadic and not function.is_async
            and all(map(function_level, types)))


def function_level(go_type: str) -> bool:
    """The types the generated C module converts: numbers, bool, strings, []byte,
    numeric slices, error and a leading context.Context."""
    go_type = canonical(go_type)
    kind = type_kind(go_type)
    return (kind is not None and kind.c is not None) or go_type in (ERROR, CONTEXT_TYPE)
