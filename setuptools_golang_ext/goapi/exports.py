"""The exported functions of a package, as the bindings generate code for them.

A view of the ``GoApi`` model: every function marked ``//python:export`` or
cgo ``//export``, with each parameter and result type spelled as the
bindings' type tags spell it (``uint8`` for ``byte``, ``[]byte``, ``error``)
and every other type spelled as Go writes it (``chan int``, ``Celsius``), so
error messages quote the user's own spelling.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..runtime.contract import CONTEXT_TYPE, canonical
from .model import Function, GoApi, TypeRef


@dataclass(frozen=True)
class GoParam:
    name: str  # "" when the signature leaves it unnamed
    type: str  # a type tag ("int64", "[]byte", "error") or the Go spelling


@dataclass(frozen=True)
class GoFunction:
    name: str
    params: tuple[GoParam, ...]
    results: tuple[GoParam, ...]
    doc: str
    file: Path
    line: int
    python_export: bool  # marked //python:export (else a cgo //export)
    receiver: str = ""  # the receiver type of a method, as Go writes it
    variadic: bool = False

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def type_tag(ref: TypeRef) -> str:
    """The bindings' spelling of a type (see ``runtime/contract.py``)."""
    if ref.kind == "basic":
        return canonical(ref.name or ref.go)
    if ref.kind == "slice" and ref.elem is not None and ref.elem.kind == "basic":
        return canonical("[]" + (ref.elem.name or ref.elem.go))
    if ref.kind == "named" and ref.package == "" and ref.name == "error":
        return "error"
    if ref.kind == "named" and ref.package == "context" and ref.name == "Context":
        return CONTEXT_TYPE  # whatever name the file imported "context" under
    return ref.go  # cgo's C.x types, named types, maps, chans...: as written


def _view(function: Function, python_export: bool) -> GoFunction:
    pos = function.pos
    return GoFunction(
        name=function.name,
        params=tuple(GoParam(p.name, type_tag(p.type)) for p in function.params),
        results=tuple(GoParam(r.name, type_tag(r.type)) for r in function.results),
        doc=function.doc.strip(),
        file=Path(pos.file) if pos else Path(),
        line=pos.line if pos else 0,
        python_export=python_export,
        receiver=function.receiver.type.go if function.receiver else "",
        variadic=function.variadic,
    )


def python_exports(api: GoApi) -> list[GoFunction]:
    """Functions and methods marked ``//python:export``, in source order."""
    return [_view(f, True) for f in api.functions if f.python_export]


def c_exports(api: GoApi) -> list[GoFunction]:
    """Functions of a cgo package marked ``//export Name`` (named as exported)."""
    return [
        replace(_view(function, False), name=function.c_export)
        for function in api.functions
        if function.c_export and not function.python_export
    ]
