"""The Go API reader (go/types, standard library only) against the real toolchain.

Each test writes a small module (go.mod says `go 1.21`) into tmp_path and
reads it; the reader is built once per session into a shared cache.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import textwrap
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from setuptools_golang_ext.errors import GoCommandError
from setuptools_golang_ext.extension import GoExtension
from setuptools_golang_ext.go.cache_dirs import TOOL_CACHE_VARIABLE
from setuptools_golang_ext.go.environment import go_environment
from setuptools_golang_ext.go.toolchain import GoToolchain, find_go
from setuptools_golang_ext.goapi.model import GoApi, TypeRef
from setuptools_golang_ext.goapi.reader import (
    build_reader,
    read_go_api,
    reader_build_environment,
)

Reader = Callable[..., GoApi]


@pytest.fixture(scope="session")
def go() -> GoToolchain:
    # GO=/path/to/go runs the suite with another toolchain, e.g. Go 1.21.
    return find_go(os.environ)


def with_cache(cache: Path, **env: str) -> dict[str, str]:
    return {**os.environ, TOOL_CACHE_VARIABLE: str(cache), **env}


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("goapi-cache")


def write_module(root: Path, files: Mapping[str, str], module: str = "example.com/t") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "go.mod").write_text(f"module {module}\n\ngo 1.21\n")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return root


@pytest.fixture
def read(go: GoToolchain, cache_dir: Path, tmp_path: Path) -> Reader:
    """read(files, tags=(), subdir="", **env) writes a module and reads it."""

    def read(
        files: Mapping[str, str], tags: Sequence[str] = (), subdir: str = "", **env: str
    ) -> GoApi:
        root = write_module(tmp_path / "mod", files)
        return read_go_api("t._native", go, root / subdir, with_cache(cache_dir, **env), tags)

    return read


def names(items: Sequence[object]) -> list[str]:
    return [getattr(item, "name") for item in items]  # noqa: B009 - any item with a name


# --- building the reader ----------------------------------------------------------


def test_reader_is_built_once_and_cached(go: GoToolchain, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build_reader(go, with_cache(cache))
    mtime = first.stat().st_mtime_ns
    assert build_reader(go, with_cache(cache)) == first
    assert first.stat().st_mtime_ns == mtime
    # no temporary files left
    assert [p.name for p in (cache / "goapi").iterdir()] == [first.name]
    assert "go1." in first.name


def test_reader_build_compiles_what_the_package_listing_needs(go: GoToolchain,
                                                             tmp_path: Path) -> None:
    # In a fresh container (cibuildwheel) Go's build cache starts empty: the standard
    # packages the reader compiles must be the ones `go list -export` (run next with the
    # package's environment) looks up, not a second -trimpath/CGO_ENABLED=0 variant.
    env = with_cache(tmp_path / "cache", GOCACHE=str(tmp_path / "gocache"))
    build_reader(go, env)
    listing = go.environment(go_environment(GoExtension("t._native", "."), env, go))
    result = subprocess.run(
        [str(go.executable), "list", "-e", "-deps", "-export", "-x", "fmt"], env=listing,
        cwd=tmp_path, capture_output=True, text=True, check=True)
    compiled = [line for line in result.stderr.splitlines() if "/compile " in line]
    assert compiled == [], result.stderr[-2000:]


def test_concurrent_builds_agree(go: GoToolchain, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    results: list[Path] = []
    threads = [
        threading.Thread(target=lambda: results.append(build_reader(go, with_cache(cache))))
        for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 3 and len(set(results)) == 1
    assert [p.name for p in (cache / "goapi").iterdir()] == [results[0].name]


def test_reader_build_ignores_target_environment(go: GoToolchain) -> None:
    env = reader_build_environment(
        {
            "PATH": "/bin",
            "GOOS": "windows",
            "GOARCH": "arm64",
            "CC": "zig cc",
            "CGO_ENABLED": "1",
            "CGO_CFLAGS": "-O2",
            "GOFLAGS": "-mod=vendor",
            "GOWORK": "/x",
        }, go,
    )
    assert env == {
        "GOOS": go.host_goos,
        "GOARCH": go.host_goarch,
        "PATH": "/bin",
        "CGO_ENABLED": "1",  # as go_environment sets it: one build cache entry per package
        "GOTOOLCHAIN": "local",
        "GOWORK": "off",
        "GOPROXY": "off",
        "GOFLAGS": "-buildvcs=false",
    }


def test_broken_go_command_raises(go: GoToolchain, tmp_path: Path) -> None:
    broken = dataclasses.replace(go, executable=Path(shutil.which("false") or "/bin/false"))
    with pytest.raises(GoCommandError, match="building the Go API reader failed") as info:
        build_reader(broken, with_cache(tmp_path))
    assert info.value.returncode == 1


def test_reader_failure_names_command(
    go: GoToolchain, cache_dir: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "does-not-exist"
    with pytest.raises((GoCommandError, OSError)) as info:
        read_go_api("t._native", go, missing, with_cache(cache_dir), ())
    assert "does-not-exist" in str(info.value)


# --- types, fields and methods -------------------------------------------------------

TYPES_GO = """
package temps

import "time"

// Celsius is a temperature.
type Celsius float64

// Temp is another name for Celsius.
type Temp = Celsius

// String formats the temperature.
func (c Celsius) String() string { return "" }

// Set changes it.
func (c *Celsius) Set(v float64) { *c = Celsius(v) }

type Base struct {
    // ID identifies the record.
    ID   int `json:"id"`
    Name string // the name
    hidden int
}

func (b *Base) Describe() string { return b.Name }
func (b Base) Key() int { return b.ID }

type Book struct {
    Base
    Title string
    Added time.Time
    Next  *Book
}

// ID shadows nothing: Book has its own Name.
type Shadow struct {
    Base
    Name []byte
}

type Shape interface {
    // Area computes the area.
    Area() float64
}

type List[T any] struct{ items []T }

func (l *List[T]) Len() int { return len(l.items) }

type Duration = time.Duration

func Warm(t Temp, ts []Temp) Temp { return t }
"""


def test_named_type_and_alias(read: Reader) -> None:
    api = read({"temps.go": TYPES_GO})
    celsius = api.type("Celsius")
    assert not celsius.alias and celsius.doc == "Celsius is a temperature.\n"
    assert celsius.type.is_named("example.com/t", "Celsius")
    assert celsius.underlying == TypeRef(kind="basic", go="float64", name="float64")
    assert [(m.name, m.pointer_receiver) for m in celsius.methods] == [
        ("Set", True),
        ("String", False),
    ]

    temp = api.type("Temp")
    assert temp.alias and temp.type.go == "Celsius" and temp.type.name == "Celsius"
    assert names(temp.methods) == ["Set", "String"]

    duration = api.type("Duration")
    assert duration.alias and duration.type.is_named("time", "Duration")
    assert duration.type.go == "time.Duration" and duration.underlying.name == "int64"
    assert "String" in names(duration.methods)


@pytest.mark.parametrize("gotypesalias", ["0", "1"])
def test_alias_uses_resolve_to_the_aliased_type(read: Reader, gotypesalias: str) -> None:
    # With gotypesalias=1 (Go >= 1.22) go/types keeps alias nodes; the
    # reader must resolve them the same way as without.
    api = read({"temps.go": TYPES_GO}, GODEBUG=f"gotypesalias={gotypesalias}")
    warm = api.function("Warm")
    t, ts = warm.params
    assert (t.type.kind, t.type.go, t.syntax) == ("named", "Celsius", "Temp")
    assert ts.type.go == "[]Celsius" and ts.syntax == "[]Temp"
    assert warm.results[0].type.name == "Celsius"
    minor = int(api.package.reader_go_version.split(".")[1])
    if gotypesalias == "1" and minor >= 22:
        assert t.type.alias == "Temp"


def test_struct_fields_embedding_and_promotion(read: Reader) -> None:
    api = read({"temps.go": TYPES_GO})
    base = api.type("Base")
    fields = {f.name: f for f in base.fields}
    assert fields["ID"].doc == "ID identifies the record.\n" and fields["ID"].tag == 'json:"id"'
    assert fields["Name"].doc == "the name\n"
    assert not fields["hidden"].exported

    book = api.type("Book")
    own = [(f.name, f.embedded) for f in book.fields if not f.promoted_via]
    assert own == [("Base", True), ("Title", False), ("Added", False), ("Next", False)]
    promoted = {f.name: f for f in book.fields if f.promoted_via}
    assert set(promoted) == {"ID", "Name"}  # hidden is unexported
    assert promoted["ID"].promoted_via == ("Base",)
    assert promoted["ID"].doc == "ID identifies the record.\n"
    added = next(f for f in book.fields if f.name == "Added")
    assert added.type.is_named("time", "Time") and added.type.go == "time.Time"
    # A recursive type is described one level deep.
    nxt = next(f for f in book.fields if f.name == "Next").type
    assert nxt.kind == "pointer" and nxt.elem is not None and nxt.elem.underlying is not None
    inner_next = next(f for f in nxt.elem.underlying.fields if f.name == "Next")
    assert inner_next.type.elem is not None and inner_next.type.elem.underlying is None

    methods = {m.name: m for m in book.methods}
    assert set(methods) == {"Describe", "Key"}
    assert methods["Describe"].promoted_via == ("Base",) and methods["Describe"].pointer_receiver
    assert not methods["Key"].pointer_receiver

    shadow = api.type("Shadow")
    promoted_names = [f.name for f in shadow.fields if f.promoted_via]
    assert promoted_names == ["ID"]  # Shadow's own Name wins


def test_interface_and_generic_types(read: Reader) -> None:
    api = read({"temps.go": TYPES_GO})
    shape = api.type("Shape")
    assert shape.underlying.kind == "interface" and shape.underlying.methods == ("Area",)
    (area,) = shape.methods
    assert area.doc == "Area computes the area.\n" and area.results[0].type.go == "float64"

    lst = api.type("List")
    assert [(p.name, p.constraint.go) for p in lst.type_params] == [("T", "any")]
    (length,) = lst.methods
    assert length.receiver is not None and length.receiver.type.go == "List[T]"


# --- functions -----------------------------------------------------------------------


FUNCS_GO = """
package funcs

import (
    "context"
    "io"
    "net/http"
    "time"
)

type Book struct{ Title string }

// Join joins parts.
//
//python:export
func Join(ctx context.Context, sep string, parts ...string) (string, error) { return "", nil }

//python:export name=misc
func Misc(m map[string]*Book, s []byte, r []rune, a [4]int, c <-chan int, out chan<- error,
    f func(int, ...string) (bool, error), d time.Duration, rd io.Reader, any2 interface{}) {}

func Serve(w http.ResponseWriter, req *http.Request) {}

func Map[T, U any](xs []T, f func(T) U) []U { return nil }

func (b *Book) Rename(title string) error { return nil }

func unexported() {}

//python:export
func unexportedButMarked(a, b int) int { return a + b }
"""


def test_function_signatures(read: Reader) -> None:
    api = read({"funcs.go": FUNCS_GO})
    join = api.function("Join")
    assert join.doc == "Join joins parts.\n" and join.directives == ("python:export",)
    assert join.variadic and join.exported and join.receiver is None
    ctx, sep, parts = join.params
    assert ctx.type.is_named("context", "Context") and ctx.type.go == "context.Context"
    assert ctx.type.underlying is not None and "Done" in ctx.type.underlying.methods
    assert (sep.name, sep.type.go, sep.syntax) == ("sep", "string", "string")
    assert (parts.type.kind, parts.type.go, parts.syntax) == ("slice", "[]string", "...string")
    assert [(r.name, r.type.go) for r in join.results] == [("", "string"), ("", "error")]
    error = join.results[1].type
    assert error.kind == "named" and error.package == "" and error.name == "error"


def test_composite_parameter_types(read: Reader) -> None:
    api = read({"funcs.go": FUNCS_GO})
    misc = api.function("Misc")
    assert misc.python_export_options == "name=misc"
    types = {p.name: p.type for p in misc.params}
    assert types["m"].go == "map[string]*Book"
    assert types["m"].key == TypeRef(kind="basic", go="string", name="string")
    assert types["m"].elem is not None and types["m"].elem.kind == "pointer"
    assert types["s"].go == "[]byte" and types["s"].elem is not None
    assert types["s"].elem.name == "uint8"
    assert types["r"].elem is not None and types["r"].elem.name == "int32"
    assert types["a"].kind == "array" and types["a"].len == 4
    assert (types["c"].dir, types["c"].go) == ("recv", "<-chan int")
    assert (types["out"].dir, types["out"].go) == ("send", "chan<- error")
    f = types["f"]
    assert f.kind == "func" and f.variadic and f.go == "func(int, ...string) (bool, error)"
    assert [p.type.go for p in f.params] == ["int", "[]string"]
    assert types["d"].is_named("time", "Duration")
    assert types["d"].underlying is not None and types["d"].underlying.name == "int64"
    assert types["rd"].is_named("io", "Reader")
    assert types["any2"].kind == "interface" and types["any2"].go == "any"


def test_std_imports_methods_generics_and_export_filter(read: Reader) -> None:
    api = read({"funcs.go": FUNCS_GO})
    serve = api.function("Serve")
    w, req = serve.params
    assert w.type.is_named("net/http", "ResponseWriter") and w.type.go == "http.ResponseWriter"
    assert req.type.go == "*http.Request" and req.type.elem is not None
    assert req.type.elem.is_named("net/http", "Request")

    generic = api.function("Map")
    assert names(generic.type_params) == ["T", "U"]
    assert generic.params[1].type.go == "func(T) U"

    rename = next(f for f in api.functions if f.name == "Rename")
    assert rename.receiver is not None and rename.receiver.pointer
    assert rename.receiver.type.go == "Book"

    assert "unexported" not in names(api.functions)
    marked = api.function("unexportedButMarked")
    assert not marked.exported and names(marked.params) == ["a", "b"]
    assert names(api.python_exports()) == ["Join", "Misc", "unexportedButMarked"]


# --- constants and variables ------------------------------------------------------------

VALUES_GO = """
package values

import "time"

type Kind int

// Kinds of things.
const (
    KindA Kind = iota
    KindB
    // KindC is special.
    KindC
)

//python:export
const (
    Greeting        = "hi\\n"
    Pi              = 3.14159
    Big             = 1 << 70
    Typed   float64 = 0.5
    Yes             = true
    Timeout         = 3 * time.Second
    hidden          = 1
)

// Version is the version.
var Version = "1.0"

var (
    Started time.Time
    Hooks   []func() error
    local   int
)
"""


def test_constants(read: Reader) -> None:
    api = read({"values.go": VALUES_GO})
    consts = {c.name: c for c in api.constants}
    assert consts["KindA"].type.go == "Kind" and consts["KindB"].value == "1"
    assert consts["KindA"].doc == "Kinds of things.\n"  # the group's doc
    assert consts["KindC"].doc == "KindC is special.\n"  # its own doc wins
    assert consts["Greeting"].value == '"hi\\n"' and consts["Greeting"].string_value == "hi\n"
    assert consts["Greeting"].type.untyped and consts["Greeting"].type.name == "untyped string"
    assert consts["Pi"].value_kind == "float" and consts["Pi"].value_approx == "3.14159"
    assert consts["Big"].value == str(1 << 70)
    assert consts["Typed"].type.go == "float64" and consts["Typed"].value == "1/2"
    assert consts["Typed"].value_approx == "0.5"
    assert consts["Yes"].value == "true" and consts["Yes"].value_kind == "bool"
    assert consts["Timeout"].type.is_named("time", "Duration")
    assert consts["Timeout"].value == "3000000000"
    # The group's //python:export applies to every constant in it, even hidden.
    assert all(consts[n].python_export for n in ("Greeting", "Pi", "Big", "hidden"))
    assert not consts["KindA"].python_export


def test_variables(read: Reader) -> None:
    api = read({"values.go": VALUES_GO})
    variables = {v.name: v for v in api.variables}
    assert set(variables) == {"Version", "Started", "Hooks"}
    assert variables["Version"].doc == "Version is the version.\n"
    assert variables["Version"].type.go == "string" and variables["Version"].value is None
    assert variables["Hooks"].type.go == "[]func() error"


# --- cgo ---------------------------------------------------------------------------------

CGO_GO = """
package main

/*
#include <stdlib.h>
// A C comment: //python:export here is C, not Go.
*/
import "C"

import "unsafe"

//export Add
//python:export
func Add(a, b C.int) C.int { return a + b }

//export Greet
func Greet(name *C.char, n []C.int, p unsafe.Pointer) *C.char { return name }

func main() {}
"""


def test_cgo_export(read: Reader) -> None:
    api = read({"main.go": CGO_GO}, CGO_ENABLED="1")
    assert api.package.name == "main" and api.package.cgo_files == ("main.go",)
    assert api.errors == ()
    add = api.function("Add")
    assert add.c_export == "Add" and add.directives == ("python:export",) and add.doc == ""
    assert [(p.name, p.syntax, p.type.go, p.type.cgo) for p in add.params] == [
        ("a", "C.int", "C.int", "int"),
        ("b", "C.int", "C.int", "int"),
    ]
    assert add.results[0].type.cgo == "int"
    greet = api.function("Greet")
    name, n, p = greet.params
    assert (name.syntax, name.type.kind, name.type.go) == ("*C.char", "pointer", "*C.char")
    assert name.type.elem is not None and name.type.elem.cgo == "char"
    assert n.type.go == "[]C.int" and n.type.kind == "slice"
    assert p.type.name == "unsafe.Pointer"
    assert api.directive_problems == ()


def test_cgo_disabled_drops_cgo_files(read: Reader) -> None:
    api = read({"main.go": CGO_GO, "pure.go": "package main\n\nfunc Pure() {}\n"}, CGO_ENABLED="0")
    assert names(api.functions) == ["Pure"]


# --- packages of the same module --------------------------------------------------------


def test_import_from_same_module(read: Reader) -> None:
    api = read(
        {
            "geo/geo.go": """
            package geo

            // Point is a point.
            type Point struct{ X, Y int }

            func (p Point) Norm() int { return p.X*p.X + p.Y*p.Y }
        """,
            "app/app.go": """
            package app

            import "example.com/t/geo"

            type Place struct {
                *geo.Point
                Label string
            }

            func Locate(p geo.Point) *Place { return nil }
        """,
        },
        subdir="app",
    )
    assert api.package.import_path == "example.com/t/app" and api.errors == ()
    point = api.function("Locate").params[0].type
    assert point.is_named("example.com/t/geo", "Point") and point.go == "geo.Point"
    place = api.type("Place")
    promoted = [(f.name, f.promoted_via) for f in place.fields if f.promoted_via]
    assert promoted == [("X", ("Point",)), ("Y", ("Point",))]
    assert [(m.name, m.promoted_via) for m in place.methods] == [("Norm", ("Point",))]


# --- directives and problems ------------------------------------------------------------

DIRECTIVES_GO = """
package d

// A has a space.
// python:export
func A() {}

//python: export
func B() {}

//python:exprot
func C() {}

//pythonexport
func D() {}

//Python:export
func E() {}

//python:export

func Detached() {}

// Python exports are described elsewhere; this line is prose.
//
//go:noinline
//python:export
func Good() {}

type T struct {
    // python:export
    F int
}
"""


def test_malformed_directives(read: Reader) -> None:
    api = read({"d.go": DIRECTIVES_GO})
    problems = {p.text: p for p in api.directive_problems}
    assert [p.text for p in api.directive_problems] == [
        "// python:export",
        "//python: export",
        "//python:exprot",
        "//pythonexport",
        "//Python:export",
        "//python:export",
        "// python:export",
    ]
    for problem in api.directive_problems:
        assert "//python:export" in problem.message and problem.pos is not None
    first = api.directive_problems[0]
    assert first.pos is not None and first.pos.line == 4 and first.pos.column == 1
    assert "no space after //" in first.message
    assert "blank line" in problems["//python:export"].message
    assert api.directive_problems[-1].pos is not None
    assert api.directive_problems[-1].pos.line == 30  # the struct field

    good = api.function("Good")
    assert good.directives == ("go:noinline", "python:export")
    assert good.doc.startswith("Python exports are described elsewhere")
    assert names(api.python_exports()) == ["Good"]


# --- errors ------------------------------------------------------------------------------


def test_type_error_is_reported_not_raised(read: Reader) -> None:
    api = read(
        {
            "e.go": """
        package e

        // F is broken.
        func F() int { return "no" }

        func G(x Missing) {}

        func H() { var unused int }
    """
        }
    )
    messages = [(e.kind, e.pos.line if e.pos else 0, e.soft) for e in api.errors]
    assert sorted(messages) == [("type", 4, False), ("type", 6, False), ("type", 8, True)]
    assert names(api.functions) == ["F", "G", "H"]
    assert api.function("G").params[0].type.kind == "invalid"


def test_syntax_and_import_errors_are_reported(read: Reader) -> None:
    api = read(
        {
            "e.go": """
        package e

        import "example.com/nowhere/pkg"

        func F( {
    """
        }
    )
    kinds = {e.kind for e in api.errors}
    assert {"dependency", "syntax"} <= kinds
    assert any("example.com/nowhere/pkg" in e.message for e in api.errors)


def test_go_list_error_is_reported(read: Reader) -> None:
    api = read({"only_test.go": "package x\n"})
    assert [e.kind for e in api.errors] == ["list"]
    assert api.functions == ()


# --- build configuration ------------------------------------------------------------------

TAGGED = {
    "fast.go": """
        //go:build fast

        package speed

        func Fast() {}
    """,
    "slow.go": """
        //go:build !fast

        package speed

        func Slow() {}
    """,
}


def test_build_tags_select_files(read: Reader) -> None:
    assert names(read(TAGGED).functions) == ["Slow"]
    assert names(read(TAGGED, tags=["fast"]).functions) == ["Fast"]


def test_goos_from_environment_selects_files(read: Reader) -> None:
    files = {
        "api.go": 'package plat\n\nimport "os"\n\nfunc Common() *os.File { return nil }\n',
        "api_windows.go": "package plat\n\nfunc OnWindows() {}\n",
        "api_linux.go": "package plat\n\nfunc OnLinux() {}\n",
    }
    api = read(files, GOOS="windows", GOARCH="amd64", CGO_ENABLED="0")
    assert (api.package.goos, api.package.goarch) == ("windows", "amd64")
    assert names(api.functions) == ["Common", "OnWindows"] and api.errors == ()
    assert api.function("Common").results[0].type.go == "*os.File"
    linux = read(files, GOOS="linux", GOARCH="arm64", CGO_ENABLED="0")
    assert names(linux.functions) == ["Common", "OnLinux"]
