"""Claims of README.md and docs/ that no other test covered, each built for real."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext.config.options import EXTENSION_OPTIONS
from setuptools_golang_ext.runtime.contract import FORMAT, READABLE_FORMATS

from ..helpers import (
    ADD_GO,
    REPO,
    build_inplace,
    command_block,
    copy_project,
    only_file,
    run,
    write_project,
)
from ..platform_tools import require_module


def call(project: Path, code: str, env: dict[str, str] | None = None) -> str:
    prefix = "from setuptools_golang_ext.runtime import load\n"
    return run([sys.executable, "-c", prefix + code], cwd=project, env=env).check().output


def test_failing_optional_extension_does_not_fail_the_build(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {
        "mypkg/go/main.go": ADD_GO,
        "mypkg/broken/go.mod": "module example.com/broken\n\ngo 1.21\n",
        "mypkg/broken/main.go": ADD_GO.replace("return a + b", 'return a + "b"'),
    }, ext_modules='GoExtension("mypkg._native", "mypkg/go"), '
                   'GoExtension("mypkg._broken", "mypkg/broken", optional=True)')
    output = build_inplace(project).check().output
    assert ('warning: build_ext: building extension "mypkg._broken" failed: go build failed '
            "for GoExtension 'mypkg._broken'") in output, output
    assert not list((project / "mypkg").glob("_broken.*"))
    assert call(project, "print(load('mypkg._native').Add(2, 40))").split() == ["42"]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="zig links Linux libraries for glibc 2.17")
def test_zig_is_chosen_per_extension(tmp_path: Path) -> None:
    require_module("ziglang")
    project = write_project(tmp_path / "p", {
        "mypkg/go/main.go": ADD_GO,
    }, ext_modules='GoExtension("mypkg._zigged", "mypkg/go", zig=True), '
                   'GoExtension("mypkg._native", "mypkg/go")')
    env = {k: v for k, v in os.environ.items() if k not in ("CC", "SETUPTOOLS_GOLANG_EXT_ZIG")}
    log = build_inplace(project, env=env).check().output
    zigged = command_block(log, " build -buildmode=c-shared", "/_zigged.")
    plain = command_block(log, " build -buildmode=c-shared", "/_native.")
    assert "zig cc -target" in zigged and ".2.17" in zigged, zigged
    assert "zig cc" not in plain, plain
    assert "only some GoExtensions use zig" in log
    # The zig-linked library needs nothing newer than glibc 2.17.
    versions = only_file(project / "mypkg", "_zigged.*").read_bytes()
    newer = [v for v in (b"GLIBC_2.18", b"GLIBC_2.28", b"GLIBC_2.34") if v in versions]
    assert newer == []
    for module in ("_zigged", "_native"):
        assert call(project, f"print(load('mypkg.{module}').Add(2, 40))").split() == ["42"]


def elf_section_names(library: Path) -> set[str]:
    """Section names from the ELF section header table (64-bit little-endian)."""
    data = library.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1
    shoff = int.from_bytes(data[0x28:0x30], "little")
    shentsize, shnum, shstrndx = (int.from_bytes(data[o:o + 2], "little")
                                  for o in (0x3A, 0x3C, 0x3E))
    headers = [data[shoff + i * shentsize: shoff + (i + 1) * shentsize] for i in range(shnum)]
    strings_offset = int.from_bytes(headers[shstrndx][0x18:0x20], "little")
    names = set()
    for header in headers:
        start = strings_offset + int.from_bytes(header[0:4], "little")
        names.add(data[start:data.index(b"\0", start)].decode())
    return names


@pytest.mark.skipif(sys.platform != "linux", reason="reads ELF sections")
def test_build_ext_debug_keeps_the_symbol_table(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    env = {k: v for k, v in os.environ.items() if k != "SETUPTOOLS_GOLANG_EXT_DEBUG"}
    build_inplace(project, env=env).check()
    release = elf_section_names(only_file(project / "mypkg", "_native.*"))
    assert ".symtab" not in release and ".debug_info" not in release
    run([sys.executable, "setup.py", "build_ext", "--inplace", "--debug", "--force"],
        cwd=project, env=env).check()
    debug = elf_section_names(only_file(project / "mypkg", "_native.*"))
    assert {".symtab", ".debug_info"} <= debug, debug


STRINGS_GO = """package strs

//python:export
func Echo(s string) string { return s }

//python:export
func Invalid() string { return "a\\xffb" }

//python:export
func Length(s string) int { return len(s) }
"""


@pytest.fixture(scope="module")
def strings_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """STRINGS_GO built in place once for the tests that only call it or edit its
    description (and put it back)."""
    project = write_project(tmp_path_factory.mktemp("strs") / "p",
                            {"mypkg/go/strs.go": STRINGS_GO})
    build_inplace(project).check()
    return project


def test_invalid_utf8_round_trips_with_surrogateescape(strings_project: Path) -> None:
    out = call(strings_project, "lib = load('mypkg._native')\n"
                                "print(ascii(lib.Invalid()), ascii(lib.Echo('a\\udcffb')), "
                                "ascii(lib.Echo(b'a\\xffb')), lib.Length('a\\udcffb'))")
    assert out.split() == ["'a\\udcffb'", "'a\\udcffb'", "'a\\udcffb'", "3"]


def test_api_description_of_another_format_is_an_import_error(strings_project: Path) -> None:
    description = only_file(strings_project / "mypkg", "_native_api.json")
    original = description.read_text()
    data = json.loads(original)
    assert data["format"] == FORMAT
    data["format"] = FORMAT + 1
    description.write_text(json.dumps(data))
    code = ("try:\n    load('mypkg._native')\nexcept ImportError as exc:\n"
            "    print(type(exc).__name__, exc)\n")
    try:
        out = call(strings_project, code)
    finally:
        description.write_text(original)
    assert f"has API description format {FORMAT + 1}; this setuptools_golang_ext runtime " \
           f"reads formats {READABLE_FORMATS}. Upgrade the runtime (pip install -U " \
           f"setuptools-golang-ext-runtime), or rebuild the package with the installed " \
           f"setuptools-golang-ext." in out, out


CGOCHECK_CALLS = """
import array, typed._kinds_api as k, typed._mixed_api as m
buffer = bytearray(b"abc")
results = [k.Reverse("héllo"), k.Upper(b"go"), k.Fill(buffer, 120), bytes(buffer),
           k.Sum(array.array("d", [1.5, 2.5])), k.Split("a=b", "="), k.Div(7, 2),
           m.SliceSum([1, 2, 3]), m.Greet("bob"), m.Norm(m.MakePoint(1, 2.5))]
try:
    k.Explode("boom")
except Exception as exc:
    results.append(type(exc).__name__)
print(results)
"""


def test_bindings_run_clean_under_cgocheck2(tmp_path: Path) -> None:
    project = copy_project("bindings", tmp_path)
    env = {**os.environ, "GOEXPERIMENT": "cgocheck2"}
    log = build_inplace(project, env=env).check().output
    assert "\n  env: GOEXPERIMENT=cgocheck2" in command_block(log, "/_kinds.")
    # cgocheck2 aborts the process on a pointer-passing violation: a child runs the calls.
    out = run([sys.executable, "-c", CGOCHECK_CALLS], cwd=project, env=env).check().output
    assert out.strip() == ("['olléh', b'GO', 3, b'xxx', 4.0, ('a', 'b'), 3, 6, "
                           "'hello bob', 3.5, 'GoPanic']"), out


README = (REPO / "README.md").read_text(encoding="utf-8")
BINDINGS_DOC = (REPO / "docs" / "bindings.md").read_text(encoding="utf-8")


def test_readme_option_table_lists_every_goextension_option() -> None:
    rows = set(re.findall(r"^\| `(\w+)`(?:, `(\w+)`)? \|", README, re.MULTILINE))
    documented = {name for row in rows for name in row if name}
    assert {option.parameter for option in EXTENSION_OPTIONS} <= documented, documented


# docs/bindings.md, "Not yet" and the paragraph after the Types table: each of these is a
# build error listing file:line, all in one error; maps of structs are not among them.
NOT_YET_GO = """package notyet

import "net/http"

type Kind int

type Shape interface{ Area() float64 }

//python:export
type Item struct{ N int }

type Row [3]Kind

type Grid [2]Row

//python:export
func NamedSlice() Grid { return Grid{} }

//python:export
func ByKind() map[Kind]*Item { return nil }

//python:export
func MakeFunc() func() (int, int) { return nil }

//python:export
func Unnamed(x interface{ M() }) {}

//python:export
func Complexes() map[string]complex128 { return nil }

//python:export
func Channel(c chan<- complex128) {}

//python:export
func Clients() []*http.Client { return nil }

//python:export
func Generic[T any](x T) {}

//python:export
func Items() map[string]Item { return nil }

//python:export
func ItemList(items []*Item) map[int]*Item { return nil }
"""


def test_documented_gaps_are_one_build_error_and_maps_of_structs_are_not(
        tmp_path: Path) -> None:
    assert "No maps of structs" not in BINDINGS_DOC
    project = write_project(tmp_path / "p", {"mypkg/go/notyet.go": NOT_YET_GO})
    result = build_inplace(project)
    assert result.returncode != 0
    refused = re.findall(r"notyet\.go:\d+: //python:export func (\w+):", result.output)
    assert sorted(refused) == sorted([
        "ByKind", "MakeFunc", "Unnamed", "Complexes", "Channel", "Generic"]), \
        result.output  # []*http.Client and func(*http.Client) bind: http.Client is a class;
    # so does NamedSlice: a named composite of named composites converts as [2][3]int.
    assert "6 //python:export declaration(s) cannot be bound" in result.output


# A package of plain functions and a class, as README and docs/bindings.md show it.
CPYTHON_GO = """package shelf

import "errors"

//python:export
type Shelf struct {
	Label string
	books []string
}

//python:export
func NewShelf(label string) *Shelf { return &Shelf{Label: label} }

// A constant: the runtime's (the C module covers the rest), so the module reads
// its API description at import.
//
//python:export
const Capacity = 10

//python:export
func (s *Shelf) Add(title string) { s.books = append(s.books, title) }

//python:export
func (s *Shelf) String() string { return "shelf " + s.Label }

//python:export
func (s *Shelf) Len() int { return len(s.books) }

//python:export
func Div(a, b int) (int, error) {
	if b == 0 {
		return 0, errors.New("division by zero")
	}
	return a / b, nil
}
"""

CPYTHON_CALLS = """
import mypkg._native as module
from setuptools_golang_ext.runtime import GoError, load
assert load("mypkg._native") is module
shelf = module.NewShelf("fiction")
shelf.Add("Dune")
try:
    module.Div(1, 0)
except GoError as exc:
    error = str(exc)
print(type(shelf).__name__, str(shelf), len(shelf), error)
"""


@pytest.mark.skipif(sys.version_info < (3, 11), reason="cpython mode builds with 3.11+")
def test_cpython_mode_binds_classes_and_needs_its_api_description(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/shelf.go": CPYTHON_GO},
                            ext_modules='GoExtension("mypkg._native", "mypkg/go", '
                                        'bindings="cpython")')
    build_inplace(project).check()
    assert only_file(project / "mypkg", "_native.*.so").name == "_native.abi3.so"
    out = run([sys.executable, "-c", CPYTHON_CALLS], cwd=project).check().output
    assert out.split() == ["Shelf", "shelf", "fiction", "1", "division", "by", "zero"], out
    description = only_file(project / "mypkg", "_native_api.json")
    description.unlink()
    result = run([sys.executable, "-c", "import mypkg._native"], cwd=project)
    assert result.returncode != 0
    assert f"ImportError: cannot import 'mypkg._native': its API description " \
           f"{description} is missing" in result.output, result.output


CONFIG_DOC = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
# The tables behind each message docs/configuration.md quotes under "Validation".
BAD_TABLES = [
    '[[tool.setuptools-golang-ext.ext-modules]]\nname = "mypkg._native"\n'
    'sources = "mypkg/go"\nbuild-tag = ["x"]\n',
    '[[tool.setuptools-golang-ext.ext-modules]]\nname = "mypkg._native"\n'
    'sources = "mypkg/go"\nbuild-tags = "fast"\n',
    '[[tool.setuptools-golang-ext.ext-modules]]\nname = "a.b"\n',
    '[tool.setuptools-golang-ext]\npython-independent = "yes"\n',
]


def test_validation_messages_are_quoted_as_users_see_them(tmp_path: Path) -> None:
    block = CONFIG_DOC.split("### Validation", 1)[1].split("```text\n", 1)[1].split("```")[0]
    quoted = block.splitlines()
    assert len(quoted) == len(BAD_TABLES)
    for index, (line, table) in enumerate(zip(quoted, BAD_TABLES)):
        project = write_project(tmp_path / f"p{index}", {
            "pyproject.toml": "[project]\nname = \"mypkg\"\nversion = \"1.0\"\n\n" + table,
            "setup.py": "from setuptools import setup\n\nsetup(packages=['mypkg'])\n",
        })
        output = build_inplace(project).output
        assert line.removesuffix("...") in output, (line, output)


MIXED_MAIN_GO = """package main

import "C"

//export AddC
func AddC(a, b C.int) C.int { return a + b }

//python:export
type Point struct{ X, Y int }

//python:export
func Neg(x int64) int64 { return -x }

func main() {}
"""

MIXED_CALLS = """
import ctypes, mypkg._native as module
print(module.Neg(5), module.Point(X=1).X, hasattr(module, "AddC"),
      ctypes.CDLL(module.__file__).AddC(2, 40))
"""


@pytest.mark.skipif(sys.version_info < (3, 11), reason="cpython mode builds with 3.11+")
def test_cpython_mode_leaves_export_functions_to_ctypes(tmp_path: Path) -> None:
    """docs/bindings.md, "Two binding modes": `//export` functions are not in the
    module; ctypes.CDLL(module.__file__) reaches them, as the build log says."""
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": MIXED_MAIN_GO},
                            ext_modules='GoExtension("mypkg._native", "mypkg/go", '
                                        'bindings="cpython")')
    log = build_inplace(project).check().output
    assert "the //export functions AddC stay reachable with " \
           "ctypes.CDLL(module.__file__)" in log, log
    out = run([sys.executable, "-c", MIXED_CALLS], cwd=project).check().output
    assert out.split() == ["-5", "1", "False", "42"], out


# docs/bindings.md, "Func values": funcs taking or returning funcs and slices, arrays
# and maps of funcs are build errors saying what binds instead; a function of the
# middleware shape binds (the corpus's middleware.RequireUser does, with keep=next).
FUNCS_OF_FUNCS_GO = """package fof

//python:export
type Handler func(s string) string

//python:export
type Middleware func(next Handler) Handler

//python:export
var Decorations []func(string) string

//python:export
func Maker() func() func() int { return nil }

//python:export
var Routes map[string]Handler

//python:export
var Wrap Middleware

//python:export
func Use(m Middleware) {}
"""


def test_funcs_of_funcs_bind_and_what_python_cannot_make_says_why(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/fof.go": FUNCS_OF_FUNCS_GO})
    result = build_inplace(project)
    assert result.returncode != 0
    assert "3 //python:export declaration(s) cannot be bound" in result.output, result.output
    for refused in ("func Use: parameter m", "var Wrap: it"):
        assert f"//python:export {refused} has type func(func(string) string) func(string) " \
               f"string: a func taking or returning funcs crosses from Go only" \
               in result.output
    assert "//python:export var Routes: it has type map[string]func(string) string: a map " \
           "of funcs crosses from Go only" in result.output
    for binds in ("Decorations", "Maker", "type Middleware"):  # slices, funcs of funcs
        assert binds not in result.output
