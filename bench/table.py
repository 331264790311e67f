"""The table of issue 19, run by bench/run.py: the same Go package
(project/benchpkg/table) called five ways, side by side in one run.

- this tool in ctypes mode (``benchpkg._table``) and in cpython mode
  (``benchpkg._table_fast``);
- a hand-written ctypes loader (handwritten_ctypes.py) and a hand-written
  limited-API C extension module (handwritten_capi.c, compiled here with the C
  compiler and linked against the same library), both over the package's plain
  C exports (the ``*H`` functions), which do the same Go work.

- gopy (bench/gopy_build.py), built from a local clone with a newer golang.org/x/tools,
  over the same Go file as a library package. Its column gives the reason instead
  of times when gopy cannot be built; ``--no-gopy`` (or ``GOEXT_BENCH_GOPY=0``)
  leaves it out.

Each row is the best of many short interleaved batches per implementation,
minus the cost of the empty ``lambda: None`` the loop calls (measured in the
same batches), so a ratio compares the calls themselves.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
from array import array
from pathlib import Path
from typing import Any

import gopy_build
from import_time import interleaved_import_ms

HERE = Path(__file__).resolve().parent
Row = tuple[str, float, str, bool]
IMPLEMENTATIONS = ("cpython mode", "ctypes mode", "hand-written ctypes", "hand-written C-API")
GOPY = "gopy"  # a fifth column, measured when gopy could be built
CALLBACKS = 1000  # Go calls the callable this many times per outer call
TEXT = "abcdefghijklmnopqrstuvwxyz012345"  # 32 characters
SUM = "Sum of 1,000 float64 in a buffer"


def build_capi(project: Path, workdir: Path) -> Path:
    """Compile handwritten_capi.c against the ctypes build's library; its directory."""
    library = next((project / "benchpkg").glob("_table.cpython-*"))
    out = workdir / "handwritten"
    out.mkdir()
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    compiler = os.environ.get("CC", "cc")
    subprocess.run([compiler, "-O2", "-shared", "-fPIC",
                    f"-I{sysconfig.get_paths()['include']}", str(HERE / "handwritten_capi.c"),
                    str(library), f"-Wl,-rpath,{library.parent}",
                    "-o", str(out / f"handwritten_capi{suffix}")],
                   check=True, env=dict(os.environ))
    return out


def implementations(project: Path, capi_dir: Path) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(capi_dir))
    import handwritten_capi  # type: ignore[import-not-found]
    import handwritten_ctypes

    from setuptools_golang_ext.runtime import load

    library = next((project / "benchpkg").glob("_table.cpython-*"))
    return dict(zip(IMPLEMENTATIONS, (load("benchpkg._table_fast"), load("benchpkg._table"),
                                      handwritten_ctypes.load(str(library)), handwritten_capi)))


def calls_of(module: Any) -> dict[str, Any]:
    """The table's rows as calls of ``module`` (each one a closure without arguments)."""
    point_class, new_point, numbers = module.Point, module.NewPoint, array("d", range(1000))
    p, q = new_point(1.0, 2.0), new_point(4.0, 6.0)
    add, reverse, total, calls = module.Add, module.Reverse, module.Sum, module.Calls
    names, counts = module.Names, module.Counts

    def identity(x: int) -> int:
        return x

    return {
        "Add(20, 22)": lambda: add(20, 22),
        "Reverse (32 chars)": lambda: reverse(TEXT),
        SUM: lambda: total(numbers),
        "Point(X=1.0, Y=2.0) create + drop": lambda: point_class(X=1.0, Y=2.0),
        "NewPoint(1.0, 2.0) create + drop": lambda: new_point(1.0, 2.0),
        "p.Dist(q)": lambda: p.Dist(q),
        "one callback from Go": lambda: calls(identity, CALLBACKS),
        "Names() -> 100 str": names,
        "Counts() -> dict of 100": counts,
    }


def check_same_answers(rows: dict[str, dict[str, Any]]) -> None:
    """Every implementation gives the same result for every row (the objects aside)."""
    for row, by_implementation in rows.items():
        if "Point" in row:
            continue
        answers = {name: call() for name, call in by_implementation.items()}
        first = answers[IMPLEMENTATIONS[0]]
        for name, answer in answers.items():
            if answer != first:
                raise SystemExit(f"{row}: {name} answered {answer!r}, not {first!r}")


def per_call(function: Any, calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - started) / calls


def best_times(by_implementation: dict[str, Any], batch_seconds: float = 0.002,
               batches: int = 60) -> dict[str, float]:
    """Seconds per call of each implementation, the best of ``batches`` interleaved
    batches, minus the empty lambda's cost."""
    functions = {**by_implementation, "empty": lambda: None}
    calls = {name: max(1, int(batch_seconds / max(per_call(f, 3), 1e-8)))
             for name, f in functions.items()}
    best = dict.fromkeys(functions, float("inf"))
    names = list(functions)
    for batch in range(batches):
        for name in names[batch % len(names):] + names[:batch % len(names)]:
            best[name] = min(best[name], per_call(functions[name], calls[name]))
    empty = best.pop("empty")
    return {name: seconds - empty for name, seconds in best.items()}


IMPORT_RUNS = 21


def import_packages(project: Path, capi_dir: Path, workdir: Path,
                    gopy_dir: Path | None) -> dict[str, str]:
    """One package per implementation (and an empty one), each of whose __init__
    loads its library as a user's package would; their names by implementation."""
    built = project / "benchpkg"
    library = next(built.glob("_table.cpython-*"))
    inits = {
        "empty package": ("", []),
        IMPLEMENTATIONS[0]: ("from setuptools_golang_ext.runtime import load\n"
                             "_lib = load(__name__ + '._table_fast')\n",
                             [*built.glob("_table_fast.abi3.*"), built / "_table_fast_api.json"]),
        IMPLEMENTATIONS[1]: ("from setuptools_golang_ext.runtime import load\n"
                             "_lib = load(__name__ + '._table')\n",
                             [library, built / "_table_api.json"]),
        IMPLEMENTATIONS[2]: (f"from . import handwritten_ctypes\n"
                             f"_lib = handwritten_ctypes.load({str(library)!r})\n",
                             [HERE / "handwritten_ctypes.py"]),
        IMPLEMENTATIONS[3]: ("from . import handwritten_capi\n",
                             list(capi_dir.glob("handwritten_capi*"))),
    }
    if gopy_dir is not None:  # gopy's package, copied whole: its __init__ loads nothing
        inits[GOPY] = (f"from .{gopy_build.PACKAGE} import benchgopy as _lib\n", [gopy_dir])
    names = {}
    for index, (implementation, (init, files)) in enumerate(inits.items()):
        package = workdir / f"table_import_{index}"
        package.mkdir()
        for path in files:
            if path.is_dir():
                shutil.copytree(path, package / path.name)
            else:
                (package / path.name).write_bytes(path.read_bytes())
        (package / "__init__.py").write_text(init)
        names[implementation] = package.name
    return names


def import_times(packages: dict[str, str], workdir: Path) -> dict[str, float]:
    """Median ms of each package's import (-X importtime, cumulative), over bare Python."""
    import setuptools_golang_ext

    root = Path(setuptools_golang_ext.__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(workdir)])}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # installed packages import from bytecode
    runs = interleaved_import_ms(packages, env, IMPORT_RUNS)
    return {name: sorted(times)[len(times) // 2] for name, times in runs.items()}


FIRST_USE = """
import sys, time
package = __import__(sys.argv[1])
started = time.perf_counter()
package._lib.Point  # not C-covered yet: its first use attaches the ctypes layer
print((time.perf_counter() - started) * 1000)
"""


def first_use_line(package: str, workdir: Path) -> str:
    """What the import no longer pays in cpython mode: the first use of a name its C
    does not cover (median of 11 fresh processes). Not a target, said for honesty."""
    import setuptools_golang_ext

    root = Path(setuptools_golang_ext.__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(workdir)])}
    runs = sorted(float(subprocess.run([sys.executable, "-S", "-c", FIRST_USE, package],
                                       env=env, check=True, capture_output=True,
                                       text=True).stdout) for _ in range(11))
    return (f"cpython mode: the first use of a name the C module does not cover "
            f"(`_lib.Point`, which attaches the ctypes layer) took {runs[5]:.1f} ms.")


CREATE_AND_DROP = """
import gc, sys, time
sys.path.insert(0, sys.argv[1])
from setuptools_golang_ext.runtime import load
new = load(sys.argv[2]).NewPoint

def rss_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))

def cycles(n):
    for _ in range(n):
        new(1.0, 2.0)
    gc.collect()

cycles(100_000)
before = rss_kib()
cycles(1_000_000)
print(rss_kib() - before)
"""


def memory_rows(project: Path) -> list[Row]:
    """RSS growth over 1,000,000 NewPoint objects created and dropped, each mode."""
    if not Path("/proc/self/status").is_file():
        return []
    rows = []
    for mode, module in (("cpython", "benchpkg._table_fast"), ("ctypes", "benchpkg._table")):
        out = subprocess.run([sys.executable, "-c", CREATE_AND_DROP, str(project), module],
                             check=True, capture_output=True, text=True, env=dict(os.environ))
        mib = int(out.stdout) / 1024
        rows.append((f"1,000,000 Points created and dropped, {mode} mode: RSS growth (MiB)",
                     mib, "< 5", mib < 5))
    return rows


def target_rows(times: dict[str, dict[str, float]]) -> list[Row]:
    """The issue's targets: cpython mode within 2x the C-API module and faster than
    gopy, ctypes mode within 1.5x hand-written ctypes, one callback at most 1 us in
    cpython mode."""
    rows: list[Row] = []
    for row, by in times.items():
        ratio = by["cpython mode"] / by["hand-written C-API"]
        rows.append((f"{row}: cpython mode / hand-written C-API", ratio, "<= 2", ratio <= 2))
        ratio = by["ctypes mode"] / by["hand-written ctypes"]
        rows.append((f"{row}: ctypes mode / hand-written ctypes", ratio, "<= 1.5",
                     ratio <= 1.5))
        if GOPY in by:
            ratio = by["cpython mode"] / by[GOPY]
            rows.append((f"{row}: cpython mode / gopy", ratio, "< 1", ratio < 1))
    if "one callback from Go" in times:
        callback_us = times["one callback from Go"]["cpython mode"] * 1e6
        rows.append(("one callback from Go, cpython mode (us)", callback_us, "<= 1",
                     callback_us <= 1))
    return rows


def markdown(times: dict[str, dict[str, float]], imports: dict[str, float],
             gopy_note: str) -> list[str]:
    """The side-by-side table: absolute times, gopy's (or why it is not measured)
    and the ratios of the targets."""
    lines = ["| per call | " + " | ".join(IMPLEMENTATIONS)
             + " | gopy | cpython / C-API (<= 2) | ctypes / hand ctypes (<= 1.5) "
             "| cpython / gopy (< 1) |",
             "|---" * (len(IMPLEMENTATIONS) + 5) + "|"]
    for row, by in times.items():
        cells = [_duration(by[name]) for name in (*IMPLEMENTATIONS, GOPY) if name in by]
        lines.append(f"| {row} | " + " | ".join(cells) + _unmeasured(by)
                     + f" | {by[IMPLEMENTATIONS[0]] / by[IMPLEMENTATIONS[3]]:.2f} "
                     f"| {by[IMPLEMENTATIONS[1]] / by[IMPLEMENTATIONS[2]]:.2f} | "
                     + (f"{by[IMPLEMENTATIONS[0]] / by[GOPY]:.2f} |" if GOPY in by else "|"))
    over = {name: ms - imports["empty package"] for name, ms in imports.items()}
    cells = [f"{over[name]:.1f} ms" for name in (*IMPLEMENTATIONS, GOPY) if name in over]
    lines.append("| import, ms over an empty package (cpython mode <= 5) | "
                 + " | ".join(cells) + _unmeasured(over) + " | | | "
                 + (f"{over[IMPLEMENTATIONS[0]] / over[GOPY]:.2f} |" if GOPY in over else "|"))
    lines.append(f"\ngopy: {gopy_note}")
    return lines


def _unmeasured(by: dict[str, float]) -> str:
    return "" if GOPY in by else " | not measured (see below)"


def _duration(seconds: float) -> str:
    return f"{seconds * 1e9:.0f} ns" if seconds < 1e-6 else f"{seconds * 1e6:.2f} us"


def gopy_column(project: Path, workdir: Path,
                wanted: bool) -> tuple[dict[str, Any] | None, Path | None, str]:
    """gopy's calls, its package directory (for the import row) and the note under
    the table: what its rows measure, or why it has none."""
    if not wanted:
        return None, None, "not measured: skipped (--no-gopy or GOEXT_BENCH_GOPY=0)."
    table_go = project / "benchpkg" / "table" / "table.go"
    try:
        module, go, built_from = gopy_build.load(table_go, workdir)
    except gopy_build.Unavailable as error:
        return None, None, f"not measured: {error}"
    calls = {**gopy_build.calls_of(module, go, TEXT, CALLBACKS),
             PREBUILT_SUM: gopy_build.prebuilt_sum(module, go)}
    note = (f"gopy {built_from} with golang.org/x/tools {gopy_build.XTOOLS}, over "
            "the same Go file as a library package. gopy takes no buffer or list for "
            "`[]float64`: its Sum row copies the buffer into a `go.Slice_float64` on each "
            "call (the line below times the call on a slice made once). `Names()` and "
            "`Counts()` return Go-side handles: the rows read them into a `list` of 100 "
            "`str` and a `dict`, the values the other columns return.")
    return calls, Path(module.__file__).parent, note


# Not a row of the table: gopy's Sum on a slice it made once, timed against cpython
# mode's Sum of the buffer, so that the copy is not what decides the target.
PREBUILT_SUM = "Sum of 1,000 float64, gopy's slice made once"


def prebuilt_sum(cpython_sum: Any, gopy_sum: Any) -> tuple[list[Row], list[str]]:
    """cpython mode's Sum of the buffer against gopy's call alone: target and line."""
    times = best_times({"cpython mode": cpython_sum, GOPY: gopy_sum})
    ratio = times["cpython mode"] / times[GOPY]
    return ([(f"{PREBUILT_SUM}: cpython mode / gopy", ratio, "< 1", ratio < 1)],
            [f"{PREBUILT_SUM}: gopy {_duration(times[GOPY])}, cpython mode (the buffer) "
             f"{_duration(times['cpython mode'])}, ratio {ratio:.2f}."])


def run(project: Path, workdir: Path, with_gopy: bool = True,
        only: str | None = None) -> tuple[list[Row], list[str]]:
    """Measure the table: the target rows for report() and the markdown table; with
    ``only``, just the rows whose names contain it (any case; "import", "Points")."""
    capi_dir = build_capi(project, workdir)
    by_implementation = {name: calls_of(module)
                         for name, module in implementations(project, capi_dir).items()}
    gopy_calls, gopy_dir, gopy_note = gopy_column(project, workdir, with_gopy)
    extra: tuple[list[Row], list[str]] = ([], [])
    if gopy_calls is not None:
        gopy_sum = gopy_calls.pop(PREBUILT_SUM)
        by_implementation[GOPY] = gopy_calls
        extra = prebuilt_sum(by_implementation[IMPLEMENTATIONS[0]][SUM], gopy_sum)
    rows = {row: {name: calls[row] for name, calls in by_implementation.items()}
            for row in by_implementation[IMPLEMENTATIONS[0]]}
    if only is not None:
        return _only_rows(rows, only, project, capi_dir, workdir), []
    check_same_answers(rows)
    times = _call_times(rows)
    packages = import_packages(project, capi_dir, workdir, gopy_dir)
    imports = import_times(packages, workdir)
    lines = [*markdown(times, imports, gopy_note), *extra[1],
             first_use_line(packages[IMPLEMENTATIONS[0]], workdir)]
    print("\n".join(lines))
    return [*target_rows(times), *extra[0], *import_rows(imports), *memory_rows(project)], lines


def import_rows(imports: dict[str, float]) -> list[Row]:
    """The cpython-mode import: at most 5 ms over an empty package, and under gopy's."""
    over = imports[IMPLEMENTATIONS[0]] - imports["empty package"]
    rows: list[Row] = [("import of the cpython-mode package: ms over an empty package", over,
                        "<= 5", over <= 5)]
    if GOPY in imports:
        ratio = over / (imports[GOPY] - imports["empty package"])
        rows.append(("import: cpython mode / gopy, ms over an empty package", ratio, "< 1",
                     ratio < 1))
    return rows


def _call_times(rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    times = {row: best_times(calls) for row, calls in rows.items()}
    if "one callback from Go" in times:  # Go called the callable CALLBACKS times
        callbacks = times["one callback from Go"]
        for name in callbacks:
            callbacks[name] /= CALLBACKS
    return times


def _only_rows(rows: dict[str, dict[str, Any]], only: str, project: Path, capi_dir: Path,
               workdir: Path) -> list[Row]:
    """The target rows of the calls, the import and the memory rows matching ``only``."""
    chosen = {row: calls for row, calls in rows.items() if only.lower() in row.lower()}
    check_same_answers(chosen)
    times = _call_times(chosen)
    for row, by in times.items():
        print(f"{row}: " + ", ".join(f"{name} {_duration(time)}" for name, time in by.items()))
    result = [r for r in target_rows(times) if only.lower() in r[0].lower()] if times else []
    if only.lower() in "import of the cpython-mode package":
        imports = import_times(import_packages(project, capi_dir, workdir, None), workdir)
        over = imports[IMPLEMENTATIONS[0]] - imports["empty package"]
        print(", ".join(f"{name} {imports[name] - imports['empty package']:.1f} ms"
                        for name in IMPLEMENTATIONS) + " (import, over an empty package)")
        result.append(("import of the cpython-mode package: ms over an empty package", over,
                       "<= 5", over <= 5))
    result += [r for r in memory_rows(project) if only.lower() in r[0].lower()] \
        if "points" in only.lower() else []
    if not result:
        raise SystemExit(f"bench/run.py --only {only!r}: no row of the table contains it; "
                         f"rows: {', '.join(rows)}, import, Points")
    return result
