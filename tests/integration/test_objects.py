"""Issue 11, "Objects": constants, named types, []string and maps, and struct
types as classes with methods, built from real Go (tests/objects_fixtures/shelf,
a non-main package, and a main package) and called for real.

One suite over both binding modes (issue 12): the shelf is built once per mode,
in place; in cpython mode the generated C module converts the function-level
functions and the ctypes layer adds the rest over the same library. Whatever
differs between the modes is tested last.
"""

from __future__ import annotations

import ctypes
import enum
import math
import os
import shutil
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from setuptools_golang_ext.runtime.contract import LONE_SURROGATE

from ..helpers import (
    build,
    build_inplace,
    load_built,
    make_venv,
    only_file,
    run,
    wheel_names,
    write_project,
)
from .test_python_versions import PYTHONS

FIXTURES = Path(__file__).parent.parent / "objects_fixtures"
MODES = ["ctypes", "cpython"]


def extension(name: str, mode: str) -> str:
    """The setup.py text of a GoExtension built in ``mode``."""
    return f'GoExtension("{name}", "mypkg/go", bindings="{mode}")'


def shelf_source(where: Path, mode: str) -> Path:
    root = write_project(where / "project", {}, ext_modules=extension("mypkg._shelf", mode))
    shutil.rmtree(root / "mypkg" / "go")
    shutil.copytree(FIXTURES / "shelf", root / "mypkg" / "go")
    return root


@pytest.fixture(scope="module", params=MODES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[str, Path]:
    mode: str = request.param
    root = shelf_source(tmp_path_factory.mktemp(f"objects-{mode}"), mode)
    build_inplace(root).check()
    return mode, root


@pytest.fixture(scope="module")
def project(built: tuple[str, Path]) -> Path:
    return built[1]


@pytest.fixture(scope="module")
def lib(project: Path) -> Any:
    """What ``load("mypkg._shelf")`` gives: a GoLibrary, or the extension module."""
    return load_built(project, "mypkg._shelf")


def run_script(project: Path, code: str, timeout: float = 300) -> str:
    prelude = f"import sys\nsys.path.insert(0, {str(project)!r})\n"
    return run([sys.executable, "-c", prelude + textwrap.dedent(code)], timeout=timeout
               ).check().output


# 1. constants ---------------------------------------------------------------

def test_constants_are_module_level_values(lib: Any, project: Path) -> None:
    assert lib.SchemaVersion == "3"
    assert (lib.MaxBooks, lib.Ratio, lib.Strict) == (1000, 1.5, True)
    assert lib.Freezing == 0.0 and isinstance(lib.Freezing, float)  # a Celsius: float64
    assert not hasattr(lib, "hidden")  # unexported, though in the marked group
    out = run_script(project, "from mypkg._shelf_api import SchemaVersion, Ratio\n"
                              "print(SchemaVersion, Ratio)")
    assert out.strip() == "3 1.5"


def test_package_variables_are_read_and_set_in_go(lib: Any, project: Path) -> None:
    assert (lib.variables.Verbose, lib.variables.Owner) == (False, "nobody")
    assert lib.variables.Aliases == {"sf": "science fiction"}
    lib.variables.Owner = "ann"
    lib.variables.Verbose = True
    assert lib.Describe() == "verbose shelf of ann"  # Go sees the new values
    lib.variables.Verbose = False
    with pytest.raises(TypeError, match="must be bool"):
        lib.variables.Verbose = 1
    with pytest.raises(AttributeError):
        lib.variables.quiet  # noqa: B018 - unexported: not there
    assert type(lib.variables).Verbose.__doc__ == "Verbose makes the shelf talk."
    out = run_script(project, "from mypkg._shelf_api import variables\n"
                              "variables.Owner = 'bo'\nprint(variables.Owner)")
    assert out.strip() == "bo"


# 2. named basic types, []string, maps ----------------------------------------

def test_named_basic_type_behaves_as_its_underlying_type(lib: Any) -> None:
    assert lib.Warm(1.5) == 11.5
    with pytest.raises(TypeError, match="Warm"):
        lib.Warm("hot")


def test_string_slices_convert_to_and_from_lists(lib: Any) -> None:
    assert lib.Join(["a", "b", "ç"], "-") == "a-b-ç"
    assert lib.Join((), "-") == ""
    with pytest.raises(TypeError, match=r"must be a list \(\[\]string\), not str"):
        lib.Join("ab", "-")
    with pytest.raises(TypeError, match="Join"):
        lib.Join([1, 2], "-")  # decoded by Go: a clear TypeError, not a panic


def test_string_slices_and_string_keyed_integer_maps_come_back_whole(lib: Any) -> None:
    """They cross packed (NUL-joined text, an array of values) unless a string
    holds a NUL or invalid UTF-8: then as JSON, with the same results as ever."""
    assert lib.Pieces([], False) == [] and lib.Pieces([""], False) == [""]
    assert lib.Pieces(["a", "", "ç€"], False) == ["a", "", "ç€"]
    assert lib.Pieces(["a"], True) == ["a", "nul\x00inside", "bad\ufffdutf8"]
    assert lib.KeyLengths([], False) == {}
    assert lib.KeyLengths(["", "ab", "ç"], False) == {"": 0, "ab": -2, "ç": -2}
    assert lib.KeyLengths(["ab"], True) == {"ab": -2, "k\x00": 1}
    # Short keys are checked a byte at a time, long ones by the library scans.
    for keys in (["z" * 40], ["x" * 40 + "\0"], ["y" * 40 + "\u00e9"], ["ab\0c", "ok"],
                 ["\u00e9" * 20, "q"], ["a\u00e9\0"]):
        assert lib.KeyLengths(keys, False) == {key: -len(key.encode()) for key in keys}
    shelf = lib.NewShelf("s")
    assert shelf.Titles() == [] and shelf.ByYear() == {}
    shelf.Add("Dune", 1965)
    assert shelf.Titles() == ["Dune"] and shelf.ByYear() == {"Dune": 1965}


def test_maps_convert_to_and_from_dicts(lib: Any) -> None:
    assert lib.Lengths({1: "ab", -2: "c"}) == {1: 2.0, -2: 1.0}
    assert lib.NoMap() == {}  # a nil map is an empty dict
    with pytest.raises(TypeError, match="must be a dict"):
        lib.Lengths([(1, "a")])
    with pytest.raises(TypeError, match="Lengths"):
        lib.Lengths({"x": "a"})  # key not an int


def test_nested_slices_arrays_maps_and_optional_pointers(lib: Any) -> None:
    assert lib.Grid(2, 3) == [[0, 1, 2], [3, 4, 5]]
    assert lib.Flags(["ab", "abcd"]) == {"ab": [True, False], "abcd": [True, True]}
    assert lib.Corners([1, 2, 3.5, 4]) == [4.5, 6.0]
    assert lib.OrDefault(None) == 10 and lib.OrDefault(3) == 3
    shelf = lib.NewShelf("s")
    shelf.Add("Dune", 1965)
    assert shelf.Find("Dune") == 1965 and shelf.Find("Emma") is None
    with pytest.raises(OverflowError, match=r"^OrDefault\(\) argument 'limit': 1099511627776 "
                                            r"is out of range for int32"):
        lib.OrDefault(1 << 40)  # *int32: checked in Python as an int32 argument is
    with pytest.raises(TypeError, match=r"must be a list \(\[4\]float64\), not dict"):
        lib.Corners({})


def test_complex_numbers(lib: Any) -> None:
    assert lib.Rotate(1 + 2j, 0.5) == (-2 + 1j, 1 + 0j)
    assert lib.Flip(3) == -3 + 0j
    with pytest.raises(TypeError, match="must be a complex"):
        lib.Rotate("1", 0)


# 3. objects -------------------------------------------------------------------

def test_struct_pointer_results_are_objects_with_fields(lib: Any) -> None:
    shelf = lib.NewShelf("fiction")
    assert type(shelf) is lib.Shelf
    assert (shelf.Label, shelf.Rating, shelf.Size, shelf.Open) == ("fiction", 0.0, 0, False)
    shelf.Label, shelf.Rating, shelf.Size, shelf.Open = "poetry", 4.5, 7, True
    assert repr(shelf) == ("Shelf(Label='poetry', Rating=4.5, Size=7, Open=True, "
                           "At=Position(Row=0, Col=0))")
    with pytest.raises(OverflowError):
        shelf.Size = 1 << 40  # int32 field
    with pytest.raises(AttributeError):
        shelf.books = 1  # unexported fields are not attributes
    assert lib.Nothing() is None
    assert lib.Shelf.__doc__ == "Shelf holds books by title."
    assert lib.Shelf.Label.__doc__ == "Label names the shelf."


def test_structs_by_value_are_copies(lib: Any) -> None:
    start = lib.Position(Row=1, Col=2)
    moved = lib.Shift(start, 3)
    assert (repr(moved), repr(start)) == ("Position(Row=4, Col=2)", "Position(Row=1, Col=2)")
    shelf = lib.Shelf(At=moved)  # a nested struct field: set and read as copies
    here = shelf.At
    here.Row = 9
    assert shelf.At.Row == 4 and here.Row == 9
    with pytest.raises(TypeError, match="argument 'p' must be Position, not NoneType"):
        lib.Shift(None, 1)
    with pytest.raises(TypeError, match="must be Position, not Shelf"):
        lib.Shift(shelf, 1)


def test_slices_of_objects(lib: Any) -> None:
    shelf = lib.NewShelf("all")
    shelf.Add("Dune", 1965)
    shelf.Add("Emma", 1815)
    parts = shelf.Split()
    assert [p.Label for p in parts] == ["Dune", "Emma"]
    assert lib.CountAll([*parts, None, shelf]) == 4  # None is a nil *Shelf
    gaps = lib.Gaps(False)
    assert gaps[0] is None and type(gaps[1]) is lib.Shelf and gaps[1].Label == "g"
    assert lib.Gaps(True) == []
    moved = lib.Path([lib.Position(Row=1), lib.Position(Col=2)])
    assert [repr(p) for p in moved] == ["Position(Row=2, Col=0)", "Position(Row=1, Col=2)"]
    with pytest.raises(TypeError, match="items must be Position, not NoneType"):
        lib.Path([None])
    with pytest.raises(TypeError, match="must be a list of Shelf, not Shelf"):
        lib.CountAll(shelf)


def test_interface_results_are_classes_or_opaque_values(lib: Any) -> None:
    shelf = lib.Pick("shelf")
    assert type(shelf) is lib.Shelf and shelf.Label == "picked"
    assert repr(lib.Pick("position")) == "Position(Row=1, Col=2)"
    secret = lib.Pick("secret")  # an unexported type: opaque, but it can go back to Go
    assert type(secret).__name__ == "GoValue" and repr(secret).startswith("<Go value")
    assert lib.Tell(secret) == "secret" and lib.Tell(shelf) == "shelf picked"
    assert lib.Tell(None) == "nothing" and lib.Pick("nothing") is None
    assert lib.Echo(secret).__class__ is secret.__class__
    assert lib.Tell(lib.Echo(lib.Position(Row=3))) == "row 3 col 0"
    with pytest.raises(TypeError, match="must be a Go object or None, not str"):
        lib.Tell("shelf")
    with pytest.raises(TypeError,
                       match=r"argument 'item': a \*shelf.Book does not implement shelf.Item$"):
        lib.Tell(lib.Book(Title="x"))
    with pytest.raises(TypeError, match="GoValue objects come from Go only"):
        type(secret)()


def test_keyword_constructor_fills_fields_and_zeroes_the_rest(lib: Any) -> None:
    shelf = lib.Shelf(Label="new", Size=3)
    assert repr(shelf) == ("Shelf(Label='new', Rating=0.0, Size=3, Open=False, "
                           "At=Position(Row=0, Col=0))")
    shelf.Add("Dune", 1965)  # a zero map inside is Go's business
    assert shelf.Count() == 1
    with pytest.raises(TypeError, match="unexpected keyword argument 'Colour'"):
        lib.Shelf(Colour="red")


def test_wrong_arguments_to_constructors_fields_and_methods_read_alike_in_both_modes(
    lib: Any
) -> None:
    # In cpython mode these are C (heap types); the words are the ctypes layer's.
    fields = "(its fields in order: Label, Rating, Size, Open, At)"
    wrong = {
        lambda: lib.Shelf(1, 2, 3, 4, 5, 6):
            f"Shelf() takes at most 5 positional argument(s) {fields}, 6 were given",
        lambda: lib.Shelf("a", Label="b"): "Shelf() got multiple values for field 'Label'",
        lambda: lib.Shelf(Size="x"): "Size() argument 'value' must be an int (Go int32), not str",
        lambda: lib.Shift(None, 1): "Shift() argument 'p' must be Position, not NoneType",
        lambda: lib.NewShelf("a").Count(1):
            "Shelf.Count() takes 1 positional argument but 2 were given",
        lambda: lib.NewShelf("a").Add("x"):
            "Shelf.Add() missing 1 required positional argument: 'year'",
        lambda: setattr(lib.NewShelf("a"), "Label", 3):
            "Label() argument 'value' must be str or bytes, not int",
    }
    for call, message in wrong.items():
        with pytest.raises(TypeError) as caught:
            call()
        assert str(caught.value) == message
    with pytest.raises(AttributeError, match="of 'Shelf' object has no deleter"):
        del lib.NewShelf("a").Label
    subclass = type("Sub", (lib.Shelf,), {})
    with pytest.raises(TypeError, match=r"^Sub\(\) got an unexpected keyword argument 'No'"):
        subclass(No=1)


def test_every_field_given_makes_the_object_in_one_call(lib: Any) -> None:
    # The glue's all-fields constructor (Position's fields are plain ints) ...
    library = ctypes.CDLL(getattr(lib, "__file__", None) or str(lib.path))
    assert library.goext_Position__make_Position__direct  # the handle, no result record
    position = lib.Position
    assert repr(position(1, 2)) == repr(position(Col=2, Row=1)) == "Position(Row=1, Col=2)"
    # ... with the general path's answers and messages for every other shape.
    assert repr(position(1)) == "Position(Row=1, Col=0)"
    assert repr(position()) == "Position(Row=0, Col=0)"
    refused = [
        ((1, 2, 3), {}, TypeError, "Position() takes at most 2 positional argument(s) "
                                   "(its fields in order: Row, Col), 3 were given"),
        ((1,), {"Row": 2}, TypeError, "Position() got multiple values for field 'Row'"),
        ((), {"Row": 1, "Cols": 2}, TypeError,
         "Position() got an unexpected keyword argument 'Cols'; fields: Row, Col"),
        (("a", 2), {}, TypeError, "Row() argument 'value' must be an int (Go int), not str"),
        ((), {"Row": 0, "Col": 2**70}, OverflowError,
         "Col() argument 'value': 1180591620717411303424 is out of range for int "),
    ]
    for args, fields, error, message in refused:
        with pytest.raises(error) as raised:
            position(*args, **fields)
        assert str(raised.value).startswith(message), raised.value

    class Cell(position):  # type: ignore[misc, valid-type]
        def __init__(self, both: int) -> None:
            super().__init__(Row=both, Col=both)

    cell = Cell(4)
    assert type(cell) is Cell and repr(cell) == "Cell(Row=4, Col=4)"


def test_objects_of_scalar_functions_come_back_directly(lib: Any) -> None:
    from setuptools_golang_ext.runtime import GoPanic

    library = ctypes.CDLL(getattr(lib, "__file__", None) or str(lib.path))
    assert library.goext_Spot__direct  # returns the handle: 0 for nil or a failure
    assert repr(lib.Spot(1, 2)) == "Position(Row=1, Col=2)"
    assert lib.Spot(-1, 2) is None
    with pytest.raises(GoPanic, match="no row 99"):
        lib.Spot(99, 0)
    assert lib.Spot(-1, 0) is None  # the panic was taken: nothing left behind
    with pytest.raises(TypeError, match=r"^Spot\(\) argument 'col' must be an int \(Go int\), "
                                        r"not str$"):
        lib.Spot(1, "2")


def test_methods_of_scalars_cross_directly(built: tuple[str, Path], lib: Any) -> None:
    from setuptools_golang_ext.runtime import GoPanic

    library = ctypes.CDLL(getattr(lib, "__file__", None) or str(lib.path))
    assert library.goext_Shelf__Sum__direct and library.goext_Shelf__Count__direct
    shelf = lib.NewShelf("direct")
    assert shelf.Sum(2, 3) == 5 and shelf.Count() == 0
    # Go's sum wraps to the lowest int, the failure sign: no failure was kept, so it is
    # the result.
    assert shelf.Sum(2**63 - 1, 1) == -(2**63)
    with pytest.raises(TypeError, match=r"^Sum\(\) argument 'b' must be an int \(Go int\), "
                                        r"not str$"):
        shelf.Sum(1, "2")
    if built[0] == "ctypes":  # a nil receiver (cpython mode's method refuses None itself)
        with pytest.raises(GoPanic, match="nil pointer dereference"):
            lib.Shelf.Count(None)
        with pytest.raises(TypeError, match=r"^Count\(\) argument 'self' must be Shelf or "
                                            r"None, not str$"):
            lib.Shelf.Count("shelf")
        assert shelf.Count() == 0  # the panic was taken: nothing left behind


def test_methods_errors_tuples_and_object_parameters(lib: Any) -> None:
    shelf = lib.NewShelf("fiction")
    assert shelf.Add("Emma", 1815) is None
    shelf.Add("Dune", 1965)
    from setuptools_golang_ext.runtime import GoError

    with pytest.raises(GoError, match="already there: Dune"):
        shelf.Add("Dune", 2000)
    assert shelf.Count() == 2  # a value receiver
    assert shelf.Titles() == ["Dune", "Emma"]
    assert shelf.ByYear() == {"Dune": 1965, "Emma": 1815}
    assert shelf.Lookup("Dune") == (1965, True) and shelf.Lookup("Ulysses") == (0, False)
    merged = lib.Merge(shelf, None)  # None is a nil *Shelf
    assert merged.Titles() == ["Dune", "Emma"] and merged.Label == "merged"
    with pytest.raises(TypeError, match="must be Shelf or None, not str"):
        lib.Merge("fiction", None)
    assert lib.Shelf.Add.__doc__ == "Add puts a book on the shelf."


def test_a_type_with_close_is_a_context_manager(lib: Any) -> None:
    from setuptools_golang_ext.runtime import GoError

    with lib.NewShelf("c") as shelf:
        assert not shelf.Closed()
    assert shelf.Closed()
    with pytest.raises(GoError, match="shelf is closed"):
        shelf.Add("late", 1)
    with pytest.raises(GoError, match="closed twice"), shelf:  # Close's error is raised
        pass


def test_dropping_a_million_objects_does_not_grow_memory(project: Path) -> None:
    out = run_script(project, """
        import gc
        from setuptools_golang_ext.runtime import load
        lib = load("mypkg._shelf")

        def rss_kib():
            with open("/proc/self/status") as status:
                return next(int(l.split()[1]) for l in status if l.startswith("VmRSS"))

        def cycle(n):
            new = lib.NewShelf
            for _ in range(n):
                new("x")
            gc.collect()

        cycle(100_000)  # warm up: Go's heap and the handle table reach their size
        before = rss_kib()
        cycle(1_000_000)
        print(rss_kib() - before)
    """, timeout=600)
    assert int(out.split()[-1]) < 5 * 1024, out


# the typed module ---------------------------------------------------------------

def test_typed_module_declares_classes_and_catches_a_wrong_argument(
    project: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.py"
    good.write_text(textwrap.dedent("""
        from mypkg._shelf_api import Merge, NewShelf, Position, SchemaVersion, Shelf, Shift
        from mypkg._shelf_api import variables
        moved: Position = Shift(Position(Row=1), 2)
        shelf = NewShelf("a")
        assert shelf is not None
        shelf.Add("x", 1)
        count: int = shelf.Count()
        years: dict[str, int] = shelf.ByYear()
        shelf.AddAll(2000, "y", "z")
        with Shelf(Label="b", Size=2) as other:
            merged: Shelf | None = Merge(shelf, other)
        version: str = SchemaVersion
        verbose: bool = variables.Verbose
    """))
    bad = tmp_path / "bad.py"
    bad.write_text("from mypkg._shelf_api import NewShelf\n"
                   "shelf = NewShelf('a')\nassert shelf is not None\nshelf.Add(1, 'x')\n"
                   "shelf.AddAll(1, 2)\n"
                   "from mypkg._shelf_api import variables\nvariables.Owner = 3\n")
    mypy = [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10",
            "--no-incremental"]
    env = {**os.environ, "MYPYPATH": str(project)}
    assert run([*mypy, good], env=env).check().returncode == 0
    result = run([*mypy, bad], env=env)
    assert result.returncode == 1, result.output
    assert 'Argument 1 to "Add" of "Shelf" has incompatible type "int"' in result.output
    assert 'Argument 2 to "AddAll" of "Shelf" has incompatible type "int"' in result.output
    assert 'Incompatible types in assignment (expression has type "int", variable has ' \
        'type "str")' in result.output


# a wheel in a fresh venv ---------------------------------------------------------

def _minor(python: Path) -> int:
    return int(python.parent.parent.name.split(".")[1])


# The abi3 wheel of cpython mode on the oldest and the newest CPython it serves.
ABI3_PYTHONS = [p for p in PYTHONS if _minor(p) in (11, 13)]

WHEEL_SCRIPT = """
import sys
from mypkg._shelf_api import Lengths, NewShelf, SchemaVersion, Shelf, Transform
with NewShelf("a") as shelf:
    shelf.Add("Dune", 1965)
    seen = []
    shelf.Each(lambda title, year: seen.append(title))
    print(sys.version_info[:2], SchemaVersion, shelf, shelf.ByYear(), Shelf(Size=2).Size)
print(seen, Transform(["a"], str.upper), Lengths({1: "ab"}))
print("setuptools imported:", "setuptools" in sys.modules)
"""


@pytest.mark.parametrize("mode", MODES)
def test_objects_from_a_wheel_in_a_fresh_venv(
    mode: str, tmp_path: Path, wheelhouse: Path
) -> None:
    root = shelf_source(tmp_path / "wheel", mode)
    build(root).check()
    wheel = only_file(root / "dist", "*.whl")
    # A ctypes-mode wheel is for the Python that built it; an abi3 one for 3.11 and later.
    pythons = [Path(sys.executable)]
    if mode == "cpython":
        assert "-cp311-abi3-" in wheel.name and "mypkg/_shelf.abi3.so" in wheel_names(wheel)
        assert len(ABI3_PYTHONS) == 2 or not PYTHONS, PYTHONS  # pyenv has 3.11 and 3.13
        pythons = ABI3_PYTHONS or pythons
    for python in pythons:
        venv = make_venv(tmp_path / f"venv-{python.parent.parent.name}", str(python))
        venv.install(wheel, "setuptools-golang-ext", wheelhouse=wheelhouse).check()
        out = venv.run_python(WHEEL_SCRIPT).check().output
        version = venv.run_python("import sys; print(sys.version_info[:2])").check().output
        assert (f"{version.strip()} 3 Shelf(Label='a', Rating=0.0, Size=0, Open=False, "
                "At=Position(Row=0, Col=0)) {'Dune': 1965} 2") in out, out
        assert "['Dune'] ['A'] {1: 2.0}" in out, out
        assert "setuptools imported: False" in out, out


# a main package: the glue goes into the user's package through -overlay ----------

MAIN_GO = """package main

import "C"

//python:export
type Point struct{ X, Y float64 }

//python:export
func Origin() *Point { return &Point{} }

//python:export
func (p *Point) Move(dx, dy float64) { p.X += dx; p.Y += dy }

func main() {}
"""


@pytest.mark.parametrize("mode", MODES)
def test_classes_of_a_main_package(mode: str, tmp_path: Path) -> None:
    root = write_project(tmp_path / "main", {"mypkg/go/main.go": MAIN_GO},
                         ext_modules=extension("mypkg._native", mode))
    build_inplace(root).check()
    out = run_script(root, """
        from mypkg._native_api import Origin, Point
        p = Origin()
        p.Move(1.5, 2)
        print(p, Point(Y=3))
    """)
    assert out.strip() == "Point(X=1.5, Y=2.0) Point(X=0.0, Y=3.0)"


# build errors ------------------------------------------------------------------

BROKEN_GO = """package broken

//python:export
type Store struct {
	Feed chan int
	None int
}

type Plain struct{}

//python:export
func (p *Plain) Size() int { return 0 }

//python:export
type Handler func(string) (int, int)

//python:export
func Each(items ...chan int) int { return len(items) }

//python:export
func Drain(c chan<- complex128) {}

//python:export
var Jobs chan int
"""


@pytest.mark.parametrize("mode", MODES)
def test_every_unsupported_declaration_is_reported_in_one_error(mode: str, tmp_path: Path
                                                                ) -> None:
    root = write_project(tmp_path / "broken", {"mypkg/go/lib.go": BROKEN_GO},
                         ext_modules=extension("mypkg._native", mode))
    result = build_inplace(root)
    assert result.returncode != 0
    source = root / "mypkg" / "go" / "lib.go"
    out = result.output
    assert "7 //python:export declaration(s) cannot be bound" in out, out
    assert f"{source}:24: //python:export var Jobs: it has type chan int" in out
    assert f"{source}:4: //python:export type Store: field Feed has type chan int" in out
    assert f"{source}:4: //python:export type Store: field None is a Python keyword" in out
    assert (f"{source}:12: //python:export func (*Plain) Size: it is a method of Plain, "
            f"which is not a struct type marked //python:export") in out
    assert (f"{source}:15:6: //python:export type Handler: its func type func(string) "
            f"(int, int) has a parameter or result that cannot cross to Python, or more "
            f"than one result besides error") in out
    assert f"{source}:18: //python:export func Each: parameter items has type []chan int" in out
    assert f"{source}:21: //python:export func Drain: parameter c has type chan<- complex128" in out
    assert "Traceback" not in out


def test_variadic_parameters_take_positional_arguments(lib: Any) -> None:
    assert lib.Total() == 0.0 and lib.Total(1, 2.5) == 3.5
    shelf = lib.NewShelf("s")
    shelf.AddAll(1999, "A", "B")
    assert shelf.ByYear() == {"A": 1999, "B": 1999}
    with pytest.raises(TypeError, match="Total"):
        lib.Total("x")
    # Parsed as Python parses `def AddAll(self, year, *titles)` (in C, in cpython mode).
    shelf.AddAll(year=2001)
    assert lib.Total(*[0.5] * 100) == 50.0
    for call, message in [
        (lambda: lib.Total(xs=[1.0]), "Total() got an unexpected keyword argument 'xs'"),
        (lambda: shelf.AddAll(1999, "C", year=1), "Shelf.AddAll() got multiple values for "
                                                  "argument 'year'"),
        (lambda: shelf.AddAll(), "Shelf.AddAll() missing 1 required positional argument: "
                                 "'year'"),
        (lambda: shelf.AddAll(1999, 7), "AddAll() argument 'titles'[0] must be str "
                                        "(Go string), not int"),
    ]:
        with pytest.raises(TypeError) as raised:
            call()
        assert str(raised.value) == message


# 4. callbacks -------------------------------------------------------------------

def test_python_callables_are_called_from_go(lib: Any) -> None:
    assert lib.Transform(["a", "bc"], str.upper) == ["A", "BC"]
    assert lib.Transform(["a"], lambda w: w * 3) == ["aaa"]
    seen: list[tuple[str, int]] = []
    shelf = lib.NewShelf("s")
    shelf.Add("Emma", 1815)
    shelf.Add("Dune", 1965)
    assert shelf.Each(lambda title, year: seen.append((title, year))) is None
    assert seen == [("Dune", 1965), ("Emma", 1815)]
    with pytest.raises(TypeError, match="argument 'f' must be callable, not int"):
        lib.Transform(["a"], 3)


def test_goroutines_call_back_concurrently(lib: Any) -> None:
    assert lib.Parallel(8, lambda i: i * 10) == 280


def test_an_exception_in_a_callback_is_reraised_by_the_outer_call(lib: Any) -> None:
    class Stop(Exception):
        pass

    stop = Stop("enough")
    shelf = lib.NewShelf("s")
    shelf.Add("Dune", 1965)
    shelf.Add("Emma", 1815)
    calls: list[str] = []

    def visit(title: str, year: int) -> None:
        calls.append(title)
        raise stop

    with pytest.raises(Stop) as raised:
        shelf.Each(visit)
    assert raised.value is stop and calls == ["Dune"]  # Go saw an error and stopped
    assert any(entry.name == "visit" for entry in raised.traceback)
    with pytest.raises(ZeroDivisionError):  # a func type without error: re-raised too
        lib.Transform(["a"], lambda w: 1 / 0)
    with pytest.raises(TypeError, match=r"result of Transform\(\) argument 'f' must be str"):
        lib.Transform(["a"], lambda w: 3)  # not a string


def test_callbacks_receive_and_answer_each_basic_kind(lib: Any) -> None:
    # In cpython mode these go through the C trampoline; both modes agree.
    seen: list[tuple[Any, ...]] = []
    assert lib.Relay(lambda *args: seen.append(args) or -128) == "-128"
    assert seen == [(-3, 65535, 1.5, True, "h\ufffdi")]  # invalid UTF-8 replaced
    assert lib.Shout(lambda s: s + "\u00e9") == "a\u00e9!"
    assert lib.Shout(lambda s: b"raw") == "raw!"
    with pytest.raises(OverflowError, match=r"^the result of Relay\(\) argument 'f': 128 is "
                       r"out of range for int8 \(-128\.\.127\)$"):
        lib.Relay(lambda *args: 128)
    with pytest.raises(TypeError, match=r"^the result of Relay\(\) argument 'f' must be an "
                       r"int \(Go int8\), not str$"):
        lib.Relay(lambda *args: "1")
    with pytest.raises(TypeError, match=r"^the result of Shout\(\) argument 'f' must be str "
                       r"or bytes, not int$"):
        lib.Shout(lambda s: 1)
    with pytest.raises(TypeError, match=r"^Relay\(\) argument 'f' must be callable, not "
                       r"NoneType$"):
        lib.Relay(None)
    error = KeyError("k")
    with pytest.raises(KeyError) as raised:  # the exception wins over Go's error result
        lib.Shout(lambda s: (_ for _ in ()).throw(error))
    assert raised.value is error


def test_callbacks_of_up_to_four_values_from_the_calls_goroutine(lib: Any) -> None:
    """In cpython mode Go passes such values typed, on its stack, and the callable
    takes the GIL with the call's own thread state; both modes agree."""
    got: list[tuple[Any, ...]] = []
    assert lib.Mix(lambda *args: got.append(args) or 2.5) == 2.5
    assert got == [("caf\u00e9", 1.5, True, 200)]
    with pytest.raises(TypeError, match=r"^the result of Mix\(\) argument 'f' must be a float "
                                        r"\(Go float64\), not str$"):
        lib.Mix(lambda *args: "x")
    error = ValueError("v")
    with pytest.raises(ValueError) as raised:
        lib.Mix(lambda *args: (_ for _ in ()).throw(error))
    assert raised.value is error
    told: list[str] = []
    assert lib.Announce(["a", "\u00fc"], told.append) == 2
    assert told == ["a", "\u00fc"]


def test_callbacks_of_numbers_and_bools_reach_the_callable_from_c(lib: Any) -> None:
    """Numbers and bools only: in both modes a C trampoline calls the callable
    (in ctypes mode the library's own, over the C API ctypes.pythonapi gives), so
    no Python frame of ours stands between Go and it; what its fast path leaves
    (an int subclass, a value out of range, a wrong type) gets the same checks."""
    callers: list[str] = []
    got: list[tuple[Any, ...]] = []

    def numbers(*args: Any) -> int:
        callers.append(sys._getframe(1).f_code.co_filename)
        got.append(args)
        return 2**64 - 1

    assert lib.Numbers(numbers) == 2**64 - 1
    assert got == [(-8, 2**64 - 1, 1.5, True)]
    assert not callers[0].startswith("<goext callback"), callers  # no thunk in between
    assert lib.Numbers(lambda *args: 0) == 0
    assert lib.Numbers(lambda *args: 2**63) == 2**63  # above int64: a uint64 still

    class Small(enum.IntEnum):
        SEVEN = 7

    assert lib.Answers(-128, lambda n: n, lambda n: n / 2, lambda n: n % 2 == 0) \
        == "-128 -64 true"
    assert lib.Answers(6, lambda n: Small.SEVEN, lambda n: n // 2, lambda n: False) \
        == "7 3 false"  # an IntEnum, and an int where Go wants a float64
    for answers, error, message in [
        ((lambda n: 128, float, bool), OverflowError, "the result of Answers() argument "
         "'small': 128 is out of range for int8 (-128..127)"),
        ((lambda n: 1.0, float, bool), TypeError, "the result of Answers() argument "
         "'small' must be an int (Go int8), not float"),
        ((int, lambda n: "x", bool), TypeError, "the result of Answers() argument 'half' "
         "must be a float (Go float64), not str"),
        ((int, float, lambda n: 1), TypeError, "the result of Answers() argument 'even' "
         "must be bool (Go bool), not int"),
    ]:
        with pytest.raises(error) as raised:
            lib.Answers(1, *answers)
        assert str(raised.value) == message
    with pytest.raises(OverflowError, match=r"^the result of Numbers\(\) argument 'f': -1 "
                       r"is out of range for uint64 \(0\.\.18446744073709551615\)$"):
        lib.Numbers(lambda *args: -1)
    first, second = KeyError("first"), KeyError("second")
    errors = iter([first, second])

    def failing(n: int) -> int:
        raise next(errors)

    with pytest.raises(KeyError) as raised:  # the first exception wins, with its traceback
        lib.Answers(1, failing, failing, lambda n: True)
    assert raised.value is first
    assert any(entry.name == "failing" for entry in raised.traceback)
    assert lib.Parallel(8, lambda i: i * 10) == 280  # from goroutines on other threads
    heard: list[tuple[Any, ...]] = []
    assert lib.Hear(lambda *args: heard.append(args) is None) is True  # strings too
    assert heard == [("h\udcffi", 2)]  # Go's bytes kept, as a plain string result keeps them


def test_plain_maps_cross_packed_with_every_kind_of_key_and_value(lib: Any) -> None:
    """Maps of string or integer keys and string, integer, float64 or bool values
    come packed in columns (goextPlainMap), read in C in cpython mode; a string
    that is not plain text sends the map as JSON, with the same values as before."""
    assert lib.Labels() == {-1: "minus", 0: "", 7: "s\u00e9pt"}
    ratios = lib.Ratios()
    assert ratios == {"half": 0.5, "": -2.0, "inf": math.inf}
    assert all(type(value) is float for value in ratios.values())
    assert lib.Switches() == {2**64 - 1: True, 0: False}
    assert all(type(value) is bool for value in lib.Switches().values())
    assert lib.Codes() == {-128: 65535, 127: 0}
    assert lib.NoLabels() == {}
    assert lib.Odd(True) == {"a\0b": "x"}
    assert lib.Odd(False) == {"k": "h\ufffdi"}


def test_plain_maps_as_arguments_cross_packed_and_the_rest_as_json(lib: Any) -> None:
    """A dict of exact str, int, float and bool keys and values in range crosses
    packed in columns (in C, in cpython mode); anything else takes the JSON walk
    of the ctypes layer, so both modes take and refuse the same values."""
    assert lib.Relabel({-3: "a\0b", 0: "", 2**62: "\u00e9t\u00e9"}) \
        == {3: "A\0B", 0: "", -(2**62): "\u00c9T\u00c9"}
    assert lib.Relabel({}) == {}
    assert lib.Scale({"a": 1.5, "": -2.0}, 2.0) == {"a": 3.0, "": -4.0}
    assert lib.Toggle({0: True, 255: False}) == {0: False, 255: True}

    class Small(enum.IntEnum):
        ONE = 1

    assert lib.Relabel({Small.ONE: "x"}) == {-1: "X"}  # an int subclass: the JSON walk
    assert lib.Scale({"a": 1}, 1.0) == {"a": 1.0}  # an int for a float64
    assert lib.Relabel({1: "h\udcffi"}) == {-1: "H\ufffdI"}  # escaped bytes, Go's again
    for call, error, message in [
        (lambda: lib.Relabel([1]), TypeError,
         "Relabel() argument 'labels' must be a dict (map[int]string), not list"),
        (lambda: lib.Relabel({"1": "x"}), TypeError,
         "Relabel() argument 'labels': the key '1' must be an int (Go int), not str"),
        (lambda: lib.Relabel({1: 2}), TypeError,
         "Relabel() argument 'labels'[1] must be str (Go string), not int"),
        (lambda: lib.Relabel({1: None}), TypeError,
         "Relabel() argument 'labels'[1]: None cannot be a Go string (only a pointer can be "
         "nil)"),
        (lambda: lib.Relabel({1: "\ud800"}), ValueError,
         f"Relabel() argument 'labels'[1]: the str {LONE_SURROGATE}"),
        (lambda: lib.Toggle({256: True}), OverflowError,
         "Toggle() argument 'm': the key 256: 256 is out of range for uint8 (0..255)"),
        (lambda: lib.Toggle({1: 1}), TypeError,
         "Toggle() argument 'm'[1] must be bool (Go bool), not int"),
        (lambda: lib.Scale({"a": math.nan}, 1.0), TypeError,
         "Scale() argument 'm': Out of range float values are not JSON compliant"),
    ]:
        with pytest.raises(error) as raised:
            call()
        assert str(raised.value) == message


def test_string_keyed_integer_maps_and_string_lists_cross_both_ways(lib: Any) -> None:
    # In cpython mode both cross packed, without JSON; both modes agree.
    assert lib.Weigh({"b": -2, "a": 1, "nul\0é": 30000}) == (29999, ["a", "b", "nul\0é"])
    assert lib.Weigh({}) == (0, [])
    assert lib.Transform(("x", "", "ü\0"), str.upper) == ["X", "", "Ü\0"]
    for bad, error, message in [
        ([1], TypeError, "Weigh() argument 'weights' must be a dict (map[string]int16), "
                         "not list"),
        ({1: 2}, TypeError, "Weigh() argument 'weights': the key 1 must be str (Go string), "
                            "not int"),
        ({"a": 40000}, OverflowError, "Weigh() argument 'weights'['a']: 40000 is out of range "
                                      "for int16 (-32768..32767)"),
        ({"a": "x"}, TypeError, "Weigh() argument 'weights'['a'] must be an int (Go int16), "
                                "not str"),
        ({"a": None}, TypeError, "Weigh() argument 'weights'['a']: None cannot be a Go int16 "
                                 "(only a pointer can be nil)"),
    ]:
        with pytest.raises(error) as raised:
            lib.Weigh(bad)
        assert str(raised.value) == message
    for words, message in [
        ("ab", "Transform() argument 'words' must be a list ([]string), not str"),
        (["a", 1], "Transform() argument 'words'[1] must be str (Go string), not int"),
        (["a", None], "Transform() argument 'words'[1]: None cannot be a Go string (only a "
                      "pointer can be nil)"),
    ]:
        with pytest.raises(TypeError) as raised:
            lib.Transform(words, str.upper)
        assert str(raised.value) == message


def test_callbacks_of_scalars_and_strings_get_go_values_as_they_are(lib: Any) -> None:
    got: list[tuple[Any, ...]] = []
    assert lib.Kinds(lambda *args: got.append(args) or True) is True
    [(small, big, single, nan, flag, text)] = got
    assert (small, big, single, flag, text) == (-8, 2**64 - 1, 1.5, True, "caf\u00e9\udcff")
    assert math.isnan(nan) and type(single) is float and type(flag) is bool
    with pytest.raises(TypeError, match=r"result of Kinds\(\) argument 'f' must be bool "
                                        r"\(Go bool\), not int"):
        lib.Kinds(lambda *args: 1)
    with pytest.raises(OverflowError, match=r"result of Parallel\(\) argument 'f': "
                                            r"1180591620717411303424 is out of range for int"):
        lib.Parallel(2, lambda i: 2**70)


def test_a_callback_kept_by_go_fails_cleanly_after_the_call(lib: Any) -> None:
    def check(word: str) -> None:
        pass

    assert lib.Keep(check) is None
    assert "called after the call that passed it returned" in lib.CallKept()


@pytest.mark.alone
def test_objects_dropped_in_a_forked_child_are_quiet(project: Path) -> None:
    out = run_script(project, """
        import os
        from mypkg._shelf_api import NewShelf
        shelf = NewShelf("kept")
        pid = os.fork()
        if pid == 0:
            del shelf  # its finalizer cannot reach Go here, and must not complain
            os._exit(0)
        os.waitpid(pid, 0)
        print("parent:", shelf.Label)
    """)
    assert out.strip() == "parent: kept", out


@pytest.mark.alone
def test_calls_in_a_forked_child_raise_go_fork_error(project: Path) -> None:
    out = run_script(project, """
        import os
        from mypkg._shelf_api import Describe, NewShelf, Shelf, Transform
        shelf = NewShelf("kept")
        pid = os.fork()
        if pid == 0:
            from setuptools_golang_ext.runtime import GoForkError
            for call in (Describe, lambda: Transform(["a"], str.upper), shelf.Count,
                         lambda: NewShelf("x"), Shelf, lambda: shelf.Label):
                try:
                    call()
                except GoForkError as error:
                    print("refused:", "fork()" in str(error),
                          str(error).split(" of Go library")[0], flush=True)
            os._exit(0)
        os.waitpid(pid, 0)
    """)
    # Named as Python spells them, not by the glue's symbols (goext_Shelf__new_Shelf).
    assert out.splitlines() == [f"refused: True cannot call {name}()" for name in (
        "Describe", "Transform", "Shelf.Count", "NewShelf", "Shelf", "Shelf.Label")], out


# what differs between the modes --------------------------------------------------

def test_cpython_mode_converts_function_level_functions_in_c(
    built: tuple[str, Path], lib: Any
) -> None:
    # Describe() string, Sum(a, b int) int, Warm(Celsius) Celsius (a named float64),
    # NewShelf(string) *Shelf (an object of a class), callbacks of numbers and strings,
    # []string, map[string]<integer> and other plain maps (Lengths, Relabel) and
    # variadics of those (Total) have C fast paths in cpython mode; classes, other
    # maps and callbacks of objects come from the ctypes layer.
    mode, _ = built
    fast = {name: type(getattr(lib, name)).__name__ == "builtin_function_or_method"
            for name in ("Describe", "Sum", "Warm", "NewShelf", "Lengths", "Transform", "Total",
                         "Parallel", "Relay", "KeyLengths", "Weigh", "Relabel")}
    c_functions = {"Describe", "Sum", "Warm", "NewShelf", "Lengths", "Transform", "Parallel",
                   "Relay", "KeyLengths", "Weigh", "Relabel", "Total"} \
        if mode == "cpython" else set()
    assert {name for name, is_c in fast.items() if is_c} == c_functions
    assert type(lib.NewShelf("x")) is lib.Shelf


def test_cpython_mode_classes_are_c_types_the_runtime_class_extends(
    built: tuple[str, Path], lib: Any
) -> None:
    # In cpython mode a class is a C type holding the handle, with the fields and
    # methods the C module converts; the runtime's class derives from it and adds
    # the rest from the ctypes layer. In ctypes mode every member is the ctypes layer's.
    mode, _ = built
    if mode != "cpython":
        pytest.skip("ctypes mode: classes are the ctypes layer's")
    c_type = lib.__goext_classes__["Shelf"]
    assert lib.Shelf.__bases__ == (c_type,) and lib.Shelf.__name__ == c_type.__name__
    kinds = {name: type(vars(c_type)[name]).__name__
             for name in ("Label", "At", "Count", "Add", "Lookup", "Close")}
    assert kinds == {"Label": "getset_descriptor", "At": "getset_descriptor",
                     **dict.fromkeys(("Count", "Add", "Lookup", "Close"), "method_descriptor")}
    # AddAll(year int, titles ...string) is variadic: C parses it as Python would.
    assert type(vars(c_type)["AddAll"]).__name__ == "method_descriptor"
    assert type(vars(c_type)["Titles"]).__name__ == "method_descriptor"  # []string: C
    assert set(c_type._go_c_members) >= {"Label", "Rating", "Size", "Open", "At", "Count"}
    classes = lib.__goext_classes__
    assert (classes["Shelf"]._go_complete, classes["Position"]._go_complete) == (False, True)
    # Objects cross both ways: made in C, through ctypes-layer methods and back.
    shelf = lib.Shelf("a", Size=1)
    shelf.Add("x", 1)
    shelf.Add("y", 2)
    assert type(vars(c_type)["Split"]).__name__ == "method_descriptor"  # []*Shelf: C
    parts = shelf.Split()
    assert [type(part) for part in parts] == [lib.Shelf, lib.Shelf]  # the runtime's class
    merged = lib.Merge(parts[0], parts[1])  # C
    assert type(merged) is lib.Shelf and merged.Titles() == ["x", "y"]
    assert lib.CountAll([shelf, merged, None]) == 4  # C: a []*Shelf argument
    assert type(lib.CountAll).__name__ == type(lib.Merge).__name__ == "builtin_function_or_method"
    assert lib.Shift(lib.Position(2, 3), 1).Row == 3


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="3.13 renamed _xxsubinterpreters")
def test_cpython_mode_objects_keep_working_after_a_sub_interpreter_imports_the_module(
    built: tuple[str, Path]
) -> None:
    # The C types are made once per process; the module imported again in a legacy
    # sub-interpreter shares them, and the main interpreter's results stay its own.
    mode, project = built
    if mode != "cpython":
        pytest.skip("ctypes mode: the library's classes are Python classes per load")
    out = run_script(project, """
        import _xxsubinterpreters as interpreters
        import mypkg._shelf as m
        interpreters.run_string(interpreters.create(isolated=False),
            f"import sys; sys.path.insert(0, {sys.path[0]!r}); import mypkg._shelf as m; "
            "print(m.Merge(m.NewShelf('s'), None).Label)")
        shelf = m.NewShelf("main")
        print(type(shelf) is m.Shelf, m.Merge(shelf, None).Label, m.Shift(m.Position(1), 1))
    """)
    assert out.splitlines()[-2:] == ["merged", "True merged Position(Row=2, Col=0)"], out


def test_cpython_mode_import_and_load_give_one_module(built: tuple[str, Path]) -> None:
    # In ctypes mode the library is no Python module: load() alone opens it.
    mode, project = built
    if mode != "cpython":
        pytest.skip("ctypes mode: the library is loaded, not imported")
    out = run_script(project, """
        import mypkg._shelf as module
        from setuptools_golang_ext.runtime import load
        from mypkg._shelf_api import Shelf
        print(load("mypkg._shelf") is module, module.Shelf is Shelf,
              Shelf.__module__, module.variables.Owner)
    """)
    assert out.split() == ["True", "True", "mypkg._shelf", "nobody"], out


def test_cpython_mode_without_its_api_description_fails_to_import(
    built: tuple[str, Path], tmp_path: Path
) -> None:
    # In ctypes mode such a library still loads, untyped.
    mode, project = built
    if mode != "cpython":
        pytest.skip("ctypes mode: a library without a description loads untyped")
    copy = tmp_path / "copy"
    shutil.copytree(project / "mypkg", copy / "mypkg",
                    ignore=shutil.ignore_patterns("go", "*_editable.json"))
    (copy / "mypkg" / "_shelf_api.json").unlink()
    result = run([sys.executable, "-c", "import mypkg._shelf"], cwd=copy)
    assert result.returncode == 1
    assert (f"ImportError: cannot import 'mypkg._shelf': its API description "
            f"{copy / 'mypkg' / '_shelf_api.json'} is missing") in result.output, result.output
