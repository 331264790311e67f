"""Streams (issue 22): ``iter.Seq``, ``iter.Seq2`` and channel results are Python
iterators in both binding modes; leaving one early stops the Go side (yield returns
false, the call's context is cancelled) and leaves no goroutine behind.

One project, built once, holds the same Go package twice: as a ctypes-mode and as
a cpython-mode extension. One script per mode runs every scenario and prints what
it saw; the tests read that."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from ..helpers import build_inplace, run, write_project

STREAMS_GO = Path(__file__).parents[1] / "projects" / "streams" / "streams.go"
GO_MOD = "module example.com/streams\n\ngo 1.23\n"
EXTENSIONS = ('GoExtension("mypkg._native", "mypkg/go"), '
              'GoExtension("mypkg._fast", "mypkg/gofast", bindings="cpython")')
MODULES = {"ctypes": "mypkg._native", "cpython": "mypkg._fast"}
# The scripts time overlapping async calls and send Ctrl-C: no other test beside them.
pytestmark = pytest.mark.alone

SCRIPT = r'''
import asyncio, ctypes, gc, json, os, sys, time
from setuptools_golang_ext.runtime import GoError, GoPanic, load
lib = load(sys.argv[1])
seen = {}

def settled(baseline):
    """The goroutine count once it is back at baseline (or after a second)."""
    for _ in range(100):
        if lib.Goroutines() <= baseline:
            break
        time.sleep(0.01)
    return lib.Goroutines()

def after(stopped):
    """[sequences stopped since ``stopped``, goroutines], once the goroutines settled."""
    goroutines = settled(baseline)
    return [lib.Stopped() - stopped, goroutines]

def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

seen["items"] = [list(lib.Count(5)), list(lib.Halves(3)), list(lib.Pairs(["a", "b"])),
                 [sorted(g.items()) for g in lib.Groups(2)], sorted(lib.Buffered(3)),
                 list(lib.Checked(False))]
seen["type"] = type(lib.Count(1)).__name__
list(lib.Ticks(3))  # the runtime's own goroutines start before the baseline
baseline = settled(0)
seen["baseline"] = baseline

stopped = lib.Stopped()
for item in lib.Count(10**9):
    if item == 100:
        break
seen["break"] = after(stopped)

stopped = lib.Stopped()
try:
    for name, index in lib.Pairs(["x"] * 1000):
        if index == 3:
            raise KeyError("in the loop body")
except KeyError:
    pass
seen["exception"] = after(stopped)

stopped = lib.Stopped()
ticks = lib.Ticks(-1)
seen["ticks"] = [next(ticks), next(ticks), next(ticks)]
del ticks  # dropping it cancels the context: the producer goroutine returns
seen["dropped"] = after(stopped)

stopped = lib.Stopped()
with lib.Ticks(-1) as ticks:
    next(ticks)
seen["closed"] = [*after(stopped), list(ticks)]

import threading
stopped = lib.Stopped()
shared = lib.Ticks(-1)
taken = []
reader = threading.Thread(target=lambda: taken.extend(shared))
reader.start()
while len(taken) < 3:
    time.sleep(0.01)
shared.close()  # from another thread than the one waiting for items
reader.join(10)
seen["closed from a thread"] = [reader.is_alive(), *after(stopped)]
del shared

unstarted = lib.Count(10)
del unstarted
seen["unstarted"] = settled(baseline)

try:
    list(lib.Boom(3))
except GoPanic as exc:
    seen["panic"] = str(exc).splitlines()[0]
try:
    lib.Checked(True)
except GoError as exc:
    seen["error"] = str(exc)
seen["after failures"] = settled(baseline)

async def gather():
    async def one():
        return [word async for word in lib.Slow(5)]
    return await asyncio.gather(*(one() for _ in range(4)))
seen["async"] = asyncio.run(gather())

for _ in lib.Count(200_000):
    pass
before = rss()
total = 0
for item in lib.Count(1_000_000):
    total += item
gc.collect()
seen["million"] = [total, rss() - before, settled(baseline)]
async def fetches():
    started = time.perf_counter()
    urls = await asyncio.gather(*(lib.Fetch(f"u{i}", 300) for i in range(20)))
    overlapped = time.perf_counter() - started
    cancelled = lib.Cancelled()
    task = asyncio.ensure_future(lib.Fetch("slow", 60_000))
    await asyncio.sleep(0.05)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    try:
        await asyncio.wait_for(lib.Fetch("slow", 60_000), 0.1)
    except asyncio.TimeoutError:
        pass
    for _ in range(100):
        if lib.Cancelled() - cancelled == 2:
            break
        await asyncio.sleep(0.01)
    failures = []
    for panics in (False, True):
        try:
            await lib.Explode(panics)
        except (GoError, GoPanic) as exc:
            failures.append([type(exc).__name__, str(exc).splitlines()[0]])
    return [urls == [f"u{i}" for i in range(20)], overlapped, lib.Cancelled() - cancelled,
            failures]
import inspect
seen["async calls"] = [inspect.iscoroutinefunction(lib.Fetch), *asyncio.run(fetches())]
seen["async goroutines"] = settled(baseline)

seen["params"] = [lib.SumSeq(range(5)), lib.SumSeq(x for x in (1, 2, -1, 5)), lib.SumSeq([]),
                  lib.Join(iter(["a", "b"])), lib.Join({"k": 1}.keys())]
bad = []
for call in (lambda: lib.SumSeq(5), lambda: lib.SumSeq("12"), lambda: lib.SumSeq(["x"]),
             lambda: lib.SumSeq([1] * 20 + ["x"])):
    try:
        call()
    except TypeError as exc:
        bad.append(str(exc))
seen["bad params"] = bad

def endless(pulled):
    item = 0
    while True:
        pulled.append(item)
        yield item
        item += 1

def failing(items):
    yield from items
    raise ValueError("the iterator failed")

lazy = []
for take in (lib.FirstOf, lib.FirstFrom):
    pulled = []
    taken = list(take(endless(pulled), 5))
    lazy.append([taken, len(pulled), settled(baseline)])
for call in (lambda: lib.SumSeq(failing([1, 2])), lambda: lib.Join(failing(["a"]))):
    try:
        call()
    except ValueError as exc:
        lazy.append([str(exc), settled(baseline)])
seen["lazy"] = lazy

received, halves = [], []
lib.SendCount(received, 10_000)
lib.Halving(halves.append, 3)
sink = [received == list(range(10_000)), halves, settled(baseline)]
def refuse(item):
    raise KeyError(item)
for target in (refuse, 5):
    try:
        lib.SendCount(target, 10)
    except (KeyError, TypeError) as exc:
        sink.append(str(exc))
sink.append(settled(baseline))
seen["sink"] = sink

import signal, threading
# Python's own handler, as in a terminal: a shell that starts the tests in the
# background hands them SIGINT ignored, and Python then installs none.
signal.signal(signal.SIGINT, signal.default_int_handler)
stopped = lib.Stopped()
threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()
started = time.perf_counter()
silent = lib.Silent()
guard = threading.Timer(5, silent.close)  # without the fix, the receive would never end
guard.start()
try:
    for _ in silent:
        pass
    seen["ctrl-c"] = "not interrupted"
except KeyboardInterrupt:
    seen["ctrl-c"] = [time.perf_counter() - started < 5, *after(stopped)]
guard.cancel()
del silent

async def methods():
    fetcher = lib.Fetcher(Prefix="p-")
    got = await asyncio.gather(*(fetcher.Get(f"k{i}", 200) for i in range(5)))
    cancelled = lib.Cancelled()
    try:
        await asyncio.wait_for(fetcher.Get("slow", 60_000), 0.1)
    except asyncio.TimeoutError:
        pass
    for _ in range(100):
        if lib.Cancelled() > cancelled:
            break
        await asyncio.sleep(0.01)
    return [inspect.iscoroutinefunction(lib.Fetcher.Get), got, lib.Cancelled() - cancelled]
seen["async method"] = [*asyncio.run(methods()), settled(baseline)]

view = lib.Samples(4)
address = ctypes.addressof(ctypes.c_char.from_buffer(view))
seen["view"] = [type(view).__name__, memoryview(view).format, view.tolist(),
                address == lib.LastAddress(), memoryview(lib.Blob(2)).format,
                list(lib.Blob(2)), type(lib.BlobCopied(2)).__name__, len(lib.Samples(0))]
try:
    import numpy
    array = numpy.asarray(lib.Samples(3))
    seen["numpy"] = [array.tolist(), array.ctypes.data == lib.LastAddress()]
except ImportError:
    seen["numpy"] = "not installed"
del view
for _ in range(200):
    lib.Blob(1 << 16)
gc.collect()
before = rss()
for _ in range(10_000):
    kept = lib.Blob(1 << 16)  # 625 MiB in all, if Go kept every one pinned
del kept
gc.collect()
seen["buffers"] = rss() - before
print(json.dumps(seen))
'''


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("streams")
    files = {f"mypkg/{d}/go.mod": GO_MOD for d in ("go", "gofast")}
    project = write_project(root, files, ext_modules=EXTENSIONS)
    for directory in ("go", "gofast"):
        shutil.copy(STREAMS_GO, project / "mypkg" / directory / "streams.go")
    build_inplace(project).check()
    return project


@pytest.fixture(scope="module", params=sorted(MODULES))
def seen(request: pytest.FixtureRequest, project: Path) -> dict[str, Any]:
    result = run([sys.executable, "-c", SCRIPT, MODULES[request.param]], cwd=project).check()
    return json.loads(result.output.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_stream_results_are_iterators_of_their_items(seen: dict[str, Any]) -> None:
    assert seen["items"] == [[0, 1, 2, 3, 4], [0.0, 0.5, 1.0], [["a", 0], ["b", 1]],
                             [[[0, ["x"]]]] and [[[0, ["x"]]], [[1, ["x"]]]],
                             [0, 1, 2], []]
    assert seen["type"] == "GoIterator"


def test_breaking_out_makes_yield_return_false_and_leaves_no_goroutine(
        seen: dict[str, Any]) -> None:
    assert seen["break"] == [1, seen["baseline"]]


def test_an_exception_in_the_loop_body_stops_the_sequence(seen: dict[str, Any]) -> None:
    assert seen["exception"] == [1, seen["baseline"]]


def test_dropping_or_closing_a_channel_cancels_its_context(seen: dict[str, Any]) -> None:
    assert seen["ticks"] == [0, 1, 2]
    assert seen["dropped"] == [1, seen["baseline"]]
    assert seen["closed"] == [1, seen["baseline"], []]
    assert seen["unstarted"] == seen["baseline"]
    assert seen["closed from a thread"] == [False, 1, seen["baseline"]]


def test_go_panics_and_errors_raise_as_for_other_calls(seen: dict[str, Any]) -> None:
    assert seen["panic"] == "boom after the items"
    assert seen["error"] == "no sequence"
    assert seen["after failures"] == seen["baseline"]


def test_async_for_over_channels_in_one_event_loop(seen: dict[str, Any]) -> None:
    assert seen["async"] == [["w"] * 5] * 4


def test_a_million_items_leave_memory_flat(seen: dict[str, Any]) -> None:
    total, grown, goroutines = seen["million"]
    assert total == 999_999 * 1_000_000 // 2
    assert grown < 8 * 2**20, f"RSS grew by {grown} bytes"
    assert goroutines == seen["baseline"]


BAD_GO = """package bad

import "iter"

//python:export
func Waves() <-chan complex128 { return nil }

//python:export
func Sink(out chan<- complex128) {}

//python:export
func Give(s iter.Seq2[int, int]) int { return 0 }

//python:export nocopy=results
func Data() []byte { return nil }

//python:export nocopy=result
func Name() string { return "" }

//python:export async
func Later(url string) string { return url }

//python:export
var Events chan int
"""


def test_what_cannot_work_is_a_build_error_with_file_and_line(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"mypkg/go/bad.go": BAD_GO, "mypkg/go/go.mod": GO_MOD})
    output = build_inplace(project).output
    assert "7 //python:export declaration(s) cannot be bound" in output
    assert "bad.go:24: //python:export var Events: it has type chan int" in output
    assert ("bad.go:6: //python:export func Waves: result 1 has type <-chan complex128: "
            "its items (complex128) cannot cross") in output
    assert ("bad.go:9: //python:export func Sink: parameter out has type chan<- complex128: "
            "its items (complex128) cannot cross") in output
    assert ("bad.go:12: //python:export func Give: parameter s has type iter.Seq2[int, int]: "
            "an iter.Seq2 parameter is not supported") in output
    assert "bad.go:15: //python:export func Data: nocopy=results: say nocopy=result" in output
    assert ("bad.go:18: //python:export func Name: nocopy=result: it has no []byte or "
            "numeric slice result") in output
    assert ("bad.go:21: //python:export func Later: async: the function must take a "
            "context.Context first") in output


def test_nocopy_results_are_views_of_go_memory(seen: dict[str, Any]) -> None:
    assert seen["view"] == ["memoryview", "d", [0.0, 0.5, 1.0, 1.5], True, "B",
                            [7, 7], "bytes", 0]
    if seen["numpy"] != "not installed":
        assert seen["numpy"] == [[0.0, 0.5, 1.0], True]


def test_ten_thousand_views_dropped_leave_memory_flat(seen: dict[str, Any]) -> None:
    assert seen["buffers"] < 64 * 2**20, f"RSS grew by {seen['buffers']} bytes"


def test_async_functions_overlap_and_cancelling_the_task_cancels_go(
        seen: dict[str, Any]) -> None:
    coroutine_function, results, overlapped, cancelled, failures = seen["async calls"]
    assert coroutine_function and results
    assert overlapped < 20 * 0.3 / 4, f"20 calls of 0.3 s took {overlapped:.2f} s"
    assert cancelled == 2  # task.cancel() and wait_for's timeout
    assert failures == [["GoError", "async failure"], ["GoPanic", "async boom"]]
    assert seen["async goroutines"] == seen["baseline"]


def test_sequence_and_channel_parameters_take_any_iterable(seen: dict[str, Any]) -> None:
    assert seen["params"] == [10, 3, 0, "ab", "k"]
    assert seen["bad params"][:2] == [
        "SumSeq() argument 'items' must be an iterable of Go int items, not int",
        "SumSeq() argument 'items' must be an iterable of Go int items, not str"]
    assert seen["bad params"][2].startswith("SumSeq() argument 'items'")
    # the index in the whole iterable, not in the batch Go pulled it in
    assert seen["bad params"][3] == "SumSeq() argument 'items'[20] must be an int (Go int), not str"


def test_parameters_pull_from_the_iterable_as_go_consumes_it(seen: dict[str, Any]) -> None:
    baseline = seen["baseline"]
    # Batches of 1, 2 and 4: five items taken pull seven from the endless generator;
    # a channel runs ahead by its buffer of 64 and a batch more.
    sequence, channel = seen["lazy"][:2]
    assert sequence == [[0, 1, 2, 3, 4], 7, baseline]
    assert channel[0] == [0, 1, 2, 3, 4] and 5 <= channel[1] <= 5 + 64 + 128
    assert channel[2] == baseline
    assert seen["lazy"][2:] == [["the iterator failed", baseline],
                            ["the iterator failed", baseline]]


def test_send_only_channel_parameters_deliver_what_go_sends(seen: dict[str, Any]) -> None:
    baseline = seen["baseline"]
    assert seen["sink"] == [
        True, [0.0, 0.5, 1.0], baseline, "0",
        "SendCount() argument 'out' must be a list (or any object with append) or a "
        "callable, which receives the Go int items sent on the channel, not int", baseline]


def test_ctrl_c_ends_a_blocking_channel_receive_and_cancels_the_producer(
        seen: dict[str, Any]) -> None:
    assert seen["ctrl-c"] == [True, 1, seen["baseline"]]


def test_async_methods_are_coroutine_functions_cancelled_with_their_task(
        seen: dict[str, Any]) -> None:
    assert seen["async method"] == [True, [f"p-k{i}" for i in range(5)], 1, seen["baseline"]]
