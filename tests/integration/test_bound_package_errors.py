"""Issue 18, part A: every mistake in binding a Go package by import path (and in
renaming) is one clear error or warning, never a traceback. Offline: the packages
are the standard library's or the project's own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ..helpers import build, build_inplace, only_file, run, wheel_names, write_project

GO_MOD = "module example.com/proj\n\ngo 1.21\n"
HEAD = ('[build-system]\nrequires = ["setuptools>=64", "setuptools-golang-ext"]\n'
        'build-backend = "setuptools.build_meta"\n\n[project]\nname = "mypkg"\n'
        'version = "1.0"\n\n[[tool.setuptools-golang-ext.ext-modules]]\nname = "mypkg._x"\n')
CHANNELS = ("// Package chans has nothing Python can call.\npackage chans\n\n"
            "// Feed cannot be bound.\nfunc Feed(c chan<- complex128) {}\n")
SQUARES = ("package squares\n\n// Square squares.\nfunc Square(n int) int {{ return n * n }}\n\n"
           "// Cube cubes.\n//\n//python:export name={name}\n"
           "func Cube(n int) int {{ return n * n * n }}\n")
GENERIC = ("package gen\n\ntype Number interface{{ ~int | ~float64 }}\n\n// Sum adds.\n//\n"
           "//python:export {options}\nfunc Sum[T Number](xs []T) T {{ var t T; return t }}\n")
SHAPES = ("package shapes\n\n// Square is a square.\n//\n//python:export {options}\n"
          "type Square struct{{ Side int }}\n\n// Area is the area.\n//\n//python:export\n"
          "func Area(s *Square) int {{ return s.Side * s.Side }}\n")
GENERIC_TYPES = ("package gen\n\ntype Number interface{ ~int | ~float64 }\n\n"
                 "//python:export instantiate=[string],[flaot64],[int, int],[int\n"
                 "type Vec[T Number] struct{ Items []T }\n\n"
                 "//python:export Pair[string, int]\n"
                 "type Pair[K comparable, V any] struct{ Key K }\n\n"
                 "//python:export instantiate=[int]\ntype Plain struct{ X int }\n")
UNLISTED_TYPES = ("package gen\n\n//python:export\ntype Ring[T any] []T\n\n"
                  "//python:export instantiate=[int],[string] name=IntBox\n"
                  "type Box[T any] struct{ V T }\n\n"
                  "//python:export\nfunc First(b *Box[bool]) bool { return b.V }\n")
BOUND_GENERIC = ("package gen\n\ntype Number interface{ ~int | ~float64 }\n\n"
                 "// Vec is a vector.\ntype Vec[T Number] struct{ Items []T }\n\n"
                 "// Hello greets.\nfunc Hello() string { return \"hi\" }\n")
HIDDEN = "// Package hidden exports nothing.\npackage hidden\n\nconst limit = 3\n"


def _build(root: Path, entry: str, files: dict[str, str] | None = None,
           go_mod: bool = True) -> str:
    sources = {"pyproject.toml": HEAD + entry, "setup.py": "from setuptools import setup\n"
               "setup(packages=['mypkg'])\n", **(files or {})}
    if go_mod:
        sources["go.mod"] = GO_MOD
    project = write_project(root, sources)
    (project / "mypkg" / "go" / "go.mod").unlink()
    result = build_inplace(project)
    assert "Traceback" not in result.output, result.output
    return result.output if result.returncode else "built\n" + result.output


@pytest.mark.parametrize("entry, files, message", [
    ('package = "github.com/nobody/nothing"\n', {},
     "error: GoExtension 'mypkg._x': package 'github.com/nobody/nothing' is not provided by "
     "any module that {root}/go.mod requires. Add its module with `go get "
     "github.com/nobody/nothing` in {root} (that records the version in go.mod and go.sum),"
     " or check the spelling."),
    ('package = "strngs"\n', {},
     "error: GoExtension 'mypkg._x': package 'strngs' does not exist: it is no "
     "standard-library package"),
    ('package = "path"\ninclude = ["Joinn"]\n', {},
     "error: GoExtension 'mypkg._x': include names 'Joinn', which package path does not "
     "declare as an exported name; did you mean 'Join'?"),
    ('package = "example.com/proj/chans"\nstrict = true\n', {"chans/c.go": CHANNELS},
     "error: GoExtension 'mypkg._x': 1 declaration(s) cannot be bound:\n"
     "  {root}/chans/c.go:5: func Feed: parameter c has type chan<- complex128: its items "
     "(complex128) cannot cross"),
    ('package = "example.com/proj/chans"\n', {"chans/c.go": CHANNELS},
     "error: GoExtension 'mypkg._x': package example.com/proj/chans has nothing to bind: "
     "none of its 1 exported declaration(s) can be bound (see the warnings above)."),
    ('sources = "hidden"\n', {"hidden/h.go": HIDDEN},
     "error: GoExtension 'mypkg._x': the Go package example.com/proj/hidden declares "
     "nothing exported (no function, type, constant or variable with a capitalised name), "
     "so Python would get nothing."),
    ('package = "example.com/proj/squares"\nrename = { Cubed = "cubed" }\n',
     {"squares/s.go": SQUARES.format(name="cube")},
     "error: GoExtension 'mypkg._x': rename names 'Cubed', which is no function, method "
     "or field (\"Type.Name\"), class, constant or variable that binds. These do: Square, "
     "Cube."),
    ('package = "example.com/proj/squares"\nrename = { Square = "cube" }\n',
     {"squares/s.go": SQUARES.format(name="cube")},
     "error: GoExtension 'mypkg._x': the module would have two members named 'cube' after "
     "renaming; give one of them another name"),
    ('sources = "squares"\n', {"squares/s.go": SQUARES.format(name="lambda")},
     "  {root}/squares/s.go:9: //python:export func Cube: name=lambda: 'lambda' is not a "
     "Python identifier or is a keyword; choose another name"),
    ('package = "example.com/proj/cmd"\n', {"cmd/main.go": "package main\n\nfunc main() {}\n"},
     "error: GoExtension 'mypkg._x': package 'example.com/proj/cmd' is a command (package "
     "main), which Go cannot import."),
    ('sources = "gen"\n', {"gen/g.go": GENERIC.format(options="instantiate=[string],[int]")},
     "error: GoExtension 'mypkg._x': 1 declaration(s) cannot be bound:\n"
     "  {root}/gen/g.go:8:6: Sum[string]: type argument 1: string does not satisfy "
     "example.com/proj/gen.Number (string missing in ~int | ~float64)"),
    ('sources = "gen"\n', {"gen/g.go": GENERIC.format(options="instantiate=[flaot64]")},
     "  {root}/gen/g.go:8:6: Sum[flaot64]: undefined: flaot64"),
    ('sources = "gen"\n', {"gen/g.go": GENERIC.format(options="instantiate=[int")},
     "  {root}/gen/g.go:8:6: Sum[[int]: not a list of Go types (expected type, found "
     "newline); write them as in Go: [string, int]"),
    ('sources = "gen"\n', {"gen/g.go": GENERIC.format(options="")},
     "  {root}/gen/g.go:8: //python:export func Sum: a generic function binds only the "
     "instantiations you list; list them with //python:export instantiate=[int]"),
    ('package = "example.com/proj/gen"\n', {"gen/g.go": GENERIC.format(options="")},
     "GoExtension 'mypkg._x': left out {root}/gen/g.go:8: Sum: a generic function binds "
     "only the instantiations you list;"),
    ('package = "slices"\ninclude = ["Max"]\ninstantiate = { Max = ["[]string, int"] }\n',
     {}, "Max[[]string, int]: type argument 1: []string does not satisfy ~[]int"),
    ('package = "slices"\ninclude = ["Max"]\ninstantiate = { Maxx = ["[]int, int"] }\n',
     {}, "  instantiate names 'Maxx', which package slices does not declare as an exported "
     "generic function or type; did you mean 'Max'?"),
    ('package = "slices"\ninstantiate = { Max = "[]int, int" }\n', {},
     "'instantiate' must be a table of arrays of strings, got a table ({{'Max': '[]int, "
     "int'}})"),
    ('sources = "shapes"\n', {"shapes/s.go": SHAPES.format(options="name=class")},
     "error: GoExtension 'mypkg._x': {root}/shapes/s.go:6: //python:export type Square: "
     "name=class: 'class' is not a Python identifier or is a keyword; choose another name"),
    ('sources = "shapes"\n', {"shapes/s.go": SHAPES.format(options="name=Area")},
     "error: GoExtension 'mypkg._x': the module would have two members named 'Area' after "
     "renaming"),
    ('sources = "shapes"\nrename = { Sqare = "Box" }\n',
     {"shapes/s.go": SHAPES.format(options="")},
     "error: GoExtension 'mypkg._x': rename names 'Sqare', which is no function, method "
     "or field (\"Type.Name\"), class, constant or variable that binds. These do: Area, "
     "Square, Square.Side."),
    ('sources = "shapes"\n', {"shapes/s.go": SHAPES.replace(
        "struct{{ Side int }}", "struct {{\n\tSide int //python:export name=class\n}}")
        .format(options="")},
     "error: GoExtension 'mypkg._x': {root}/shapes/s.go:6: //python:export type Square: "
     "field Side: name=class: 'class' is not a Python identifier or is a keyword"),
    ('sources = "shapes"\n', {"shapes/s.go": SHAPES.format(options="nmae=Box")},
     "  {root}/shapes/s.go:6:6: //python:export type Square: unknown option 'nmae=Box' "
     "after //python:export (the options of a type are name=python_name)"),
    ('package = "slices"\ninclude = ["Min"]\ninstantiate = { Max = ["[]int, int"] }\n',
     {}, "  instantiate names 'Max', which include leaves out, so it would bind nothing; "
     "add 'Max' to include, or remove its instantiate entry"),
    ('sources = "gen"\n', {"gen/g.go": GENERIC_TYPES},
     "error: GoExtension 'mypkg._x': 6 declaration(s) cannot be bound:\n"
     "  {root}/gen/g.go:6:6: Vec[string]: type argument 1: string does not satisfy "
     "example.com/proj/gen.Number (string missing in ~int | ~float64)\n"
     "  {root}/gen/g.go:6:6: Vec[flaot64]: undefined: flaot64\n"
     "  {root}/gen/g.go:6:6: Vec[int, int]: got 2 type arguments but "
     "example.com/proj/gen.Vec[T example.com/proj/gen.Number] has 1 type parameters\n"
     "  {root}/gen/g.go:6:6: Vec[[int]: not a list of Go types (expected type, found "
     "newline); write them as in Go: [string, int]\n"
     "  {root}/gen/g.go:9:6: //python:export type Pair: \"Pair[string, int]\": list "
     "instantiations as //python:export instantiate=[string, int]\n"
     "  {root}/gen/g.go:12:6: //python:export type Plain: instantiate=[int]: Plain is not a "
     "generic type, so it has no instantiations; remove instantiate=\n"),
    ('sources = "gen"\ninstantiate = { Plain = ["int"] }\n', {"gen/g.go": UNLISTED_TYPES},
     "error: GoExtension 'mypkg._x': 1 declaration(s) cannot be bound:\n"
     "  instantiate names 'Plain', which package example.com/proj/gen does not declare "
     "as an exported generic function or type; its generic functions and types: Box, "
     "Ring\n"),
    ('sources = "gen"\n', {"gen/g.go": UNLISTED_TYPES},
     "error: GoExtension 'mypkg._x': 3 //python:export declaration(s) cannot be bound:\n"
     "  {root}/gen/g.go:10: //python:export func First: parameter b has type *Box[bool]: "
     "Box[bool] binds only when listed; add [bool] to instantiate= on type Box (or to its "
     "instantiate table entry)\n"
     "  {root}/gen/g.go:4: //python:export type Ring: a generic type binds only the "
     "instantiations you list; list them with //python:export instantiate=[int] (class "
     "Ring_int) (several: instantiate=[int],[float64]), or for a bound package in the "
     "extension's instantiate table (Ring = [\"int\"])\n"
     "  {root}/gen/g.go:7: //python:export type Box: name=IntBox: one name cannot name "
     "each instantiation; rename them in the extension's rename table (Box_int = "
     "\"IntBox\")\n"),
    ('sources = "gen"\ninstantiate = { Stack = ["int"] }\n',
     {"gen/g.go": "package gen\n\n// Stack is unmarked.\ntype Stack[T any] []T\n\n"
                  "//python:export\nfunc Hello() string { return \"hi\" }\n"},
     "error: GoExtension 'mypkg._x': 1 declaration(s) cannot be bound:\n  instantiate names "
     "'Stack', which is not marked //python:export, so its instantiations would not bind; "
     "add //python:export to Stack\n"),
    ('package = "example.com/proj/gen"\ninstantiate = { Vec = ["string", "int"] }\n',
     {"gen/g.go": BOUND_GENERIC},
     "built\n"),
    ('package = "example.com/proj/gen"\ninstantiate = { Vec = ["string", "int"] }\n'
     'strict = true\n', {"gen/g.go": BOUND_GENERIC},
     "error: GoExtension 'mypkg._x': 1 declaration(s) cannot be bound:\n"
     "  {root}/gen/g.go:6:6: Vec[string]: type argument 1: string does not satisfy "
     "example.com/proj/gen.Number (string missing in ~int | ~float64)\n"),
], ids=["not-in-go-mod", "not-in-std", "include-missing", "strict", "nothing-bindable",
        "empty-package", "rename-missing", "rename-clash", "name-keyword", "main-package",
        "instance-unsatisfied", "instance-undefined", "instance-syntax", "generic-unlisted",
        "bound-generic-unlisted", "table-unsatisfied", "table-misspelled", "table-not-lists",
        "class-name-keyword", "class-name-clash", "class-rename-missing",
        "field-name-keyword", "class-option-misspelled", "instantiate-not-included",
        "generic-type-instances", "table-not-generic-type",
        "generic-type-unlisted", "table-unmarked-generic", "bound-instance-refused",
        "bound-instance-refused-strict"])
def test_bad_input_is_one_clear_message(tmp_path: Path, entry: str, files: dict[str, str],
                                        message: str) -> None:
    root = tmp_path / "p"
    output = _build(root, entry, files)
    assert message.format(root=root.resolve()) in output
    if message == "built\n":  # a refused instantiation is one warning line; the rest binds
        assert output.startswith("built\n") and (
            f"GoExtension 'mypkg._x': left out {root.resolve()}/gen/g.go:6:6: Vec[string]: "
            f"type argument 1: string does not satisfy") in output


def test_package_without_a_project_go_mod_says_how_to_make_one(tmp_path: Path) -> None:
    output = _build(tmp_path / "p", 'package = "github.com/google/uuid"\n', go_mod=False)
    assert ("package = 'github.com/google/uuid' is built through the Go module next to "
            "pyproject.toml, which says which version to use, but") in output
    assert "`go mod init example.com/yourproject`, then `go get github.com/google/uuid`" \
        in output


@pytest.mark.parametrize("entry", ['package = "example.com/proj/sizes"\n',
                                   'sources = "sizes"\n'], ids=["package", "sources"])
def test_a_package_of_constants_only_builds(tmp_path: Path, entry: str) -> None:
    source = ("// Package sizes has constants only.\npackage sizes\n\n"
              "// Big is big.\n//\n//python:export\nconst Big = 1 << 40\n")
    output = _build(tmp_path / "p", entry, {"sizes/s.go": source})
    assert output.startswith("built\n"), output
    called = run([sys.executable, "-c", "from setuptools_golang_ext.runtime import load; "
                  "lib = load('mypkg._x'); print(lib.Big, lib.__doc__)"], cwd=tmp_path / "p")
    assert called.check().output == f"{1 << 40} Package sizes has constants only.\n"


def test_editing_the_project_go_mod_rebuilds_a_bound_package(tmp_path: Path) -> None:
    root = tmp_path / "p"
    assert _build(root, 'package = "path"\ninclude = ["Base"]\n').startswith("built\n")
    assert "mypkg._x: up to date" in build_inplace(root).check().output
    with (root / "go.mod").open("a") as go_mod:
        go_mod.write("// a new requirement would go here\n")
    assert "mypkg._x: up to date" not in build_inplace(root).check().output


def test_setup_py_goextension_takes_package(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"go.mod": GO_MOD}, ext_modules=(
        'GoExtension("mypkg._path", package="path", include=["Base", "Join"], '
        'rename={"Join": "join"})'))
    build_inplace(project).check()
    called = run([sys.executable, "-c", "from setuptools_golang_ext.runtime import load; "
                  "p = load('mypkg._path'); print(p.Base('/a/b.txt'), p.join('a', 'b'))"],
                 cwd=project)
    assert called.check().output == "b.txt a/b\n"


def test_setup_py_goextension_instantiates_generic_functions(tmp_path: Path) -> None:
    """A real generic API (the standard library's slices), bound by import path."""
    project = write_project(tmp_path / "p", {"go.mod": GO_MOD}, ext_modules=(
        'GoExtension("mypkg._slices", package="slices", include=["Max", "Index"], '
        'instantiate={"Max": ["[]int, int", "[]float64, float64"], '
        '"Index": ["[]string, string"]}, rename={"Max_slice_int_int": "max_int"})'))
    build_inplace(project).check()
    called = run([sys.executable, "-c", "from setuptools_golang_ext.runtime import load; "
                  "s = load('mypkg._slices'); print(s.max_int([3, 9, 2]), "
                  "s.Max_slice_float64_float64([0.5]), "
                  "s.Index_slice_string_string(['a', 'b'], 'b'), hasattr(s, 'Max'))"],
                 cwd=project)
    assert called.check().output == "9 0.5 1 False\n"


def test_package_data_beside_a_bound_package_stays_in_the_wheel(tmp_path: Path) -> None:
    """The project root is where a bound package is built, not a Go source tree:
    C headers (or .go files) that are package data still ship."""
    project = write_project(tmp_path / "p", {
        "go.mod": GO_MOD, "mypkg/include/api.h": "int f(void);\n",
        "setup.py": "from setuptools import setup\nsetup(packages=['mypkg'])\n",
        "pyproject.toml": HEAD.replace('name = "mypkg._x"\n', "")
        .replace("[[tool", '[tool.setuptools.package-data]\nmypkg = ["include/*.h"]\n\n[[tool')
        + 'name = "mypkg._x"\npackage = "path"\ninclude = ["Base"]\n'})
    (project / "mypkg" / "go" / "go.mod").unlink()
    build(project).check()
    names = wheel_names(only_file(project / "dist", "*.whl"))
    assert "mypkg/include/api.h" in names and "go.mod" not in names
