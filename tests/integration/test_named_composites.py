"""Named basic types inside slices, arrays, maps and pointers (``[]Kind``,
``map[Level]int``, ``*Level``, ``[]time.Duration``) as parameters, results,
fields, variables and callback types; and named basic types marked
//python:export as Python names (``lib.Level is int``). Built from real Go
(tests/objects_fixtures/named) once per binding mode and called for real.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from setuptools_golang_ext.runtime import GoError

from ..helpers import build_inplace, load_built, run, write_project

FIXTURE = Path(__file__).parent.parent / "objects_fixtures" / "named"
MODES = ["ctypes", "cpython"]


def named_project(where: Path, mode: str) -> Path:
    root = write_project(where / "project", {},
                         ext_modules=f'GoExtension("mypkg._named", "mypkg/go", bindings="{mode}", '
                                     'rename={"Span": "Interval", "Span.To": "until", '
                                     '"Table_int_Kind": "KindTable"})')
    shutil.rmtree(root / "mypkg" / "go")
    shutil.copytree(FIXTURE, root / "mypkg" / "go")
    return root


@pytest.fixture(scope="module", params=MODES)
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = named_project(tmp_path_factory.mktemp(f"named-{request.param}"), request.param)
    build_inplace(root).check()
    return root


@pytest.fixture(scope="module")
def lib(project: Path) -> Any:
    """What ``load("mypkg._named")`` gives in this mode."""
    return load_built(project, "mypkg._named")


def test_slices_of_named_types(lib: Any) -> None:
    assert lib.Kinds("Foo BAR") == ["foo", "bar"]  # []Kind, Kind string
    assert lib.JoinKinds(["a", "b"]) == "a+b" and lib.JoinKinds(()) == ""
    assert list(lib.Levels(3)) == [0, 10, 20]  # []Level crosses as a buffer of ints
    assert lib.SumLevels([1, 2, 3]) == 6
    assert lib.Smalls(b"\x01\x7f") == b"\x02\xfe"  # []Small, Small uint8: bytes


def test_maps_pointers_and_arrays_of_named_types(lib: Any) -> None:
    assert lib.Counts() == {1: 10, 2: 20}  # map[Level]int
    assert lib.Total({1: 2, 3: 4}) == 14
    assert lib.Bump(4) == 5 and lib.Bump(None) is None  # *Level
    assert lib.Four(["a", "b", "c", "d"]) == ["d", "c", "b", "a"]  # [4]Kind
    assert lib.ByName({"x": [1, 2]}) == {"X": [1, 2, 2]}  # map[string][]Level


def test_named_types_of_another_package(lib: Any) -> None:
    assert lib.Waits([1, 2]) == {"0": 2, "1": 4}  # []time.Duration -> map[string]...
    assert lib.Longest({"a": 5, "b": 9}) == 9


def test_another_packages_named_int_with_methods_is_a_class(lib: Any, project: Path
                                                            ) -> None:
    wait = lib.Timeout(1.5)  # time.Duration: an int of nanoseconds with Go's methods
    assert type(wait) is lib.Duration and isinstance(wait, int) and wait == 1_500_000_000
    assert str(wait) == "1.5s" and repr(wait) == "Duration(1500000000)"
    assert wait.Seconds() == 1.5 and wait.Milliseconds() == 1500
    assert str(wait.Round(lib.Duration(10**9))) == "2s"
    twice = lib.Twice(wait)  # passed back as itself
    assert type(twice) is lib.Duration and str(twice) == "3s" and lib.Twice(5) == 10
    assert wait + 1 == 1_500_000_001 and wait < 2 * 10**9 and hash(wait) == hash(1_500_000_000)
    assert lib.Longest({"a": 5, "b": 9}) == 9 and type(lib.Longest({"a": 5})) is lib.Duration
    typed = (project / "mypkg" / "_named_api.py").read_text()
    assert "    class Duration(int):" in typed
    assert "        def Seconds(self) -> float:" in typed
    assert "    def Twice(d: Duration | int) -> Duration:" in typed


def test_callbacks_over_named_types(lib: Any) -> None:
    seen: list[tuple[int, list[str]]] = []

    def visit(level: int, kinds: list[str]) -> float:
        seen.append((level, kinds))
        return 0.25

    assert lib.EachLevel([1, 2], visit) == 0.5  # func(Level, []Kind) Ratio
    assert seen == [(1, ["1"]), (2, ["2"])]
    assert list(lib.Scale([1, 2], lambda d: d * 3)) == [3, 6]  # func(time.Duration) ...


def test_fields_and_variables(lib: Any) -> None:
    f = lib.Filter(Kinds=["x"], Limits={1: 5}, Floor=3)
    assert (f.Kinds, f.Limits, f.Floor) == (["x"], {1: 5}, 3)
    assert f.Allows("x") and not f.Allows("y")
    f.Floor = None
    assert f.Floor is None
    assert list(lib.variables.Defaults) == [1, 2]
    lib.variables.Defaults = [7, 8]
    garbage = [list(range(100)) for _ in range(200)]  # reuse freed Python memory
    assert list(lib.variables.Defaults) == [7, 8], garbage[0][:1]  # Go kept a copy


def test_marked_named_types_are_python_names(lib: Any, project: Path) -> None:
    assert (lib.Level, lib.Kind, lib.Ratio) == (int, str, float)
    assert lib.Describe(lib.Level(3), lib.Ratio(0.5)) == "3@0.50"
    assert lib.Half(1.0) == 0.5
    typed = (project / "mypkg" / "_named_api.py").read_text()
    assert "    Level = int\n" in typed and "    Kind = str\n" in typed
    assert '"""Level is a log level."""' in typed
    assert "def Describe(l: Level, r: Ratio) -> str:" in typed
    assert "def Half(r: Ratio) -> Ratio:" in typed
    assert "Small =" not in typed and not hasattr(lib, "Small")  # not marked: no name
    assert "def Passes(self, l: _goext_Level) -> bool:" in typed  # field Level hides it
    assert lib.Gate(Level=2).Passes(3) and not lib.Gate(Level=2).Passes(1)


def test_the_typed_module_type_checks(project: Path) -> None:
    mypy = Path(sys.executable).parent / "mypy"
    result = run([str(mypy), "--strict", "--no-incremental", "mypkg/_named_api.py"],
                 cwd=project)
    assert result.returncode == 0, result.output


@pytest.mark.parametrize(("call", "message"), [
    (lambda lib: lib.JoinKinds([1]), r"JoinKinds\(\) argument 'kinds'"),
    (lambda lib: lib.Total({"a": 1}), r"Total\(\) argument 'counts'"),
    (lambda lib: lib.SumLevels(["a"]), r"SumLevels\(\) argument 'levels'"),
    (lambda lib: lib.Waits(["1s"]), r"Waits\(\) argument 'd'"),
    (lambda lib: lib.Filter(Kinds=[1]), r"Kinds\(\) argument 'value'"),
])
def test_wrong_element_types_are_type_errors(lib: Any, call: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call(lib)


def test_out_of_range_ints_are_refused(lib: Any) -> None:
    with pytest.raises((TypeError, OverflowError), match=r"Bump\(\) argument 'level'"):
        lib.Bump(2**70)
    with pytest.raises((TypeError, OverflowError), match=r"Total\(\) argument 'counts'"):
        lib.Total({2**70: 1})
    with pytest.raises((TypeError, OverflowError)):
        lib.SumLevels([2**70])


def test_listed_instantiations_of_generic_functions(lib: Any, project: Path) -> None:
    assert lib.Sum_int([1, 2, 3]) == 6 and lib.Sum_float64([1.5, 2]) == 3.5
    assert lib.Sum_Level([1, 2]) == 3  # a type argument of the package: Sum[Level]
    assert lib.Sum_time_Duration([5, 6]) == 11  # of an imported package
    assert lib.SortedKeys_string_int({"b": 1, "a": 2}) == ["a", "b"]
    assert list(lib.SortedKeys_int_slice_string({3: ["x"], 1: []})) == [1, 3]
    assert lib.Pair_Kind("a", "b") == ["a", "b"]
    assert lib.Sum_int.__doc__ == "Sum adds the numbers."
    assert not hasattr(lib, "Sum") and not hasattr(lib, "Unlisted")  # generics never bind
    with pytest.raises(TypeError, match=r"Sum_int\(\) argument 'xs'"):
        lib.Sum_int([1.5])
    typed = (project / "mypkg" / "_named_api.py").read_text()
    assert "def Sum_Level(xs: Sequence[int] | memoryview | array.array[int]) -> Level:" \
        in typed
    assert "def SortedKeys_string_int(m: dict[str, int]) -> list[str]:" in typed


def test_listed_instantiations_of_generic_types(lib: Any, project: Path) -> None:
    table = lib.NewTable_string_int("scores")  # NewTable[string, int]: *Table[string, int]
    assert type(table) is lib.Table_string_int and table.Title == "scores"
    assert table.Put("a", 1) is None and table.Put("b", 2) is None
    assert table.Get("a") == (1, True) and table.Get("z") == (0, False)
    other = lib.Table_string_int(Title="other")  # made in Python, passed back to Go
    other.Put("c", 3)
    table.Merge(other)
    assert table.Keys() == ["a", "b", "c"] and lib.Size(table) == 3
    kinds = lib.NewTable_int_Kind("kinds")  # Table[int, Kind], renamed by the rename table
    assert type(kinds) is lib.KindTable and not hasattr(lib, "Table_int_Kind")
    kinds.Put(7, "word")
    assert kinds.Get(7) == ("word", True) and repr(kinds) == "KindTable(Title='kinds')"
    assert lib.Table_string_int.__doc__ == "Table maps keys to values, in insertion order."
    assert not hasattr(lib, "Table") and not hasattr(lib, "Stack")  # generics never bind
    with pytest.raises(TypeError, match=r"Merge\(\) argument 'other' must be "
                                        r"Table_string_int or None, not KindTable"):
        table.Merge(kinds)
    with pytest.raises(TypeError, match=r"Put\(\) argument 'key'"):
        table.Put(1, 2)
    stack = lib.Stack_string(["a"])  # type Stack[T any] []T: a list class per instantiation
    assert stack.Push("b") is None and stack == ["a", "b"] and stack.Top() == "b"
    numbers = lib.Stack_int("l", [1, 2])
    numbers.Push(3)
    assert list(numbers) == [1, 2, 3] and numbers.Top() == 3
    typed = (project / "mypkg" / "_named_api.py").read_text()
    assert "    class Table_string_int:" in typed and "    class KindTable:" in typed
    assert "        def Merge(self, other: Table_string_int | None) -> None:" in typed
    assert "    def NewTable_string_int(title: str | bytes) -> Table_string_int | None:" \
        in typed
    assert "    class Stack_string(list[str]):" in typed


def test_named_composites_holding_named_types(lib: Any, project: Path) -> None:
    kinds = lib.KindList(["a", "b"])  # type KindList []Kind, with a marked method
    assert isinstance(kinds, list) and kinds.Joined() == "a,b"
    upper = lib.Upper(["a", "b"])  # a list converts where a KindList is taken
    assert type(upper) is lib.KindList and upper == ["A", "B"] and upper.Joined() == "A,B"
    assert lib.Upper(kinds).Joined() == "A,B" and lib.KindList.Joined(["x"]) == "x"
    assert lib.Raise({"x": 1, "y": 5}, 2) == {"x": 3, "y": 7}  # map[string]Level
    assert lib.Reversed([1, 2, 3]) == [3, 2, 1]  # type Row [3]Level
    assert issubclass(lib.LevelIndex, dict) and lib.Row is list
    with pytest.raises(TypeError, match=r"Upper\(\) argument 'k'"):
        lib.Upper([1])
    typed = (project / "mypkg" / "_named_api.py").read_text()
    assert "    class KindList(list[str]):" in typed and "    Row = list[int]\n" in typed
    assert "def Upper(k: KindList | list[str] | tuple[str, ...]) -> KindList:" in typed


def test_named_composites_of_named_composites(lib: Any, project: Path) -> None:
    grid = lib.Grid([[1, 2, 3], [4, 5, 6], [7, 8, 9]])  # type Grid [3]Row, Row [3]Level
    assert grid.Diagonal() == [1, 5, 9] and isinstance(grid, list)
    flipped = lib.Transposed(grid)
    assert type(flipped) is lib.Grid and flipped == [[1, 4, 7], [2, 5, 8], [3, 6, 9]]
    assert type(flipped[0]) is list  # items are their Python form (Row is a list here)
    assert lib.Grid.Diagonal(flipped) == [1, 5, 9] and lib.Transposed(flipped) == grid
    assert repr(lib.Grid([[0] * 3] * 3)) == "Grid([[0, 0, 0], [0, 0, 0], [0, 0, 0]])"
    with pytest.raises(ValueError, match=r"must have exactly 3 items"):
        lib.Transposed([[1, 2, 3]])
    index = lib.Initials(["ann", "al", "bo"])  # type Index map[string]Names
    assert type(index) is lib.Index and index == {"a": ["ann", "al"], "b": ["bo"]}
    assert index.Count() == 3 and lib.Index({"x": ["y"]}).Count() == 1
    typed = (project / "mypkg" / "_named_api.py").read_text()
    assert "    class Grid(list[list[int]]):" in typed
    assert "    class Index(dict[str, list[str]]):" in typed


def test_pointer_parameters_of_named_composites_change_the_object(lib: Any, project: Path
                                                                ) -> None:
    vector = lib.IntVector([1])
    assert lib.Fill(vector, 2, 7) == 3 and list(vector) == [1, 7, 7]  # Go wrote *v
    assert type(vector) is lib.IntVector and lib.Fill(v=vector, n=1, x=0) == 4
    plain = [1]
    assert lib.Fill(plain, 1, 2) == 2 and plain == [1, 2]  # a plain list changes too
    index = {"a": 1}
    assert lib.Reset(index) is None and index == {"reset": 0}
    with pytest.raises(TypeError, match=r"^Fill\(\) argument 'v' must be a list Go can change "
                                        r"\(Go takes a pointer to it; .*\), not tuple$"):
        lib.Fill((1, 2), 1, 1)
    with pytest.raises(TypeError, match=r"^Reset\(\) argument 'index' must be a dict .*"
                                        r"not NoneType$"):
        lib.Reset(None)
    typed = (project / "mypkg" / "_named_api.py").read_text()
    assert "def Fill(v: IntVector | array.array[int] | list[int], n: int, x: int) -> int:" \
        in typed
    assert "def Reset(index: LevelIndex | dict[str, int]) -> None:" in typed


def test_pointer_methods_of_named_composites_change_the_object(lib: Any, project: Path
                                                               ) -> None:
    vector = lib.IntVector([1, 2])  # type IntVector []int: an array.array class
    assert repr(vector) == "IntVector([1, 2])"
    assert vector.Push(3) is None and list(vector) == [1, 2, 3] and vector.Sum() == 6
    assert vector.Pop() == 3 and list(vector) == [1, 2]  # results come after the write-back
    empty = lib.IntVector()
    with pytest.raises(GoError, match="pop from an empty IntVector"):
        empty.Pop()
    assert list(empty) == []
    kinds = lib.KindList(["a"])
    kinds.Add("b")  # func (k *KindList) Add(kind Kind)
    assert kinds == ["a", "b"] and kinds.Joined() == "a,b"
    kinds[0] = "z"  # a list: item assignment is Python's
    assert kinds.Joined() == "z,b"
    index = lib.LevelIndex({"a": 1})
    assert index.Set("b", 2) is False and index.Set("a", 5) is True
    assert index == {"a": 5, "b": 2} and type(index) is lib.LevelIndex
    typed = (project / "mypkg" / "_named_api.py").read_text()
    assert "        def Push(self, x: int) -> None:" in typed
    assert "        def Pop(self) -> int:" in typed
    assert "        def Set(self, name: str | bytes, level: Level) -> bool:" in typed


def test_renamed_classes(lib: Any, project: Path) -> None:
    cell = lib.Origin().Below()  # //python:export name=GridCell on type Cell
    assert type(cell) is lib.GridCell and lib.GridCell.__name__ == "GridCell"
    assert (cell.Row, cell.Column) == (1, 0) and lib.GridCell(2, 3).Below().Row == 3
    assert repr(lib.GridCell(Row=2, Column=3)) == "GridCell(Row=2, Column=3)"  # name= on Col
    span = lib.Interval(From=0, until=4)  # rename = {"Span": "Interval", "Span.To": ...}
    assert span.Width() == 4 and lib.Covers(span, cell)
    assert not lib.Covers(span, lib.GridCell(0, 9))
    assert not hasattr(lib, "Cell") and not hasattr(lib, "Span")
    assert repr(span) == "Interval(From=0, until=4)" and lib.Cover(cell).until == 1
    with pytest.raises(TypeError, match=r"Covers\(\) argument 'c'"):
        lib.Covers(span, span)
    typed = (project / "mypkg" / "_named_api.py").read_text()
    assert "    class GridCell:" in typed and "    class Interval:" in typed
    assert "    _goext_Cell = GridCell" in typed
    assert "def Covers(s: _goext_Span | None, c: _goext_Cell | None) -> bool:" in typed


def test_named_slices_and_maps_of_classes(lib: Any, project: Path) -> None:
    path = lib.Path(3)  # type Cells []*Cell, with a marked method
    assert type(path) is lib.Cells and len(path) == 3 and path.Len() == 3
    assert [c.Row for c in path] == [0, 1, 2] and type(path[0]) is lib.GridCell
    assert lib.Deepest(path) == 2 and lib.Deepest([lib.GridCell(5, 0)]) == 5
    corners = lib.Corners(3)  # type Board map[string]Cell
    assert lib.Board is dict and sorted(corners) == ["bl", "br", "tl", "tr"]
    assert (corners["br"].Row, corners["br"].Column) == (2, 2)
    assert lib.Rows(corners) == 4 and lib.Rows({"x": lib.GridCell(4, 4)}) == 4
    with pytest.raises(TypeError, match=r"Deepest\(\) argument 'cells'"):
        lib.Deepest([1])
    typed = (project / "mypkg" / "_named_api.py").read_text()
    assert "    class Cells(list[_goext_Cell | None]):" in typed
    assert "    Board = dict[str, _goext_Cell]" in typed
