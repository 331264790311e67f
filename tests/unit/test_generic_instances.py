"""Instantiations of generic functions, without building Go: their Python names,
the Go call the glue makes, the wrapper it writes, and the problems reported."""

from __future__ import annotations

from setuptools_golang_ext.bindings.foreign_glue import instance_aliases_source
from setuptools_golang_ext.bindings.go_glue import wrapper_source
from setuptools_golang_ext.goapi.exports import (
    import_alias,
    python_classes,
    python_exports,
    unknown_options,
)
from setuptools_golang_ext.goapi.instances import (
    InstanceError,
    TypeInstance,
    has_instances,
    instance_call,
    instance_name,
    instance_problems,
    type_instances,
    unlisted_instance_hint,
    unlisted_problems,
)
from setuptools_golang_ext.goapi.model import (
    DirectiveProblem,
    Function,
    GoApi,
    PackageInfo,
    Param,
    Position,
    TypeDecl,
    TypeParam,
    TypeRef,
)

PKG = "example.com/gen"
INT = TypeRef("basic", "int", name="int")
STRING = TypeRef("basic", "string", name="string")
POINT = TypeRef("named", "Point", name="Point", package=PKG,
                underlying=TypeRef("struct", "struct{X int}"))
DURATION = TypeRef("named", "time.Duration", name="Duration", package="time",
                   underlying=TypeRef("basic", "int64", name="int64"))
WHERE = Position("/src/g.go", 8, 6)
MARK = ("python:export instantiate=[int]",)


def generic(name: str = "Sum", **changes: object) -> Function:
    fields: dict[str, object] = dict(
        name=name, doc="Sum adds.", pos=WHERE, directives=MARK, c_export=None,
        exported=True, receiver=None, params=(), results=(), variadic=False,
        type_params=(TypeParam("T", TypeRef("interface", "any")),))
    return Function(**{**fields, **changes})  # type: ignore[arg-type]


def instance(*type_args: TypeRef, name: str = "Sum") -> Function:
    slice_ = TypeRef("slice", "[]" + type_args[0].go, elem=type_args[0])
    return generic(name, type_params=(), type_args=type_args,
                   params=(Param("xs", slice_),), results=(Param("", type_args[0]),))


def api(*functions: Function, problems: tuple[DirectiveProblem, ...] = ()) -> GoApi:
    package = PackageInfo("gen", PKG, "/src", PKG, "1.21")
    return GoApi(package, functions, (), (), (), (), (), instance_problems=problems)


def test_default_python_names_spell_the_type_arguments() -> None:
    assert instance_name(instance(INT)) == "Sum_int"
    assert instance_name(instance(TypeRef("slice", "[]string", elem=STRING))) \
        == "Sum_slice_string"
    assert instance_name(instance(STRING, INT, name="Keys")) == "Keys_string_int"
    assert instance_name(instance(DURATION)) == "Sum_time_Duration"
    pointer_map = TypeRef("map", "map[string]*Point", key=STRING,
                          elem=TypeRef("pointer", "*Point", elem=POINT))
    assert instance_name(instance(pointer_map)) == "Sum_map_string_ptr_Point"


def test_the_go_call_qualifies_package_types_and_imports_others() -> None:
    assert instance_call(instance(INT, POINT), PKG, import_alias) == ("Sum[int, $.Point]", ())
    call, imports = instance_call(instance(DURATION), PKG, import_alias)
    assert call == "Sum[goextpkg_time.Duration]" and imports == ("time",)
    unspellable = TypeRef("func", "func()")
    try:
        instance_call(instance(unspellable), PKG, import_alias)
    except InstanceError as exc:
        assert "type argument func() cannot be spelled by the glue yet" in str(exc)
    else:
        raise AssertionError("a func type argument was spelled")


def test_instances_bind_under_their_names_and_the_generic_does_not() -> None:
    functions = python_exports(api(generic(), instance(INT), instance(POINT)))
    assert [(f.name, f.go_call) for f in functions] == [
        ("Sum_int", "Sum[int]"), ("Sum_Point", "Sum[$.Point]")]
    wrapper = wrapper_source(functions[1], "goextuser.")
    assert "goextuser.Sum[goextuser.Point](" in wrapper and "//export goext_Sum_Point" in wrapper


def test_problems_name_the_fix() -> None:
    refused = DirectiveProblem(WHERE, "Sum[string]", "Sum[string]: type argument 1: ...")
    assert instance_problems(api(generic(), problems=(refused,)), ["Summ"]) == [
        "/src/g.go:8:6: Sum[string]: type argument 1: ...",
        "instantiate names 'Summ', which package example.com/gen does not declare as an "
        "exported generic function or type; did you mean 'Sum'?"]
    unmarked = api(generic(directives=()))
    assert instance_problems(unmarked, ["Sum"]) == []  # a bound package marks it
    assert instance_problems(unmarked, ["Sum"], marked_only=True) == [
        "instantiate names 'Sum', which is not marked //python:export, so its "
        "instantiations would not bind; add //python:export to Sum"]
    # Listed but refused: the refusal says it all, no hint to list instantiations.
    assert unlisted_problems(api(generic(), problems=(refused,))) == []
    [(name, line)] = unlisted_problems(api(generic(directives=("python:export",))))
    assert name == "Sum" and line.startswith(
        "/src/g.go:8: //python:export func Sum: a generic function binds only the "
        "instantiations you list; list them with //python:export instantiate=[int]")


def test_an_instantiate_list_may_hold_spaces_inside_its_brackets() -> None:
    assert unknown_options("instantiate=[[]int, int],[int, map[string]int] name=x") == []
    assert unknown_options("instantiate=[int, int] bogus") == ["bogus"]


def test_an_instantiate_entry_that_include_leaves_out_is_refused() -> None:
    # Before, the entry bound nothing and said nothing.
    assert instance_problems(api(generic(), generic("Max")), ["Sum"], ["Max"]) == [
        "instantiate names 'Sum', which include leaves out, so it would bind nothing; "
        "add 'Sum' to include, or remove its instantiate entry"]
    assert instance_problems(api(generic(), generic("Max")), ["Sum"], ["Sum"]) == []
    assert instance_problems(api(generic()), ["Sum"]) == []


# --- generic types ------------------------------------------------------------

TYPED_T = TypeParam("K", TypeRef("interface", "any"))


def generic_type(**changes: object) -> TypeDecl:
    fields: dict[str, object] = dict(
        name="Typed", doc="Typed caches.", pos=WHERE, directives=("python:export",),
        exported=True, alias=False, type=TypeRef("named", "Typed", name="Typed", package=PKG),
        underlying=TypeRef("struct", "struct{}"), type_params=(TYPED_T, TYPED_T))
    return TypeDecl(**{**fields, **changes})  # type: ignore[arg-type]


def type_instance(name: str, *type_args: TypeRef) -> TypeDecl:
    spelled = f"Typed[{', '.join(t.go for t in type_args)}]"
    return generic_type(name=name, type_params=(), instance_of=TypeRef(
        "named", spelled, name="Typed", package=PKG, type_args=type_args))


def types_api(*types: TypeDecl) -> GoApi:
    package = PackageInfo("gen", PKG, "/src", PKG, "1.21")
    return GoApi(package, (), types, (), (), (), ())


def test_instantiations_of_generic_types_are_glue_aliases() -> None:
    found = type_instances(types_api(generic_type(), type_instance("Typed_string_int", STRING,
                                                                   INT),
                                     type_instance("Typed_Point_time_Duration", POINT,
                                                   DURATION)), import_alias)
    assert found == (TypeInstance("Typed_string_int", "Typed[string, int]", ()),
                     TypeInstance("Typed_Point_time_Duration",
                                  "Typed[$.Point, goextpkg_time.Duration]", ("time",)))
    own = instance_aliases_source(found, None)  # the glue joins the package main
    assert "\ntype Typed_Point_time_Duration = Typed[Point, goextpkg_time.Duration]\n" in own
    assert '\tgoextpkg_time "time"' in own and PKG not in own
    bound = instance_aliases_source(found[:1], PKG)  # a new main imports the package
    assert f'import (\n\t. "{PKG}"\n)\n\ntype Typed_string_int = Typed[string, int]\n' \
        in bound


def test_a_generic_type_marked_without_instantiations_says_how_to_list_them() -> None:
    [(name, line)] = unlisted_problems(types_api(generic_type()))
    assert name == "Typed" and line == (
        "/src/g.go:8: //python:export type Typed: a generic type binds only the "
        "instantiations you list; list them with //python:export instantiate=[int,int] "
        "(class Typed_int_int) (several: instantiate=[int],[float64]), or for a bound "
        "package in the extension's instantiate table (Typed = [\"int, int\"])")
    listed = types_api(generic_type(), type_instance("Typed_string_int", STRING, INT))
    assert unlisted_problems(listed) == [] and has_instances(listed, generic_type())
    named = generic_type(directives=("python:export name=Cache",))
    assert [line for _, line in unlisted_problems(types_api(named))][1].endswith(
        "name=Cache: one name cannot name each instantiation; rename them in the "
        "extension's rename table (Typed_int_int = \"Cache\")")


def test_instantiations_bind_as_classes_and_the_generic_type_does_not() -> None:
    classes = python_classes(types_api(generic_type(), type_instance("Typed_string_int",
                                                                     STRING, INT)), [])
    assert [c.name for c in classes] == ["Typed_string_int"]


def test_an_unlisted_instantiation_in_a_signature_says_how_to_list_it() -> None:
    assert unlisted_instance_hint("*Table[string, bool]", {"Table"}) == (
        ": Table[string, bool] binds only when listed; add [string, bool] to instantiate= "
        "on type Table (or to its instantiate table entry)")
    assert unlisted_instance_hint("map[string]int", {"Table"}) == ""
    assert unlisted_instance_hint("iter.Seq[int]", {"Table"}) == ""
