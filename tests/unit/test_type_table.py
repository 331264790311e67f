"""The type table: every by-value kind is defined once, with every conversion the
binding modes need. Adding a kind the runtime knows but the table does not (or one
missing a conversion) fails here, not in a generated file downstream."""

from __future__ import annotations

import re

import pytest

from setuptools_golang_ext.bindings.cpython_mode import function_level
from setuptools_golang_ext.bindings.type_table import TYPE_KINDS, CScalar, TypeKind
from setuptools_golang_ext.runtime import _layer2
from setuptools_golang_ext.runtime._buffer_kinds import BUFFER_KINDS


def test_the_table_and_the_runtime_know_the_same_kinds() -> None:
    # Both ways: a table kind the runtime cannot convert, or a runtime kind the
    # generators know nothing of, fails here.
    assert set(TYPE_KINDS) == set(_layer2.CONVERTERS)


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
    stored = kind.store.split(" = ")[0]
    assert sorted(re.findall(r"\{r\}(\w*)", stored)) == sorted(suffixes)
    assert "{v}" in kind.store


@pytest.mark.parametrize("kind", TYPE_KINDS.values(), ids=list(TYPE_KINDS))
def test_a_kind_the_c_module_takes_has_a_c_conversion(kind: TypeKind) -> None:
    assert function_level(kind.tag) == (kind.c is not None)
    if isinstance(kind.c, CScalar) and kind.c.check in "su":
        assert kind.c.high, f"{kind.tag}: an integer needs its C range"
