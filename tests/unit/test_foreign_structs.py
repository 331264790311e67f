"""Issue 18: struct types of other packages in a signature (``*bytes.Buffer``, a
sibling's ``geom.Point``) cross as opaque values of exactly that type; without Go."""

from __future__ import annotations

from pathlib import Path

import pytest

from setuptools_golang_ext.bindings.go_glue import exports_source, wrapper_source
from setuptools_golang_ext.goapi.exports import GoFunction, _param, type_tag
from setuptools_golang_ext.goapi.model import Param, TypeRef
from setuptools_golang_ext.runtime.contract import INTERFACE_PREFIX

PKG = "example.com/shop"
STRUCT = TypeRef("struct", "struct{...}")


def named(package: str, name: str, **extra: object) -> TypeRef:
    short = package.rsplit("/", 1)[-1]
    return TypeRef("named", f"{short}.{name}", name=name, package=package, underlying=STRUCT,
                   **extra)  # type: ignore[arg-type]


BUFFER = named("bytes", "Buffer")
POINT = named("example.com/shop/geom", "Point")


def pointer(ref: TypeRef) -> TypeRef:
    return TypeRef("pointer", "*" + ref.go, elem=ref)


def wrapper(ref: TypeRef) -> str:
    function = GoFunction("F", (_param(ref, "x", PKG, frozenset()),), (), "", Path("x.go"), 1,
                          True)
    return wrapper_source(function, "goextuser.")


def test_pointers_and_values_cross_as_the_exact_type() -> None:
    assert type_tag(pointer(BUFFER), PKG) == INTERFACE_PREFIX
    assert "goextInterface[*goextpkg_bytes.Buffer](a0, a0j, a0jn, \"x\")" in wrapper(
        pointer(BUFFER))
    by_value = "goextInterface[goextpkg_example_com_shop_geom.Point](a0, a0j, a0jn, \"x\")"
    assert by_value in wrapper(POINT)
    function = GoFunction("F", (_param(POINT, "p", PKG, frozenset()),), (), "", Path("x.go"),
                          1, True)
    assert '\tgoextpkg_example_com_shop_geom "example.com/shop/geom"' in exports_source(
        [function], PKG)


@pytest.mark.parametrize("ref", [
    named("time", "Time"),  # a datetime, not opaque
    named("example.com/shop/internal/db", "Row"),  # the glue cannot import it
    named("sync/atomic", "Pointer", type_args=(TypeRef("basic", "int", name="int"),)),
    TypeRef("named", "Cart", name="Cart", package=PKG, underlying=STRUCT),  # the package's own
])
def test_other_types_are_not_opaque_foreign_structs(ref: TypeRef) -> None:
    assert type_tag(ref, PKG) != INTERFACE_PREFIX
    assert type_tag(pointer(ref), PKG) != INTERFACE_PREFIX


def test_a_callback_taking_one_is_refused_in_go_spelling() -> None:
    """Callbacks cannot take them yet: the build error shows the Go type, not a tag."""
    callback = TypeRef("func", "func(*bytes.Buffer) int",
                       params=(Param("", pointer(BUFFER)),),
                       results=(Param("", TypeRef("basic", "int", name="int")),))
    assert type_tag(callback, PKG) == "func(*bytes.Buffer) int"
