"""One suite over both binding modes: tests/projects/bindings built as it is
(``bindings = "ctypes"``) and with ``bindings = "cpython"`` (a generated limited-API
extension module). Each mode's project is built once, in place, and used here
through ``typed._kinds_api``; whatever differs between the modes is tested last.
"""

from __future__ import annotations

import array
import importlib
import json
import os
import shutil
import sys
import textwrap
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from setuptools_golang_ext.runtime import GoError

from ..helpers import (
    COSTLY_MODULES,
    REPO,
    build_inplace,
    copy_project,
    make_venv,
    modules_imported_by,
    only_file,
    run,
    wheel_names,
    write_project,
)
from .test_python_versions import PYTHONS

MODES = ["ctypes", "cpython"]


def _project(mode: str, destination: Path) -> Path:
    project = copy_project("bindings", destination)
    if mode == "cpython":
        setup = project / "setup.py"
        text = setup.read_text()
        for package in ("gokinds", "gomixed"):
            text = text.replace(f'"typed/{package}")', f'"typed/{package}", bindings="cpython")')
        assert text.count('bindings="cpython"') == 2
        setup.write_text(text)
    return project


@pytest.fixture(scope="module", params=MODES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[str, Path]:
    mode: str = request.param
    project = _project(mode, tmp_path_factory.mktemp(mode))
    run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=project).check()
    return mode, project


@pytest.fixture(scope="module")
def kinds(built: tuple[str, Path]) -> Any:
    """``typed._kinds_api`` of this mode's build (each mode's package, in turn)."""
    _, project = built
    for name in [n for n in sys.modules if n == "typed" or n.startswith("typed.")]:
        del sys.modules[name]
    sys.path.insert(0, str(project))
    try:
        module: ModuleType = importlib.import_module("typed._kinds_api")
    finally:
        sys.path.remove(str(project))
    assert Path(module.__file__ or "").parent == project / "typed"
    return module


def in_child(project: Path, code: str) -> str:
    """Run ``code`` in a new interpreter that imports the built package."""
    prelude = f"import sys; sys.path.insert(0, {str(project)!r})\n"
    return run([sys.executable, "-c", prelude + textwrap.dedent(code)], timeout=120).check().output


def test_the_build_made_the_mode_asked_for(built: tuple[str, Path]) -> None:
    mode, project = built
    libraries = sorted(p.name for p in (project / "typed").glob("_kinds*.so"))
    description = json.loads((project / "typed" / "_kinds_api.json").read_text())
    if mode == "cpython":
        assert libraries == ["_kinds.abi3.so"]
        assert description["bindings"] == "cpython"
    else:
        assert libraries and all(".abi3." not in name for name in libraries)
        assert "bindings" not in description


def test_scalars_round_trip_and_out_of_range_integers_are_refused(kinds: Any) -> None:
    args = [-(2**7), -(2**15), -(2**31), -(2**63), -(2**63), 2**8 - 1, 2**16 - 1, 2**32 - 1,
            2**64 - 1, 2**64 - 1, 2**64 - 1, 1.5, -2.25, True, 255, 0x1F600]
    assert kinds.Scalars(*args) == tuple(args)
    assert kinds.Div(7, 2) == 3
    for call in (lambda: kinds.Div(2**63, 1), lambda: kinds.Scalars(128, *args[1:]),
                 lambda: kinds.Scalars(*args[:5], -1, *args[6:]),
                 lambda: kinds.Scalars(*args[:8], 2**64, *args[9:])):
        with pytest.raises(OverflowError):
            call()
    with pytest.raises(OverflowError, match=r"^Div\(\) argument 'a': 9223372036854775808 is "
                                            r"out of range for int"):
        kinds.Div(2**63, 1)


# Scalars' integer parameters: (position, name, lowest, highest) as Go declares them.
SCALAR_INTEGERS = [
    (0, "a", -(2**7), 2**7 - 1), (1, "b", -(2**15), 2**15 - 1), (2, "c", -(2**31), 2**31 - 1),
    (3, "d", -(2**63), 2**63 - 1), (4, "e", -(2**63), 2**63 - 1), (5, "f", 0, 2**8 - 1),
    (6, "g", 0, 2**16 - 1), (7, "h", 0, 2**32 - 1), (8, "i", 0, 2**64 - 1),
    (9, "j", 0, 2**64 - 1), (10, "k", 0, 2**64 - 1), (14, "o", 0, 2**8 - 1),
    (15, "p", -(2**31), 2**31 - 1),
]


def test_each_integer_type_has_exactly_its_own_range(kinds: Any) -> None:
    """A check widened to a bigger type (int16 taking int64's range) would let Go
    truncate silently; both edges pass and one beyond each is refused."""
    args = [0] * 11 + [0.0, 0.0, False, 0, 0]
    for position, name, lowest, highest in SCALAR_INTEGERS:
        for edge in (lowest, highest):
            call = [*args[:position], edge, *args[position + 1:]]
            assert kinds.Scalars(*call)[position] == edge
        for beyond in (lowest - 1, highest + 1):
            call = [*args[:position], beyond, *args[position + 1:]]
            with pytest.raises(OverflowError, match=rf"argument '{name}'"):
                kinds.Scalars(*call)


def test_strings_round_trip_including_invalid_utf8(kinds: Any) -> None:
    assert kinds.Reverse("héllo") == "olléh"
    assert kinds.Reverse(b"abc") == "cba"
    assert kinds.Reverse("a\x00b") == "b\x00a"
    assert kinds.Split("key=value", "=") == ("key", "value")
    assert kinds.Pad(str="a", bytes=b"-", len=3) == "a---"
    # A lone surrogate travels as the byte it stands for, and comes back as itself.
    assert kinds.Len("\udcff") == 1
    assert kinds.Pad("x\udcffy", b"", 0) == "x\udcffy"


def test_bytes_are_passed_in_place_and_returned(kinds: Any) -> None:
    assert kinds.Upper(b"abc") == b"ABC"
    assert kinds.Upper(bytearray(b"abc")) == b"ABC"
    assert kinds.Upper(memoryview(b"xhellox")[1:6]) == b"HELLO"
    assert kinds.Upper(b"") == b""
    buffer = bytearray(8)
    assert kinds.Fill(memoryview(buffer)[2:5], ord("-")) == 3
    assert buffer == b"\0\0---\0\0\0"
    literal = b"abcd"
    kinds.Fill(literal, ord("z"))  # read-only memory is copied, never changed
    assert literal == b"abcd"


def test_numeric_slices_round_trip(kinds: Any) -> None:
    codes = ["b", "h", "i", "q", "q", "H", "I", "Q", "Q", "Q", "f", "d"]
    values = [[1, -2, 3]] * 5 + [[1, 2, 3]] * 5 + [[0.5, 1.5, -2.5]] * 2
    for result in (kinds.Slices(*values),
                   kinds.Slices(*[array.array(c, v) for c, v in zip(codes, values)])):
        assert [r.tolist() for r in result] == values
        assert all(isinstance(r, array.array) for r in result)
    assert kinds.Sum(memoryview(array.array("d", [1.0, 2.0]))) == 3.0
    assert kinds.Sum([]) == 0.0
    # Both modes copy a sequence into the same array type code, and say an item
    # out of range the same way (with array's own words after it).
    wide = "l" if array.array("l").itemsize == 8 else "q"
    assert kinds.Slices(*[[]] * 12)[3].typecode == wide
    for call, code, value, where in [
        (lambda: kinds.Slices([128], *[[]] * 11), "b", 128, "Slices() argument 'a'"),
        (lambda: kinds.Index([1, 2**70], 0), wide, 2**70, "Index() argument 'xs'"),
    ]:
        with pytest.raises(OverflowError) as inner:
            array.array(code, [value])
        element = "int8" if code == "b" else "int64"
        with pytest.raises(OverflowError) as raised:
            call()
        assert str(raised.value) == \
            f"{where}: an item is out of range for Go {element}: {inner.value}"


@pytest.mark.parametrize(("call", "message"), [
    (lambda k: k.Div("1", 2), "Div() argument 'a' must be an int (Go int), not str"),
    (lambda k: k.Div(1.5, 2), "Div() argument 'a' must be an int (Go int), not float"),
    (lambda k: k.Reverse(3), "Reverse() argument 's' must be str or bytes, not int"),
    (lambda k: k.Upper("text"),
     "Upper() argument 'data': expected a bytes-like object, got str (encode it first)"),
    (lambda k: k.Upper([1, 2]), "Upper() argument 'data': expected a bytes-like object, got list"),
    (lambda k: k.Sum(array.array("i", [1])),
     "Sum() argument 'xs': buffer of format 'i' does not hold Go float64 values"),
    (lambda k: k.Sum(["x"]), "Sum() argument 'xs': must be real number, not str"),
    (lambda k: k.Check(1), "Check() argument 'ok' must be bool (Go bool), not int"),
    (lambda k: k.Reverse(), "Reverse() missing 1 required positional argument: 's'"),
    (lambda k: k.Div(), "Div() missing 2 required positional arguments: 'a' and 'b'"),
    (lambda k: k.Pad(bytes=b""),
     "Pad() missing 2 required positional arguments: 'str' and 'len'"),
    (lambda k: k.Reverse("a", "b"), "Reverse() takes 1 positional argument but 2 were given"),
    (lambda k: k.Reverse(t="a"), "Reverse() got an unexpected keyword argument 't'"),
    (lambda k: k.Reverse("a", s="b"), "Reverse() got multiple values for argument 's'"),
])
def test_wrong_arguments_raise_type_error_naming_function_and_parameter(
        kinds: Any, call: Any, message: str) -> None:
    with pytest.raises(Exception) as caught:  # the class is checked exactly below
        call(kinds)
    assert type(caught.value) is TypeError, repr(caught.value)
    assert str(caught.value) == message


def test_go_errors_raise_go_error(kinds: Any) -> None:
    with pytest.raises(GoError, match=r"^division by zero$"):
        kinds.Div(1, 0)
    with pytest.raises(GoError, match="separator ; not found"):
        kinds.Split("a=b", ";")
    assert kinds.Check(True) is None
    assert kinds.Nothing() is None


def test_panics_raise_go_panic_and_the_interpreter_survives(built: tuple[str, Path]) -> None:
    # In a child: a lost recover() would end the whole process.
    output = in_child(built[1], """
        import json
        from typed import _kinds_api as kinds
        from setuptools_golang_ext.runtime import GoPanic
        seen = {}
        try:
            kinds.Explode("boom")
        except GoPanic as exc:
            seen["explode"] = [exc.value, exc.go_stack]
        try:
            kinds.Index([1, 2], 5)
        except GoPanic as exc:
            seen["index"] = exc.value
        seen["after"] = kinds.Reverse("still alive")
        print(json.dumps(seen))
        """)
    seen = json.loads(output.splitlines()[-1])
    assert seen["explode"][0] == "boom" and "kinds.Explode" in seen["explode"][1]
    assert "index out of range [5] with length 2" in seen["index"]
    assert seen["after"] == "evila llits"


def test_doc_comments_become_docstrings(kinds: Any) -> None:
    assert kinds.Reverse.__doc__ == "Reverse returns s with its characters in reverse order."
    assert kinds.Nothing.__doc__ is None


@pytest.mark.alone
def test_calls_release_the_gil(kinds: Any) -> None:
    """A thread keeps running Python while Go fills a large buffer in another."""
    buffer = bytearray(256 << 20)
    done = threading.Event()
    timing: list[float] = []

    def fill() -> None:
        started = time.perf_counter()
        kinds.Fill(buffer, 1)
        timing.append(time.perf_counter() - started)
        done.set()

    worker = threading.Thread(target=fill)
    last, longest_pause = time.perf_counter(), 0.0
    worker.start()
    while not done.is_set():
        now = time.perf_counter()
        longest_pause, last = max(longest_pause, now - last), now
    worker.join()
    assert buffer[-1] == 1
    assert longest_pause < timing[0] / 2, (longest_pause, timing[0])


@pytest.mark.alone
def test_gil_hold_functions_keep_the_gil(kinds: Any) -> None:
    """``//python:export gil=hold``: no other Python thread runs during the call."""
    stop = threading.Event()
    pauses: list[float] = []

    def count() -> None:
        last, longest = time.perf_counter(), 0.0
        while not stop.is_set():
            now = time.perf_counter()
            longest, last = max(longest, now - last), now
        pauses.append(longest)

    counter = threading.Thread(target=count)
    counter.start()
    time.sleep(0.05)  # the counter is running
    assert kinds.SpinHeld(400) > 0
    stop.set()
    counter.join()
    assert pauses[0] >= 0.3, pauses


@pytest.mark.alone
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_calls_in_a_forked_child_raise_go_fork_error(built: tuple[str, Path]) -> None:
    output = in_child(built[1], """
        import os
        from typed import _kinds_api as kinds
        from setuptools_golang_ext.runtime import GoForkError
        assert kinds.Reverse("ab") == "ba"
        pid = os.fork()
        if pid == 0:
            try:
                kinds.Reverse("ab")
            except GoForkError as exc:
                os._exit(7 if "before a fork()" in str(exc) else 1)
            os._exit(0)
        print("child", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), kinds.Reverse("ok"))
        """)
    assert output.split()[-3:] == ["child", "7", "ko"]


def test_import_and_load_give_the_same_functions(built: tuple[str, Path]) -> None:
    mode, project = built
    if mode == "cpython":
        # A plain import, first thing in a new interpreter, with no runtime helper.
        output = in_child(project, "import typed._kinds as k; print(k.Reverse('ab'))")
        assert output.split() == ["ba"]
    output = in_child(project, """
        import typed._kinds_api as api
        from setuptools_golang_ext.runtime import load
        library = load("typed._kinds")
        print(type(library).__name__, library.Reverse is api.Reverse)
        if type(library).__name__ == "module":
            import typed._kinds
            print(typed._kinds is library)
        """)
    expected = {"ctypes": ["GoLibrary", "True"], "cpython": ["module", "True", "True"]}
    assert output.split() == expected[mode]


def test_a_module_of_functions_does_not_import_the_ctypes_layer(
        built: tuple[str, Path]) -> None:
    # gokinds has functions only: in cpython mode the C module converts all of them,
    # so its import stays cheap and its calls (plain maps too) load neither ctypes
    # nor json; in ctypes mode load() is the ctypes layer.
    mode, project = built
    output = in_child(project, """
        import typed._kinds_api as k
        assert k.Invert({1: "a", -2: "b"}) == {"a": 1.0, "b": -2.0}
        assert k.Reverse("ab") == "ba" and k.Sum([1.5, 2.0]) == 3.5
        loaded = {"ctypes", "json", "setuptools_golang_ext.runtime._layer2",
                  "setuptools_golang_ext.runtime._attach"} & set(sys.modules)
        print(sorted(loaded) or "none")
        """)
    expected = {"ctypes": "['ctypes', 'json', 'setuptools_golang_ext.runtime._layer2']",
                "cpython": "none"}
    assert output.strip() == expected[mode], output


def test_loading_imports_no_costly_module(built: tuple[str, Path], tmp_path: Path) -> None:
    """What `import typed` costs when its __init__ loads the library (issue 12)."""
    mode, project = built
    package = tmp_path / "typed"
    package.mkdir()
    # As installed from a wheel: library and description, no editable-build record.
    for path in (project / "typed").glob("_kinds*"):
        if path.suffix in (".so", ".pyd") or path.name.endswith("_api.json"):
            shutil.copy(path, package)
    (package / "__init__.py").write_text(
        "from setuptools_golang_ext.runtime import load\n_lib = load('typed._kinds')\n")
    added = modules_imported_by("import typed; assert typed._lib.Reverse('ab') == 'ba'",
                                tmp_path)
    assert "typed._kinds" in added if mode == "cpython" else "ctypes" in added
    costly = COSTLY_MODULES | {"importlib.util"}
    if mode == "cpython":  # neither the import nor load() reads JSON or imports ctypes
        costly |= CPYTHON_MODE_NEVER
    assert not added & costly, sorted(added & costly)
    if mode == "cpython":  # the other way: the package imports its extension module
        (package / "__init__.py").write_text("from . import _kinds as _lib\n")
        plain = modules_imported_by("import typed; assert typed._lib.Reverse('a') == 'a'",
                                    tmp_path)
        assert "typed._kinds" in plain
        assert not plain & costly, sorted(plain & costly)


# What a cpython-mode module covered by its C never imports, at import or call time.
CPYTHON_MODE_NEVER = frozenset({
    "ctypes", "json", "_json", "pathlib", "setuptools", "importlib.util",
    "setuptools_golang_ext.runtime._attach", "setuptools_golang_ext.runtime._layer2"})

CALL_EVERY_KIND = """
import typed
from setuptools_golang_ext.runtime import GoError, GoPanic
lib = typed._lib
assert lib.Reverse("ab") == "ba" and lib.Div(7, 2) == 3 and lib.Len("abc") == 3
assert lib.Upper(b"go") == b"GO" and lib.Sum([1.5, 2.5]) == 4.0 and lib.Nothing() is None
assert lib.Fill(bytearray(3), 7) == 3 and lib.Index([4, 5], 1) == 5
for call, raised in ((lambda: lib.Div(1, 0), GoError), (lambda: lib.Explode("x"), GoPanic),
                     (lambda: lib.Reverse(1), TypeError), (lambda: lib.Len(), TypeError)):
    try:
        call()
    except raised:
        pass
"""


def test_calls_of_every_kind_import_no_ctypes_or_json_in_cpython_mode(
        built: tuple[str, Path], tmp_path: Path) -> None:
    """Issue 19: a module whose C covers its whole API never needs the ctypes layer,
    also when its calls raise GoError, GoPanic or TypeError."""
    mode, project = built
    if mode != "cpython":
        pytest.skip("ctypes mode is the ctypes layer")
    package = tmp_path / "typed"
    package.mkdir()
    for path in (project / "typed").glob("_kinds*"):
        if path.suffix == ".so" or path.name.endswith("_api.json"):
            shutil.copy(path, package)
    (package / "__init__.py").write_text(
        "from setuptools_golang_ext.runtime import load\n_lib = load('typed._kinds')\n")
    added = modules_imported_by(CALL_EVERY_KIND, tmp_path)
    assert "typed._kinds" in added
    assert not added & CPYTHON_MODE_NEVER, sorted(added & CPYTHON_MODE_NEVER)


def test_typed_api_module_type_checks(built: tuple[str, Path]) -> None:
    project = built[1]
    script = project / "user_script.py"
    script.write_text('from typed import _kinds_api as kinds\n\nkinds.Reverse(42)\n'
                      'good: str = kinds.Reverse("abc")\n')
    result = run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", script.name],
                 cwd=project)
    assert 'user_script.py:3: error: Argument 1 to "Reverse" has incompatible type "int"' in (
        result.output), result.output
    assert "Found 1 error" in result.output


# One abi3 wheel, built by this interpreter (3.11), on every later CPython here.
def _minor(python: Path) -> int:
    return int(python.parent.parent.name.split(".")[1])


LATER_PYTHONS = [p for p in PYTHONS if _minor(p) >= 11]
# 3.10: the newest older one, and the oldest our pip can install into from outside.
PYTHON_310 = [p for p in PYTHONS if _minor(p) == 10]


@pytest.fixture(scope="module")
def abi3_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if sys.version_info < (3, 11):
        pytest.skip("cpython-mode wheels are built by Python 3.11 or later")
    project = _project("cpython", tmp_path_factory.mktemp("abi3"))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(project / "dist"), str(project)], cwd=project).check()
    return only_file(project / "dist", "*.whl")


def test_the_wheel_is_tagged_abi3(abi3_wheel: Path) -> None:
    assert "-cp311-abi3-" in abi3_wheel.name, abi3_wheel.name
    names = wheel_names(abi3_wheel)
    assert "typed/_kinds.abi3.so" in names and "typed/_mixed.abi3.so" in names


@pytest.mark.slow
@pytest.mark.parametrize("python", LATER_PYTHONS, ids=[p.parent.parent.name for p in LATER_PYTHONS])
def test_one_abi3_wheel_runs_on_every_later_python(
        python: Path, abi3_wheel: Path, wheelhouse: Path, tmp_path: Path) -> None:
    venv = make_venv(tmp_path / "venv", str(python))
    venv.install(abi3_wheel, wheelhouse=wheelhouse).check()
    code = ("import sys, typed._kinds as k, typed._kinds_api as api\n"
            "from setuptools_golang_ext.runtime import GoError\n"
            "try:\n    k.Div(1, 0)\nexcept GoError as e:\n    error = str(e)\n"
            "print(sys.version_info[:2], k.Reverse('abc'), api.Div(7, 2), error)")
    output = venv.run_python(code, cwd=tmp_path).check().output
    version = python.parent.parent.name.split(".")
    assert output.strip() == f"({version[0]}, {version[1]}) cba 3 division by zero"


@pytest.mark.parametrize("python", PYTHON_310, ids=[p.parent.parent.name for p in PYTHON_310])
def test_older_pythons_refuse_the_abi3_wheel(
        python: Path, abi3_wheel: Path, wheelhouse: Path, tmp_path: Path) -> None:
    venv = make_venv(tmp_path / "venv", str(python))
    result = venv.install(abi3_wheel, wheelhouse=wheelhouse)
    assert result.returncode != 0
    assert "is not a supported wheel on this platform" in result.output, result.output


def test_generated_api_module_passes_ruff(built: tuple[str, Path]) -> None:
    ruff = Path(sys.executable).parent / "ruff"
    files = sorted((built[1] / "typed").glob("_*_api.py"))
    assert len(files) == 2
    for options in (["--config", str(REPO / "pyproject.toml")],
                    ["--isolated", "--select", "E,F,W,I,RUF022"]):
        result = run([str(ruff), "check", "--no-cache", *options, *map(str, files)])
        assert result.returncode == 0, result.output


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc")
def test_calls_do_not_leak(built: tuple[str, Path]) -> None:
    """Every result, error message, panic stack and argument copy is freed."""
    output = in_child(built[1], """
        import os
        from typed import _kinds_api as kinds
        from setuptools_golang_ext.runtime import GoError, GoPanic

        def rss():
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

        text, data, floats = "héllo wörld, " * 4, b"x" * 100, [1.5] * 20
        def calls():
            kinds.Reverse(text)
            kinds.Reverse("\\udcff" + text)
            kinds.Upper(data)
            kinds.Fill(data, 1)
            kinds.Slices(*[[1, 2]] * 10, floats, floats)
            for failing in (lambda: kinds.Div(1, 0), lambda: kinds.Explode("boom")):
                try:
                    failing()
                except (GoError, GoPanic):
                    pass
            try:
                kinds.Div(2**70, 1)
            except OverflowError:
                pass
        for _ in range(10_000):
            calls()
        before = rss()
        for _ in range(40_000):
            calls()
        print("growth", rss() - before)
        """)
    growth = int(output.split("growth")[1])
    assert growth < 4 * 2**20, f"RSS grew by {growth} bytes over 40,000 rounds of calls"


CONTEXT_GO = """package ctx

import "context"

// Wait returns n unless ctx is done.
//
//python:export
func Wait(ctx context.Context, n int) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return n, nil
}
"""


def test_a_context_parameter_is_supplied_by_the_module(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/ctx.go": CONTEXT_GO},
                            ext_modules='GoExtension("mypkg._native", "mypkg/go", '
                                        'bindings="cpython")')
    build_inplace(project).check()
    output = in_child(project, """
        import mypkg._native as m
        print(m.Wait(5), m.Wait(n=6))
        try:
            m.Wait(1, 2)
        except TypeError as exc:
            print(exc)
        """)
    assert output.splitlines()[-2:] == [
        "5 6", "Wait() takes 1 positional argument but 2 were given"]


# The benchmark's shape (bench/project/benchpkg/table): every declaration is one the
# C module converts, a class with it.
TABLE_GO = """package main

import "C"

import "math"

// Point is a point in the plane.
//
//python:export
type Point struct{ X, Y float64 }

//python:export
func NewPoint(x, y float64) *Point { return &Point{X: x, Y: y} }

// Dist is the distance to q.
//
//python:export
func (p *Point) Dist(q *Point) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }

//python:export
func Calls(f func(int64) int64, n int64) int64 {
	var total int64
	for i := int64(0); i < n; i++ {
		total += f(i)
	}
	return total
}

//python:export
func Names() []string { return []string{"a", "b"} }

//python:export
func Counts() map[string]int64 { return map[string]int64{"a": 1} }

func main() {}
"""

CALL_THE_TABLE = """
import mypkg
lib = mypkg._lib
p = lib.Point(X=3.0, Y=4.0)
assert lib.NewPoint(0.0, 0.0).Dist(p) == 5.0 and repr(lib.Point(1.0)) == "Point(X=1.0, Y=0.0)"
class Named(lib.Point):
    def __init__(self, name, *args):
        super().__init__(*args)
        self.name = name
named = Named("n", 1.0, 2.0)
assert (named.name, named.Y, type(named).__mro__[1] is lib.Point) == ("n", 2.0, True)
assert lib.Calls(lambda i: i * 2, 4) == 12 and lib.Names() == ["a", "b"]
assert lib.Counts() == {"a": 1} and lib.__goext_classes__["Point"]._go_complete
try:
    lib.Point(Z=1.0)
except TypeError as exc:
    assert str(exc) == "Point() got an unexpected keyword argument 'Z'; fields: X, Y", exc
"""


def test_a_module_of_the_benchmarks_shape_with_a_class_imports_no_ctypes(
        tmp_path: Path) -> None:
    """Issue 19: a class whose fields and methods C converts whole is its C type, so
    the module (with a callback, []string and a map) never loads the ctypes layer."""
    root = write_project(
        tmp_path / "project", {"mypkg/go/main.go": TABLE_GO, "mypkg/__init__.py": (
            "from setuptools_golang_ext.runtime import load\n_lib = load('mypkg._native')\n")},
        ext_modules='GoExtension("mypkg._native", "mypkg/go", bindings="cpython")')
    build_inplace(root).check()
    package = tmp_path / "installed" / "mypkg"
    shutil.copytree(root / "mypkg", package,
                    ignore=shutil.ignore_patterns("go", "*_editable.json", "__pycache__"))
    added = modules_imported_by(CALL_THE_TABLE, package.parent)
    assert "mypkg._native" in added
    assert not added & CPYTHON_MODE_NEVER, sorted(added & CPYTHON_MODE_NEVER)
