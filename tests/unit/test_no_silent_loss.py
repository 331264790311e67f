"""Values that would lose something on the way to Go are refused with an error
naming the parameter (issue 18): colliding or non-string map keys, None for a
value that cannot be nil, arrays of the wrong length, lone surrogates, ints too
large for a float, values nested without end and another library's objects."""

from __future__ import annotations

import re

import pytest

from setuptools_golang_ext.runtime._json_args import json_arg, json_value
from setuptools_golang_ext.runtime._layer2 import _interface_arg, _tagged
from setuptools_golang_ext.runtime._objects import make_opaque
from setuptools_golang_ext.runtime._scalar_args import float_arg, string_arg
from setuptools_golang_ext.runtime.contract import LONE_SURROGATE

W = "F() argument 'm'"


@pytest.mark.parametrize(("value", "message"), [
    ({1: 5, "1": 6}, r"F\(\) argument 'm': the key 1 must be str \(Go string\), not int"),
    ({None: 5}, "the key None must be str .Go string., not NoneType"),
    ({1.5: 5}, "the key 1.5 must be str .Go string., not float"),
    ({True: 5}, "the key True must be str .Go string., not bool"),
    ({"a": None}, r"F\(\) argument 'm'\['a'\]: None cannot be a Go int .only a pointer"),
    ({"a": "5"}, r"argument 'm'\['a'\] must be an int \(Go int\), not str"),
])
def test_string_keyed_maps_take_str_keys_and_no_none(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        json_arg(value, "map[string]int", W)


class Index:
    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


def test_integer_keys_are_checked_and_may_not_collide() -> None:
    assert json_arg({1: "a", Index(2): "b"}, "map[int8]string", W) == b'{"1": "a", "2": "b"}'
    with pytest.raises(TypeError, match=r"the key '1' must be an int .Go int8., not str"):
        json_arg({"1": "a"}, "map[int8]string", W)
    with pytest.raises(OverflowError, match="the key 300: 300 is out of range for int8"):
        json_arg({300: "a"}, "map[int8]string", W)
    with pytest.raises(TypeError, match=r"the keys 1 and <.*Index.*> are the same Go int8 1"):
        json_arg({1: "a", Index(1): "b"}, "map[int8]string", W)


def test_plain_values_skip_the_walk_and_the_rest_take_it() -> None:
    # Exact built-in classes go to json as they are; anything else is converted.
    assert json_arg({"a": [1.5, None]}, "map[string][]*float64", W) == b'{"a": [1.5, null]}'
    assert json_arg({True: "a"}, "map[int8]string", W) == b'{"1": "a"}'
    assert json_arg([1, True], "[]float64", W) == b"[1.0, 1.0]"
    assert json_arg((1, 2), "[2]int", W) == b"[1, 2]"
    with pytest.raises(ValueError, match=r"the key '\\ud800': the str holds a lone surrogate"):
        json_arg({"\ud800": 1}, "map[string]int", W)
    with pytest.raises(TypeError, match="Out of range float values"):
        json_arg([float("inf")], "[]float64", W)


def test_none_is_only_nil_for_pointers() -> None:
    assert json_value([1, None], "[]*int", W) == [1, None]
    with pytest.raises(TypeError, match=r"'m'\[1\]: None cannot be a Go int"):
        json_arg([1, None], "[]int", W)
    with pytest.raises(TypeError, match=r"'m'\[0\]: None cannot be a Go \[\]int"):
        json_arg([None], "[][]int", W)
    with pytest.raises(TypeError, match=r"'m'\['k'\]\[0\]: None cannot be a Go string"):
        json_arg({"k": [None]}, "map[string][]string", W)


def test_arrays_take_exactly_their_length() -> None:
    assert json_arg([1, 2], "[2]int", W) == b"[1, 2]"
    with pytest.raises(ValueError, match=r"must have exactly 2 items \(Go \[2\]int\), not 3"):
        json_arg([1, 2, 3], "[2]int", W)


def test_items_are_checked_as_arguments() -> None:
    with pytest.raises(TypeError, match=r"'m'\[0\] must be bool"):
        json_arg([1], "[]bool", W)
    with pytest.raises(OverflowError, match=r"'m'\[0\]: the int is too large for a float"):
        json_arg([10**400], "[]float64", W)
    with pytest.raises(ValueError, match=r"'m'\[0\]: the str holds a lone surrogate"):
        json_arg(["\ud800"], "[]string", W)
    assert json_arg(["\udcff"], "[]string", W) == b'["\xff"]'  # surrogateescape: a byte
    nested: list[object] = []
    nested.append(nested)
    with pytest.raises(TypeError, match=r"'m'\[0\]\[0\] must be an int"):
        json_arg(nested, "[][]int", W)


def test_scalar_errors_name_the_parameter() -> None:
    with pytest.raises(OverflowError, match=r"^F\(\) argument 'm': the int is too large for "
                                            r"a float \(Go float64\)$"):
        float_arg(10**400, "float64", W)
    with pytest.raises(ValueError, match="^" + re.escape(f"{W}: the str {LONE_SURROGATE}")):
        string_arg("a\ud800", W)


def test_the_c_module_says_the_same_about_lone_surrogates() -> None:
    from setuptools_golang_ext.bindings.cpython_support import collections_c, support_c

    c = support_c("m") + collections_c()
    assert f'#define GOEXT_LONE_SURROGATE "{LONE_SURROGATE}"' in c
    # Each refusal says "the str" and then that text, after its own label.
    refusals = [line for line in c.splitlines() if "GOEXT_LONE_SURROGATE," in line]
    assert len(refusals) == 3 and all('the str " GOEXT_LONE_SURROGATE' in r for r in refusals)


def test_any_values_nested_without_end_are_refused() -> None:
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="'m': the value is nested more than 200 levels"):
        _tagged(loop, W)
    deep: object = 1
    for _ in range(150):
        deep = [deep]
    assert _tagged(deep, W)[0] == "l"  # type: ignore[index]


def test_objects_of_another_library_are_refused_for_any_and_interfaces() -> None:
    def ours(handle: int) -> None: ...

    def theirs(handle: int) -> None: ...

    mine = make_opaque("mypkg._a", ours)._wrap(7)
    other = make_opaque("mypkg._b", theirs)._wrap(7)
    assert _interface_arg(mine, W, True, ours)[0].value == 7
    for plain in (True, False):
        with pytest.raises(TypeError, match=r"'m': the GoValue object was made by another "
                                            r"Go library \(mypkg._b\)"):
            _interface_arg(other, W, plain, ours)
    with pytest.raises(TypeError, match="made by another Go library"):
        _interface_arg([other], W, True, ours)
