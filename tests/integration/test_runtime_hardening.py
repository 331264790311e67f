"""Run-time hardening of calls into Go: fork, Ctrl-C, C memory exhaustion,
immutable buffers and integer ranges. Each test builds real Go and calls it,
most in a subprocess with a timeout so that a regression fails instead of
hanging the suite."""

from __future__ import annotations

import array
import importlib
import os
import signal
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ..helpers import build_inplace, run, write_project

CONTEXT_GO = """package main

import "C"

import (
	"context"
	"time"
)

var cancellations int

// Wait waits for the given seconds or until ctx is cancelled.
//
//python:export
func Wait(ctx context.Context, seconds float64) (string, error) {
	select {
	case <-ctx.Done():
		cancellations++
		return "", ctx.Err()
	case <-time.After(time.Duration(seconds * float64(time.Second))):
		return "done", nil
	}
}

// Cancellations counts the Wait calls that saw their context cancelled.
//
//python:export
func Cancellations() int { return cancellations }

func main() {}
"""

RUN_GO = """package main

import "C"

//python:export
func Big(n int) []byte { return make([]byte, n) }

//python:export
func Fill(dst []byte, value byte) int {
	for i := range dst {
		dst[i] = value
	}
	return len(dst)
}

//python:export
func Negate(xs []int32) {
	for i := range xs {
		xs[i] = -xs[i]
	}
}

//python:export
func Length(s string) int { return len(s) }

//python:export
func Scalars(a uint8, b int64, c uint64, d bool, e float64) (uint8, int64, uint64, bool, float64) {
	return a, b, c, d, e
}

//export Add
func Add(a, b C.int) C.int { return a + b }

func main() {}
"""

SIGNAL_GO = """package main

import "C"

import (
	"os"
	"os/signal"
)

var interrupts = make(chan os.Signal, 1)

func init() { signal.Notify(interrupts, os.Interrupt) }

//python:export
func Ping() int { return 1 }

func main() {}
"""


# Ctrl-C behaves the same in both binding modes (ctypes, a generated C module).
MODES = ["ctypes", "cpython"]


def build_project(where: Path, extension: str, go_source: str,
                  bindings: str = "ctypes") -> Path:
    """A project with one Go extension ``mypkg.<extension>``, built in place."""
    root = write_project(where / "project", {"mypkg/go/main.go": go_source},
                         ext_modules=f'GoExtension("mypkg.{extension}", "mypkg/go", '
                                     f'bindings="{bindings}")')
    build_inplace(root).check()
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(tmp_path_factory.mktemp("hardening"), "_run", RUN_GO)


@pytest.fixture(scope="module", params=MODES)
def context_project(request: pytest.FixtureRequest,
                    tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(tmp_path_factory.mktemp("context"), "_ctx", CONTEXT_GO,
                         bindings=request.param)


@pytest.fixture(scope="module")
def api(project: Path) -> ModuleType:
    # Earlier test modules may have left another project's mypkg in sys.modules.
    for name in [n for n in sys.modules if n == "mypkg" or n.startswith("mypkg.")]:
        del sys.modules[name]
    sys.path.insert(0, str(project))
    try:
        return importlib.import_module("mypkg._run_api")
    finally:
        sys.path.remove(str(project))


def run_script(project: Path, code: str) -> str:
    """Run ``code`` in a fresh interpreter with the project importable; its output."""
    prelude = f"import sys\nsys.path.insert(0, {str(project)!r})\n"
    result = run([sys.executable, "-c", prelude + textwrap.dedent(code)], timeout=60)
    return result.check().output


# 1. fork -------------------------------------------------------------------

FORK_POOL = """
import multiprocessing
from setuptools_golang_ext.runtime import GoForkError, load
from mypkg._run_api import Fill, Length

library = load("mypkg._run")
add = library.Add                  # a Layer 1 function taken before the fork
raw_add = library.raw.Add          # untyped, also taken before the fork
assert Fill(bytearray(2), 1) == 2 and add(1, 2) == 3 and raw_add(1, 2) == 3

def layer2(_):
    return Length("abc")

def layer1(_):
    return add(1, 2)

def untyped(_):
    return raw_add(1, 2)

if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(1) as pool:
        for work in (layer2, layer1, untyped):
            try:
                pool.map(work, [0])
            except GoForkError as exc:
                print("GoForkError:", exc)
    print("parent still works:", Length("abcd"), add(2, 2))
"""


@pytest.mark.alone
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_every_reference_taken_before_fork_raises_in_a_fork_pool(project: Path) -> None:
    output = run_script(project, FORK_POOL)
    errors = [line for line in output.splitlines() if line.startswith("GoForkError:")]
    assert len(errors) == 3, output
    assert "Length()" in errors[0] and "Add()" in errors[1] and "Add()" in errors[2]
    for error in errors:
        assert "multiprocessing.set_start_method('spawn')" in error
        assert "get_context('forkserver')" in error
    assert "parent still works: 4 4" in output


# 2. Ctrl-C -----------------------------------------------------------------

CONTEXT_SIGNATURE = """
import inspect
from mypkg._ctx_api import Wait
try:  # a C module's functions have no introspectable signature
    parameters = list(inspect.signature(Wait).parameters)
except ValueError:
    parameters = ["seconds"]
print(parameters, Wait(0.01), Wait(seconds=0.01))
"""


def test_a_context_parameter_is_supplied_by_the_bindings(context_project: Path) -> None:
    assert "['seconds'] done done" in run_script(context_project, CONTEXT_SIGNATURE)
    stub = (context_project / "mypkg" / "_ctx_api.py").read_text()
    assert "def Wait(seconds: float) -> str:" in stub


# Python as a terminal starts it: a job started in the background by a shell
# inherits SIGINT ignored, and Python then leaves it ignored.
INTERACTIVE = "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)\n"

CTRL_C = INTERACTIVE + """
import os, signal, threading, time
from mypkg._ctx_api import Cancellations, Wait

threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
started = time.monotonic()
try:
    Wait(60)
    print("not interrupted")
except KeyboardInterrupt:
    print(f"interrupted after {time.monotonic() - started:.1f} s")
print("cancellations", Cancellations())
result = []
worker = threading.Thread(target=lambda: result.append(Wait(0.01)))
worker.start(); worker.join()
print("from a thread:", result)
"""


@pytest.mark.alone
@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX")
def test_ctrl_c_cancels_the_context_and_raises_keyboard_interrupt(
    context_project: Path,
) -> None:
    output = run_script(context_project, CTRL_C)
    assert "interrupted after" in output, output
    seconds = float(output.split("interrupted after")[1].split()[0])
    assert seconds < 10, output  # the call would take 60 s; 0.5 s when it works
    assert "cancellations 1" in output
    assert "from a thread: ['done']" in output


# Does Ctrl-C (SIGINT sent to the process) reach Python?
SEND_CTRL_C = """try:
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(5)
    print("Ctrl-C did not reach Python")
except KeyboardInterrupt:
    print("KeyboardInterrupt in Python")
"""

SIGNAL_NOTIFY = INTERACTIVE + """
import os, signal, time, warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from mypkg import _sig_api
    from setuptools_golang_ext.runtime import load
    load("mypkg._sig")
print("warnings", len(caught))
for warning in caught:
    print(warning.category.__name__, warning.message)
    print("warned at", os.path.basename(warning.filename))
""" + SEND_CTRL_C + """print("Go still works:", _sig_api.Ping())
"""

SIGNAL_FROM_THREAD = INTERACTIVE + """
import os, signal, threading, time
worker = threading.Thread(target=__import__, args=("mypkg._sig_api",))
worker.start()
worker.join()
""" + SEND_CTRL_C


@pytest.mark.alone
@pytest.mark.skipif(os.name != "posix", reason="sigaction is POSIX")
@pytest.mark.parametrize("mode", MODES)
def test_signal_notify_in_init_does_not_take_ctrl_c_from_python(
        tmp_path: Path, mode: str) -> None:
    project = build_project(tmp_path, "_sig", SIGNAL_GO, mode)
    # Imported from another thread, where Python refuses signal.signal() (issue 20).
    output = run_script(project, SIGNAL_FROM_THREAD)
    assert "KeyboardInterrupt in Python" in output, output
    output = run_script(project, SIGNAL_NOTIFY)
    assert "KeyboardInterrupt in Python" in output, output
    assert "warnings 1" in output, output
    assert "RuntimeWarning Go library 'mypkg._sig'" in output
    assert "signal.Notify for SIGINT will not see Ctrl-C" in output
    assert "warned at _sig_api.py" in output, output  # the line that called load()
    assert "Go still works: 1" in output


# 3. C memory ---------------------------------------------------------------

OUT_OF_MEMORY = """
import resource
from mypkg._run_api import Big

# A big result first: Go's collector has started its threads (each reserves a
# stack) before the address space is measured, so they cannot eat the margin.
assert len(Big(64 << 20)) == 64 << 20
with open("/proc/self/status") as status:
    size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
result_size = 256 << 20
# Room for Go's own copy of the result and its collector, not for the C copy too.
limit = size + result_size + (192 << 20)
soft, hard = resource.getrlimit(resource.RLIMIT_AS)
resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
try:
    Big(result_size)
    print("no MemoryError")
except MemoryError as exc:
    print("MemoryError:", exc)
resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
print("still alive:", len(Big(10)))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc, RLIMIT_AS")
@pytest.mark.parametrize("mode", MODES)
def test_a_result_too_big_for_c_memory_raises_memory_error(
        request: pytest.FixtureRequest, tmp_path: Path, mode: str) -> None:
    # The modes report it on separate paths (ctypes in Python, cpython in C): an empty
    # result instead of the error would go unnoticed in the one left untested.
    project = (request.getfixturevalue("project") if mode == "ctypes"
               else build_project(tmp_path, "_run", RUN_GO, mode))
    output = run_script(project, OUT_OF_MEMORY)
    assert f"MemoryError: Big(): out of C memory for a result of {256 << 20} bytes" in output
    assert "still alive: 10" in output


# 5. immutable buffers --------------------------------------------------------

def test_go_never_writes_into_immutable_buffers(api: Any) -> None:
    literal = b"abcd"
    assert api.Fill(literal, ord("z")) == 4
    assert literal == bytes([97, 98, 99, 100])  # the constant of this code object
    one = b"a"  # one-byte bytes objects are shared singletons
    assert api.Fill(one, ord("z")) == 1 and one == bytes([97])
    read_only = memoryview(bytes(4))
    api.Fill(read_only, 1)
    assert read_only == bytes(4)
    numbers = memoryview(bytes(array.array("i", [1, 2]))).cast("i")
    api.Negate(numbers)
    assert numbers.tolist() == [1, 2]


def test_writable_buffers_stay_zero_copy(api: Any) -> None:
    buffer = bytearray(4)
    api.Fill(buffer, 1)
    api.Fill(memoryview(buffer)[2:], 2)
    assert buffer == b"\x01\x01\x02\x02"
    numbers = array.array("i", [1, 2])
    api.Negate(numbers)
    assert numbers.tolist() == [-1, -2]
    assert api.Length(b"\xff" * 10) == 10  # bytes to a Go string: read-only, accepted


# 6. integers ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ((300, 0, 0, True, 0.0), OverflowError,
         "Scalars() argument 'a': 300 is out of range for uint8 (0..255)"),
        ((-1, 0, 0, True, 0.0), OverflowError, "argument 'a': -1 is out of range for uint8"),
        ((0, 2**64 + 5, 0, True, 0.0), OverflowError,
         f"argument 'b': {2**64 + 5} is out of range for int64 "
         f"({-(2**63)}..{2**63 - 1})"),
        ((0, 0, -1, True, 0.0), OverflowError,
         f"argument 'c': -1 is out of range for uint64 (0..{2**64 - 1})"),
        ((0, 0, 0, "false", 0.0), TypeError,
         "Scalars() argument 'd' must be bool (Go bool), not str"),
        ((0, 0, 0, 1, 0.0), TypeError, "argument 'd' must be bool (Go bool), not int"),
        ((1.5, 0, 0, True, 0.0), TypeError,
         "Scalars() argument 'a' must be an int (Go uint8), not float"),
        (("1", 0, 0, True, 0.0), TypeError, "argument 'a' must be an int (Go uint8), not str"),
        ((0, 0, 0, True, "x"), TypeError,
         "Scalars() argument 'e' must be a float (Go float64), not str"),
    ],
)
def test_integers_out_of_range_or_of_the_wrong_type_are_refused(
    api: Any, arguments: tuple[Any, ...], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        api.Scalars(*arguments)
    assert message in str(caught.value)


def test_integer_like_values_are_accepted(api: Any) -> None:
    class Index:
        def __index__(self) -> int:
            return 7

    assert api.Scalars(Index(), True, 2**64 - 1, False, 1) == (7, 1, 2**64 - 1, False, 1.0)
    assert api.Scalars(255, -(2**63), 0, True, 2.5) == (255, -(2**63), 0, True, 2.5)
