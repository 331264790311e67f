"""The type table: every by-value kind is defined once, with every conversion the
binding modes need. Adding a kind the runtime knows but the table does not (or one
missing a conversion) fails here, not in a generated file downstream."""

from __future__ import annotations

import re

import pytest

from setuptools_golang_ext.bindings.cpython_mode import function_level
from setuptools_golang_ext.bindings.type_table import TYPE_KINDS, CScalar, TypeKind
from setuptools_golang_ext.runtime import contract

# What the runtime (ctypes mode, and the rest of a cpython-mode module) converts
# without JSON, handles or callbacks: numbers, time, strings and buffers.
RUNTIME_KINDS = {*contract.SCALAR_CTYPES, *contract.COMPLEX_CTYPES, contract.TIME,
                 contract.STRING, contract.BYTES,
                 *(contract.canonical(f"[]{element}") for element in contract.SCALAR_CTYPES
                   if contract.slice_element(f"[]{element}"))}


def test_the_table_and_the_runtime_know_the_same_kinds() -> None:
    assert set(TYPE_KINDS) == RUNTIME_KINDS


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
