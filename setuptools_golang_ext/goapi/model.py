"""The model of a Go package's API: what the ``reader/`` program prints, as dataclasses.

The reader type-checks one package with go/types and prints its functions,
types, constants and variables as JSON; ``GoApi.from_json`` turns that into
frozen dataclasses, checking every field so that a broken document fails
here with a clear message. The dataclasses are the schema: the decoder reads
their fields, and a unit test holds the reader's Go structs to them. This one
model is what the bindings are made from.
What a problem in the package means (a type error, a misspelled
``//python:export``) is for the caller to decide.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

FORMAT = 1
PYTHON_EXPORT = "python:export"

_T = TypeVar("_T")


class GoApiReadError(Exception):
    """The reader could not be built or run, or printed something unusable."""


# --- the JSON document ------------------------------------------------------


@dataclass(frozen=True)
class Position:
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class TypeRef:
    """A type as the compiler sees it (aliases resolved).

    ``go`` spells it relative to the package read: ``Celsius``,
    ``time.Duration``, ``map[string]*Book``. ``cgo`` is set for cgo's
    ``C.name`` types, which go/types cannot resolve (``kind`` "invalid").
    """

    kind: str
    go: str
    name: str = ""
    package: str | None = None
    alias: str = ""
    cgo: str = ""
    untyped: bool = False
    elem: TypeRef | None = None
    key: TypeRef | None = None
    len: int | None = None
    dir: str = ""
    params: tuple[Param, ...] = ()
    results: tuple[Param, ...] = ()
    variadic: bool = False
    methods: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    underlying: TypeRef | None = None
    type_args: tuple[TypeRef, ...] = ()
    constraint: str = ""

    def __str__(self) -> str:
        return self.go

    def is_named(self, package: str, name: str) -> bool:
        return self.kind == "named" and self.package == package and self.name == name


@dataclass(frozen=True)
class Param:
    name: str
    type: TypeRef
    # The type as written in the source, e.g. "*C.char" or "...string".
    syntax: str = ""


@dataclass(frozen=True)
class Field:
    name: str
    type: TypeRef
    embedded: bool = False
    exported: bool = False
    tag: str = ""
    doc: str = ""
    pos: Position | None = None
    directives: tuple[str, ...] = ()
    # Embedded fields a promoted field is reached through, outermost first.
    promoted_via: tuple[str, ...] = ()

    @property
    def python_export_options(self) -> str:
        """What follows ``//python:export`` in its comment ("" if nothing or unmarked)."""
        found = (_python_export_options(d) for d in self.directives)
        return next((options for options in found if options is not None), "")


@dataclass(frozen=True)
class Receiver:
    name: str
    type: TypeRef
    pointer: bool


@dataclass(frozen=True)
class TypeParam:
    name: str
    constraint: TypeRef


def _has_python_export(directives: Sequence[str]) -> bool:
    return any(_python_export_options(d) is not None for d in directives)


def _python_export_options(directive: str) -> str | None:
    """The text after ``python:export`` ("" if none), or None if not it."""
    rest = directive[len(PYTHON_EXPORT) :]
    if not directive.startswith(PYTHON_EXPORT) or (rest and rest[0] not in " \t"):
        return None
    return rest.strip()


@dataclass(frozen=True)
class Function:
    name: str
    doc: str
    pos: Position | None
    directives: tuple[str, ...]
    c_export: str | None
    exported: bool
    receiver: Receiver | None
    params: tuple[Param, ...]
    results: tuple[Param, ...]
    variadic: bool
    type_params: tuple[TypeParam, ...] = ()
    # Set for the methods of a TypeDecl only.
    pointer_receiver: bool = False
    promoted_via: tuple[str, ...] = ()
    # Set on an instantiation of a generic function the user listed (Sum[int]).
    type_args: tuple[TypeRef, ...] = ()

    @property
    def python_export(self) -> bool:
        return _has_python_export(self.directives)

    @property
    def python_export_options(self) -> str | None:
        """What follows ``//python:export`` on its line; None if not exported."""
        for directive in self.directives:
            options = _python_export_options(directive)
            if options is not None:
                return options
        return None


@dataclass(frozen=True)
class TypeDecl:
    name: str
    doc: str
    pos: Position | None
    directives: tuple[str, ...]
    exported: bool
    alias: bool
    type: TypeRef
    underlying: TypeRef
    type_params: tuple[TypeParam, ...] = ()
    fields: tuple[Field, ...] = ()
    methods: tuple[Function, ...] = ()
    # Set on a listed instantiation of a generic type, bound under its own name
    # (``Typed_string_int``): the Go type it stands for (``Typed[string, int]``).
    instance_of: TypeRef | None = None

    @property
    def python_export(self) -> bool:
        return _has_python_export(self.directives)

    @property
    def python_export_options(self) -> str:
        """What follows ``//python:export`` on its line ("" if nothing or unmarked)."""
        found = (_python_export_options(d) for d in self.directives)
        return next((options for options in found if options is not None), "")


@dataclass(frozen=True)
class Value:
    """A package-level constant or variable."""

    name: str
    doc: str
    pos: Position | None
    directives: tuple[str, ...]
    exported: bool
    type: TypeRef
    # Constants only: go/constant's exact value ("314159/100000" for 3.14159),
    # the string itself for string constants, and the kind of the value.
    value: str | None = None
    string_value: str | None = None
    value_kind: str = ""
    value_approx: str = ""

    @property
    def python_export(self) -> bool:
        return _has_python_export(self.directives)


@dataclass(frozen=True)
class DirectiveProblem:
    pos: Position | None
    text: str
    message: str

    def __str__(self) -> str:
        return f"{self.pos}: {self.message}" if self.pos else self.message

    @property
    def detached(self) -> bool:
        """A well-formed ``//python:export`` that belongs to no declaration (a
        blank line above the func): certainly a mistake, unlike a mere typo."""
        return _python_export_options(self.text.removeprefix("//")) is not None


@dataclass(frozen=True)
class PackageError:
    """A problem go list, the parser or the type checker found."""

    pos: Position | None
    message: str
    kind: str  # "list", "dependency", "syntax" or "type"
    soft: bool = False

    def __str__(self) -> str:
        return f"{self.pos}: {self.message}" if self.pos else self.message


@dataclass(frozen=True)
class PackageInfo:
    name: str
    import_path: str
    dir: str
    module_path: str | None
    module_go: str | None
    go_files: tuple[str, ...] = ()
    cgo_files: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()
    goos: str = ""
    goarch: str = ""
    go_version: str = ""
    doc: str = ""  # the package doc comment: the module's __doc__
    reader_go_version: str = ""


@dataclass(frozen=True)
class GoApi:
    package: PackageInfo
    functions: tuple[Function, ...]
    types: tuple[TypeDecl, ...]
    constants: tuple[Value, ...]
    variables: tuple[Value, ...]
    directive_problems: tuple[DirectiveProblem, ...]
    errors: tuple[PackageError, ...]
    # Struct types of other packages the API reaches (see reader/foreign.go).
    foreign_types: tuple[TypeDecl, ...] = ()
    # Listed instantiations of generic functions that go/types refused.
    instance_problems: tuple[DirectiveProblem, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> GoApi:
        if data.get("format") != FORMAT:
            raise GoApiReadError(
                f"goapi printed format {data.get('format')!r}, this module reads {FORMAT}"
            )
        return _decode(GoApi, _with_func_types(data), "document")

    def python_exports(self) -> tuple[Function, ...]:
        """Functions (and methods) marked ``//python:export``."""
        return tuple(f for f in self.functions if f.python_export)

    def function(self, name: str) -> Function:
        """The package-level function ``name`` (not a method)."""
        for f in self.functions:
            if f.name == name and f.receiver is None:
                return f
        raise KeyError(name)

    def type(self, name: str) -> TypeDecl:
        for t in self.types:
            if t.name == name:
                return t
        raise KeyError(name)


def _with_func_types(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """``data`` with the package's named func types inside other types carrying
    their func type, as top-level ones do (the reader describes named types one
    level deep): ``func(next Handler) Handler`` says what a Handler takes."""
    package = (data.get("package") or {}).get("import_path")
    funcs = {t.get("name"): t["underlying"] for t in data.get("types") or ()
             if isinstance(t, dict) and isinstance(t.get("underlying"), dict)
             and t["underlying"].get("kind") == "func" and not t.get("type_params")}
    if not funcs:
        return data

    def resolved(node: Any, depth: int) -> Any:
        if isinstance(node, list):
            return [resolved(item, depth) for item in node]
        if not isinstance(node, dict):
            return node
        node = {key: resolved(value, depth) for key, value in node.items()}
        if node.get("kind") == "named" and node.get("package") == package \
                and node.get("name") in funcs and "underlying" not in node \
                and not node.get("type_args") and depth < 3:  # type F func(F): finite
            node["underlying"] = resolved(funcs[node["name"]], depth + 1)
        return node

    return resolved(dict(data), 0)  # type: ignore[no-any-return]


# --- decoding ---------------------------------------------------------------
# The dataclasses above are the schema: each field is read from the JSON key of
# its name, as its annotation says. tests/unit/test_goapi_schema.py checks that
# the Go structs of reader/ print exactly these keys.

_Read = Callable[[Any, str], Any]  # (JSON value or None when absent, its key) -> field value
_SCALARS: dict[str, tuple[type, object, str]] = {  # annotation: (type, when absent, name)
    "str": (str, "", "a string"),
    "int": (int, 0, "an integer"),
    "bool": (bool, False, "a boolean"),
}


def _decode(cls: type[_T], value: Any, key: str) -> _T:
    """An instance of the dataclass ``cls`` from the JSON object ``value``, checking
    every field, so that a broken document fails here, not deep in a caller."""
    data = _as_obj(value, key)
    return cls(**{f.name: _reader(str(f.type))(data.get(f.name), f.name)
                  for f in dataclasses.fields(cls)})  # type: ignore[arg-type]


@functools.cache
def _reader(annotation: str) -> _Read:
    """How to read a field annotated ``annotation`` (``str``, ``tuple[Param, ...]``,
    ``Position | None``): the annotations are the source text, whatever the Python."""
    if annotation.endswith(" | None"):
        read = _reader(annotation[: -len(" | None")])
        return lambda value, key: None if value is None else read(value, key)
    if annotation.startswith("tuple[") and annotation.endswith(", ...]"):
        item = _reader(annotation[len("tuple[") : -len(", ...]")])
        return lambda value, key: tuple(item(v, key) for v in _as_list(value, key))
    if annotation in _SCALARS:
        kind, absent, expected = _SCALARS[annotation]
        return lambda value, key: absent if value is None else _as(kind, value, key, expected)
    cls = globals()[annotation]
    return lambda value, key: _decode(cls, value, key)


def _as(kind: type, value: Any, key: str, expected: str) -> Any:
    # bool is an int subclass; JSON true is not a number here.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _bad(key, expected)
    return value


def _as_list(value: Any, key: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _bad(key, "a list")
    return value


def _bad(key: str, expected: str) -> GoApiReadError:
    return GoApiReadError(f"goapi output: {key!r} is not {expected}")


def _as_obj(value: Any, key: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _bad(key, "an object")
    return value
