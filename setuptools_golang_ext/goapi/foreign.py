"""Struct types (and named slices, arrays and maps of basic types, such as
``uuid.UUID``, and interfaces, such as ``fs.DirEntry``) of other packages as
classes of the package read.

The reader lists the struct types of other packages that the API reaches
(``*bytes.Buffer``, a sibling package's ``span.Span``) with their fields and
methods. Those the marked declarations reach, within ``FOREIGN_DEPTH`` steps,
join the API as marked struct types of the package under a Go name of their
own (``Buffer``, or ``bytes_Buffer`` when another type has that name), which
the glue declares as an alias of the foreign type. Every reference to them is
rewritten to that name, so they bind as the package's own classes do (an
interface as the package's interfaces: an abstract class, and a proxy class for
its values). A marked alias of the package (``type DirEntry = fs.DirEntry`` in
os) gives its type its name instead, and the glue uses the package's alias.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from .exports import named_tag
from .model import PYTHON_EXPORT, Field, Function, GoApi, Param, Receiver, TypeDecl, TypeRef

# Steps from a marked declaration: 1 for the types it names, 2 for the types
# their fields and methods name. The reader describes no deeper (foreign.go).
FOREIGN_DEPTH = 2

_Key = tuple[str, str]  # (import path, type name)


@dataclass(frozen=True)
class ForeignClass:
    """A struct type of another package bound as a class named ``name``."""

    name: str  # the Go alias the glue declares, and the Python class name
    import_path: str
    go_name: str  # its name in its package ("Buffer")
    # The package read declares the alias itself (os.DirEntry = fs.DirEntry), so the
    # glue does not: it names the class through the package.
    package_alias: bool = False


def with_foreign_classes(api: GoApi) -> tuple[GoApi, list[ForeignClass]]:
    """``api`` with the foreign struct types its marked declarations reach as marked
    struct types of its own, and those classes (none: ``api`` unchanged)."""
    table = {_key(decl.type): decl for decl in api.foreign_types
             if decl.underlying.kind in ("struct", "interface")
             or named_tag(decl, api.package.import_path)}
    reached = _reached(api, table)
    if not reached:
        return api, []
    aliases = _package_aliases(api, reached)
    alias_docs = {_key(t.type): t.doc for t in api.types
                  if t.alias and aliases.get(_key(t.type)) == t.name}
    api = replace(api, types=tuple(t for t in api.types
                                   if not (t.alias and aliases.get(_key(t.type)) == t.name)))
    names = {**_names(api, reached, table), **aliases}
    classes = [ForeignClass(names[key], *key, package_alias=key in aliases) for key in reached]
    package = api.package.import_path

    def rewrite(ref: TypeRef) -> TypeRef:
        return _rewrite(ref, names, package)

    decls, methods = [], []
    for key in reached:
        decl = _rewrite_decl(table[key], rewrite)
        if decl.underlying.kind != "interface":  # an interface's are its proxy's
            own = [m for m in decl.methods if not m.promoted_via]
            methods += [_marked(replace(m, receiver=_receiver(m, decl))) for m in own]
        doc = alias_docs.get(key) or decl.doc or f"{table[key].type.go} of the Go package {key[0]}."
        decls.append(replace(
            decl, name=names[key], directives=(PYTHON_EXPORT,), doc=doc,
            methods=tuple(_marked(m) if m.promoted_via else m for m in decl.methods)))
    rewritten = _rewrite_api(api, rewrite)
    return replace(rewritten, types=(*rewritten.types, *decls),
                   functions=(*rewritten.functions, *methods)), classes


def _key(ref: TypeRef) -> _Key:
    return (ref.package or "", ref.name)


def _reached(api: GoApi, table: dict[_Key, TypeDecl]) -> list[_Key]:
    """The foreign struct types the marked declarations reach within FOREIGN_DEPTH
    steps, in the order found."""
    found: dict[_Key, int] = {}
    frontier = [key for ref in _marked_refs(api) for key in _foreign_in(ref, table)]
    for depth in range(1, FOREIGN_DEPTH + 1):
        frontier = [key for key in dict.fromkeys(frontier) if key not in found]
        found.update((key, depth) for key in frontier)
        frontier = [key for parent in frontier for ref in _member_refs(table[parent])
                    for key in _foreign_in(ref, table)]
    return list(found)


def _package_aliases(api: GoApi, reached: list[_Key]) -> dict[_Key, str]:
    """The reached types the package names by a marked alias of its own
    (``type DirEntry = fs.DirEntry``): each binds under the first such alias's name."""
    found: dict[_Key, str] = {}
    for decl in api.types:
        if decl.alias and decl.python_export and decl.exported and not decl.type_params \
                and _key(decl.type) in reached and not decl.type.type_args:
            found.setdefault(_key(decl.type), decl.name)
    return found


def _marked_refs(api: GoApi) -> Iterator[TypeRef]:
    for function in api.functions:
        if function.python_export:
            yield from (p.type for p in (*function.params, *function.results))
    for decl in api.types:
        if decl.python_export:
            yield from _member_refs(decl)
            if decl.alias:
                yield decl.type
    yield from (v.type for v in api.variables if v.python_export)


def _member_refs(decl: TypeDecl) -> Iterator[TypeRef]:
    yield from (f.type for f in decl.fields if f.exported)
    for method in decl.methods:
        if method.exported:
            yield from (p.type for p in (*method.params, *method.results))


def _foreign_in(ref: TypeRef, table: dict[_Key, TypeDecl]) -> Iterator[_Key]:
    """The foreign struct types in ``ref``, through pointers, slices, maps, funcs."""
    if ref.kind == "named":
        if _key(ref) in table and not ref.type_args:
            yield _key(ref)
        return
    for inner in (ref.elem, ref.key, *(p.type for p in (*ref.params, *ref.results))):
        if inner is not None:
            yield from _foreign_in(inner, table)


def _names(api: GoApi, reached: list[_Key], table: dict[_Key, TypeDecl]) -> dict[_Key, str]:
    """A Go and Python name for each: its own where nothing else has it, else
    qualified by its package name (``bytes_Buffer``), else by its import path."""
    taken = {f.name for f in api.functions if f.receiver is None}
    taken |= {d.name for d in api.types} | {v.name for v in (*api.constants, *api.variables)}
    counts = Counter(name for _, name in reached)
    qualified = {key: table[key].type.go.replace(".", "_") for key in reached}
    qualified_counts = Counter(qualified.values())
    names = {}
    for key in reached:
        path, name = key
        if counts[name] == 1 and name not in taken:
            names[key] = name
        elif qualified_counts[qualified[key]] == 1 and qualified[key] not in taken:
            names[key] = qualified[key]
        else:
            names[key] = "".join(c if c.isalnum() else "_" for c in path) + "_" + name
    return names


def _rewrite(ref: TypeRef, names: dict[_Key, str], package: str) -> TypeRef:
    """``ref`` with every reached foreign type as the package's own of its new name."""
    def again(inner: TypeRef | None) -> TypeRef | None:
        return None if inner is None else _rewrite(inner, names, package)

    def params(items: tuple[Param, ...]) -> tuple[Param, ...]:
        return tuple(replace(p, type=_rewrite(p.type, names, package)) for p in items)

    if ref.kind == "named" and not ref.type_args and _key(ref) in names:
        name = names[_key(ref)]
        return replace(ref, package=package, name=name, go=name,
                       underlying=again(ref.underlying))
    if not (ref.elem or ref.key or ref.params or ref.results or ref.fields or ref.underlying):
        return ref
    return replace(ref, elem=again(ref.elem), key=again(ref.key), params=params(ref.params),
                   results=params(ref.results), underlying=again(ref.underlying),
                   fields=tuple(replace(f, type=_rewrite(f.type, names, package))
                                for f in ref.fields))


def _rewrite_function(function: Function, rewrite: Callable[[TypeRef], TypeRef]) -> Function:
    def params(items: tuple[Param, ...]) -> tuple[Param, ...]:
        return tuple(replace(p, type=rewrite(p.type)) for p in items)

    receiver = function.receiver
    return replace(function, params=params(function.params), results=params(function.results),
                   receiver=replace(receiver, type=rewrite(receiver.type)) if receiver else None)


def _rewrite_decl(decl: TypeDecl, rewrite: Callable[[TypeRef], TypeRef]) -> TypeDecl:
    fields: tuple[Field, ...] = tuple(replace(f, type=rewrite(f.type)) for f in decl.fields)
    return replace(decl, type=rewrite(decl.type), underlying=rewrite(decl.underlying),
                   fields=fields,
                   methods=tuple(_rewrite_function(m, rewrite) for m in decl.methods))


def _rewrite_api(api: GoApi, rewrite: Callable[[TypeRef], TypeRef]) -> GoApi:
    return replace(
        api, functions=tuple(_rewrite_function(f, rewrite) for f in api.functions),
        types=tuple(_rewrite_decl(d, rewrite) for d in api.types),
        variables=tuple(replace(v, type=rewrite(v.type)) for v in api.variables),
        foreign_types=())


def _receiver(method: Function, decl: TypeDecl) -> Receiver:
    """The method's receiver as the class of ``decl`` (methods of a type's own)."""
    pointer = method.receiver.pointer if method.receiver else True
    return Receiver(method.receiver.name if method.receiver else "", decl.type, pointer)


def _marked(function: Function) -> Function:
    if function.python_export:
        return function
    return replace(function, directives=(*function.directives, PYTHON_EXPORT))
