"""Nothing is silently lost on the way to Go (issue 18): wrong map keys, None
for values that cannot be nil, lone surrogates, ints too large for a float,
values nested without end and objects of another library raise an error naming
the parameter, the same in both binding modes. One build per mode: two
extensions of one Go source, so that objects can be taken to the wrong one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ..helpers import GO_MOD, build_inplace, load_built, write_project

GO = """package main

import "C"

import (
	"fmt"
	"strings"
)

//python:export
func Join(xs []string) string { return strings.Join(xs, ",") }

//python:export
type Thing struct{ N int }

//python:export
func NewThing(n int) *Thing { return &Thing{N: n} }

//python:export
func Counts(m map[string]int) string { return fmt.Sprint(m) }

//python:export
func Sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

//python:export
func F64(x float64) float64 { return x }

//python:export
func Len(s string) int { return len(s) }

//python:export
func Describe(v any) string { return fmt.Sprintf("%T %v", v, v) }

//python:export
func Show(s fmt.Stringer) string { return s.String() }

func (t *Thing) String() string { return fmt.Sprint("thing ", t.N) }

func main() {}
"""

MODES = ["ctypes", "cpython"]


@pytest.fixture(scope="module", params=MODES)
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    mode = request.param
    root = write_project(
        tmp_path_factory.mktemp(f"loss-{mode}") / "project",
        {"mypkg/go/main.go": GO, "mypkg/go2/main.go": GO, "mypkg/go2/go.mod": GO_MOD},
        ext_modules=f'GoExtension("mypkg._a", "mypkg/go", bindings="{mode}"), '
                    f'GoExtension("mypkg._b", "mypkg/go2", bindings="{mode}")')
    build_inplace(root).check()
    return root


@pytest.fixture(scope="module")
def libs(project: Path) -> tuple[Any, Any]:
    return load_built(project, "mypkg._a"), load_built(project, "mypkg._b")


@pytest.mark.parametrize(("value", "error", "message"), [
    ({1: 5, "1": 6}, TypeError, "Counts() argument 'm': the key 1 must be str (Go string), "
                                "not int"),
    ({None: 5}, TypeError, "Counts() argument 'm': the key None must be str (Go string), "
                           "not NoneType"),
    ({1.5: 5}, TypeError, "Counts() argument 'm': the key 1.5 must be str (Go string), "
                          "not float"),
    ({"a": None}, TypeError, "Counts() argument 'm'['a']: None cannot be a Go int (only a "
                             "pointer can be nil)"),
    ({"\ud800": 1}, ValueError, "Counts() argument 'm': the key '\\ud800': the str holds a "
                                "lone surrogate"),
])
def test_map_keys_and_values_lose_nothing(libs: tuple[Any, Any], value: object,
                                          error: type[Exception], message: str) -> None:
    a, _ = libs
    assert a.Counts({"a": 1, "b": 2}) == "map[a:1 b:2]"
    with pytest.raises(error) as raised:
        a.Counts(value)
    assert str(raised.value).startswith(message), raised.value


def test_none_in_a_list_is_no_zero(libs: tuple[Any, Any]) -> None:
    a, _ = libs
    with pytest.raises(TypeError, match=r"^Join\(\) argument 'xs'\[1\]: None cannot be a Go "
                                        r"string \(only a pointer can be nil\)$"):
        a.Join(["a", None])
    assert a.Join(["a", "b"]) == "a,b"
    with pytest.raises(TypeError, match=r"^Sum\(\) argument 'xs': 'NoneType' object cannot"):
        a.Sum([1, None, 3])  # a number slice: copied into a buffer, never a zero
    assert a.Sum([1, 2, 3]) == 6


def test_scalar_errors_name_the_parameter(libs: tuple[Any, Any]) -> None:
    a, _ = libs
    with pytest.raises(OverflowError, match=r"^F64\(\) argument 'x': the int is too large "
                                            r"for a float \(Go float64\)$"):
        a.F64(10**400)
    assert a.F64(10**300) == 1e300
    with pytest.raises(ValueError, match=r"^Len\(\) argument 's': the str holds a lone "
                                         r"surrogate \(U\+D800..U\+DFFF\), which UTF-8 "
                                         r"cannot encode; pass bytes"):
        a.Len("x\ud800")
    assert a.Len("\udcff") == 1  # surrogateescape: the byte 0xff


def test_any_nested_without_end_names_the_parameter(libs: tuple[Any, Any]) -> None:
    a, _ = libs
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(ValueError, match=r"^Describe\(\) argument 'v': the value is nested "
                                         r"more than 200 levels deep$"):
        a.Describe(loop)
    with pytest.raises(ValueError, match=r"^Describe\(\) argument 'v': the str holds"):
        a.Describe(["\ud800"])
    assert a.Describe([[1]]) == "[]interface {} [[1]]"


def test_objects_of_another_library_are_refused(libs: tuple[Any, Any]) -> None:
    a, b = libs
    theirs = b.NewThing(2)
    assert a.Describe(a.NewThing(1)) == "*main.Thing thing 1"
    assert a.Show(a.NewThing(1)) == "thing 1"
    for call in (lambda: a.Describe(theirs), lambda: a.Show(theirs),
                 lambda: a.Describe({"k": [theirs]})):
        with pytest.raises(TypeError, match=r"the Thing object was made by another Go "
                                            r"library \(mypkg._b\); only objects of this "
                                            r"library can be passed here"):
            call()
