"""Other packages' struct types as classes, and interfaces' proxy classes, keeping
only the members that bind.

``goapi.foreign`` adds the struct and interface types of other packages that the marked
declarations reach to the API as marked types of the package, and
``goapi.proxies`` a proxy class per marked interface. Their fields and methods
were written by someone else (or, for a proxy, are an interface's), so one that
cannot be bound (a parameter of a type with no Python form) is left out, with a
line saying why, and the rest of the class binds.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from ..goapi.foreign import ForeignClass, with_foreign_classes
from ..goapi.model import PYTHON_EXPORT, Function, GoApi
from ..goapi.proxies import InterfaceProxy, with_interface_proxies
from .plan import binding_problems


@dataclass(frozen=True)
class ForeignBinding:
    api: GoApi  # with the classes below as marked types of its own
    classes: list[ForeignClass]
    proxies: list[InterfaceProxy]
    left_out: list[str]  # a line for each member left out (``bytes.Buffer.ReadFrom: …``)


def bind_foreign(api: GoApi) -> ForeignBinding:
    """``api`` with the foreign classes its marked declarations reach and a proxy
    class for each marked interface, keeping only the members of those that bind."""
    api, classes = with_foreign_classes(api)
    api, proxies = with_interface_proxies(api)
    spelled = {c.name: f"{c.import_path.rpartition('/')[2]}.{c.go_name}" for c in classes}
    spelled.update((p.name, spelled.get(p.interface, p.interface)) for p in proxies)
    left_out: list[str] = []
    for _ in range(len(api.functions) + len(api.types) + 1):
        problems = [(name, text) for name, text in binding_problems(api)
                    if name.partition(".")[0] in spelled and "." in name]
        if not problems:
            break
        for name, text in problems:
            owner, _, member = name.partition(".")
            left_out.append(f"{spelled[owner]}.{member}: {_reason(text)}")
        api = _unmark_members(api, {name for name, _ in problems})
    return ForeignBinding(api, classes, proxies, left_out)


def _reason(problem: str) -> str:
    """Why a member cannot bind, without the advice on markers (nobody marked it)."""
    reason = problem.partition(": //python:export ")[2].partition(": ")[2]
    if reason.startswith("it is a method of ") and "which is not a struct type" in reason:
        return ("it has a pointer receiver, and its type is a named slice, array or map, "
                "whose Python value is a copy Go cannot change in place")
    return reason.partition("; mark `type")[0]


def _unmark_members(api: GoApi, names: Collection[str]) -> GoApi:
    """``api`` without the marks of the methods ``T.M`` and the fields ``T.F``."""
    def member(function: Function, owner: str) -> Function:
        if f"{owner}.{function.name}" not in names:
            return function
        kept = tuple(d for d in function.directives if not d.startswith(PYTHON_EXPORT))
        return replace(function, directives=kept)

    functions = tuple(member(f, f.receiver.type.name) if f.receiver else f
                      for f in api.functions)
    types = tuple(replace(t, fields=tuple(f for f in t.fields if f"{t.name}.{f.name}" not in
                                          names),
                          methods=tuple(member(m, t.name) for m in t.methods))
                  for t in api.types)
    return replace(api, functions=functions, types=types)
