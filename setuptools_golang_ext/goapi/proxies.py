"""Classes for values returned through an interface type that have no class.

A function returning ``Stringer`` may return a value whose Go type binds no
class (an unexported type, a type of another package). Such a value comes
back as an object of the interface's proxy class, ``Stringer_value``: a struct
the glue declares around the interface value (``struct{ Stringer }``), so its
methods are the interface's methods and Python can call them. Go unwraps it
when it goes back, so Go gets the very value it returned.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .interfaces import marked_interfaces
from .model import PYTHON_EXPORT, Function, GoApi, Receiver, TypeDecl, TypeRef

PROXY_SUFFIX = "_value"
# A directive the reader never yields (Go's are "name:args"), kept on a proxy's TypeDecl
# so that its constructor calls the glue's refusal instead of making an empty proxy.
PROXY_DIRECTIVE = "goext proxy"


@dataclass(frozen=True)
class InterfaceProxy:
    name: str  # the Go struct the glue declares, and the Python class
    interface: str  # the interface type of the package ("Stringer")


def with_interface_proxies(api: GoApi) -> tuple[GoApi, list[InterfaceProxy]]:
    """``api`` with a proxy struct type for each marked interface, whose methods are
    the interface's, and those proxies."""
    taken = {t.name for t in api.types} | {f.name for f in api.functions if not f.receiver}
    package = api.package.import_path
    proxies: list[InterfaceProxy] = []
    decls: list[TypeDecl] = []
    methods: list[Function] = []
    for interface in marked_interfaces(api):
        name = interface.name + PROXY_SUFFIX
        if name in taken:
            continue  # the package has a type of that name: no proxy (values stay opaque)
        if any(m.name == interface.name for m in interface.methods):
            continue  # os.Signal's Signal(): struct{ Signal } would call its field, not it
        struct = TypeRef(kind="struct", go="struct{}")
        ref = TypeRef(kind="named", go=name, name=name, package=package, underlying=struct)
        own = tuple(_as_method(m, ref) for m in interface.methods if m.exported)
        decls.append(TypeDecl(
            name=name, doc=f"A Go value returned as a {interface.name} whose type has no "
                           f"class here: {interface.name}'s methods call it.",
            pos=interface.pos, directives=(PYTHON_EXPORT, PROXY_DIRECTIVE), exported=True,
            alias=False,
            type=ref, underlying=struct, methods=own))
        methods += own
        proxies.append(InterfaceProxy(name, interface.name))
    return replace(api, types=(*api.types, *decls), functions=(*api.functions, *methods)), \
        proxies


def proxy_new(name: str) -> str:
    """The glue function a proxy's constructor calls: it refuses (an empty proxy's
    methods would call a nil interface)."""
    return f"goextNew{name}"


def _as_method(method: Function, ref: TypeRef) -> Function:
    """An interface method as a method of the proxy struct (by pointer)."""
    directives = method.directives if method.python_export else (*method.directives,
                                                                 PYTHON_EXPORT)
    return replace(method, receiver=Receiver("p", ref, True), directives=directives)
