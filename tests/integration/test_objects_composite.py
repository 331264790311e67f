"""Issue 11, the rest of "Objects": maps of objects, embedded structs, callbacks
over composite values and Python values as `any`, built from real Go
(tests/objects_fixtures/composite) once per binding mode and called for real."""

from __future__ import annotations

import array
import shutil
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest

from ..helpers import build_inplace, run, write_project

FIXTURES = Path(__file__).parent.parent / "objects_fixtures"
MODES = ["ctypes", "cpython"]


class Built:
    def __init__(self, root: Path, log: str, lib: Any) -> None:
        self.root, self.log, self.lib = root, log, lib


def _load(root: Path) -> Any:
    from setuptools_golang_ext.runtime import load

    # Other test modules' projects also have a `mypkg`: import this one's.
    cached = {name: sys.modules.pop(name) for name in list(sys.modules)
              if name == "mypkg" or name.startswith("mypkg.")}
    sys.path.insert(0, str(root))
    try:
        return load("mypkg._composite")
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n == "mypkg" or n.startswith("mypkg.")]:
            del sys.modules[name]
        sys.modules.update(cached)


@pytest.fixture(scope="module", params=MODES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    where = tmp_path_factory.mktemp(f"composite-{request.param}")
    root = write_project(where / "project", {}, ext_modules=(
        f'GoExtension("mypkg._composite", "mypkg/go", bindings={request.param!r})'))
    shutil.rmtree(root / "mypkg" / "go")
    shutil.copytree(FIXTURES / "composite", root / "mypkg" / "go")
    result = build_inplace(root).check()
    return Built(root, result.output, _load(root))


@pytest.fixture(scope="module")
def lib(built: Built) -> Any:
    return built.lib


# 1. maps of objects, composite fields ------------------------------------------

def test_maps_of_object_pointers_both_ways(lib: Any) -> None:
    books = lib.Library(["dune", "emma"])
    assert sorted(books) == ["dune", "emma"]
    assert isinstance(books["dune"], lib.Book) and books["emma"].Title == "emma"
    assert lib.Titles({"a": books["dune"], "b": None}) == ["a=dune", "b=-"]
    lib.Touch(books)  # Go changes the very values the objects hold
    assert books["dune"].Title == "DUNE"
    assert lib.Nothing() == {}
    with pytest.raises(TypeError, match=r"Titles\(\) argument 'books': values must be "
                                        r"Book or None, not Point"):
        lib.Titles({"a": lib.Point()})
    with pytest.raises(TypeError, match=r"Titles\(\) argument 'books': keys must be str"):
        lib.Titles({1: None})
    with pytest.raises(TypeError, match=r"Titles\(\) argument 'books' must be a dict of Book"):
        lib.Titles([books["dune"]])


def test_maps_of_struct_values_both_ways(lib: Any) -> None:
    corners = lib.Corners(5)
    assert {k: (p.X, p.Y) for k, p in corners.items()} == {"origin": (0, 0), "far": (5, 5)}
    moved = lib.ByIndex({1: lib.Point(X=1), -2: lib.Point(Y=3)})
    assert {k: (p.X, p.Y) for k, p in moved.items()} == {1: (2, 1), -2: (-2, 1)}
    with pytest.raises(TypeError, match="values must be Point, not NoneType"):
        lib.ByIndex({1: None})
    with pytest.raises(TypeError, match="keys must be int"):
        lib.ByIndex({"1": lib.Point()})


def test_map_and_slice_fields(lib: Any) -> None:
    book = lib.NewBook(1, "dune")
    assert book.Tags == {} and book.Items == []
    book.Tags = {"sf": 2}
    book.Items = [lib.Item(Name="x", Count=2)]
    assert book.Tags == {"sf": 2}
    assert [(i.Name, i.Count) for i in book.Items] == [("x", 2)]
    assert lib.Book.Tags.__doc__ == "Tags counts each tag."


# 2. embedded structs -------------------------------------------------------------

def test_promoted_fields_and_methods(lib: Any) -> None:
    book = lib.Book(Title="t", ID=7, Owner="ann", Year=1965)
    assert (book.ID, book.Owner, book.Year) == (7, "ann", 1965)
    book.ID = 8
    assert book.Describe() == "#8 of ann"  # Base's marked method, promoted
    assert book.Base.ID == 8 and isinstance(book.Base, lib.Base)  # the field itself
    assert "Stamp" not in lib.Book._go_fields  # not a class: only its fields show
    assert lib.Book.ID.__doc__ == "ID identifies the record."
    assert lib.Book.Describe.__doc__ == "Describe names the record."
    owned = lib.NewOwned(3)
    assert (owned.Owner, owned.Base.Owner, owned.ID) == ("outer", "base", 3)
    assert owned.Describe() == "#3 of base"
    from setuptools_golang_ext.runtime import GoPanic
    with pytest.raises(GoPanic, match="nil pointer"):
        lib.Owned().ID  # noqa: B018 - the embedded *Base is nil


# 3. callbacks over composite values ----------------------------------------------

def test_callbacks_take_and_return_lists_and_maps_from_goroutines(lib: Any) -> None:
    threads = set()

    def count(letters: list[str]) -> dict[str, int]:
        threads.add(threading.get_ident())
        return {letter: 1 for letter in letters}

    assert lib.CountLetters(["ab", "bc", "cd"], count) == {"a": 1, "b": 2, "c": 2, "d": 1}
    with pytest.raises(TypeError, match=r"result of .*CountLetters\(\) argument 'f' must be a "
                                        r"dict \(map\[string\]int\), not list"):
        lib.CountLetters(["a"], lambda letters: letters)
    # Checked in Python before it crosses, item by item (issue 18).
    with pytest.raises(TypeError, match=r"^the result of CountLetters\(\) argument "
                                        r"'f'\['a'\] must be an int \(Go int\), not str$"):
        lib.CountLetters(["a"], lambda letters: {"a": "many"})
    with pytest.raises(TypeError, match=r"'f': the key 1 must be str"):
        lib.CountLetters(["a"], lambda letters: {1: 5, "1": 6})


def test_callbacks_take_and_return_objects(lib: Any) -> None:
    moved = lib.MovePoint(lib.Point(X=1, Y=2), lambda p: lib.Point(X=p.X * 10, Y=p.Y))
    assert (moved.X, moved.Y) == (10, 2)

    def refuse(p: Any) -> Any:
        raise ValueError(f"no move for {p.X}")

    with pytest.raises(ValueError, match="no move for 1"):
        lib.MovePoint(lib.Point(X=1), refuse)
    with pytest.raises(TypeError, match="must be Point, not NoneType"):
        lib.MovePoint(lib.Point(), lambda p: None)
    book = lib.NewBook(1, "dune")
    assert lib.Visit(book, lambda b: b) == "dune"
    assert lib.Visit(book, lambda b: lib.NewBook(2, b.Title + "!")) == "dune!"
    assert lib.Visit(book, lambda b: None) == "nil"
    seen: list[Any] = []
    assert lib.Tally(lambda counts, names: seen.append((counts, names))) == 3
    assert seen == [({"a": 1, "b": 2}, [])]  # a nil slice arrives as []


# 4. Python values as `any` -------------------------------------------------------

def test_opaque_values_and_objects_go_back_as_any(lib: Any) -> None:
    box = lib.Opaque(42)
    assert lib.Unbox(box) == 42
    book = lib.NewBook(5, "dune")
    assert lib.AreaOf(book) == 5 and lib.AreaOf(None) == -1
    assert lib.Kind(book) == "*Book dune"
    with pytest.raises(TypeError, match=r"AreaOf\(\) argument 's' must be a Go object or "
                                        r"None, not int"):
        lib.AreaOf(3)  # plain values have no methods: only `any` takes them
    with pytest.raises(TypeError, match=r"AreaOf\(\) argument 's': a composite.Box does not "
                                        r"implement composite.Shape"):
        lib.AreaOf(lib.Opaque(1))


@pytest.mark.parametrize(("value", "go"), [
    (None, "nil"), (True, "bool(true)"), (7, "int64(7)"), (-2**63, f"int64({-2**63})"),
    (1.5, "float64(1.5)"), (float("inf"), "float64(+Inf)"), ("ç", "string(ç)"),
    (b"\x00\xff", "[]uint8([0 255])"), ([1, "a", None], "[]any{int64(1), string(a), nil}"),
    ((2.0,), "[]any{float64(2)}"),
    ({"k": [False], "j": {}}, "map[string]any{j: map[string]any{}, k: []any{bool(false)}}"),
])
def test_plain_python_values_arrive_as_natural_go_values(lib: Any, value: Any, go: str
                                                         ) -> None:
    assert lib.Kind(value) == go


def test_other_values_as_any_are_refused(lib: Any) -> None:
    with pytest.raises(TypeError, match=r"Kind\(\) argument 'v' must be a Go object, None, "
                                        r"bool, int, float, str, bytes, list or dict, not set"):
        lib.Kind({1})
    with pytest.raises(TypeError, match=r"Kind\(\) argument 'v': dict keys must be str"):
        lib.Kind({1: 2})
    with pytest.raises(OverflowError, match=r"Kind\(\) argument 'v': .* out of range"):
        lib.Kind([2**64])


def test_slices_of_interfaces_come_back_item_by_item_as_any_results(lib: Any) -> None:
    book = lib.NewBook(4, "dune")
    mixed = lib.Mixed(book, 3)
    assert [type(v).__name__ for v in mixed] == ["Book", "GoValue", "NoneType", "Point",
                                                 "GoValue"]
    assert mixed[0].Title == "dune" and lib.Unbox(mixed[1]) == 3 and mixed[3].X == 3
    assert lib.Kind(mixed[4]) == "int(3)"  # an opaque value goes back as it came
    shapes = lib.Shapes(book, None, lib.NewBook(2, "x"))
    assert [lib.AreaOf(s) for s in shapes] == [4, -1, 2] and shapes[1] is None
    assert lib.Shapes() == []


def test_lists_of_bytes_both_ways_and_variadic_bytes(lib: Any) -> None:
    assert lib.Chunks("abcdefg", 3) == [b"abc", b"def", b"g"] and lib.Chunks("", 2) == [b""]
    assert lib.Chunks("a\x00\xff", 9) == [b"a\x00\xc3\xbf"]
    assert lib.Glue([b"a", bytearray(b"bc"), memoryview(b"d")], "-") == "a-bc-d"
    assert lib.Glue((), "-") == "" and lib.Glue(iter([b"x", b""]), "+") == "x+"
    assert lib.Spell("x", *b"hi") == "xhi" and lib.Spell("y") == "y"
    assert lib.Spell("z", 0x41, True) == "zA\x01"


@pytest.mark.parametrize(("call", "args", "error", "message"), [
    ("Glue", ("ab", "-"), TypeError,
     "Glue() argument 'parts' must be a sequence of bytes (Go [][]byte), not str"),
    ("Glue", (None, "-"), TypeError,
     "Glue() argument 'parts' must be a sequence of bytes (Go [][]byte), not NoneType"),
    ("Glue", ([b"a", "b"], "-"), TypeError,
     "Glue() argument 'parts'[1] must be bytes (Go []byte), not str"),
    ("Glue", ([None], "-"), TypeError,
     "Glue() argument 'parts'[0] must be bytes (Go []byte), not NoneType"),
    ("Spell", ("x", 104, 256), OverflowError,
     "Spell() argument 'letters'[1]: 256 is out of range for uint8 (0..255)"),
    ("Spell", ("x", b"hi"), TypeError,
     "Spell() argument 'letters'[0] must be an int (Go uint8), not bytes"),
    ("Spell", ("x", 1.0), TypeError,
     "Spell() argument 'letters'[0] must be an int (Go uint8), not float"),
])
def test_bad_lists_of_bytes_and_bytes_name_the_item(lib: Any, call: str, args: tuple[Any, ...],
                                                     error: type[Exception], message: str
                                                     ) -> None:
    with pytest.raises(error) as caught:
        getattr(lib, call)(*args)
    assert str(caught.value) == message


# 4b. JSON-like data: map[string]any, []map[string]any, [][][]byte (issue 18) --------

def test_maps_of_any_come_back_as_python_values_with_go_objects_inside(lib: Any) -> None:
    book = lib.NewBook(6, "dune")
    settings = lib.Settings(book)
    plain = {k: v for k, v in settings.items() if k not in ("book", "box")}
    assert plain == {"name": "srv", "port": 8080, "ratio": 0.5, "on": True, "none": None,
                     "tags": ["a", "b"], "raw": b"\x00\xff", "big": 2**63, "id": b"\x01\x02",
                     "nested": {"list": [1, "x", [2, 3]]}, "bad": "a\udcff"}
    assert type(settings["ratio"]) is float and type(settings["port"]) is int
    assert type(settings["book"]).__name__ == "Book" and settings["book"].Title == "dune"
    assert lib.Unbox(settings["box"]) == 7  # an opaque Go value, passed back as it came
    assert lib.Kind(settings["book"]) == "*Book dune"


def test_maps_of_any_go_to_go_as_natural_values(lib: Any) -> None:
    book = lib.NewBook(1, "x")
    assert lib.DescribeMap({"a": 1, "b": [b"x", 2.5, None, {"c": True}], "k": book}) == (
        "map[string]any{a: int64(1), b: []any{[]uint8([120]), float64(2.5), nil, "
        "map[string]any{c: bool(true)}}, k: *Book x}")
    assert lib.DescribeMap(None) == "nil map" and lib.DescribeMap({}) == "map[string]any{}"
    assert lib.Number([{"a": 1}, {}]) == [{"a": 1, "n": 0}, {"n": 1}]
    assert lib.Number(()) == []


def test_nested_slices_of_bytes_and_strings_both_ways(lib: Any) -> None:
    assert lib.Submatches([[b"ab", bytearray(b"c")], []]) == [[b"AB", b"C"], []]
    assert lib.Submatches(None) == []
    assert lib.Grid([["a", "b"]]) == [["a", "b"], ["end"]]
    assert lib.Headers({"a": ["1"]}, {"a": "2", "b": "3"}) == {"a": ["1", "2"], "b": ["3"]}


def test_data_nested_too_deep_is_an_error_not_a_crash(lib: Any) -> None:
    from setuptools_golang_ext.runtime import GoPanic

    with pytest.raises(GoPanic, match="the value is nested more than 200 levels deep"):
        lib.Cyclic()
    deep: list[Any] = []
    deep.append(deep)
    with pytest.raises(ValueError, match=r"Number\(\) argument 'rows': the value is nested "
                                         r"more than 200 levels deep"):
        lib.Number(deep)


def test_a_map_of_any_field_reads_and_sets(lib: Any) -> None:
    record = lib.Record(Meta={"k": [1, "v"]})
    assert record.Meta == {"k": [1, "v"]}
    record.Meta = {"z": None, "b": b"\x01"}
    assert record.Meta == {"z": None, "b": b"\x01"} and lib.Record().Meta == {}


def test_slice_fields_and_variables_store_a_go_copy_of_the_python_buffer(lib: Any) -> None:
    """A setter keeps the value: writing the buffer afterwards leaves Go's value be,
    whether Python's memory was writable (a view) or copied (bytes)."""
    data, weights = bytearray(b"abc"), array.array("d", [1.5, 2.5])
    record, made = lib.Record(Raw=b"x"), lib.Record(Raw=data)
    record.Raw, record.Weights, lib.variables.Stash = data, weights, memoryview(data)
    record.Named = data  # a named []byte: converted from the copy
    data[0], weights[0] = ord("z"), 9.0
    assert (record.Raw, list(record.Weights), lib.variables.Stash) == (b"abc", [1.5, 2.5], b"abc")
    assert record.Named == b"abc"
    assert made.Raw == b"abc"
    record.Raw, lib.variables.Stash = b"immutable", bytes(data)
    assert (record.Raw, lib.variables.Stash) == (b"immutable", b"zbc")
    record.Raw = b""
    assert record.Raw == b""
    with pytest.raises(TypeError, match="expected a bytes-like object, got NoneType"):
        record.Raw = None


def test_callbacks_and_go_funcs_of_bytes_and_strings(lib: Any) -> None:
    # regexp.ReplaceAllFunc's and ReplaceAllStringFunc's shapes.
    assert lib.Upper(b"ab\xff", lambda b: b.upper() + b"!") == b"AB\xff!"
    assert lib.Upper(b"", lambda b: b) == b"" and lib.Upper(b"q", lambda b: bytearray(b"x")) \
        == b"x"
    assert lib.Upper(b"a", lambda b: memoryview(b"mv")) == b"mv"
    assert lib.Rename("a", lambda s: s + "!") == "a!"
    double = lib.Doubler()
    assert double(b"ab") == b"abab" and lib.Upper(b"xy", double) == b"xyxy"
    for answer in ("str", None):
        with pytest.raises(TypeError) as caught:
            lib.Upper(b"a", lambda b, answer=answer: answer)
        assert str(caught.value) == "the result of Upper() argument 'f' must be bytes " \
            f"(Go []byte), not {type(answer).__name__}"


@pytest.mark.parametrize(("call", "args", "error", "message"), [
    ("DescribeMap", ([1],), TypeError,
     "DescribeMap() argument 'm' must be a dict (map[string]any), not list"),
    ("DescribeMap", ({1: 2},), TypeError,
     "DescribeMap() argument 'm': dict keys must be str (Go map[string]any), not int"),
    ("DescribeMap", ({"a": {1}},), TypeError,
     "DescribeMap() argument 'm' must be a Go object, None, bool, int, float, str, bytes, "
     "list or dict, not set"),
    ("Number", ([{"a": 1}, 5],), TypeError,
     "Number() argument 'rows'[1] must be a dict (Go map[string]any), not int"),
    ("DescribeMap", ({"\ud800": 1},), ValueError,
     "DescribeMap() argument 'm': the str holds a lone surrogate (U+D800..U+DFFF), which "
     "UTF-8 cannot encode; pass bytes for data that is not text"),
    ("Number", ([None],), TypeError,  # None is no map: no silent loss
     "Number() argument 'rows'[0]: None cannot be a Go map[string]any (only a pointer can "
     "be nil)"),
    ("Submatches", ([[b"a", "b"]],), TypeError,
     "Submatches() argument 'groups'[0][1] must be bytes (Go []byte), not str"),
    ("Submatches", (b"ab",), TypeError,
     "Submatches() argument 'groups' must be a list or tuple ([][][]byte), not bytes"),
    ("Submatches", ([[None]],), TypeError,
     "Submatches() argument 'groups'[0][0]: None cannot be a Go []byte (only a pointer "
     "can be nil)"),
])
def test_bad_data_names_the_place(lib: Any, call: str, args: tuple[Any, ...],
                                  error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        getattr(lib, call)(*args)
    assert str(caught.value) == message


# 5. the typed module, docs and directives ------------------------------------------

def test_typed_module_declares_the_new_shapes(built: Built) -> None:
    source = (built.root / "mypkg" / "_composite_api.py").read_text(encoding="utf-8")
    assert "def Library(titles: list[str] | tuple[str, ...]) -> dict[str, Book | None]:" \
        in source
    assert "books: Mapping[str, Book | None]" in source
    assert "Callable[[list[str]], dict[str, int]]" in source
    assert "def Describe(self) -> str:" in source
    assert "def Mixed(b: Book | None, n: int) -> list[Any]:" in source
    assert "def Chunks(text: str | bytes, size: int) -> list[bytes]:" in source
    assert "def Glue(parts: Sequence[bytes | bytearray | memoryview], sep: str | bytes)" \
        in source
    assert "def Spell(prefix: str | bytes, *letters: int) -> str:" in source
    assert "def Settings(b: Book | None) -> dict[str, Any]:" in source
    assert "def Number(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:" in source
    assert "def Submatches(groups: Sequence[Sequence[bytes]]) -> list[list[bytes]]:" in source
    assert "Meta: dict[str, Any]" in source
    assert "f: Callable[[bytes], bytes | bytearray | memoryview]," in source
    user = built.root / "use.py"
    user.write_text(textwrap.dedent("""
        from mypkg._composite_api import Book, Corners, Library, Titles, Visit
        books: dict[str, Book] = {"a": Book()}
        Titles(books)
        Corners(3)["x"].X + 1
        Visit(Book(), lambda b: b)
        Library(["a"])["a"].Year.upper()
    """), encoding="utf-8")
    out = run([sys.executable, "-m", "mypy", "--strict", str(user)], cwd=built.root)
    # Only line 7 is wrong: a Book of Library() may be None, and Year is an int.
    assert out.output.count("use.py:7: error:") == 2, out.output
    assert 'of "Book | None" has no attribute "Year"' in out.output
    assert 'has no attribute "upper"' in out.output
    assert "Found 2 errors in 1 file" in out.output


def test_a_misspelled_directive_warns(built: Built) -> None:
    assert "python:export" in built.log and "Typo" not in dir(built.lib)
    assert "composite.go:" in built.log and "// python:export" in built.log, built.log


# build errors and warnings --------------------------------------------------------

UNEXPORTED_GO = """package broken

//python:export
type A struct{}

//python:export
func (a *A) Name() string { return "a" }

//python:export
type B struct{}

//python:export
func (b *B) Name() string { return "b" }

//python:export
type Both struct {
	A
	B
}

//python:export
func lower() int { return 1 }
"""

UNSUPPORTED_GO = """package broken

type Plain struct{ N int }

//python:export
func Listen(f func(chan int) error) {}

//python:export
func Plains() map[string]*Plain { return nil }

//python:export
func Ask(f func() (string, int)) {}
"""


def test_unexported_function_and_unpromoted_method(tmp_path: Path) -> None:
    root = write_project(tmp_path / "broken", {"mypkg/go/lib.go": UNEXPORTED_GO})
    result = build_inplace(root)
    out = result.output
    assert result.returncode != 0
    assert f"{root / 'mypkg' / 'go' / 'lib.go'}:22: //python:export func lower: it is not " \
           "exported" in out, out
    assert "support these types" not in out  # nothing there is about types
    assert ("A.Name is marked //python:export, but Go does not promote it to Both (two "
            "embedded types or a field have that name), so class Both has no such method"
            ) in out
    assert "B.Name is marked //python:export, but Go does not promote it to Both" in out
    assert "Traceback" not in out


def test_unsupported_composite_shapes_are_listed_in_go_spelling(tmp_path: Path) -> None:
    root = write_project(tmp_path / "broken", {"mypkg/go/lib.go": UNSUPPORTED_GO})
    result = build_inplace(root)
    out = result.output
    assert result.returncode != 0
    assert "3 //python:export declaration(s) cannot be bound" in out, out
    assert "func Listen: parameter f has type func(chan int) error" in out
    assert "func Plains: result 1 has type map[string]*Plain" in out
    assert "func Ask: parameter f has type func() (string, int)" in out
    assert "Python bindings support these types" in out
    assert "Traceback" not in out
