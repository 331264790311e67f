"""The words after ``//python:export`` on a type or a field: a misspelling is refused
as a function's is (it used to be dropped without a word)."""

from __future__ import annotations

from setuptools_golang_ext.bindings.plan import binding_problems
from setuptools_golang_ext.goapi.model import (
    Field,
    GoApi,
    PackageInfo,
    Position,
    TypeDecl,
    TypeParam,
    TypeRef,
)

PKG = "example.com/shapes"
INT = TypeRef("basic", "int", name="int")


def square(options: str, field_mark: tuple[str, ...] = (), **changes: object) -> TypeDecl:
    struct = TypeRef("struct", "struct{Side int}")
    fields: dict[str, object] = dict(
        name="Square", doc="", pos=Position("/src/s.go", 6, 6),
        directives=(f"python:export {options}".strip(),), exported=True, alias=False,
        type=TypeRef("named", "Square", name="Square", package=PKG, underlying=struct),
        underlying=struct,
        fields=(Field("Side", INT, exported=True, directives=field_mark),))
    return TypeDecl(**{**fields, **changes})  # type: ignore[arg-type]


def problems(decl: TypeDecl) -> list[str]:
    package = PackageInfo("shapes", PKG, "/src", PKG, "1.21")
    return [line for _, line in binding_problems(GoApi(package, (), (decl,), (), (), (), ()))]


def test_a_misspelled_type_option_is_refused_with_the_known_ones() -> None:
    assert problems(square("nmae=Box")) == [
        "/src/s.go:6:6: //python:export type Square: unknown option 'nmae=Box' after "
        "//python:export (the options of a type are name=python_name)"]
    assert problems(square("name=Box")) == []
    assert problems(square("")) == []


def test_a_misspelled_field_option_is_refused() -> None:
    assert problems(square("", ("python:export nmae=side",))) == [
        "/src/s.go:6:6: //python:export type Square: field Side: unknown option "
        "'nmae=side' after //python:export (the options of a field are name=python_name)"]
    assert problems(square("", ("python:export name=side",))) == []


def test_instantiate_is_no_unknown_option_and_is_named_only_for_a_generic_type() -> None:
    # instantiate= on a type that is not generic gets its own message (goapi.instances:
    # "... is not a generic type, so it has no instantiations; remove instantiate=").
    assert problems(square("instantiate=[int]")) == []
    assert problems(square("nmae=X")) == [
        "/src/s.go:6:6: //python:export type Square: unknown option 'nmae=X' "
        "after //python:export (the options of a type are name=python_name)"]
    generic = square("instantiate=[int] nmae=X", type_params=(TypeParam("T", INT),))
    assert problems(generic)[-1:] == [
        "/src/s.go:6:6: //python:export type Square: unknown option 'nmae=X' "
        "after //python:export (the options of a type are name=python_name and "
        "instantiate=[...])"]
