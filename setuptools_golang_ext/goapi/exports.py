"""The exported functions of a package, as the bindings generate code for them.

A view of the ``GoApi`` model: every function marked ``//python:export`` or
cgo ``//export``, with each parameter and result type spelled as the
bindings' type tags spell it (``uint8`` for ``byte``, ``[]byte``, ``error``)
and every other type spelled as Go writes it (``chan int``, ``Celsius``), so
error messages quote the user's own spelling.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

from ..runtime.contract import (
    ASYNC_OPTION,
    CONTEXT_TYPE,
    ERROR,
    ERROR_PARAM,
    EXPORT_OPTIONS,
    FUNC_PREFIX,
    GIL_HOLD,
    GIL_OPTION,
    INTERFACE_PREFIX,
    KEEP_OPTION,
    NAME_OPTION,
    NOCOPY_OPTION,
    NOCOPY_PREFIX,
    NOCOPY_RESULT,
    OBJECT_PREFIX,
    READONLY_OPTION,
    SCALAR_CTYPES,
    SLICE_PREFIX,
    STRING,
    TIME,
    WRAPPER_PREFIX,
    any_data,
    canonical,
    interface_name,
    keeps_receiver_result,
    object_class,
    slice_element,
)
from .instances import InstanceError, instance_call, instance_name
from .model import Function, GoApi, TypeDecl, TypeRef, Value
from .proxies import PROXY_DIRECTIVE, proxy_new

FUNCTION, METHOD, NEW, GET, SET = "function", "method", "new", "get", "set"
# The caller of a Go func value Python holds: the func is its first parameter.
CALL = "call"
# An all-fields constructor: every field a parameter (plain kinds only), one call.
MAKE = "make"
# A method with a value receiver of a named basic type (``func (l Level) String()``):
# the receiver is its first parameter, passed as the underlying value.
VALUE_METHOD = "value method"

# How GoParam.glue qualifies a type of the package read: the glue replaces it
# with "" (wrappers inside that package) or its import name. Never valid Go.
LOCAL = "$."


def import_alias(import_path: str) -> str:
    """The name the glue imports another package under: ``goextpkg_net_http``."""
    return "goextpkg_" + "".join(c if c.isalnum() else "_" for c in import_path)


@dataclass(frozen=True)
class GoParam:
    name: str  # "" when the signature leaves it unnamed
    type: str  # a type tag ("int64", "[]byte", "error", "*Shelf") or the Go spelling
    # A named type whose values travel as their underlying type (``Celsius`` for
    # ``type Celsius float64``, ``Duration`` for ``time.Duration``), or a named
    # interface of another package (``Reader``): the glue converts to it.
    convert: str = ""
    # The import path declaring ``convert`` when it is not the package read ("time").
    convert_import: str = ""
    # A slice, array, map, pointer or func type with named basic types inside, as
    # the glue writes it ("[]$.Kind", "map[string]goextpkg_time.Duration"; see
    # LOCAL), while ``type`` keeps the underlying spelling ("[]string"); else "".
    glue: str = ""
    glue_imports: tuple[str, ...] = ()  # the other packages ``glue`` names


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
    owner: str = ""  # the type a method or field accessor belongs to
    role: str = FUNCTION  # FUNCTION, METHOD, or an accessor: NEW, GET, SET
    # `//python:export readonly=a,b`: []byte parameters Go only reads during the
    # call, so immutable bytes may be passed without a copy.
    readonly: tuple[str, ...] = ()
    # `//python:export gil=hold`: the call keeps the GIL (no release, no reacquire).
    hold_gil: bool = False
    # `//python:export keep=a,b`: func parameters Go may keep and call later.
    keep: tuple[str, ...] = ()
    # What follows //python:export, checked by the bindings plan.
    options: str = ""
    # Its Python name when it differs from the Go name (`name=`, or a rename table).
    python: str = ""
    # An instantiation of a generic function: what the glue calls ("Sum[int]",
    # "Keys[string, $.Point]"; see LOCAL), while ``name`` is unique ("Sum_int").
    go_call: str = ""
    go_call_imports: tuple[str, ...] = ()  # the other packages ``go_call`` names
    # A pointer method of a named slice, array or map: the glue calls it on a copy
    # of the value and returns the copy first, for the runtime to write back.
    mutates: bool = False
    # Which parameter ``mutates`` writes back: 0, the receiver, for a method; for a
    # function taking a pointer to a named composite (``func Fill(v *IntVector)``), that
    # parameter, passed to Go as a pointer to a copy.
    written: int = 0

    @property
    def python_name(self) -> str:
        return self.python or self.name

    @property
    def is_async(self) -> bool:
        """Marked ``//python:export async``: a coroutine function in Python."""
        return ASYNC_OPTION in self.options.split()

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def label(self) -> str:
        """How logs name it: ``F``, ``T.M``; accessors ``T.F`` with their role."""
        if self.role == FUNCTION:
            return self.name
        if self.role in (METHOD, VALUE_METHOD):
            return f"{self.owner}.{self.name}"
        return f"{self.owner}.{self.name} ({self.role})"

    @property
    def symbol(self) -> str:
        """The C name of its wrapper: ``goext_F``, ``goext_T__M``, ``goext_T__get_F``."""
        if self.role == FUNCTION:
            return WRAPPER_PREFIX + self.name
        if self.role in (METHOD, VALUE_METHOD):
            return f"{WRAPPER_PREFIX}{self.owner}__{self.name}"
        if self.role == CALL:
            return f"{WRAPPER_PREFIX}call__{self.name}"
        return f"{WRAPPER_PREFIX}{self.owner}__{self.role}_{self.name}"


@dataclass(frozen=True)
class GoClass:
    """A struct type marked ``//python:export``: a Python class over a handle."""

    name: str
    doc: str
    fields: tuple[GoParam, ...]  # the exported fields
    methods: tuple[GoFunction, ...]
    accessors: tuple[GoFunction, ...]  # new, then get and set of every field
    file: Path
    line: int
    field_docs: tuple[str, ...] = ()  # the doc comment of each field
    # Marked methods of embedded structs, bound on this class too (also in methods).
    promoted: tuple[GoFunction, ...] = ()
    # Marked methods of embedded structs that Go does not promote ("Base.Describe").
    unpromoted: tuple[str, ...] = ()
    # Its Python name when it differs from the Go name (`name=`, or a rename table).
    python: str = ""
    # The Python name of each field ("" for its Go name): `name=` in the field's
    # comment, or a rename table's "Type.Field".
    field_names: tuple[str, ...] = ()

    @property
    def python_name(self) -> str:
        return self.python or self.name

    def field_name(self, index: int) -> str:
        """The Python name of field ``index``."""
        renamed = self.field_names[index] if index < len(self.field_names) else ""
        return renamed or self.fields[index].name

    @property
    def is_proxy(self) -> bool:
        """An interface's proxy class (goapi/proxies.py): its constructor refuses."""
        return any(a.role == NEW and a.go_call for a in self.accessors)

    @property
    def closer(self) -> bool:
        """Has ``Close() error``: a context manager."""
        return any(m.name == "Close" and not m.params and [r.type for r in m.results]
                   == ["error"] for m in self.methods)


@dataclass(frozen=True)
class GoConstant:
    name: str
    type: str  # a type tag: the constant's (underlying) basic type
    value: object  # str, int, float or bool
    doc: str
    named: str = ""  # its named type of the package (``Level``), if any


def keeps_callables(functions: Sequence[GoFunction]) -> bool:
    """Whether one of ``functions`` lets Go keep a Python callable (keep=): only
    then does Python's exit wait for the calls in Python, so only then does the
    glue count them."""
    return any(f.keep for f in functions)


def type_tag(ref: TypeRef, package: str = "", classes: frozenset[str] = frozenset()) -> str:
    """The bindings' spelling of a type (see ``runtime/contract.py``); ``package``
    is the import path of the package read, ``classes`` its exported struct types."""
    composite = _composite_tag(ref, package, classes)
    if composite is not None:
        return composite
    if _is_error(ref):
        return ERROR
    if _named_func(ref, package):  # type Handler func(string) int: as its func type
        return type_tag(ref.underlying, package, classes)  # type: ignore[arg-type]
    if ref.kind == "func" and not ref.variadic:
        params = ", ".join(_callback_part(p.type, package, classes) for p in ref.params)
        results = [_callback_part(r.type, package, classes) for r in ref.results]
        spelled = results[0] if len(results) == 1 else f"({', '.join(results)})"
        return f"func({params}) {spelled}".rstrip() if results else f"func({params})"
    if ref.kind == "named" and ref.package == "context" and ref.name == "Context":
        return CONTEXT_TYPE  # whatever name the file imported "context" under
    if ref.kind == "named" and (ref.package == package or _foreign(ref, package)) \
            and _basic_underlying(ref):
        return canonical(ref.underlying.go)  # type: ignore[union-attr]
    if ref.kind == "pointer" and ref.elem is not None and ref.elem.package == package \
            and ref.elem.name in classes:
        return OBJECT_PREFIX + ref.elem.name
    if ref.kind == "interface" and ref.go in ("any", "interface{}"):
        return INTERFACE_PREFIX
    if ref.kind == "named" and ref.package == package and ref.underlying is not None \
            and ref.underlying.kind == "interface":
        return INTERFACE_PREFIX + ref.name
    if (_foreign(ref, package) and _interface_underlying(ref)) or _foreign_struct(ref, package):
        return INTERFACE_PREFIX  # io.Reader, *bytes.Buffer: opaque, passed back as it came
    if ref.kind == "named" and ref.package == package and ref.name in classes:
        return ref.name  # a struct by value
    if _named_composite(ref, package, classes):
        return _composite_tag(ref.underlying, package, classes)  # type: ignore[arg-type,return-value]
    inner = ref.underlying if _local_named(ref, package) else ref
    objects = _objects_tag(inner, package, classes) or _func_items_tag(inner, package, classes)
    data = _data_tag(ref)
    return objects or (data if data and any_data(data) else ref.go)  # else as written:
    # cgo's C.x types, other named types, chans...


def _data_tag(ref: TypeRef | None) -> str | None:
    """The tag of an unnamed slice, array or string-keyed map of basic types and
    `any` (``map[string]interface:``), for the any_data kind; else None."""
    if ref is None:
        return None
    if ref.kind == "interface" and ref.go in ("any", "interface{}"):
        return INTERFACE_PREFIX
    if ref.kind == "basic":
        return canonical(ref.name or ref.go)
    inner = _data_tag(ref.elem)
    if inner is None:
        return None
    sequence = _sequence_tag(ref, inner)
    if sequence is not None:
        return sequence
    key = ref.key
    if ref.kind == "map" and key is not None and key.kind == "basic" and key.go == "string":
        return "map[string]" + inner
    return None


def _func_items_tag(ref: TypeRef | None, package: str, classes: frozenset[str]) -> str | None:
    """The tag of a slice, array or map of funcs (``[]Handler``, ``map[string]func()``):
    each func spelled as its func type."""
    if ref is None or ref.elem is None or not (
            ref.elem.kind == "func" or _named_func(ref.elem, package)):
        return None
    func = type_tag(ref.elem, package, classes)
    sequence = _sequence_tag(ref, func)
    if sequence is not None:
        return sequence
    if ref.kind == "map" and ref.key is not None and _scalar(ref.key, package):
        return f"map[{_composite_tag(ref.key, package)}]{func}"
    return None


def _local_named(ref: TypeRef, package: str) -> bool:
    return ref.kind == "named" and ref.package == package and ref.underlying is not None


def _objects_tag(ref: TypeRef | None, package: str, classes: frozenset[str]) -> str | None:
    """The tag of a slice or map of the package's classes (``[]*Point``,
    ``map[string]Point``), also as the underlying type of ``type Points []Point``;
    or of a slice of interface values (``[]any``, ``[]Shape``)."""
    if ref is None or ref.kind not in ("slice", "map") or ref.elem is None:
        return None
    element = type_tag(ref.elem, package, classes)
    if ref.kind == "slice" and interface_name(element) is not None \
            and not _foreign_struct(ref.elem, package):
        return "[]" + element  # []any, []Shape, []io.Reader: a list of interface values
    if object_class(element) not in classes and element not in classes:
        return None
    if ref.kind == "slice":
        return "[]" + element  # a slice of objects
    if ref.key is not None and ref.key.kind == "basic":  # a map of objects
        return f"map[{canonical(ref.key.name or ref.key.go)}]{element}"
    return None


def _named_func(ref: TypeRef, package: str) -> bool:
    """A named func type of the package, or an exported one of another (not a
    generic one: ``iter.Seq[int]`` is a stream)."""
    return ref.kind == "named" and (ref.package == package or _foreign(ref, package)) \
        and not ref.type_args and ref.underlying is not None and ref.underlying.kind == "func"


def _callback_part(ref: TypeRef, package: str, classes: frozenset[str]) -> str:
    """A parameter or result of a func type: ``any`` and the package's interfaces
    cross; another package's interface or struct is spelled as Go spells it (a
    callback cannot take one yet, and the error shows it so)."""
    tag = type_tag(ref, package, classes)
    foreign = ref.kind != "interface" and ref.package != package
    if ref.kind == "slice" and ref.elem is not None and _foreign(ref.elem, package):
        return ref.go  # []io.Reader: a callback cannot take one yet either
    return ref.go if tag.startswith(INTERFACE_PREFIX) and foreign else tag


def _composite_tag(ref: TypeRef, package: str, classes: frozenset[str] = frozenset()
                   ) -> str | None:
    """The tag of a basic type, or of slices, arrays, maps and pointers built of
    basic types and named basic types (spelled as their underlying type): else None."""
    if ref.kind == "basic":
        return canonical(ref.name or ref.go)
    if _named_basic(ref, package):
        return canonical(ref.underlying.go)  # type: ignore[union-attr]
    if _named_composite(ref, package, classes):  # type Grid [3]Row: Row as its underlying
        return _composite_tag(ref.underlying, package, classes)  # type: ignore[arg-type]
    inner = _composite_tag(ref.elem, package, classes) if ref.elem is not None else None
    if inner is None:
        return None
    sequence = _sequence_tag(ref, inner)
    if sequence is not None:
        return sequence
    if ref.kind == "pointer" and ref.elem is not None and _scalar(ref.elem, package):
        return "*" + inner
    if ref.kind == "map" and ref.key is not None and _scalar(ref.key, package):
        return f"map[{_composite_tag(ref.key, package, classes)}]{inner}"
    return None


def _sequence_tag(ref: TypeRef, item: str) -> str | None:
    """The tag of a slice or array whose items have tag ``item``; else None."""
    if ref.kind == "slice":
        return canonical("[]" + item)
    if ref.kind == "array" and ref.len is not None:
        return f"[{ref.len}]{item}"
    return None


def _named_composite(ref: TypeRef, package: str, classes: frozenset[str] = frozenset()
                     ) -> bool:
    """A named slice, array or map of the package over basic types alone
    (``type Vector []float64``, ``type ID [16]byte``), or over such named
    composites (``type Grid [3]Row``): it converts as its underlying type."""
    under = ref.underlying
    return ref.kind == "named" and ref.package == package and under is not None \
        and under.kind in ("slice", "array", "map") \
        and ref.name not in classes and _composite_tag(under, package, classes) is not None


def _named_basic(ref: TypeRef, package: str) -> bool:
    """A named type of the package, or an exported one of another, over a basic type."""
    return ref.kind == "named" and (ref.package == package or _foreign(ref, package)) \
        and _basic_underlying(ref)


def _scalar(ref: TypeRef, package: str) -> bool:
    return ref.kind == "basic" or _named_basic(ref, package)


def _inner_types(ref: TypeRef) -> list[TypeRef]:
    """The types a slice, array, pointer, map or func type is made of."""
    inner = [t for t in (ref.key, ref.elem) if t is not None]
    if ref.kind == "func":
        inner += [p.type for p in (*ref.params, *ref.results)]
    return inner


def _named_inside(ref: TypeRef, package: str, classes: frozenset[str] = frozenset()
                  ) -> list[TypeRef]:
    """The named basic types, and named composites of the package, inside a
    composite or func type (not itself)."""
    found = []
    for inner in _inner_types(ref):
        named = _named_basic(inner, package) or (
            _named_composite(inner, package, classes))
        found += [inner] if named else _named_inside(inner, package, classes)
    return found


def _glue_spelling(ref: TypeRef, package: str, classes: frozenset[str]) -> str:
    """The type as the glue writes it (see GoParam.glue); parts without named
    basic types inside are spelled as their tag, which the glue knows how to write."""
    if _named_basic(ref, package) or _named_composite(ref, package, classes):
        qualifier = LOCAL if ref.package == package else import_alias(ref.package or "") + "."
        return qualifier + ref.name
    if not _named_inside(ref, package, classes):
        return type_tag(ref, package, classes)
    if ref.kind == "func":
        params = ", ".join(_glue_spelling(p.type, package, classes) for p in ref.params)
        results = [_glue_spelling(r.type, package, classes) for r in ref.results]
        spelled = results[0] if len(results) == 1 else f"({', '.join(results)})"
        return f"func({params}) {spelled}".rstrip() if results else f"func({params})"
    elem = _glue_spelling(ref.elem, package, classes) if ref.elem is not None else ""
    if ref.kind == "map" and ref.key is not None:
        return f"map[{_glue_spelling(ref.key, package, classes)}]{elem}"
    prefix = {"slice": "[]", "pointer": "*", "array": f"[{ref.len}]"}.get(ref.kind, "")
    return prefix + elem


def _basic_underlying(ref: TypeRef) -> bool:
    return ref.underlying is not None and ref.underlying.kind == "basic" \
        and not ref.underlying.untyped


def _interface_underlying(ref: TypeRef) -> bool:
    return ref.underlying is not None and ref.underlying.kind == "interface"


def _foreign(ref: TypeRef, package: str) -> bool:
    """An exported named type of another (importable) package: ``time.Duration``."""
    path = ref.package or ""
    return (ref.kind == "named" and path not in ("", package)
            and ref.name[:1].isupper() and "internal" not in path.split("/"))


def _foreign_struct(ref: TypeRef, package: str) -> TypeRef | None:
    """The struct type of another package that ``ref`` is, or points to
    (``*bytes.Buffer``, a sibling package's ``geom.Point``); None for anything else
    (generic types too: the glue could not spell their instantiation), and
    ``time.Time``, which is a ``datetime``."""
    named = ref.elem if ref.kind == "pointer" and ref.elem is not None else ref
    if _foreign(named, package) and not named.type_args and named.underlying is not None \
            and named.underlying.kind == "struct" and named.go != TIME:
        return named
    return None


def _param(ref: TypeRef, name: str, package: str, classes: frozenset[str]) -> GoParam:
    if _named_func(ref, package):  # Go assigns a func literal to it, and converts it back
        return _param(ref.underlying, name, package, classes)  # type: ignore[arg-type]
    tag = type_tag(ref, package, classes)
    struct = _foreign_struct(ref, package)
    if struct is not None:  # the glue asserts the handle's value is exactly this type
        pointer = "*" if ref.kind == "pointer" else ""
        return GoParam(name, tag, pointer + struct.name, struct.package or "")
    if ref.kind == "named" and ref.package == package and (
            _basic_underlying(ref) or _named_composite(ref, package, classes)):
        return _named_param(ref, name, tag, package, classes)
    if _local_named(ref, package) and _objects_tag(ref.underlying, package, classes):
        # type Points []*Point: results convert to []*Point, spelled for the glue
        return GoParam(name, tag, ref.name, glue=_objects_glue(tag))
    if _foreign(ref, package) and (_basic_underlying(ref) or tag == INTERFACE_PREFIX):
        return GoParam(name, tag, ref.name, ref.package or "")
    if tag == SLICE_PREFIX + INTERFACE_PREFIX and ref.elem is not None \
            and _foreign(ref.elem, package):  # []fs.DirEntry: the glue spells the item
        return GoParam(name, tag, ref.elem.name, ref.elem.package or "")
    if ref.elem is not None and _named_func(ref.elem, package) \
            and _func_items_tag(ref, package, classes):
        return _func_items_param(ref, name, tag, package)
    named = _named_inside(ref, package, classes) if ref.kind != "named" else []
    if named:
        imports = sorted({t.package or "" for t in named if t.package != package})
        return GoParam(name, tag, glue=_glue_spelling(ref, package, classes),
                       glue_imports=tuple(imports))
    return GoParam(name, tag)


def _function_param(ref: TypeRef, name: str, package: str, classes: frozenset[str]
                    ) -> GoParam:
    """A parameter of a function or method: ``error``, ``[]error`` and ``...error``
    cross as interface arguments (an ``error`` result stays the call's failure)."""
    if _is_error(ref):
        return GoParam(name, ERROR_PARAM)
    if _error_slice(ref):
        return GoParam(name, SLICE_PREFIX + ERROR_PARAM)
    return _param(ref, name, package, classes)


def _is_error(ref: TypeRef) -> bool:
    return ref.kind == "named" and ref.package == "" and ref.name == ERROR


def _error_slice(ref: TypeRef) -> bool:
    """``[]error``: a list of exceptions both ways (a result's are not raised)."""
    return ref.kind == "slice" and ref.elem is not None and _is_error(ref.elem)


def _func_items_param(ref: TypeRef, name: str, tag: str, package: str) -> GoParam:
    """A slice or array of a named func type (``[]Handler``): the glue spells the
    item by its name, since a ``[]func(string) string`` is no ``[]Handler``."""
    elem: TypeRef = ref.elem  # type: ignore[assignment]
    local = elem.package == package
    qualifier = LOCAL if local else import_alias(elem.package or "") + "."
    prefix = tag[: tag.index("]") + 1]
    return GoParam(name, tag, glue=prefix + qualifier + (elem.name or ""),
                   glue_imports=() if local else (elem.package or "",))


def _named_param(ref: TypeRef, name: str, tag: str, package: str, classes: frozenset[str]
                 ) -> GoParam:
    """A named type of the package; a named composite holding named types
    (``type Kinds []Kind``) also keeps how the glue spells its underlying type."""
    under = ref.underlying
    inner = _named_inside(under, package, classes) if under is not None else []
    if under is None or not inner:
        return GoParam(name, tag, ref.name)
    imports = sorted({t.package or "" for t in inner if t.package != package})
    return GoParam(name, tag, ref.name, glue=_glue_spelling(under, package, classes),
                   glue_imports=tuple(imports))


def _objects_glue(tag: str) -> str:
    """``[]*$.Point`` for ``[]*Point``: the class qualified as the glue writes it."""
    head, _, element = tag.rpartition("]")
    pointer = "*" if element.startswith("*") else ""
    return f"{head}]{pointer}{LOCAL}{element.lstrip('*')}"


def _view(function: Function, python_export: bool, package: str = "",
          classes: frozenset[str] = frozenset()) -> GoFunction:
    pos = function.pos
    receiver = function.receiver
    return GoFunction(
        name=function.name,
        params=tuple(_function_param(p.type, p.name, package, classes)
                     for p in function.params),
        results=_results(function, package, classes),
        doc=function.doc.strip(),
        file=Path(pos.file) if pos else Path(),
        line=pos.line if pos else 0,
        python_export=python_export,
        receiver=("*" if receiver.pointer else "") + receiver.type.go if receiver else "",
        variadic=function.variadic,
        owner=receiver.type.name if receiver else "",
        role=METHOD if receiver else FUNCTION,
        readonly=readonly_parameters(function.python_export_options or ""),
        hold_gil=GIL_HOLD in option_values(function.python_export_options or "", GIL_OPTION),
        keep=tuple(option_values(function.python_export_options or "", KEEP_OPTION)),
        options=function.python_export_options or "",
        python=next(iter(option_values(function.python_export_options or "", NAME_OPTION)),
                    ""),
    )


def _results(function: Function, package: str, classes: frozenset[str]
             ) -> tuple[GoParam, ...]:
    """The results; with ``nocopy=result``, []byte and numeric slices tagged as views."""
    results = tuple(GoParam(r.name, SLICE_PREFIX + ERROR_PARAM) if _error_slice(r.type)
                    else _param(r.type, r.name, package, classes) for r in function.results)
    if NOCOPY_RESULT not in option_values(function.python_export_options or "", NOCOPY_OPTION):
        return results
    return tuple(replace(r, type=NOCOPY_PREFIX + canonical(r.type)) if not r.convert and (
        canonical(r.type) == "[]byte" or slice_element(canonical(r.type))) else r
        for r in results)


def option_values(options: str, key: str) -> list[str]:
    """The comma-separated values of ``key=...`` in the text after ``//python:export``."""
    values: list[str] = []
    for word in options.split():
        name, _, value = word.partition("=")
        if name == key:
            values += [item for item in value.split(",") if item]
    return values


def readonly_parameters(options: str) -> tuple[str, ...]:
    """The names listed by ``readonly=a,b`` in the text after ``//python:export``."""
    return tuple(option_values(options, READONLY_OPTION))


def unknown_options(options: str, known: tuple[str, ...] = EXPORT_OPTIONS) -> list[str]:
    """The words after ``//python:export`` that are no ``known`` ``name=...`` option (a
    bracketed value such as ``instantiate=[string, int]`` is one word)."""
    return [word for word in _option_words(options) if word.partition("=")[0] not in known]


def _option_words(options: str) -> list[str]:
    """``options`` split at white space outside brackets."""
    words, depth, word = [], 0, ""
    for char in options:
        if char.isspace() and depth <= 0:
            words += [word] if word else []
            word, depth = "", 0
            continue
        depth += (char in "[({") - (char in "])}")
        word += char
    return [*words, word] if word else words


def exported_structs(api: GoApi) -> list[TypeDecl]:
    """Types marked ``//python:export`` that are exported structs (or listed
    instantiations of generic ones): the classes."""
    return [t for t in api.types if t.python_export and t.exported and not t.alias
            and not t.type_params and t.underlying.kind == "struct"]


def _class_names(api: GoApi) -> frozenset[str]:
    return frozenset(t.name for t in exported_structs(api))


def python_exports(api: GoApi) -> list[GoFunction]:
    """Functions and methods marked ``//python:export``, in source order."""
    classes, package = _class_names(api), api.package.import_path
    receivers = {t.name: _param(t.type, "self", package, classes)
                 for t in api.types if named_tag(t, package, classes)}
    return [_pointer_param(_value_method(view, receivers), f, package, classes) for f, view in
            ((f, _instance(f, _view(f, True, package, classes), package))
             for f in api.functions if f.python_export and not f.type_params)]


def _pointer_param(view: GoFunction, function: Function, package: str,
                   classes: frozenset[str]) -> GoFunction:
    """A function whose first pointer-to-named-composite parameter (``v *IntVector``)
    takes the value and writes Go's copy back into the Python object (``mutates``)."""
    if view.role != FUNCTION or view.mutates:
        return view
    for index, param in enumerate(function.params):
        ref = param.type
        if ref.kind == "pointer" and ref.elem is not None \
                and _named_composite(ref.elem, package, classes):
            value = _param(ref.elem, param.name, package, classes)
            if keeps_receiver_result(value.type):  # a bytes object cannot change
                continue
            params = (*view.params[:index], value, *view.params[index + 1:])
            return replace(view, params=params, results=(value, *view.results), mutates=True,
                           written=index)
    return view


def _instance(function: Function, view: GoFunction, package: str) -> GoFunction:
    """An instantiation of a generic function under its own name, calling Go's."""
    if not function.type_args:
        return view
    try:
        call, imports = instance_call(function, package, import_alias)
    except InstanceError:  # reported by instance_problems before anything binds
        call, imports = "", ()
    return replace(view, name=instance_name(function), python="", go_call=call,
                   go_call_imports=imports)


def named_tag(decl: TypeDecl, package: str, classes: frozenset[str] = frozenset()
              ) -> str | None:
    """The tag a named type of the package converts as: a basic type, or a slice,
    array or map of basic types (``[]float64`` for ``type Vector []float64``) or
    of the ``classes`` (``[]*Point`` for ``type Points []*Point``)."""
    if decl.alias or decl.type_params:
        return None
    under = decl.underlying
    if under.kind == "basic":
        return None if under.untyped else canonical(under.go)
    if under.kind in ("slice", "array", "map"):
        return _composite_tag(under, package, classes) or _objects_tag(under, package, classes)
    return None


def _value_method(function: GoFunction, receivers: dict[str, GoParam]) -> GoFunction:
    """A method with a value receiver of a named basic or composite type of the
    package as a VALUE_METHOD taking the receiver first, and a pointer method of a
    named type as one that also returns the receiver first (``mutates``);
    anything else as it is."""
    receiver = receivers.get(function.owner)
    if function.role != METHOD or receiver is None:
        return function
    if not function.receiver.startswith("*"):
        return replace(function, params=(receiver, *function.params), role=VALUE_METHOD)
    # A pointer method runs on a copy of the value, returned first: a composite's
    # replaces the object's contents, a basic type's is the method's first result.
    return replace(function, params=(receiver, *function.params), role=VALUE_METHOD,
                   results=(receiver, *function.results), mutates=True)


def python_classes(api: GoApi, methods: list[GoFunction]) -> list[GoClass]:
    """The classes, with their ``methods`` (views from ``python_exports``) and the
    fields and marked methods promoted from embedded structs (go/types decided
    which: shadowing and ambiguity follow Go's rules)."""
    classes, package = _class_names(api), api.package.import_path
    found = []
    for decl in exported_structs(api):
        pos = decl.pos
        where = (Path(pos.file) if pos else Path(), pos.line if pos else 0)
        exported = [f for f in decl.fields if f.exported and (
            not f.embedded or _is_class(type_tag(f.type, package, classes), classes))]
        fields = tuple(GoParam(f.name, ERROR_PARAM) if _is_error(f.type)  # set and read
                       else _param(f.type, f.name, package, classes) for f in exported)
        promoted = tuple(replace(_view(m, True, package, classes), owner=decl.name)
                         for m in decl.methods if m.promoted_via and m.python_export)
        found.append(GoClass(
            name=decl.name, doc=decl.doc.strip(), fields=fields,
            methods=tuple(m for m in methods if m.role == METHOD and m.owner == decl.name)
            + promoted,
            accessors=_refused_new(decl, _accessors(decl.name, fields, *where, plain=not any(
                f.promoted_via for f in exported))),
            file=where[0], line=where[1], field_docs=tuple(f.doc.strip() for f in exported),
            promoted=promoted, unpromoted=_unpromoted(api, decl),
            python="" if decl.instance_of else next(iter(
                option_values(decl.python_export_options, NAME_OPTION)), ""),
            field_names=tuple(next(iter(option_values(f.python_export_options, NAME_OPTION)),
                                   "") for f in exported),
        ))
    return found


def _refused_new(decl: TypeDecl, accessors: list[GoFunction]) -> tuple[GoFunction, ...]:
    """An interface's proxy class cannot be made from Python: its constructor calls the
    glue's refusal (goapi/proxies.py)."""
    if PROXY_DIRECTIVE not in decl.directives:
        return tuple(accessors)
    return tuple(replace(a, go_call=proxy_new(decl.name)) if a.role == NEW else a
                 for a in accessors)


def _is_class(tag: str, classes: frozenset[str]) -> bool:
    return tag in classes or object_class(tag) in classes


def _unpromoted(api: GoApi, decl: TypeDecl) -> tuple[str, ...]:
    """Methods marked //python:export on a directly embedded type that the struct
    does not get (two embedded types both have one of that name, or a field
    of that name shadows it): the build warns about them."""
    reachable = {m.name for m in decl.methods}
    types = {t.name: t for t in api.types}
    found = []
    for member in decl.fields:
        if not member.embedded or member.promoted_via:
            continue
        inner = types.get(member.type.elem.name if member.type.kind == "pointer"
                          and member.type.elem else member.type.name)
        for method in inner.methods if inner else ():
            if method.python_export and method.name not in reachable:
                found.append(f"{inner.name}.{method.name}")  # type: ignore[union-attr]
    return tuple(found)


def _accessors(owner: str, fields: tuple[GoParam, ...], file: Path, line: int,
               plain: bool = False) -> list[GoFunction]:
    """New, get and set of every field; and make when the fields are scalars or
    strings, none promoted (``plain``: a composite literal names them)."""
    this = GoParam("self", OBJECT_PREFIX + owner)

    def accessor(name: str, role: str, params: tuple[GoParam, ...],
                 results: tuple[GoParam, ...]) -> GoFunction:
        return GoFunction(name, params, results, "", file, line, True, owner=owner, role=role)

    made = [accessor(owner, NEW, (), (this,))]
    if plain and fields and all(canonical(f.type) in SCALAR_CTYPES or canonical(f.type) == STRING
                                for f in fields):
        made.append(accessor(owner, MAKE, fields, (this,)))
    for field in fields:
        made.append(accessor(field.name, GET, (this,), (field,)))
        made.append(replace(accessor(field.name, SET, (this, replace(field, name="value")), ()),
                            keep=stored_func(field)))
    return made


def stored_func(value: GoParam) -> tuple[str, ...]:
    """("value",) for a func-typed field or variable: its setter keeps the Python
    callable until Go drops the func (as keep= does); else ()."""
    return ("value",) if value.type.startswith(FUNC_PREFIX) else ()


@dataclass(frozen=True)
class GoVariable:
    """A package variable marked ``//python:export``, read and set through accessors."""

    value: GoParam  # its name and type
    doc: str
    get: GoFunction
    set: GoFunction


def python_variables(api: GoApi) -> list[GoVariable]:
    """Exported variables marked ``//python:export`` (alone or by their group)."""
    classes, package = _class_names(api), api.package.import_path
    found = []
    for variable in api.variables:
        if not (variable.python_export and variable.exported):
            continue
        pos = variable.pos
        where = (Path(pos.file) if pos else Path(), pos.line if pos else 0)
        value = _param(variable.type, variable.name, package, classes)
        get = GoFunction(variable.name, (), (value,), "", *where, True, role=GET)
        set_ = GoFunction(variable.name, (replace(value, name="value"),), (), "", *where,
                          True, role=SET, keep=stored_func(value))
        found.append(GoVariable(value, variable.doc.strip(), get, set_))
    return found


def python_constants(api: GoApi) -> list[GoConstant]:
    """Exported constants marked ``//python:export`` (alone or by their group)."""
    package = api.package.import_path
    return [c for c in (_constant(v, package) for v in api.constants) if c is not None]


def _constant(value: Value, package: str = "") -> GoConstant | None:
    if not (value.python_export and value.exported) or value.value is None:
        return None
    kind = value.value_kind
    if kind == "string":
        python: object = value.string_value
    elif kind == "bool":
        python = value.value == "true"
    elif kind == "int":
        python = int(value.value)
    elif kind == "float":
        python = float(Fraction(value.value))  # exact, then rounded once
    else:
        return None
    ref = value.type
    tag = {"string": "string", "bool": "bool", "int": "int64", "float": "float64"}[kind]
    if ref.kind == "basic" and not ref.untyped:
        tag = canonical(ref.go)
    elif ref.underlying is not None and ref.underlying.kind == "basic":
        tag = canonical(ref.underlying.go)
    named = ref.name if ref.kind == "named" and ref.package == package else ""
    return GoConstant(value.name, tag, python, value.doc.strip(), named)


@dataclass(frozen=True)
class GoNamedType:
    """A named basic type marked ``//python:export``: a Python name for a built-in
    type, or a subclass of it when methods are marked (``class Level(int)``)."""

    name: str
    type: str  # the tag of its underlying type ("int", "float64", "string")
    doc: str
    methods: tuple[GoFunction, ...] = ()  # VALUE_METHODs


def python_named_types(api: GoApi, methods: Sequence[GoFunction] = ()) -> list[GoNamedType]:
    """Exported named basic types marked ``//python:export``, with their marked
    value methods (views from ``python_exports``)."""
    package, classes = api.package.import_path, _class_names(api)
    return [GoNamedType(t.name, tag, t.doc.strip(),
                        tuple(m for m in methods if m.role == VALUE_METHOD and m.owner == t.name))
            for t in api.types
            if t.python_export and t.exported and (tag := named_tag(t, package, classes))]


def c_exports(api: GoApi) -> list[GoFunction]:
    """Functions of a cgo package marked ``//export Name`` (named as exported)."""
    return [
        replace(_view(function, False), name=function.c_export)
        for function in api.functions
        if function.c_export and not function.python_export
    ]
