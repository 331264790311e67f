"""Issue 18: marked interface types, which classes implement them (Go's rule: every
method, with an identical signature), and the build error for a constraint."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from setuptools_golang_ext.bindings.plan import Bindings, _type_problems
from setuptools_golang_ext.bindings.renames import apply_renames
from setuptools_golang_ext.errors import GoPackageError
from setuptools_golang_ext.goapi.exports import GoFunction, type_tag
from setuptools_golang_ext.goapi.interfaces import GoInterface, python_interfaces
from setuptools_golang_ext.goapi.model import Function, Param, TypeDecl, TypeRef
from setuptools_golang_ext.runtime.contract import callback_types

INT = TypeRef("basic", "int", name="int")
INT64 = TypeRef("basic", "int64", name="int64")
MARK = ("python:export",)


def method(name: str, result: TypeRef = INT) -> Function:
    return Function(name, "", None, (), None, name[0].isupper(), None, (),
                    (Param("", result),), False)


def decl(name: str, kind: str, methods: tuple[Function, ...], go: str = "",
         names: tuple[str, ...] | None = None) -> TypeDecl:
    underlying = TypeRef(kind, go or kind, methods=names if names is not None
                         else tuple(m.name for m in methods))
    return TypeDecl(name, "", None, MARK, True, False, TypeRef("named", name, name=name),
                    underlying, methods=methods)


def implementers(interface: TypeDecl, *classes: TypeDecl) -> tuple[str, ...]:
    api = SimpleNamespace(types=(interface, *classes))
    found = python_interfaces(api, [c.name for c in classes])  # type: ignore[arg-type]
    return found[0].classes


def test_a_class_implements_with_every_method_of_identical_signature() -> None:
    sized = decl("Sized", "interface", (method("Len"),))
    assert implementers(sized, decl("List", "struct", (method("Len"), method("Add"))),
                        decl("Wide", "struct", (method("Len", INT64),)),
                        decl("Empty", "struct", ())) == ("List",)


def test_an_unexported_method_registers_no_class() -> None:
    """The reader does not describe unexported methods: no guess, no false isinstance."""
    sealed = decl("Sealed", "interface", (method("Len"),), names=("Len", "sealed"))
    assert implementers(sealed, decl("List", "struct", (method("Len"),))) == ()


def test_a_constraint_is_refused_with_the_fix() -> None:
    number = decl("Number", "interface", (), go="interface{~int | ~float64}")
    assert _type_problems(number) == [
        "None: //python:export type Number: it is a constraint (interface{~int | ~float64}), "
        "which has no values, so it has no Python name; remove //python:export"]
    assert _type_problems(decl("Sized", "interface", (method("Len"),))) == []


def test_renaming_a_function_to_an_interface_name_is_a_clash() -> None:
    function = GoFunction("NewShape", (), (), "", Path("x.go"), 1, True)
    bindings = Bindings([function], interfaces=[GoInterface("Shape", "", ("Area",), ())])
    with pytest.raises(GoPackageError, match="the module would have two members named "
                                             "'Shape'"):
        apply_renames("pkg._x", bindings, {"NewShape": "Shape"})


def test_a_callback_over_an_interface_of_the_package_takes_it_and_a_foreign_one_is_refused(
) -> None:
    shape = TypeRef("named", "Shape", name="Shape", package="p",
                    underlying=TypeRef("interface", "interface{Area() float64}"))
    visit = TypeRef("func", "func(Shape) int", params=(Param("", shape),),
                    results=(Param("", INT),))
    assert type_tag(visit, "p") == "func(interface:Shape) int"
    assert callback_types("func(interface:Shape) int") is not None
    reader = TypeRef("named", "io.Reader", name="Reader", package="io",
                     underlying=TypeRef("interface", "interface{Read([]byte) (int, error)}"))
    read = TypeRef("func", "func(io.Reader) int", params=(Param("", reader),),
                   results=(Param("", INT),))
    assert type_tag(read, "p") == "func(io.Reader) int"  # spelled as Go does: refused
