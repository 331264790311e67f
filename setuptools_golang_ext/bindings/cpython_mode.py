"""What ``bindings = "cpython"`` adds to a build: the generated module, checked first."""

from __future__ import annotations

from pathlib import Path

from ..errors import GoPackageError
from ..platforms.python_capi import CapiUse, PythonInstall, running_python
from ..runtime.contract import (
    BYTES,
    CONTEXT_TYPE,
    CPYTHON_MODE,
    ERROR,
    SCALARS,
    STRING,
    canonical,
    slice_element,
)
from .cpython_module import MODULE_FILE, module_source
from .cpython_support import LIMITED_API
from .plan import Bindings

MODE_TEXT = f'bindings = "{CPYTHON_MODE}"'


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
    _refuse_objects(ext_name, bindings)
    if user_capi is not None and user_capi.module_inits:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: the Go package defines PyInit_"
            f"{user_capi.module_inits[0]} itself, and {MODE_TEXT} generates "
            f"PyInit_{ext_name.rpartition('.')[2]}: a library is one Python module. Drop "
            f"{MODE_TEXT}, or the hand-written module init."
        )
    if python.version < LIMITED_API:
        minimum = ".".join(map(str, LIMITED_API))
        raise GoPackageError(
            f"GoExtension {ext_name!r}: {MODE_TEXT} builds a limited-API module for Python "
            f"{minimum} and later (the first limited API with the buffer protocol), but "
            f"this build runs Python {python.version[0]}.{python.version[1]} "
            f"({python.executable}). Build with Python {minimum} or later, or use "
            f'bindings = "ctypes" (its wheels serve every Python 3).'
        )
    generated = Path(f"{MODULE_FILE} (generated for {MODE_TEXT})")
    files = (generated, *(user_capi.files if user_capi else ()))
    use = CapiUse(files=files, limited=True, module_inits=(ext_name.rpartition(".")[2],))
    return module_source(ext_name, bindings.python_functions), use


def _function_level(go_type: str) -> bool:
    """The types the generated C module converts: numbers, bool, strings, []byte,
    numeric slices, error and a leading context.Context."""
    go_type = canonical(go_type)
    return (go_type in SCALARS or go_type in (STRING, BYTES, ERROR, CONTEXT_TYPE)
            or slice_element(go_type) is not None)


def _refuse_objects(ext_name: str, bindings: Bindings) -> None:
    """Classes, methods, maps, callbacks... exist in ctypes mode only (for now): say so
    before compiling rather than generate a module that cannot convert them."""
    found = [f"type {c.name}" for c in bindings.classes]
    found += [f"const {c.name}" for c in bindings.constants]
    found += [f"var {v.value.name}" for v in bindings.variables]
    for function in bindings.python_functions:
        types = [p.type for p in function.params] + [r.type for r in function.results]
        if function.receiver or function.variadic or not all(map(_function_level, types)):
            found.append(f"func {function.name}")
    if found:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: {MODE_TEXT} binds functions over numbers, bool, "
            f"strings, []byte, numeric slices and error; these need the ctypes bindings: "
            f"{', '.join(found)}. Use bindings = \"ctypes\" (the default) for this "
            f"extension, or move them to another GoExtension."
        )
