"""Methods of named types (issue 18): `type Level int` with marked methods is a
subclass of int whose methods call Go, `str()` is Go's `String()`, results and
constants of the type are its instances, and comparisons, hashing and arithmetic
stay int's; named slices, arrays and maps (`type Vector []float64`, `type ID
[4]byte`, `type Table map[string]int`) are subclasses of array, list and dict the
same way, and plain lists and dicts convert where a parameter takes them. One
build per binding mode; both behave the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from setuptools_golang_ext.runtime import GoError

from ..helpers import build_inplace, load_built, write_project

GO = """package main

import "C"

import (
	"fmt"
	"math"
	"strings"
)

// Level is a log level.
//
//python:export
type Level int

//python:export
const (
	Debug Level = iota
	Info
	Warn
)

// String names the level.
//
//python:export
func (l Level) String() string {
	switch l {
	case Debug:
		return "debug"
	case Info:
		return "info"
	case Warn:
		return "warn"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// Next is the level above.
//
//python:export
func (l Level) Next() Level { return l + 1 }

//python:export
func (l Level) Above(other Level) bool { return l > other }

//python:export
func (l Level) Split() (Level, string) { return l, l.String() }

//python:export
func Current() Level { return Info }

// Raise moves the level up by n: a pointer method, so Python gets the new value.
//
//python:export
func (l *Level) Raise(n int) error {
	if n < 0 {
		return fmt.Errorf("cannot lower a level by %d", n)
	}
	*l += Level(n)
	return nil
}

//python:export
func (l *Level) Swap(to Level) Level { old := *l; *l = to; return old }

// Switch is on or off.
//
//python:export
type Switch bool

//python:export
func (s Switch) String() string {
	if s {
		return "on"
	}
	return "off"
}

//python:export
func (s Switch) Flipped() Switch { return !s }

//python:export
func (s *Switch) Toggle() { *s = !*s }

//python:export
func Both(a Switch, b bool) Switch { return a && Switch(b) }

//python:export
func Parse(name string) (Level, error) {
	for l := Debug; l <= Warn; l++ {
		if l.String() == name {
			return l, nil
		}
	}
	return 0, fmt.Errorf("no level %q", name)
}

//python:export
func Describe(l Level) string { return "level " + l.String() }

// Celsius is a temperature.
//
//python:export
type Celsius float64

//python:export
func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

//python:export
type Color string

//python:export
func (c Color) Upper() Color { return Color(strings.ToUpper(string(c))) }

// Vector is a list of coordinates.
//
//python:export
type Vector []float64

// Norm is the Euclidean length.
//
//python:export
func (v Vector) Norm() float64 {
	total := 0.0
	for _, x := range v {
		total += x * x
	}
	return math.Sqrt(total)
}

//python:export
func (v Vector) Scaled(by float64) Vector {
	out := make(Vector, len(v))
	for i, x := range v {
		out[i] = x * by
	}
	return out
}

//python:export
type Table map[string]int

//python:export
func (t Table) Total() int {
	total := 0
	for _, n := range t {
		total += n
	}
	return total
}

//python:export
func (t Table) With(key string, n int) Table {
	out := Table{key: n}
	for k, v := range t {
		if k != key {
			out[k] = v
		}
	}
	return out
}

//python:export
type ID [4]byte

//python:export
func (id ID) String() string { return fmt.Sprintf("%02x", [4]byte(id)) }

//python:export
func NewID(seed byte) ID { return ID{seed, seed + 1, seed + 2, seed + 3} }

//python:export
type Blob []byte

//python:export
func (b Blob) Upper() Blob { return Blob(strings.ToUpper(string(b))) }

//python:export
func (b *Blob) Append(text string) { *b = append(*b, text...) }

// Words is left without methods: a Python name for list.
//
//python:export
type Words []string

//python:export
func Count(w Words, t Table) int { return len(w) + len(t) }

func main() {}
"""


@pytest.fixture(scope="module", params=["ctypes", "cpython"])
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(tmp_path_factory.mktemp(f"named-{request.param}") / "project",
                         {"mypkg/go/main.go": GO},
                         ext_modules=f'GoExtension("mypkg._named", "mypkg/go", '
                                     f'bindings="{request.param}")')
    build_inplace(root).check()
    return root


@pytest.fixture(scope="module")
def lib(project: Path) -> Any:
    return load_built(project, "mypkg._named")


def test_a_named_int_with_methods_is_an_int_class(lib: Any) -> None:
    level = lib.Current()
    assert type(level) is lib.Level and issubclass(lib.Level, int)
    assert lib.Level.__doc__ == "Level is a log level."
    assert str(level) == "info" and f"{level}" == "info" and f"{level:03d}" == "001"
    assert repr(level) == "Level(1)"
    assert level.String() == "info" and lib.Level.String(lib.Level(2)) == "warn"
    assert level.Next() == 2 and type(level.Next()) is lib.Level
    assert level.Above(lib.Debug) and not level.Above(2)
    assert level.Split() == (1, "info") and type(level.Split()[0]) is lib.Level


def test_comparisons_hashing_and_arithmetic_stay_ints(lib: Any) -> None:
    level = lib.Current()
    assert level == 1 and level == lib.Info and 0 < level < 2 and level != lib.Warn
    assert hash(level) == hash(1) and {level: "x"}[1] == "x"
    assert level + 1 == 2 and sorted([lib.Warn, lib.Debug]) == [0, 2]
    assert lib.Describe(2) == "level warn" and lib.Describe(lib.Warn) == "level warn"
    assert str(lib.Level(7)) == "Level(7)"


def test_constants_and_results_of_the_type_are_instances(lib: Any) -> None:
    assert type(lib.Warn) is lib.Level and str(lib.Warn) == "warn"
    assert type(lib.Parse("warn")) is lib.Level and lib.Parse("warn") == 2
    with pytest.raises(GoError, match='no level "loud"'):
        lib.Parse("loud")


def test_pointer_methods_of_named_basic_types_return_the_new_value(lib: Any) -> None:
    level = lib.Level(1)
    raised = level.Raise(1)  # func (l *Level) Raise(n int) error: the new value
    assert raised == 2 and type(raised) is lib.Level and level == 1  # an int stays
    assert level.Swap(lib.Debug) == (0, 1)  # the new value, then Swap's own result
    assert all(type(v) is lib.Level for v in level.Swap(lib.Debug))
    with pytest.raises(GoError, match="cannot lower a level by -1"):
        level.Raise(-1)


def test_a_named_bool_is_an_int_class_that_behaves_like_the_bool(lib: Any) -> None:
    on = lib.Switch(True)
    assert isinstance(on, int) and not isinstance(on, bool) and on == True  # noqa: E712
    assert bool(on) and not lib.Switch(False) and hash(on) == hash(True)
    assert (str(on), repr(on), f"{on}") == ("on", "Switch(True)", "on")
    flipped = on.Flipped()
    assert type(flipped) is lib.Switch and flipped == False and str(flipped) == "off"  # noqa: E712
    assert on.Toggle() == False and on == True  # noqa: E712  # a pointer method: the new value
    assert lib.Both(on, True) == True and lib.Both(True, False) == False  # noqa: E712
    assert type(lib.Both(on, True)) is lib.Switch
    assert lib.Both(True, on) == True  # noqa: E712  # a Switch where Go takes a bool
    with pytest.raises(TypeError, match=r"Both\(\) argument 'b' must be bool \(Go bool\), "
                                        r"not int"):
        lib.Both(on, 1)


def test_float_and_str_named_types(lib: Any) -> None:
    warm = lib.Celsius(21.5)
    assert isinstance(warm, float) and str(warm) == "21.5°C" and warm == 21.5
    assert repr(warm) == "Celsius(21.5)"
    red = lib.Color("red")
    assert red.Upper() == "RED" and type(red.Upper()) is lib.Color and red == "red"


def test_the_typed_module_declares_the_classes(project: Path) -> None:
    typed = (project / "mypkg" / "_named_api.py").read_text()
    assert "    class Level(int):" in typed
    assert "        def Next(self) -> Level:" in typed
    assert "        def __str__(self) -> str: ..." in typed
    assert "    def Describe(l: Level | int) -> str:" in typed  # any int is taken
    assert "    class Celsius(float):" in typed and "    class Color(str):" in typed
    assert "    class Switch(int):" in typed and "        def Toggle(self) -> Switch:" in typed
    assert "        def __new__(cls, value: object = ..., /) -> Switch: ..." in typed
    assert "        def Raise(self, n: int) -> Level:" in typed
    assert "        def Swap(self, to: Level | int) -> tuple[Level, Level]:" in typed
    assert "    class Vector(array.array[float]):" in typed
    assert "        def __new__(cls, items: Iterable[float] = ..., /) -> Vector: ..." in typed
    assert "    class Table(dict[str, int]):" in typed
    assert "        def With(self, key: str | bytes, n: int) -> Table:" in typed
    assert "    Words = list[str]" in typed


def test_named_slices_arrays_and_maps(lib: Any) -> None:
    vector = lib.Vector([3.0, 4])  # the items alone: the type code is Go's float64
    assert isinstance(vector, lib.Vector) and vector.Norm() == 5.0
    assert repr(vector) == "Vector([3.0, 4.0])" and lib.Vector("d", [1]).Norm() == 1.0
    doubled = vector.Scaled(2)
    assert type(doubled) is lib.Vector and list(doubled) == [6.0, 8.0]
    assert len(doubled) == 2 and doubled[1] == 8.0 and 6.0 in doubled
    doubled[0] = 0.0  # item assignment: a Python copy
    assert doubled.Norm() == 8.0 and lib.Vector.Norm([3, 4]) == 5.0  # a plain list too
    table = lib.Table(a=1, b=2)
    assert table.Total() == 3 and isinstance(table, dict)
    grown = table.With("c", 3)
    assert type(grown) is lib.Table and grown == {"a": 1, "b": 2, "c": 3}
    assert sorted(grown) == ["a", "b", "c"] and "c" in grown and grown["c"] == 3
    assert repr(lib.Table(x=1)) == "Table({'x': 1})"
    ident = lib.NewID(1)
    assert type(ident) is lib.ID and ident == [1, 2, 3, 4] and str(ident) == "01020304"
    assert lib.ID.String([255, 0, 1, 2]) == "ff000102"
    with pytest.raises(ValueError, match=r"must have exactly 4 items \(Go \[4\]uint8\), not 2"):
        lib.ID.String([1, 2])
    blob = lib.Blob(b"ab").Upper()
    assert type(blob) is lib.Blob and blob == b"AB" and lib.Blob.Upper(bytearray(b"x")) == b"X"
    assert blob.Append("c") == b"ABc" and type(blob.Append("c")) is lib.Blob and blob == b"AB"
    assert lib.Words is list and lib.Count(["a", "b"], {"x": 1}) == 3
    with pytest.raises(TypeError, match=r"^Count\(\) argument 't': the key 1 must be str"):
        lib.Count([], {1: 1})
