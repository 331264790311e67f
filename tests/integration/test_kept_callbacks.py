"""Python callables Go keeps (``//python:export keep=handler``): the Subscribe /
HandleFunc shape. A real event bus (tests/objects_fixtures/bus) stores handlers
and calls them later from goroutines; built once per binding mode, in place.
"""

from __future__ import annotations

import gc
import shutil
import sys
import textwrap
import time
import weakref
from pathlib import Path
from typing import Any

import pytest

from ..helpers import build_inplace, load_built, run, write_project

FIXTURES = Path(__file__).parent.parent / "objects_fixtures"
MODES = ["ctypes", "cpython"]


@pytest.fixture(scope="module")
def project(bus_project: Path) -> Path:
    """The bus, built once per binding mode (tests/integration/conftest.py)."""
    return bus_project


@pytest.fixture(scope="module")
def lib(project: Path) -> Any:
    """What ``load("mypkg._bus")`` gives: a GoLibrary, or the extension module."""
    return load_built(project, "mypkg._bus")


@pytest.fixture
def unraisable(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What reaches ``sys.unraisablehook`` during the test."""
    seen: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    return seen


def collect_both(lib: Any) -> None:
    gc.collect()
    lib.CollectGarbage()
    time.sleep(0.01)  # the release goroutines wait for the GIL


def kept_count() -> int:
    from setuptools_golang_ext.runtime import _kept

    return _kept.live_count()


class Handler:
    """A callable counting its live instances."""

    live = 0

    def __init__(self, seen: list[Any] | None = None) -> None:
        Handler.live += 1
        self.seen = seen if seen is not None else []

    def __call__(self, event: Any) -> None:
        self.seen.append((event.Topic, event.Payload, event.Seq))

    def __del__(self) -> None:
        Handler.live -= 1


def test_go_calls_a_kept_handler_after_subscribe_returned(lib: Any) -> None:
    bus = lib.NewBus()
    seen: list[Any] = []
    first = bus.Subscribe("news", Handler(seen))  # no Python reference is left
    collect_both(lib)
    assert bus.Publish("news", "hello") == [] and bus.Publish("other", "x") == []
    assert bus.Publish("news", "again") == []
    assert seen == [("news", "hello", 1), ("news", "again", 3)]
    assert bus.Unsubscribe(first) is True and bus.Publish("news", "gone") == []
    assert len(seen) == 2


def test_many_goroutines_call_kept_handlers_at_once(lib: Any) -> None:
    bus = lib.NewBus()
    seen: list[Any] = []
    for _ in range(20):
        bus.Subscribe("t", lambda event: seen.append(event.Seq))
    for _ in range(10):
        assert bus.Publish("t", "p") == []
    assert sorted(seen) == sorted(list(range(1, 11)) * 20)


def test_dropped_callables_are_released_on_both_sides(lib: Any) -> None:
    class Dropped(Handler):
        live = 0

        def __init__(self) -> None:
            Dropped.live += 1

        def __del__(self) -> None:
            Dropped.live -= 1

    bus = lib.NewBus()
    collect_both(lib)
    kept = kept_count()
    for _ in range(100_000):
        bus.Unsubscribe(bus.Subscribe("t", Dropped()))
    deadline = time.monotonic() + 60
    while (Dropped.live or kept_count() > kept) and time.monotonic() < deadline:
        collect_both(lib)
    assert Dropped.live == 0 and kept_count() <= kept  # none left of 100,000


def test_a_kept_handler_stays_until_go_drops_it(lib: Any) -> None:
    seen: list[int] = []

    def double(n: int) -> int:
        seen.append(n)
        return n * 2

    lib.OnTick(double)
    alive = weakref.ref(double)
    del double  # only Go holds it now
    collect_both(lib)
    assert alive() is not None
    assert lib.Tick(21) == 42 and seen == [21]
    lib.DropTick()
    deadline = time.monotonic() + 30
    while alive() is not None and time.monotonic() < deadline:
        collect_both(lib)
    assert alive() is None


def test_an_exception_goes_to_unraisablehook_and_go_sees_an_error(
        lib: Any, unraisable: list[Any]) -> None:
    bus = lib.NewBus()
    boom = ValueError("boom")

    def fail(event: Any) -> None:
        raise boom

    bus.Subscribe("t", fail)
    bus.Subscribe("t", Handler())
    assert bus.Publish("t", "p") == ["ValueError: boom"]  # the other handler still ran
    assert len(unraisable) == 1 and unraisable[0].exc_value is boom
    message = f"{unraisable[0].err_msg} {unraisable[0].object}"
    assert "Subscribe() argument 'handler', a Python callable Go kept" in message


def test_without_an_error_result_go_gets_zero_values(lib: Any, unraisable: list[Any]) -> None:
    lib.OnTick(lambda n: 1 // n)
    assert lib.Tick(1) == 1 and lib.Tick(0) == 0
    assert [type(u.exc_value) for u in unraisable] == [ZeroDivisionError]
    assert "OnTick() argument 'f'" in f"{unraisable[0].err_msg} {unraisable[0].object}"
    lib.OnTick(lambda n: "not an int")  # a result of the wrong type: reported too
    assert lib.Tick(5) == 0
    assert "result of OnTick() argument 'f' must be an int" in str(unraisable[1].exc_value)
    lib.DropTick()


def test_a_kept_parameter_takes_only_callables_and_keeps_nothing_then(lib: Any) -> None:
    bus = lib.NewBus()
    kept = kept_count()
    with pytest.raises(TypeError, match="argument 'handler' must be callable, not int"):
        bus.Subscribe("t", 3)
    with pytest.raises(TypeError, match="argument 'topic' must be str"):
        bus.Subscribe(7, Handler())
    assert kept_count() == kept


def test_without_keep_a_late_call_fails_and_names_the_fix(lib: Any) -> None:
    lib.Remember(lambda n: None)
    late = lib.CallRemembered()
    assert "called after the call that passed it returned" in late
    assert "`//python:export keep=f`" in late


def test_without_keep_a_late_call_of_numbers_reaches_no_python(lib: Any) -> None:
    calls: list[int] = []

    def double(n: int) -> int:
        calls.append(n)
        return 2 * n

    assert lib.RememberNumber(double) == 40
    # A later call on the same thread, and one from another goroutine: neither may
    # reach the callable (its record is gone), and Go gets its zero value.
    assert lib.CallRememberedNumber(False) == 0
    assert lib.CallRememberedNumber(True) == 0
    assert calls == [20]


@pytest.mark.parametrize("elsewhere", [False, True])
def test_a_callback_with_an_error_result_answers_raises_and_is_checked(
        lib: Any, elsewhere: bool) -> None:
    assert lib.SumChecked(lambda i: 2 * i, 4, elsewhere) == 12

    seen: list[int] = []

    def third_fails(i: int) -> int:
        seen.append(i)
        if i == 2:
            raise KeyError("third")
        return i

    with pytest.raises(KeyError, match="third"):
        lib.SumChecked(third_fails, 5, elsewhere)
    assert seen == [0, 1, 2]  # Go got the error and stopped
    with pytest.raises(TypeError, match=r"result of SumChecked\(\) argument 'f' must be"):
        lib.SumChecked(lambda i: "two", 3, elsewhere)
    with pytest.raises(OverflowError, match=r"result of SumChecked\(\) argument 'f'"):
        lib.SumChecked(lambda i: 2**70, 3, elsewhere)


def run_script(project: Path, code: str, timeout: float) -> Any:
    prelude = f"import sys\nsys.path.insert(0, {str(project)!r})\n"
    return run([sys.executable, "-c", prelude + textwrap.dedent(code)], timeout=timeout)


def test_the_process_exits_cleanly_while_go_calls_a_kept_callable(project: Path) -> None:
    result = run_script(project, """
        import atexit, time
        def after_the_bindings_exit_handler():  # registered first: runs last
            print("after exit:", HammerError(), flush=True)
        atexit.register(after_the_bindings_exit_handler)
        from mypkg._bus_api import Hammer, HammerError
        calls = []
        def slow(i):
            calls.append(i)
            time.sleep(0.001)  # so that a call is in Python when the exit begins
        Hammer(slow)
        Hammer(slow)
        while len(calls) < 200:
            time.sleep(0.01)
        print("called", repr(HammerError()), flush=True)
    """, timeout=120)
    assert result.returncode == 0, result.output
    assert result.output.splitlines() == [
        "called ''",
        "after exit: setuptools-golang-ext: a Python callback was called while Python "
        "was exiting"], result.output


def test_keep_naming_no_func_parameter_is_a_build_error(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", {}, ext_modules='GoExtension("mypkg._bus", '
                                                               '"mypkg/go")')
    shutil.rmtree(root / "mypkg" / "go")
    shutil.copytree(FIXTURES / "bus", root / "mypkg" / "go")
    source = root / "mypkg" / "go" / "bus.go"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("keep=handler", "keep=handlr").replace(
        "//python:export keep=f\nfunc OnTick", "//python:export keep=f gil=hold\nfunc OnTick"),
        encoding="utf-8")
    result = build_inplace(root)
    assert result.returncode != 0
    assert "func (*Bus) Subscribe: keep=handlr: it has no func parameter of that name" \
        in result.output, result.output
    assert "gil=hold with a callback parameter" in result.output, result.output
