"""The type table: every by-value kind is defined once, with every conversion the
binding modes need. Adding a kind the runtime knows but the table does not (or one
missing a conversion) fails here, not in a generated file downstream."""

from __future__ import annotations

import re

import pytest

from setuptools_golang_ext.bindings.cpython_mode import function_level
from setuptools_golang_ext.bindings.type_families import FAMILIES, Family, holds_opaque, kind_of
from setuptools_golang_ext.bindings.type_table import TYPE_KINDS, CScalar, GlueArg, TypeKind
from setuptools_golang_ext.runtime import _layer2
from setuptools_golang_ext.runtime._buffer_kinds import BUFFER_KINDS
from setuptools_golang_ext.runtime.contract import any_data


def test_the_table_and_the_runtime_know_the_same_kinds() -> None:
    # Both ways: a table kind the runtime cannot convert, or a runtime kind the
    # generators know nothing of, fails here.
    assert {*TYPE_KINDS, *(family.name for family in FAMILIES)} == set(_layer2.CONVERTERS)


@pytest.mark.parametrize("family", FAMILIES, ids=[family.name for family in FAMILIES])
def test_every_family_names_its_runtime_converter(family: Family) -> None:
    assert family.runtime == _layer2.CONVERTERS.get(family.name)
    converter = getattr(_layer2, family.runtime, None) or getattr(_layer2._Builder,
                                                                  family.runtime)
    assert callable(converter)


# One tag of each family, and what a parameter of it is annotated as.
FAMILY_TAGS = {"callback": ("func(string, *Book) error", "Callable[[str, Book | None], object]"),
               "func_value": ("gofunc:func(string) int64", "Any"),
               "interface": ("interface:Shape", "Any"),
               "object": ("*Book", "Book | None"),
               "value": ("Point", "Point"),
               "json": ("map[string][]int", "dict[str, list[int]]"),
               "object_map": ("map[int]*Book", "Mapping[int, Book | None]"),
               "object_slice": ("[]Point", "list[Point] | tuple[Point, ...]"),
               "interface_slice": ("[]interface:", "list[Any] | tuple[Any, ...]"),
               "func_items": ("map[string]func(string) int64",
                              "dict[str, Callable[[str | bytes], int] | None]"),
               "any_data": ("[]map[string]interface:", "Sequence[Mapping[str, Any]]")}
# Parameters only: a func value (a caller's parameter).
PARAMETERS_ONLY = {"func_value"}
# Results only (Go funcs to Python): slices, arrays and maps of funcs.
RESULTS_ONLY = {"func_items"}


@pytest.mark.parametrize("family", FAMILIES, ids=[family.name for family in FAMILIES])
def test_every_family_has_its_glue_conversions_and_an_annotation(family: Family) -> None:
    tag, annotation = FAMILY_TAGS[family.name]
    assert kind_of(tag) is family
    assert family.annotate(tag, result=False) == annotation
    assert family.c is None and not function_level(tag)  # left to the runtime
    if family.name in RESULTS_ONLY:
        with pytest.raises(ValueError, match="no parameter conversion"):
            family.argument(GlueArg(0, tag, "x"))
        assert family.store(0, tag, "r0").startswith("\tout.r0")
        return
    abi, expression = family.argument(GlueArg(0, tag, "x"))
    assert abi and all(param.startswith("a0") for param in abi) and expression
    if family.name in PARAMETERS_ONLY:
        with pytest.raises(ValueError, match="no result conversion"):
            family.store(0, tag, "r0")
        return
    fields = family.fields(0, tag)
    assert fields and all(field.startswith("\tr0") for field in fields)
    assert family.store(0, tag, "r0").startswith("\tout.r0")


@pytest.mark.parametrize("kind", TYPE_KINDS.values(), ids=list(TYPE_KINDS))
def test_every_kind_names_its_runtime_converter(kind: TypeKind) -> None:
    assert kind.runtime == _layer2.CONVERTERS.get(kind.tag)
    if kind.runtime == "BUFFER_KINDS":
        assert BUFFER_KINDS[kind.tag].tag == kind.tag
    else:
        assert callable(getattr(_layer2, kind.runtime))


@pytest.mark.parametrize("kind", TYPE_KINDS.values(), ids=list(TYPE_KINDS))
def test_every_kind_has_every_glue_conversion_and_an_annotation(kind: TypeKind) -> None:
    assert kind.annotation_of(result=True) and kind.annotation_of(result=False)
    assert kind.parts
    suffixes = [suffix for suffix, _ in kind.parts]
    # The argument is rebuilt from all its parts, and a result fills all of them.
    assert sorted(re.findall(r"\{a\}(\w*)", kind.rebuild)) == sorted(suffixes)
    stored = kind.store_text.split(" = ")[0]
    assert sorted(re.findall(r"\{r\}(\w*)", stored)) == sorted(suffixes)
    assert "{v}" in kind.store_text


@pytest.mark.parametrize("kind", TYPE_KINDS.values(), ids=list(TYPE_KINDS))
def test_a_kind_the_c_module_takes_has_a_c_conversion(kind: TypeKind) -> None:
    assert function_level(kind.tag) == (kind.c is not None)
    if isinstance(kind.c, CScalar) and kind.c.check in "su":
        assert kind.c.high, f"{kind.tag}: an integer needs its C range"


@pytest.mark.parametrize(("tag", "data"), [
    ("map[string]interface:", True), ("[]map[string]interface:", True), ("[][][]byte", True),
    ("[2][]byte", True), ("map[string][]byte", True), ("[][]interface:", True),
    # other kinds take these, or nothing does
    ("[]interface:", False), ("[][]byte", False), ("[][]string", False),
    ("map[string][]string", False), ("map[int]interface:", False),
    ("map[string]interface:Shape", False), ("[]*int", False), ("[n]interface:", False),
    ("[]int8", False), ("[]float64", False), ("[2]int", False), ("map[string]int", False),
])
def test_data_of_any_or_bytes_is_its_own_kind(tag: str, data: bool) -> None:
    assert any_data(tag) is data
    assert (kind_of(tag) is FAMILIES[-1]) is data  # the any_data family


def test_data_may_hold_opaque_go_values() -> None:
    # A module whose only `any` is inside data still gets its opaque class and
    # class ids (a result's Go objects come back by them).
    assert holds_opaque("map[string]interface:") and holds_opaque("[][][]byte")
    assert not holds_opaque("[]int8")
