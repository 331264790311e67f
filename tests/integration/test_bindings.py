"""Typed bindings, built for real: tests/projects/bindings holds two GoExtensions,
`typed._kinds` (a plain Go package with //python:export functions) and
`typed._mixed` (a package main mixing //export and //python:export).

The project is built once (build_ext --inplace) and loaded into this process.
"""

from __future__ import annotations

import array
import ctypes
import importlib
import json
import math
import os
import struct
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ..helpers import copy_project, run

INT_LIMITS = {
    "int8": (-(2**7), 2**7 - 1),
    "int16": (-(2**15), 2**15 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint8": (0, 2**8 - 1),
    "uint16": (0, 2**16 - 1),
    "uint32": (0, 2**32 - 1),
    "uint64": (0, 2**64 - 1),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project("bindings", tmp_path_factory.mktemp("bindings"))
    result = run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=project).check()
    assert "stays untyped" not in result.output, result.output
    return project


@pytest.fixture(scope="module")
def api(built: Path) -> Any:
    # Another module may have imported a `typed` package of its own build.
    for name in [n for n in sys.modules if n == "typed" or n.startswith("typed.")]:
        del sys.modules[name]
    sys.path.insert(0, str(built))
    try:
        kinds = importlib.import_module("typed._kinds_api")
        mixed = importlib.import_module("typed._mixed_api")
    finally:
        sys.path.remove(str(built))
    return kinds, mixed


@pytest.fixture(scope="module")
def kinds(api: tuple[ModuleType, ModuleType]) -> Any:
    return api[0]


@pytest.fixture(scope="module")
def mixed(api: tuple[ModuleType, ModuleType]) -> Any:
    return api[1]


def test_build_installs_api_files_and_leaves_sources_alone(built: Path) -> None:
    package = built / "typed"
    for leaf in ("_kinds", "_mixed"):
        assert (package / f"{leaf}_api.json").is_file()
        assert (package / f"{leaf}_api.py").is_file()
    # The generated glue lives in build_temp only.
    assert sorted(p.name for p in (package / "gokinds").iterdir()) == ["go.mod", "kinds.go"]
    assert sorted(p.name for p in (package / "gomixed").iterdir()) == ["go.mod", "main.go"]


def test_strings_round_trip(kinds: Any) -> None:
    assert kinds.Reverse("héllo") == "olléh"
    assert kinds.Reverse(b"abc") == "cba"
    assert kinds.Reverse("") == ""
    assert kinds.Reverse("a\x00b") == "b\x00a"
    assert kinds.Len("héllo") == 6
    assert kinds.Split("key=value", "=") == ("key", "value")
    assert kinds.Pad("a", b"-", 3) == kinds.Pad(str="a", bytes=b"-", len=3) == "a---"


def test_every_scalar_type_round_trips(kinds: Any) -> None:
    low = [INT_LIMITS[t][0] for t in ("int8", "int16", "int32", "int64")]
    high = [INT_LIMITS[t][1] for t in ("uint8", "uint16", "uint32", "uint64")]
    args = [*low, -(2**63), *high, 2**64 - 1, 2**64 - 1, 1.5, -2.25, True, 255, 0x1F600]
    assert kinds.Scalars(*args) == tuple(args)
    assert kinds.Scalars(*args[:13], False, 0, -1)[13:] == (False, 0, -1)
    assert kinds.Scalars(*args[:11], 0.1, 0.1, True, 0, 0)[11] == pytest.approx(0.1, rel=1e-6)


def test_every_numeric_slice_type_round_trips(kinds: Any) -> None:
    codes = ["b", "h", "i", "q", "q", "H", "I", "Q", "Q", "Q", "f", "d"]
    values = [[1, -2, 3]] * 5 + [[1, 2, 3]] * 5 + [[0.5, 1.5, -2.5]] * 2
    from_lists = kinds.Slices(*values)
    from_arrays = kinds.Slices(*[array.array(c, v) for c, v in zip(codes, values)])
    for result in (from_lists, from_arrays):
        assert [r.tolist() for r in result] == values
        assert all(isinstance(r, array.array) for r in result)
    empty = kinds.Slices(*[[]] * 12)
    assert [len(r) for r in empty] == [0] * 12


def test_bytes_in_and_out(kinds: Any) -> None:
    assert kinds.Upper(b"abc") == b"ABC"
    assert kinds.Upper(bytearray(b"abc")) == b"ABC"
    assert kinds.Upper(memoryview(b"xhellox")[1:6]) == b"HELLO"  # read-only view
    assert kinds.Upper(b"") == kinds.Upper(bytearray()) == b""
    assert kinds.Sum([]) == kinds.Sum(array.array("d")) == 0.0
    with pytest.raises(OverflowError):
        kinds.Slices([128], *[[]] * 11)  # int8 items are checked when copied
    assert kinds.Sum([1.0, 2.0, 3.5]) == 6.5
    assert kinds.Sum(memoryview(array.array("d", [1.0, 2.0]))) == 3.0


def test_byte_slices_are_passed_without_copying(kinds: Any) -> None:
    buffer = bytearray(8)
    assert kinds.Fill(buffer, ord("z")) == 8
    assert buffer == b"z" * 8
    view = memoryview(buffer)[2:5]
    kinds.Fill(view, ord("-"))
    assert buffer == b"zz---zzz"


def test_go_error_raises_go_error(kinds: Any) -> None:
    from setuptools_golang_ext.runtime import GoError

    assert kinds.Div(7, 2) == 3
    with pytest.raises(GoError, match=r"^division by zero$"):
        kinds.Div(1, 0)
    with pytest.raises(GoError, match="separator ; not found"):
        kinds.Split("a=b", ";")
    assert kinds.Check(True) is None
    with pytest.raises(GoError, match="not ok"):
        kinds.Check(False)
    assert kinds.Nothing() is None


def test_scalar_calls_return_directly_and_still_raise_panics(built: Path, kinds: Any) -> None:
    from setuptools_golang_ext.runtime import GoPanic

    library = next((built / "typed").glob("_kinds.*.so"))
    assert ctypes.CDLL(str(library)).goext_Quotient__direct  # no result record
    assert kinds.Quotient(7, 2) == 3
    with pytest.raises(GoPanic, match="integer divide by zero"):
        kinds.Quotient(1, 0)
    # A result equal to the failure sign is a result.
    assert kinds.Quotient(-2**63, 1) == -2**63 and kinds.Complement(0) == 255
    assert math.isnan(kinds.Root(-1)) and kinds.Root(4) == 2.0
    with pytest.raises(GoPanic, match="no root of -2"):
        kinds.Root(-2)
    assert kinds.Quotient(9, 3) == 3  # the panic was taken: nothing left behind
    with pytest.raises(TypeError, match=r"^Quotient\(\) argument 'b' must be an int "
                                        r"\(Go int64\), not str$"):
        kinds.Quotient(1, "2")
    with pytest.raises(OverflowError, match=r"^Complement\(\) argument 'n': 256 is out of "
                                            r"range for uint8 \(0..255\)$"):
        kinds.Complement(256)


PANICS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from typed import _kinds_api as kinds
from setuptools_golang_ext.runtime import GoPanic

seen = {}
try:
    kinds.Explode("boom")
except GoPanic as exc:
    seen["explode"] = {"value": exc.value, "go_stack": exc.go_stack, "message": str(exc)}
try:
    kinds.Index([1, 2], 5)
except GoPanic as exc:
    seen["index"] = str(exc)
seen["after"] = [kinds.Index([1, 2], 1), kinds.Reverse("still alive")]
print(json.dumps(seen))
"""


def test_go_panic_raises_go_panic_and_the_interpreter_survives(built: Path) -> None:
    # In a child process: if the wrapper's recover() were lost, Go would abort the
    # whole process, which must fail this test and not end the test run.
    result = run([sys.executable, "-c", PANICS, str(built)], timeout=60)
    assert result.returncode == 0, f"a Go panic ended the process:\n{result.output}"
    seen = json.loads(result.output.splitlines()[-1])
    explode = seen["explode"]
    assert explode["value"] == "boom"
    assert "kinds.Explode" in explode["go_stack"] and "kinds.go" in explode["go_stack"]
    assert "Go stack:" in explode["message"]
    assert "index out of range [5] with length 2" in seen["index"]
    assert seen["after"] == [2, "evila llits"]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda k: k.Div("1", 2), TypeError, "Div() argument 'a' must be an int (Go int), not str"),
        (lambda k: k.Div(1.5, 2), TypeError,
         "Div() argument 'a' must be an int (Go int), not float"),
        (lambda k: k.Reverse(3), TypeError,
         "Reverse() argument 's' must be str or bytes, not int"),
        (lambda k: k.Upper("text"), TypeError,
         "Upper() argument 'data': expected a bytes-like object, got str (encode it first)"),
        (lambda k: k.Upper([1, 2]), TypeError,
         "Upper() argument 'data': expected a bytes-like object, got list"),
        (lambda k: k.Sum(array.array("i", [1])), TypeError,
         "Sum() argument 'xs': buffer of format 'i' does not hold Go float64 values"),
        (lambda k: k.Sum(["x"]), TypeError, "Sum() argument 'xs': must be real number, not str"),
        (lambda k: k.Reverse(), TypeError, "Reverse() missing 1 required positional argument: 's'"),
    ],
)
def test_wrong_argument_types_raise(kinds: Any, call: Any, error: type[Exception],
                                    message: str) -> None:
    # The exact class and whole message: a TypeError from somewhere else must not pass.
    with pytest.raises(Exception) as caught:  # the class is checked exactly below
        call(kinds)
    assert type(caught.value) is error, repr(caught.value)
    assert str(caught.value) == message


def test_doc_comments_become_docstrings(kinds: Any, mixed: Any) -> None:
    assert kinds.Reverse.__doc__ == "Reverse returns s with its characters in reverse order."
    assert kinds.Nothing.__doc__ is None
    assert mixed.AddInts.__doc__ == "AddInts adds Go integers of every size."
    assert mixed.Greet.__doc__.startswith("Greet is a Layer 2 function")


def test_layer1_exports_are_typed(mixed: Any) -> None:
    assert mixed.AddInts(-1, -2, -3, -4, -5, 1, 2, 3, 4, 5, 6) == 6
    assert mixed.Mul(2.0, 3.5) == 7.0
    assert mixed.Negate(True) is False
    assert mixed.CLen(b"abcd") == 4
    assert mixed.CDouble(3, -1) == 5
    assert mixed.Same(12345) == 12345
    assert mixed.GoLen("héllo") == 6
    assert mixed.SliceSum(array.array("i", [1, 2, 3])) == 6
    assert mixed.SliceSum([1, 2, 3, 4]) == 10  # a typed GoSlice: sequences are copied
    assert mixed.DivMod(7, 2) == (3, 1)
    assert mixed.Static() == "static"
    assert mixed.Greet("bob") == "hello bob"
    with pytest.raises(ctypes.ArgumentError):
        mixed.AddInts(1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
    for wrong in (lambda: mixed.CLen("not bytes"), lambda: mixed.GoLen(3),
                  lambda: mixed.SliceSum("text"), lambda: mixed.Norm((1, 2.0)),
                  lambda: mixed.SliceSum(b"8 bytes!")):  # not int32 items: refused
        with pytest.raises(ctypes.ArgumentError):
            wrong()


def test_layer1_structs_and_raw_library(mixed: Any) -> None:
    from setuptools_golang_ext.runtime import load

    library = load("typed._mixed")
    point = mixed.MakePoint(3, 1.5)
    assert isinstance(point, ctypes.Structure) and (point.x, point.y) == (3, 1.5)
    assert mixed.Norm(library.c_structs.point(1, 2.5)) == 3.5
    assert mixed.PairSum(library.c_structs.pair(5, 2)) == 7
    assert isinstance(library.AddInts, ctypes._CFuncPtr)  # no Python layer for Layer 1
    raw = library.raw
    assert isinstance(raw, ctypes.CDLL) and raw.AddInts.argtypes is None
    assert raw.Negate(0) == 1


def test_mypy_sees_the_signatures(built: Path) -> None:
    script = built / "user_script.py"
    script.write_text(textwrap.dedent("""\
        from typed import _kinds_api as kinds, _mixed_api as mixed

        good: str = kinds.Reverse("abc")
        pair: tuple[str, str] = kinds.Split("a=b", "=")
        total: float = mixed.Mul(2.0, 3) + kinds.Sum([1.0]) + kinds.Slices(*[[1]] * 12)[11][0]
        kinds.Reverse(42)
        mixed.CLen("text")
        """))
    result = run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", script.name],
                 cwd=built)
    assert result.returncode == 1, result.output
    assert 'user_script.py:6: error: Argument 1 to "Reverse" has incompatible type "int"' in (
        result.output
    ), result.output
    assert 'user_script.py:7: error: Argument 1 to "CLen" has incompatible type "str"' in (
        result.output
    ), result.output
    assert "Found 2 errors" in result.output


LEAK_CHECK = """
import os, sys
sys.path.insert(0, sys.argv[1])
from typed import _kinds_api as kinds
from setuptools_golang_ext.runtime import GoError, GoPanic

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

text = "héllo wörld, " * 4
for _ in range(100_000):
    kinds.Reverse(text)
before = rss()
for _ in range(1_000_000):
    kinds.Reverse(text)
print("growth", rss() - before)

# The other kinds of allocated results: bytes, slices, error messages, panics.
data, floats = b"x" * 100, [1.5] * 20
def others():
    kinds.Upper(data)
    kinds.Slices(*[[1, 2]] * 10, floats, floats)
    try:
        kinds.Div(1, 0)
    except GoError:
        pass
    try:
        kinds.Explode("boom")
    except GoPanic:
        pass
for _ in range(10_000):
    others()
before = rss()
for _ in range(30_000):
    others()
print("others", rss() - before)
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc")
def test_one_million_string_calls_do_not_leak(built: Path) -> None:
    result = run([sys.executable, "-c", LEAK_CHECK, str(built)]).check()
    growth = int(result.output.split("growth")[1].split()[0])
    assert growth < 5 * 2**20, f"RSS grew by {growth} bytes over 1,000,000 string calls"
    others = int(result.output.split("others")[1])
    assert others < 5 * 2**20, f"RSS grew by {others} bytes over bytes/slice/error/panic calls"


@pytest.mark.alone
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_wrappers_refuse_to_run_after_fork(built: Path) -> None:
    code = textwrap.dedent("""
        import os, sys
        sys.path.insert(0, sys.argv[1])
        from setuptools_golang_ext.runtime import GoForkError, load
        from typed import _mixed_api as mixed
        library = load("typed._kinds")
        assert library.Reverse("ab") == "ba"
        pid = os.fork()
        if pid == 0:
            failures = 0
            for call in (lambda: library.Reverse("ab"), lambda: mixed.Greet("x"),
                         lambda: mixed.DivMod(7, 2), lambda: library.Div(1, 1)):
                try:
                    call()
                except GoForkError:
                    failures += 1
            os._exit(failures)
        print("child", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
        """)
    assert "child 4" in run([sys.executable, "-c", code, str(built)], timeout=60).check().output


def _static_tls_bytes(library: Path) -> int:
    """The size of an ELF library's TLS segment (PT_TLS), read from its headers."""
    data = library.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2, "a 64-bit ELF file"
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for index in range(phnum):
        header = phoff + index * phentsize
        kind, = struct.unpack_from("<I", data, header)
        if kind == 7:  # PT_TLS
            return int(struct.unpack_from("<Q", data, header + 0x28)[0])  # p_memsz
    return 0


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's static TLS block")
def test_a_library_takes_almost_no_static_tls(built: Path) -> None:
    # Go links a c-shared library's TLS as initial-exec, from glibc's small static
    # TLS surplus: a process loading many Go libraries (a test run loads dozens)
    # failed with "cannot allocate memory in static TLS block" when the glue kept a
    # 56-byte _Thread_local record. Go's own goroutine pointer is 8 bytes.
    library = next((built / "typed").glob("_kinds.*.so"))
    assert _static_tls_bytes(library) <= 16
