"""Interface types marked ``//python:export`` (or bound by import path): each is a
Python name, an abstract class whose virtual subclasses are the classes whose Go
type implements it, so ``isinstance(square, lib.Shape)`` answers as Go would."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import Function, GoApi, TypeDecl


@dataclass(frozen=True)
class GoInterface:
    name: str
    doc: str
    methods: tuple[str, ...]  # its exported methods, sorted
    classes: tuple[str, ...]  # the classes whose *T has all of them, signatures identical


def is_constraint(decl: TypeDecl) -> bool:
    """A type-set interface (``~int | ~float64``): a constraint, with no values."""
    return "~" in decl.underlying.go or "|" in decl.underlying.go


def marked_interfaces(api: GoApi) -> list[TypeDecl]:
    return [t for t in api.types if t.python_export and t.exported and not t.alias
            and not t.type_params and t.underlying.kind == "interface" and not is_constraint(t)]


def _signature(method: Function) -> tuple[object, ...]:
    """What Go compares to decide a method implements one of an interface (types
    are spelled relative to the package read, aliases resolved, so equal spellings
    are identical types)."""
    return (method.name, tuple(p.type.go for p in method.params),
            tuple(r.type.go for r in method.results), method.variadic)


def _implementers(decl: TypeDecl, classes: Sequence[TypeDecl]) -> tuple[str, ...]:
    if set(decl.underlying.methods) - {m.name for m in decl.methods}:
        return ()  # an unexported method the reader does not describe: cannot tell
    wanted = {_signature(m) for m in decl.methods}
    return tuple(c.name for c in classes if wanted <= {_signature(m) for m in c.methods})


def python_interfaces(api: GoApi, class_names: Sequence[str]) -> list[GoInterface]:
    """The marked interfaces, each with the classes (of ``class_names``) implementing it."""
    types = {t.name: t for t in api.types}
    classes = [types[name] for name in class_names if name in types]
    return [GoInterface(decl.name, decl.doc.strip(), tuple(sorted(m.name for m in decl.methods)),
                        _implementers(decl, classes))
            for decl in marked_interfaces(api)]
