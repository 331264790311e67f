"""The runtime's buffer kinds ([]complex64, []complex128, [][]byte) convert both ways
without Go: the bytes a parameter passes are the bytes a result reads."""

from __future__ import annotations

import ctypes

import pytest

from setuptools_golang_ext.runtime._buffer_kinds import BUFFER_KINDS
from setuptools_golang_ext.runtime._buffers import GO_COPY


@pytest.mark.parametrize("tag", ["[]complex64", "[]complex128"])
def test_a_parameter_buffer_reads_back_as_the_same_list(tag: str) -> None:
    kind = BUFFER_KINDS[tag]
    pointer, flagged, keep = kind.to_go("F() argument 'xs'")([1 + 2j, -0.5, 3])
    assert flagged & GO_COPY, "a copy made for the call: the glue gives Go its own copy"
    nbytes = flagged & ~GO_COPY
    assert keep is not None and nbytes == 3 * (8 if tag == "[]complex64" else 16)
    assert kind.from_go(ctypes.string_at(pointer, nbytes)) == [1 + 2j, -0.5 + 0j, 3 + 0j]
    assert kind.to_go("x")([])[1] == 0 and kind.from_go(b"") == []


def test_bad_items_are_refused_with_the_argument_named() -> None:
    convert = BUFFER_KINDS["[]complex64"].to_go("F() argument 'xs'")
    with pytest.raises(TypeError, match=r"F\(\) argument 'xs' must be a sequence of "
                                        r"complex numbers \(Go \[\]complex64\), not str"):
        convert("1+2j")
    with pytest.raises(TypeError, match=r"items must be complex numbers \(Go complex64\), "
                                        r"not NoneType"):
        convert([None])
    with pytest.raises(OverflowError, match=r"1e\+39j is out of range for Go complex64"):
        convert([1e39j])
    assert BUFFER_KINDS["[]complex128"].to_go("x")([1e39j])[1] == 16 | GO_COPY


def test_lists_of_bytes_read_back_as_the_same_bytes() -> None:
    kind = BUFFER_KINDS["[][]byte"]
    items = [b"ab", bytearray(b""), memoryview(b"\x00\xff"), b"c" * 9]
    pointer, nbytes, _keep = kind.to_go("F() argument 'parts'")(items)
    assert nbytes == 8 * 5 + 13  # the count, four lengths, the bytes
    assert kind.from_go(ctypes.string_at(pointer, nbytes)) == [b"ab", b"", b"\x00\xff",
                                                               b"c" * 9]
    empty = kind.to_go("x")(())
    assert kind.from_go(ctypes.string_at(empty[0], empty[1])) == []
    with pytest.raises(TypeError, match=r"^F\(\) argument 'parts'\[1\] must be bytes "
                                        r"\(Go \[\]byte\), not int$"):
        kind.to_go("F() argument 'parts'")([b"", 5])
    with pytest.raises(TypeError, match=r"must be a sequence of bytes \(Go \[\]\[\]byte\), "
                                        r"not bytes$"):
        kind.to_go("F() argument 'parts'")(b"ab")
