"""The model of a Go package's API: what the ``reader/`` program prints, as dataclasses.

The reader type-checks one package with go/types and prints its functions,
types, constants and variables as JSON; ``GoApi.from_json`` turns that into
frozen dataclasses, checking every field so that a broken document fails
here with a clear message. This one model is what the bindings are made from.
What a problem in the package means (a type error, a misspelled
``//python:export``) is for the caller to decide.
"""

from __future__ import annotations

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

    @property
    def python_export(self) -> bool:
        return _has_python_export(self.directives)


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

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> GoApi:
        if data.get("format") != FORMAT:
            raise GoApiReadError(
                f"goapi printed format {data.get('format')!r}, this module reads {FORMAT}"
            )
        return _Decoder().api(data)

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


# --- decoding ---------------------------------------------------------------


class _Decoder:
    """Turns the reader's JSON into dataclasses, checking types as it goes so
    that a broken document fails with a clear message, not deep in a caller."""

    def api(self, data: Mapping[str, Any]) -> GoApi:
        return GoApi(
            package=self.package(_obj(data, "package")),
            functions=self.many(data, "functions", self.function),
            types=self.many(data, "types", self.type_decl),
            constants=self.many(data, "constants", self.value),
            variables=self.many(data, "variables", self.value),
            directive_problems=self.many(data, "directive_problems", self.problem),
            errors=self.many(data, "errors", self.error),
        )

    def many(
        self, data: Mapping[str, Any], key: str, item: Callable[[Mapping[str, Any]], _T]
    ) -> tuple[_T, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise GoApiReadError(f"goapi output: {key!r} is not a list")
        return tuple(item(_as_obj(v, key)) for v in value)

    def package(self, d: Mapping[str, Any]) -> PackageInfo:
        return PackageInfo(
            name=_str(d, "name"),
            import_path=_str(d, "import_path"),
            dir=_str(d, "dir"),
            module_path=_opt_str(d, "module_path"),
            module_go=_opt_str(d, "module_go"),
            go_files=_strs(d, "go_files"),
            cgo_files=_strs(d, "cgo_files"),
            imports=_strs(d, "imports"),
            goos=_str(d, "goos"),
            goarch=_str(d, "goarch"),
            go_version=_str(d, "go_version"),
            reader_go_version=_str(d, "reader_go_version"),
        )

    def position(self, value: Any) -> Position | None:
        if value is None:
            return None
        d = _as_obj(value, "pos")
        return Position(_str(d, "file"), _int(d, "line"), _int(d, "column"))

    def type_ref(self, value: Any) -> TypeRef:
        d = _as_obj(value, "type")
        length = d.get("len")
        return TypeRef(
            kind=_str(d, "kind"),
            go=_str(d, "go"),
            name=_str(d, "name"),
            package=_opt_str(d, "package"),
            alias=_str(d, "alias"),
            cgo=_str(d, "cgo"),
            untyped=_bool(d, "untyped"),
            elem=self.opt_type_ref(d.get("elem")),
            key=self.opt_type_ref(d.get("key")),
            len=_as_int(length, "len") if length is not None else None,
            dir=_str(d, "dir"),
            params=self.many(d, "params", self.param),
            results=self.many(d, "results", self.param),
            variadic=_bool(d, "variadic"),
            methods=_strs(d, "methods"),
            fields=self.many(d, "fields", self.field),
            underlying=self.opt_type_ref(d.get("underlying")),
            type_args=self.many(d, "type_args", self.type_ref),
            constraint=_str(d, "constraint"),
        )

    def opt_type_ref(self, value: Any) -> TypeRef | None:
        return None if value is None else self.type_ref(value)

    def param(self, d: Mapping[str, Any]) -> Param:
        return Param(_str(d, "name"), self.type_ref(d.get("type")), _str(d, "syntax"))

    def field(self, d: Mapping[str, Any]) -> Field:
        return Field(
            name=_str(d, "name"),
            type=self.type_ref(d.get("type")),
            embedded=_bool(d, "embedded"),
            exported=_bool(d, "exported"),
            tag=_str(d, "tag"),
            doc=_str(d, "doc"),
            pos=self.position(d.get("pos")),
            directives=_strs(d, "directives"),
            promoted_via=_strs(d, "promoted_via"),
        )

    def function(self, d: Mapping[str, Any]) -> Function:
        receiver = d.get("receiver")
        return Function(
            name=_str(d, "name"),
            doc=_str(d, "doc"),
            pos=self.position(d.get("pos")),
            directives=_strs(d, "directives"),
            c_export=_opt_str(d, "c_export"),
            exported=_bool(d, "exported"),
            receiver=None if receiver is None else self.receiver(_as_obj(receiver, "receiver")),
            params=self.many(d, "params", self.param),
            results=self.many(d, "results", self.param),
            variadic=_bool(d, "variadic"),
            type_params=self.many(d, "type_params", self.type_param),
            pointer_receiver=_bool(d, "pointer_receiver"),
            promoted_via=_strs(d, "promoted_via"),
        )

    def receiver(self, d: Mapping[str, Any]) -> Receiver:
        return Receiver(_str(d, "name"), self.type_ref(d.get("type")), _bool(d, "pointer"))

    def type_param(self, d: Mapping[str, Any]) -> TypeParam:
        return TypeParam(_str(d, "name"), self.type_ref(d.get("constraint")))

    def type_decl(self, d: Mapping[str, Any]) -> TypeDecl:
        return TypeDecl(
            name=_str(d, "name"),
            doc=_str(d, "doc"),
            pos=self.position(d.get("pos")),
            directives=_strs(d, "directives"),
            exported=_bool(d, "exported"),
            alias=_bool(d, "alias"),
            type=self.type_ref(d.get("type")),
            underlying=self.type_ref(d.get("underlying")),
            type_params=self.many(d, "type_params", self.type_param),
            fields=self.many(d, "fields", self.field),
            methods=self.many(d, "methods", self.function),
        )

    def value(self, d: Mapping[str, Any]) -> Value:
        return Value(
            name=_str(d, "name"),
            doc=_str(d, "doc"),
            pos=self.position(d.get("pos")),
            directives=_strs(d, "directives"),
            exported=_bool(d, "exported"),
            type=self.type_ref(d.get("type")),
            value=_opt_str(d, "value"),
            string_value=_opt_str(d, "string_value"),
            value_kind=_str(d, "value_kind"),
            value_approx=_str(d, "value_approx"),
        )

    def problem(self, d: Mapping[str, Any]) -> DirectiveProblem:
        return DirectiveProblem(self.position(d.get("pos")), _str(d, "text"), _str(d, "message"))

    def error(self, d: Mapping[str, Any]) -> PackageError:
        return PackageError(
            self.position(d.get("pos")), _str(d, "message"), _str(d, "kind"), _bool(d, "soft")
        )


def _bad(key: str, expected: str) -> GoApiReadError:
    return GoApiReadError(f"goapi output: {key!r} is not {expected}")


def _as_obj(value: Any, key: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _bad(key, "an object")
    return value


def _obj(d: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    return _as_obj(d.get(key), key)


def _str(d: Mapping[str, Any], key: str) -> str:
    value = d.get(key, "")
    if not isinstance(value, str):
        raise _bad(key, "a string")
    return value


def _opt_str(d: Mapping[str, Any], key: str) -> str | None:
    value = d.get(key)
    return None if value is None else _str(d, key)


def _strs(d: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = d.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(key, "a list of strings")
    return tuple(value)


def _bool(d: Mapping[str, Any], key: str) -> bool:
    value = d.get(key, False)
    if not isinstance(value, bool):
        raise _bad(key, "a boolean")
    return value


def _as_int(value: Any, key: str) -> int:
    # bool is an int subclass; JSON true is not a number here.
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad(key, "an integer")
    return value


def _int(d: Mapping[str, Any], key: str) -> int:
    return _as_int(d.get(key, 0), key)
