"""What ``bindings = "cpython"`` adds to a build: the generated module, checked first."""

from __future__ import annotations

from pathlib import Path
from typing import Union

from ..config.binding_mode import BindingMode
from ..errors import GoPackageError
from ..goapi.exports import FUNCTION, GoClass, GoConstant, GoFunction, GoNamedType, GoVariable
from ..goapi.interfaces import GoInterface
from ..platforms.python_capi import CapiUse, PythonInstall, running_python
from ..runtime.contract import (
    CONTEXT_TYPE,
    ERROR,
    canonical,
)
from .cpython_callbacks import callback_c
from .cpython_module import MODULE_FILE, c_conversion_of, module_source
from .plan import Bindings
from .type_table import CScalar

MODE = BindingMode.CPYTHON
MODE_TEXT = MODE.option_text


def cpython_module(
    ext_name: str, bindings: Bindings, user_capi: CapiUse | None,
    python: PythonInstall | None = None,
) -> tuple[str, CapiUse]:
    """The Go file holding the C module, and the C-API use of the whole build."""
    python = python or running_python()
    if not bindings.python_functions:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: {MODE_TEXT} makes an extension module of the "
            f"//python:export functions, but the Go package has none. Mark the functions "
            f"Python should call with a //python:export comment, or drop {MODE_TEXT}."
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
    return module_source(ext_name, converted, attach=needs_runtime(bindings)), use


# Everything a module binds: what the C module does not cover, the runtime attaches.
Declaration = Union[GoFunction, GoClass, GoConstant, GoVariable, GoNamedType, GoInterface]


def declarations(bindings: Bindings) -> list[Declaration]:
    """Every declaration ``bindings`` gives Python (methods and accessors included)."""
    return [*bindings.python_functions, *bindings.classes, *bindings.constants,
            *bindings.variables, *bindings.sentinels, *bindings.named_types,
            *bindings.interfaces]


def c_covered(declaration: Declaration, bindings: Bindings) -> bool:
    """Does the generated C module bind ``declaration`` itself? The one place that
    decides: whatever answers False here the module's init attaches from the ctypes
    layer (which imports ctypes and reads the description with JSON). C classes,
    callbacks and collections extend this predicate as they come."""
    if isinstance(declaration, GoFunction):
        # Results of a named type with methods are instances of its class: the runtime's.
        classes = {t.name for t in bindings.named_types if t.methods}
        return _converted(declaration) and not any(
            r.convert in classes and not r.convert_import for r in declaration.results)
    # Classes (with their methods and fields), constants, variables, sentinel errors
    # (exception classes), named types and interfaces: the runtime's so far.
    return False


def c_functions(bindings: Bindings) -> list[GoFunction]:
    """The functions the C module converts itself."""
    return [f for f in bindings.python_functions if c_covered(f, bindings)]


def needs_runtime(bindings: Bindings) -> bool:
    """Must the module's init attach the rest of the API from the runtime? Not when C
    covers every declaration: the import then loads neither ctypes nor JSON."""
    return not all(c_covered(declaration, bindings) for declaration in declarations(bindings))


def _converted(function: GoFunction) -> bool:
    """Is ``function`` converted in C: a function whose parameters are all
    function-level or callbacks the trampoline calls (not kept ones), with
    function-level results?"""
    params = [p.type for p in function.params if p.name in function.keep
              or callback_c(p.type) is None]
    return (function.role == FUNCTION and not function.variadic and not function.is_async
            and all(map(function_level, params))
            and all(result_level(r.type) for r in function.results))


def function_level(go_type: str) -> bool:
    """The parameter types the generated C module converts: numbers, bool, strings,
    []byte, numeric slices, []string, error and a leading context.Context."""
    go_type = canonical(go_type)
    c = c_conversion_of(go_type)
    return (c is not None and (isinstance(c, CScalar) or bool(c.convert))) \
        or go_type in (ERROR, CONTEXT_TYPE)


def result_level(go_type: str) -> bool:
    """The results the generated C module converts: those and the packed
    map[string]<integer>."""
    return function_level(go_type) or c_conversion_of(canonical(go_type)) is not None
