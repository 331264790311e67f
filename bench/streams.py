"""Streams: iterating Go sequences and channels from Python (issue 22).

``.venv/bin/python bench/streams.py`` (bench/run.py runs it too): builds
tests/projects/streams in both binding modes and times iterating 1,000,000 ints
(``for item in ...: pass``, best of 5 runs each):

- from an ``iter.Seq[int]`` result (``Count``), per item, target <= 300 ns in
  cpython mode;
- from a buffered ``<-chan int`` whose producer goroutine honours its context
  (``Produce``);
- against a Python ``list(range(n))`` and against a ``[]int`` result (``Ints``,
  an ``array.array``), which are iterated after being made in one piece;

the per-item cost of parameters fed from Python while Go runs (200,000 ints,
best of 3): a ``range`` for an ``iter.Seq[int]`` (``SumSeq``) and a ``<-chan int``
(``SumChan``), and a list receiving what Go sends on a ``chan<- int``
(``SendCount``); and a 64 MiB ``[]byte`` result (the same Go slice every call) copied, as by
default, against ``//python:export nocopy=result`` (a memoryview of the Go
memory), target >= 20x faster.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

Row = tuple[str, float, str, bool]  # as in run.py
HERE = Path(__file__).resolve().parent
STREAMS_GO = HERE.parent / "tests" / "projects" / "streams" / "streams.go"
ITEMS = 1_000_000
PARAM_ITEMS = 200_000
TARGET_NS = 300
TARGET_VIEW = 20
PARAMETERS = ("iter.Seq[int] from range()", "<-chan int from range()",
              "chan<- int into a list")

SETUP = """from setuptools import setup
from setuptools_golang_ext import GoExtension
setup(name="streampkg", packages=["streampkg"], ext_modules=[
    GoExtension("streampkg._native", "streampkg/go"),
    GoExtension("streampkg._fast", "streampkg/gofast", bindings="cpython")])
"""

TIMING = r"""
import sys, time
from setuptools_golang_ext.runtime import load
lib = load(sys.argv[1])
n = int(sys.argv[2])

def best(make):
    times = []
    for _ in range(5):
        started = time.perf_counter()
        for _item in make():
            pass
        times.append(time.perf_counter() - started)
    return min(times) / n * 1e9

def fastest(call, size, runs=7):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call(size)
        times.append(time.perf_counter() - started)
    return min(times)

def per_param_item(call, size):
    return fastest(call, size, 3) / size * 1e9

print(best(lambda: lib.Count(n)), best(lambda: lib.Produce(n)),
      best(lambda: list(range(n))), best(lambda: lib.Ints(n)),
      fastest(lib.PresetCopied, 64 << 20) / fastest(lib.Preset, 64 << 20),
      per_param_item(lambda size: lib.SumSeq(range(size)), int(sys.argv[3])),
      per_param_item(lambda size: lib.SumChan(range(size)), int(sys.argv[3])),
      per_param_item(lambda size: lib.SendCount([], size), int(sys.argv[3])))
"""


def build(workdir: Path) -> Path:
    project = workdir / "streams"
    for directory in ("go", "gofast"):
        package = project / "streampkg" / directory
        package.mkdir(parents=True)
        shutil.copy(STREAMS_GO, package / "streams.go")
        (package / "go.mod").write_text("module example.com/streams\n\ngo 1.23\n")
    (project / "streampkg" / "__init__.py").write_text("")
    (project / "setup.py").write_text(SETUP)
    subprocess.run([sys.executable, "setup.py", "-q", "build_ext", "--inplace"], cwd=project,
                   env=dict(os.environ), check=True, stdout=subprocess.DEVNULL)
    return project


def stream_rows(workdir: Path) -> list[Row]:
    project = build(workdir)
    rows: list[Row] = []
    for mode, module in (("ctypes", "streampkg._native"), ("cpython", "streampkg._fast")):
        timed = subprocess.run([sys.executable, "-c", TIMING, module, str(ITEMS),
                                str(PARAM_ITEMS)],
                               cwd=project, check=True, capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(project)})
        seq, chan, python, ints, copied, *params = map(float, timed.stdout.split())
        target = f"<= {TARGET_NS}" if mode == "cpython" else "(none)"
        rows += [
            (f"{mode}: iter.Seq[int], ns per item", seq, target,
             mode != "cpython" or seq <= TARGET_NS),
            (f"{mode}: buffered <-chan int, ns per item", chan, "(none)", True),
            (f"{mode}: iter.Seq[int] / list(range(n)) iteration (time)", seq / python,
             "(none)", True),
            (f"{mode}: <-chan int / list(range(n)) iteration (time)", chan / python,
             "(none)", True),
            (f"{mode}: iter.Seq[int] / []int result iteration (time)", seq / ints,
             "(none)", True),
            (f"{mode}: 64 MiB []byte result, copied / nocopy=result (time)", copied,
             f">= {TARGET_VIEW}", copied >= TARGET_VIEW),
        ]
        rows += [(f"{mode}: {kind} parameter, ns per item", cost, "(none)", True)
                 for kind, cost in zip(PARAMETERS, params)]
    return rows


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="goext-bench-streams-") as workdir:
        rows = stream_rows(Path(workdir))
    for name, value, target, ok in rows:
        print(f"{name:60} {value:10.2f}  {target:8} {'ok' if ok else 'MISSED'}")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
