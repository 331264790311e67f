"""Issue 18, part A: Go packages bound by import path (tests/projects/boundpkg).

One sdist (vendoring github.com/google/uuid and github.com/tidwall/gjson), one
wheel built from it offline, installed in a fresh venv and called there: a
third-party package, sibling packages of the project's own module (their other
packages' types, uuid.UUID and gjson.Result, as classes), a standard-library
package, in both binding modes; plus the Python conventions (renaming, the package doc as
__doc__, positional constructors, subclasses)."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tarfile
from pathlib import Path

import pytest

from ..helpers import Result, Venv, copy_project, make_venv, only_file, run

pytestmark = pytest.mark.network  # go mod vendor fetches uuid (or finds it cached)

X_BADGE = "8558d34a-d3c6-5881-a6e3-bf8f3e6110ea"  # uuid.NewSHA1(uuid.NameSpaceOID, "x")
UUID_TEXT = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
CALLS = f"""
import array
import gc
import json
from setuptools_golang_ext.runtime import load
out = {{}}
for leaf in ("_uuid", "_uuid_c"):
    u = load("boundpkg." + leaf)
    parsed = u.Parse({UUID_TEXT!r})
    try:
        u.Parse("nope")
    except Exception as exc:
        out[leaf + " bad"] = type(exc).__name__ + ": " + str(exc)
    out[leaf] = [len(u.New().String()), parsed.String(), type(parsed).__name__,
                 len(u.NewString()), u.variables.Nil.String(), sorted(dir(u))[:0]]
    out[leaf + " has"] = [hasattr(u, n) for n in ("NewRandom", "Validate", "Must")]
    if hasattr(u, "Must"):  # func Must(uuid UUID, err error) UUID: an error parameter
        try:
            u.Must(parsed, ValueError("no uuid"))
        except Exception as exc:
            out[leaf + " must"] = [u.Must(parsed, None).String(), type(exc).__name__,
                                   exc.value]
out["uuid doc"] = load("boundpkg._uuid").__doc__.splitlines()[0]
for leaf in ("_shapes", "_shapes_c"):
    s = load("boundpkg." + leaf)
    square = s.new_square(3.0)

    class Labelled(s.Square):
        def __init__(self, side, owner):
            super().__init__(side, "own")
            self.owner = owner

        def twice(self):
            return 2 * self.Area()

    mine = Labelled(2.0, "ann")
    try:
        s.new_square(-1)
    except s.ErrNegative as exc:
        out[leaf + " error"] = str(exc)
    try:
        s.Square(1.0, "a", 3)
    except TypeError as exc:
        out[leaf + " too many"] = str(exc)
    out[leaf] = [square.Area(), square.Scaled(2).Side, s.Sum(1, 2, 3), s.double_it(21),
                 s.Square(1.5, "b").Label, type(mine).__name__, mine.twice(), mine.owner,
                 mine.Label, isinstance(mine, s.Square), s.__doc__.split(".")[0],
                 hasattr(s, "NewSquare"), hasattr(s, "Watch"), hasattr(square, "Events"),
                 s.Finish(s.Describe(square), "!"), isinstance(square, s.Measured)]
    builder, badge = s.Describe(square), s.Badge(s.Square(1.0, "x"))
    builder.WriteString("!")
    out[leaf + " foreign"] = [type(builder).__name__, builder.Len(), builder.String(),
                              s.Finish(builder, "?"), type(badge).__name__, str(badge),
                              badge.Version(), badge.String(), isinstance(badge, s.UUID)]
    found = s.Lookup('{{"name": {{"first": "Ann"}}}}', "name")
    out[leaf + " gjson"] = [type(found).__name__, found.Get("first").String(), found.Raw,
                            [t.Int() for t in s.Lookup('{{"t": [1, 2]}}', "t").Array()],
                            s.Lookup("{{}}", "none").Exists()]
    out[leaf + " lists"] = [s.TotalArea(square, mine), s.TotalArea(),
                            [type(v).__name__ for v in s.Pack(None, square, 1)],
                            s.Format("%d %s %v %.1f", 5, "x", [1, 2], 0.5),
                            s.Kinds([1, "a", square, None, 2.5])]
    stack = s.Stack()
    stack.Push(4)
    stack.Push(5)
    sides = s.Sides("d", [1.0, 3.0, 2.0])
    out[leaf + " named"] = [sides.Longest(), list(sides), type(sides).__mro__[1].__name__,
                            stack.Depth()]
    box = s.NewBox_string("a")  # instantiations listed in the instantiate table
    box.Set(box.Get() + "b")
    held = s.Box_Square(Value=square)
    out[leaf + " generic"] = [type(box).__name__, box.Value, held.Get().Area(),
                              hasattr(s, "Box"), hasattr(s, "Ring")]
    for bad in (lambda: s.TotalArea(square, 5), lambda: s.Kinds(5)):
        try:
            bad()
        except TypeError as exc:
            out.setdefault(leaf + " bad lists", []).append(str(exc))
    data, numbers = bytearray(b"hello"), array.array("d", [1.0, 2.0])
    kept, reader = s.Hold(data, numbers), s.NewReader(bytes(data))
    after_context, replaced = bytearray(b"world"), s.Hold(b"", numbers)
    held_for = s.HoldFor(after_context)
    replaced.Replace(after_context)
    data[:], numbers[0], after_context[:] = b"XXXXX", 9.0, b"XXXXX"  # Go kept its own copies
    del data, numbers
    gc.collect()
    litter = [bytearray(b"zzzzz") for _ in range(1000)]
    filled, scaled, read = bytearray(3), array.array("d", [1.0, 2.5]), bytearray(8)
    out[leaf + " kept"] = [kept.Data().decode(), list(kept.Numbers()), s.Fill(filled),
                           list(filled), s.Scale(scaled, 2.0), list(scaled), reader.Read(read),
                           read.decode(), len(litter), held_for.Data().decode(),
                           replaced.Data().decode()]
limits = load("boundpkg._limits")
out["limits"] = [limits.MaxItems, limits.Name, limits.Ratio, limits.variables.Level]
limits_c = load("boundpkg._limits_c")
out["limits_c"] = [limits_c.MaxItems, limits_c.Name, limits_c.Ratio, type(limits_c).__name__]
errs = load("boundpkg._errors")
try:
    errs.New("boom")
except Exception as exc:
    out["errors"] = [type(exc).__name__, str(exc), issubclass(errs.ErrUnsupported, Exception)]
path = load("boundpkg._path")
out["path"] = [path.Join("a", "b", "../c"), path.Base("/x/y.txt"), path.Match("*.go", "a.go"),
               hasattr(path, "Split")]
for leaf in ("_marked", "_marked_c"):
    m = load("boundpkg." + leaf)
    m.variables.Level = 5
    out[leaf] = [m.Limit, m.Greeting, m.variables.Level, m.__doc__]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("boundpkg")
    project = copy_project("boundpkg", root)
    run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir",
         str(root / "dist"), str(project)], cwd=project).check()
    assert not (project / "vendor").exists()  # the user's tree is untouched
    return only_file(root / "dist", "*.tar.gz")


@pytest.fixture(scope="module")
def offline_wheel(sdist: Path, tmp_path_factory: pytest.TempPathFactory
                  ) -> tuple[Path, Result]:
    """The wheel built from the sdist with no module proxy and an empty module cache."""
    root = tmp_path_factory.mktemp("offline")
    (root / "empty-cache").mkdir()
    env = {**os.environ, "GOMODCACHE": str(root / "empty-cache"), "GOPROXY": "off",
           "GOFLAGS": "-mod=vendor"}
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                 "--verbose", "--wheel-dir", str(root / "wheels"), str(sdist)], env=env).check()
    return only_file(root / "wheels", "*.whl"), built


def test_sdist_carries_go_mod_go_sum_and_the_vendored_package(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
    for name in ("go.mod", "go.sum", "vendor/modules.txt", "vendor/github.com/google/uuid/"
                 "uuid.go", "vendor/github.com/tidwall/gjson/gjson.go", "shapes/shapes.go",
                 "limits/limits.go", "marked/marked.go"):
        assert f"boundpkg-1.0/{name}" in names, name


def test_bound_packages_work_from_the_offline_wheel_in_a_fresh_venv(
        offline_wheel: tuple[Path, Result], tmp_path: Path, wheelhouse: Path) -> None:
    venv: Venv = make_venv(tmp_path / "venv")
    venv.install(offline_wheel[0], wheelhouse=wheelhouse).check()
    out = json.loads(venv.run_python(CALLS).check().output)
    for leaf in ("_uuid", "_uuid_c"):
        assert out[leaf] == [36, UUID_TEXT, "UUID", 36, "00000000-0000-0000-0000-000000000000",
                             []], leaf
        assert out[leaf + " bad"] == "GoError: invalid UUID length: 4"
    assert out["_uuid has"] == [True, True, True]
    assert out["_uuid must"] == [UUID_TEXT, "GoPanic", "ValueError: no uuid"]
    assert out["_uuid_c has"] == [False, False, False]  # include = [...]
    assert out["uuid doc"] == "Package uuid generates and inspects UUIDs."
    for leaf in ("_shapes", "_shapes_c"):
        assert out[leaf] == [9.0, 6.0, 6, 42, "b", "Labelled", 8.0, "ann", "own", True,
                             "Package shapes measures squares", False, False, False,
                             "square!", True], leaf  # a *strings.Builder went back to Go
        # Other packages' types are classes: strings.Builder, uuid.UUID (named array).
        assert out[leaf + " foreign"] == ["Builder", 7, "square!", "square!?", "UUID",
                                          X_BADGE, 5, X_BADGE, True], leaf
        assert out[leaf + " gjson"] == ["Result", "Ann", '{"first": "Ann"}', [1, 2], False]
        assert out[leaf + " error"] == "negative side"
        assert out[leaf + " too many"] == ("Square() takes at most 2 positional argument(s) "
                                           "(its fields in order: Side, Label), 3 were given")
        assert out[leaf + " lists"] == [13.0, 0.0, ["NoneType", "Square", "GoValue"],
                                       "5 x [1 2] 0.5",
                                       ["int64", "string", "*shapes.Square", "<nil>",
                                        "float64"]]
        # A named slice with value methods is a value class; with a pointer method, opaque.
        assert out[leaf + " named"] == [3.0, [1.0, 3.0, 2.0], "array", 2]
        assert out[leaf + " generic"] == ["Box_string", "ab", 9.0, False, False]
        assert out[leaf + " bad lists"] == [
            "TotalArea() argument 'items[1]': a int64 does not implement shapes.Measured",
            "Kinds() argument 'values' must be a list or tuple, not int"]
        # Go keeps []byte/[]T arguments of a bound package safely; in-call writes show.
        assert out[leaf + " kept"] == [
            "hello", [1.0, 2.0], 3, [1, 2, 3], None, [2.0, 5.0], 5, "hello\0\0\0", 1000,
            "world", "world"], leaf  # also a slice after a context.Context
    assert out["limits"] == [64, "limits", 0.25, 3]
    assert out["limits_c"] == [64, "limits", 0.25, "module"]  # an extension module
    assert out["path"] == ["a/c", "y.txt", True, False]
    assert out["errors"] == ["GoError", "boom", True]  # an error result raises
    for leaf in ("_marked", "_marked_c"):
        assert out[leaf] == [10, "hi", 5, "Package marked has marked constants and "
                             "variables, and no function."]
    _mypy_strict_reads_the_typed_modules(venv, tmp_path)


TYPED_USE = """
from boundpkg import _path_api, _shapes_c_api, _uuid_api

text: str = _uuid_api.Parse("f47ac10b-58cc-4372-a567-0e02b2c3d479").String()
nil: _uuid_api.UUID = _uuid_api.UUID()
square = _shapes_c_api.new_square(2.0)
area: float = square.Area() if square is not None else 0.0
made = _shapes_c_api.Square(1.0, "label")
first: str = _shapes_c_api.Lookup('{"a": "b"}', "a").String()
badge: str = _shapes_c_api.Badge(made).String()
doubled: int = _shapes_c_api.double_it(2)
joined: str = _path_api.Join("a", "b")
"""


def _mypy_strict_reads_the_typed_modules(venv: Venv, tmp_path: Path) -> None:
    """``<leaf>_api.py`` types bound packages, renamed names and positional fields."""
    installed = venv.run_python("import boundpkg, os; print(os.path.dirname("
                                "boundpkg.__file__))").check().output.strip()
    # mypy refuses site-packages on MYPYPATH: read a copy of the installed package.
    shutil.copytree(installed, tmp_path / "typed" / "boundpkg")
    (tmp_path / "typed.py").write_text(TYPED_USE)
    (tmp_path / "wrong.py").write_text("from boundpkg import _shapes_c_api\n"
                                       "_shapes_c_api.double_it('2')\n")
    mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
    env = {**os.environ, "MYPYPATH": str(tmp_path / "typed")}
    assert run([*mypy, str(tmp_path / "typed.py")], env=env).check().returncode == 0
    wrong = run([*mypy, str(tmp_path / "wrong.py")], env=env)
    assert 'Argument 1 to "double_it" has incompatible type "str"' in wrong.output


def test_each_left_out_declaration_is_one_warning_line(offline_wheel: tuple[Path, Result]
                                                       ) -> None:
    output = offline_wheel[1].output
    lines = [line.strip() for line in output.splitlines() if "left out" in line]
    watch = [line for line in lines if "func Watch" in line]
    assert len(watch) == 2, lines  # the ctypes and the cpython extension
    assert watch[0].startswith("GoExtension 'boundpkg._shapes': left out ")
    assert ("shapes/shapes.go:43: func Watch: parameter events has type chan<- complex128: "
            "its items (complex128) cannot cross") in watch[0]
    assert any(line.endswith("type Square: field Events has type chan int") for line in lines)
    assert any(line.endswith("shapes/generic.go:18: Ring: a generic type binds only the "
                             "instantiations you list; list them with //python:export "
                             "instantiate=[int] (class Ring_int) (several: "
                             "instantiate=[int],[float64]), or for a bound package in the "
                             "extension's instantiate table (Ring = [\"int\"])")
               for line in lines), lines
    # A []any result and an error parameter bind now.
    assert not [line for line in lines if "func Pack:" in line or "func Must:" in line], lines
    assert "Traceback" not in output
