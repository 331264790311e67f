"""Issue 18: other packages' types as classes and interfaces' proxy classes, without
Go: the golden fixture's API model (its ``Where`` returns ``scanner.Position``) with
foreign types added by hand."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import pytest

from setuptools_golang_ext.bindings.bound_package import bind_package
from setuptools_golang_ext.bindings.foreign_members import bind_foreign
from setuptools_golang_ext.bindings.plan import scan_bindings
from setuptools_golang_ext.errors import GoPackageError
from setuptools_golang_ext.goapi.foreign import with_foreign_classes
from setuptools_golang_ext.goapi.model import (
    PYTHON_EXPORT,
    Field,
    Function,
    GoApi,
    Param,
    Receiver,
    TypeDecl,
    TypeRef,
)

READER_OUTPUT = Path(__file__).resolve().parent / "golden" / "reader_output.json"
STRUCT = TypeRef("struct", "struct{...}")
INT = TypeRef("basic", "int", name="int")
SINK = TypeRef(kind="chan", go="chan<- complex128")  # its items cannot cross


def _api() -> GoApi:
    return GoApi.from_json(json.loads(READER_OUTPUT.read_text(encoding="utf-8")))


def _named(package: str, name: str) -> TypeRef:
    return TypeRef("named", f"{package.rpartition('/')[2]}.{name}", name=name,
                   package=package, underlying=STRUCT)


def _pointer(ref: TypeRef) -> TypeRef:
    return TypeRef("pointer", "*" + ref.go, elem=ref)


def _method(owner: TypeRef, name: str, params: tuple[Param, ...] = (),
            results: tuple[Param, ...] = ()) -> Function:
    return Function(name, "", None, (), None, True, Receiver("x", owner, True), params,
                    results, False)


def _foreign(ref: TypeRef, fields: tuple[Field, ...] = (),
             methods: tuple[Function, ...] = ()) -> TypeDecl:
    return TypeDecl(ref.name, "", None, (), True, False, ref, STRUCT, fields=fields,
                    methods=methods)


def _with(api: GoApi, *decls: TypeDecl, returns: TypeRef | None = None) -> GoApi:
    """``api`` reaching ``decls`` (a marked function returns ``returns``, or a
    pointer to the first)."""
    result = returns or _pointer(decls[0].type)
    reach = Function("Reach", "", None, (PYTHON_EXPORT,), None, True, None, (),
                     (Param("", result),), False)
    return replace(api, functions=(*api.functions, reach),
                   foreign_types=(*api.foreign_types, *decls))


def test_a_foreign_struct_is_a_class_under_its_own_name() -> None:
    foreign = bind_foreign(_api())
    assert [(c.name, c.import_path, c.go_name) for c in foreign.classes] == [
        ("Duration", "time", "Duration"), ("Reader", "io", "Reader"),
        ("Position", "text/scanner", "Position")]
    where = foreign.api.function("Where")
    assert where.results[0].type.is_named(foreign.api.package.import_path, "Position")


def test_a_name_the_package_has_is_qualified_by_the_package_name() -> None:
    config, other = _named("example.com/a/span", "Item"), _named("example.com/b/span", "Item")
    api = _with(_api(), _foreign(config))  # the fixture declares its own Item
    assert [c.name for c in with_foreign_classes(api)[1]][-1] == "span_Item"
    both = _with(api, _foreign(other), returns=TypeRef(
        "map", "map[string]*span.Item", key=TypeRef("basic", "string", name="string"),
        elem=_pointer(other)))
    names = sorted(c.name for c in with_foreign_classes(both)[1])
    # Two packages named span: qualified by the import path.
    assert names == ["Duration", "Position", "Reader", "example_com_a_span_Item",
                     "example_com_b_span_Item"]


def test_types_three_steps_away_stay_opaque() -> None:
    deep, middle = _named("x.org/deep", "Deep"), _named("x.org/mid", "Mid")
    top = _named("x.org/top", "Top")
    decls = (_foreign(top, fields=(Field("M", _pointer(middle), exported=True),)),
             _foreign(middle, fields=(Field("D", _pointer(deep), exported=True),)),
             _foreign(deep))
    names = [c.name for c in with_foreign_classes(_with(_api(), *decls))[1]]
    assert "Top" in names and "Mid" in names and "Deep" not in names


def test_a_member_that_cannot_bind_is_left_out_with_a_line() -> None:
    thing = _named("x.org/lib", "Thing")
    chan = TypeRef("chan", "chan int", dir="both", elem=INT)
    decl = _foreign(thing, fields=(Field("Events", chan, exported=True),
                                   Field("Count", INT, exported=True)),
                    methods=(_method(thing, "Watch", (Param("c", SINK),)),
                             _method(thing, "Size", results=(Param("", INT),))))
    foreign = bind_foreign(_with(_api(), decl))
    assert [line.partition(":")[0] for line in foreign.left_out] == [
        "lib.Thing.Watch", "lib.Thing.Events"]
    assert foreign.left_out[1] == "lib.Thing.Events: field Events has type chan int"
    assert foreign.left_out[0].startswith("lib.Thing.Watch: parameter c has type chan<- "
                                          "complex128: its items (complex128) cannot cross")
    bound = bind_package("pkg._x", foreign.api, [], strict=False)
    (cls,) = [c for c in bound.classes if c.name == "Thing"]
    assert [f.name for f in cls.fields] == ["Count"] and [m.name for m in cls.methods] == [
        "Size"]


def test_in_a_bound_package_they_are_warnings_and_strict_makes_them_the_error(
        caplog: pytest.LogCaptureFixture) -> None:
    thing = _named("x.org/lib", "Thing")
    api = _with(_api(), _foreign(thing, methods=(_method(thing, "Watch", (Param("c", SINK),)),)))
    with caplog.at_level(logging.WARNING):
        bind_package("pkg._x", api, [], strict=False)
    assert any(r.getMessage().startswith("GoExtension 'pkg._x': left out lib.Thing.Watch: "
                                         "parameter c has type chan<- complex128")
               for r in caplog.records)
    with pytest.raises(GoPackageError, match=r"lib.Thing.Watch: parameter c has type chan<- "):
        bind_package("pkg._x", api, [], strict=True)


def test_each_marked_interface_gets_a_proxy_class_with_its_methods() -> None:
    foreign = bind_foreign(_api())
    assert [(p.name, p.interface) for p in foreign.proxies] == [
        ("Shape_value", "Shape"), ("Reader_value", "Reader")]  # io.Reader: another package's
    area = [f for f in foreign.api.functions
            if f.receiver and f.receiver.type.name == "Shape_value"]
    assert [f.name for f in area] == ["Area"] and area[0].python_export


def test_an_interface_with_a_method_of_its_own_name_gets_no_proxy() -> None:
    """os.Signal has Signal(): in struct{ Signal } the name is the field, so the
    proxy's method would not compile (the os package did not build); values of no
    class stay opaque."""
    api = _api()
    shape = next(t for t in api.types if t.name == "Shape")
    method = replace(shape.methods[0], name="Shape")
    api = replace(api, types=tuple(replace(t, methods=(method,)) if t is shape else t
                                   for t in api.types))
    assert [p.name for p in bind_foreign(api).proxies] == ["Reader_value"]


def test_another_extensions_class_of_the_same_name_is_named_by_its_module() -> None:
    """Two extensions reaching gjson.Result each have a class Result: the error
    must not read "must be Result, not Result"."""
    from setuptools_golang_ext.runtime import _layer2

    ours = type("Result", (), {"__module__": "mypkg._c"})
    theirs = type("Result", (), {"__module__": "mypkg._native"})
    expected = (r"Raw\(\) argument 'r' must be Result%s, not mypkg._native.Result \(a class "
                r"of another extension, not of mypkg._c\)")
    with pytest.raises(TypeError, match=expected % ""):
        _layer2._value_arg(theirs(), ours, "Raw() argument 'r'")
    with pytest.raises(TypeError, match=expected % " or None"):
        _layer2._object_arg(theirs(), ours, "Raw() argument 'r'")


def test_a_pointer_method_of_a_named_array_of_another_package_binds() -> None:
    """uuid.UUID's UnmarshalText has a pointer receiver: Go runs it on a copy and the
    runtime writes the new value back, as for the package's own named composites."""
    uuid = TypeRef("named", "uuid.UUID", name="UUID", package="github.com/google/uuid",
                   underlying=TypeRef("array", "[16]byte", len=16, elem=TypeRef(
                       "basic", "byte", name="uint8")))
    string = TypeRef("basic", "string", name="string")
    decl = replace(_foreign(uuid, methods=(
        replace(_method(uuid, "String", results=(Param("", string),)),
                receiver=Receiver("u", uuid, False)),
        _method(uuid, "UnmarshalText", (Param("data", string),)))), underlying=uuid.underlying)
    foreign = bind_foreign(_with(_api(), decl, returns=uuid))
    assert foreign.left_out == []
    own = scan_bindings("pkg._x", foreign.api)  # as for your own package: a value class
    (uuid_type,) = [t for t in own.named_types if t.name == "UUID"]
    assert sorted(m.name for m in uuid_type.methods) == ["String", "UnmarshalText"]


def test_a_rename_table_renames_their_methods() -> None:
    from setuptools_golang_ext.bindings.renames import apply_renames

    bound = apply_renames("pkg._x", bind_package("pkg._x", _api(), [], strict=False),
                          {"Position.String": "to_string"})
    (position,) = [c for c in bound.classes if c.name == "Position"]
    assert sorted(m.python_name for m in position.methods) == ["IsValid", "to_string"]


IFACE = TypeRef("interface", "interface{...}", methods=("Name",))
STRING = TypeRef("basic", "string", name="string")


def _interface(package: str, name: str, *methods: str,
               params: tuple[Param, ...] = ()) -> TypeDecl:
    ref = replace(_named(package, name), underlying=IFACE)
    return TypeDecl(name, "", None, (), True, False, ref, replace(IFACE, methods=methods),
                    methods=tuple(_method(ref, m, params, (Param("", STRING),))
                                  for m in methods))


def test_another_packages_interface_is_an_interface_with_a_proxy_class() -> None:
    """Before, fs.DirEntry values came back as opaque GoValues without Name()."""
    entry = _interface("io/fs", "DirEntry", "Name")
    foreign = bind_foreign(_with(_api(), entry, returns=entry.type))
    assert [(c.name, c.import_path) for c in foreign.classes][-1] == ("DirEntry", "io/fs")
    assert ("DirEntry_value", "DirEntry") in [(p.name, p.interface) for p in foreign.proxies]
    methods = [f.name for f in foreign.api.functions
               if f.receiver and f.receiver.type.name in ("DirEntry", "DirEntry_value")]
    assert methods == ["Name"]  # the proxy's; the interface itself has no methods to call


def test_a_left_out_method_of_a_proxy_names_the_other_package() -> None:
    watcher = _interface("x.org/lib", "Watcher", "Watch", params=(Param("c", SINK),))
    foreign = bind_foreign(_with(_api(), watcher, returns=watcher.type))
    assert [line.partition(":")[0] for line in foreign.left_out] == ["lib.Watcher.Watch"]


def test_a_marked_alias_names_the_other_packages_type() -> None:
    """``//python:export type Info = fs.FileInfo`` (os.FileInfo): before, refused with
    "aliases cannot be classes"; now fs.FileInfo binds under the alias's name, which the
    package itself declares (the glue declares no alias of its own)."""
    info = _interface("io/fs", "FileInfo", "Name")
    alias = TypeDecl("Info", "Info describes a file.", None, (PYTHON_EXPORT,), True, True,
                     info.type, IFACE, methods=info.methods)
    api = _with(_api(), info, returns=info.type)
    foreign = bind_foreign(replace(api, types=(*api.types, alias)))
    (cls,) = [c for c in foreign.classes if c.import_path == "io/fs"]
    assert (cls.name, cls.go_name, cls.package_alias) == ("Info", "FileInfo", True)
    assert ("Info_value", "Info") in [(p.name, p.interface) for p in foreign.proxies]
    (decl,) = [t for t in foreign.api.types if t.name == "Info"]
    assert not decl.alias and decl.doc == "Info describes a file."
    from setuptools_golang_ext.bindings.foreign_glue import foreign_aliases_source

    assert "type Info =" not in foreign_aliases_source(foreign.classes)


def test_an_alias_that_binds_no_class_says_why() -> None:
    from setuptools_golang_ext.bindings.plan import binding_problems

    api = _api()
    own = next(t for t in api.types if t.name == "Shape")
    chan = TypeRef("chan", "chan int", dir="both", elem=INT)
    aliases = (TypeDecl("Form", "", "s.go:3:6", (PYTHON_EXPORT,), True, True, own.type,
                        own.underlying),
               TypeDecl("Events", "", "s.go:4:6", (PYTHON_EXPORT,), True, True, chan, chan))
    problems = dict(binding_problems(replace(api, types=(*api.types, *aliases))))
    assert problems["Form"] == (
        "s.go:3:6: //python:export type Form: it is an alias of Shape, a type of this "
        "package, and a class has one name: use Shape (marked //python:export; rename it with "
        "name=)")
    assert problems["Events"] == (
        "s.go:4:6: //python:export type Events: it is an alias of chan int, which is no "
        "class here: an alias binds under its name only another package's struct or "
        "interface type, named slice, array or map, or named basic type with methods")


def test_a_second_alias_of_the_same_type_is_refused_saying_why() -> None:
    from setuptools_golang_ext.bindings.plan import binding_problems

    info = _interface("io/fs", "FileInfo", "Name")
    aliases = tuple(TypeDecl(name, "", f"a.go:{line}:6", (PYTHON_EXPORT,), True, True,
                             info.type, IFACE) for line, name in ((3, "Info"), (4, "Stat")))
    api = _with(_api(), info, returns=info.type)
    bound = bind_foreign(replace(api, types=(*api.types, *aliases))).api
    assert dict(binding_problems(bound))["Stat"] == (
        "a.go:4:6: //python:export type Stat: it is an alias of Info, a type of this package, "
        "and a class has one name: use Info (marked //python:export; rename it with name=)")
