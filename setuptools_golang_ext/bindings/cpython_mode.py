"""What ``bindings = "cpython"`` adds to a build: the generated module, checked first."""

from __future__ import annotations

from pathlib import Path
from typing import Union

from ..config.binding_mode import BindingMode
from ..errors import GoPackageError
from ..goapi.exports import (
    FUNCTION,
    GET,
    MAKE,
    METHOD,
    NEW,
    SET,
    GoClass,
    GoConstant,
    GoFunction,
    GoNamedType,
    GoVariable,
)
from ..goapi.interfaces import GoInterface
from ..platforms.python_capi import CapiUse, PythonInstall, running_python
from ..runtime.contract import (
    CONTEXT_TYPE,
    ERROR,
    canonical,
)
from .cpython_callbacks import callback_c
from .cpython_classes import CClasses, ClassModule, class_module, members
from .cpython_module import MODULE_FILE, c_conversion_of, module_source
from .plan import Bindings
from .type_table import CScalar

MODE = BindingMode.CPYTHON
MODE_TEXT = MODE.option_text


def cpython_module(
    ext_name: str, bindings: Bindings, user_capi: CapiUse | None,
    python: PythonInstall | None = None, identifier: str = "",
) -> tuple[str, CapiUse]:
    """The Go file holding the C module, and the C-API use of the whole build;
    ``identifier``: the library id (``plan.library_id``) its description names."""
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
    return module_source(ext_name, converted, attach=needs_runtime(bindings),
                         classes=c_classes(ext_name, bindings), identifier=identifier), use


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
    layer (which imports ctypes and reads the description with JSON)."""
    if isinstance(declaration, GoFunction) and declaration.role in (NEW, MAKE):
        return True  # every class is a C type, whose tp_new makes the value
    if isinstance(declaration, GoFunction) and declaration.mutates:
        return False  # func Fill(v *IntVector): the runtime writes Go's copy back into v
    if isinstance(declaration, GoFunction):
        table = CClasses(frozenset(bindings.class_names))
        # Results of a named type with methods are instances of its class: the runtime's
        # (a field read stays the built-in value).
        named = {t.name for t in bindings.named_types if t.methods}
        return _converted(declaration, table) and (declaration.role == GET or not any(
            r.convert in named and not r.convert_import for r in declaration.results))
    if isinstance(declaration, GoClass):
        # A class is a C type holding the handle with the members C converts; when
        # that is every field and method, the C type is the class. Otherwise the
        # runtime's class derives from it and adds the rest.
        return all(c_covered(member, bindings) for member in members(declaration))
    # Constants, variables, sentinel errors (exception classes), named types and
    # interfaces are the runtime's.
    return False


def c_functions(bindings: Bindings) -> list[GoFunction]:
    """The functions the C module converts itself (objects of the classes included)."""
    return [f for f in bindings.python_functions
            if f.role == FUNCTION and c_covered(f, bindings)]


def c_classes(ext_name: str, bindings: Bindings) -> ClassModule:
    """The classes as C types, with the members the C module converts."""
    converted = [member for go_class in bindings.classes for member in members(go_class)
                 if c_covered(member, bindings)]
    return class_module(ext_name, bindings.classes, converted)


def needs_runtime(bindings: Bindings) -> bool:
    """Must the module's init attach the rest of the API from the runtime? Not when C
    covers every declaration: the import then loads neither ctypes nor JSON."""
    return not all(c_covered(declaration, bindings) for declaration in declarations(bindings))


def _converted(function: GoFunction, table: CClasses) -> bool:
    """Is ``function`` converted in C: its parameters and results function-level,
    objects of the classes or slices of them, and its parameters also callbacks
    the trampoline calls (not kept ones)?"""
    params = [p.type for p in function.params if p.name in function.keep
              or callback_c(p.type) is None]
    return (function.role in (FUNCTION, METHOD, GET, SET)
            and not function.is_async
            and all(function_level(t) or table.object_type(t) is not None
                    or table.slice_type(t) is not None for t in params)
            and all(result_level(r.type) or table.object_type(r.type) is not None
                    or table.slice_type(r.type) is not None for r in function.results))


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
