"""gopy in the issue-19 table (bench/table.py): the table's Go package bound by
gopy, built offline from a local gopy clone.

gopy pins golang.org/x/tools v0.16.0, which does not build with Go 1.26, and the
module proxy does not serve gopy itself here. So the bench builds gopy from a
local clone (``GOEXT_BENCH_GOPY_SOURCE``: a bare git directory or a source tree;
by default the mirror at DEFAULT_SOURCE) with x/tools raised to XTOOLS, plus
``goimports`` and a venv holding ``pybindgen``, which gopy runs at build time.
They are cached under ``$XDG_CACHE_HOME/goext-bench`` (one directory per gopy
commit and x/tools version) and reused by later runs. The first run needs the
module proxy for x/tools and PyPI for pybindgen; later runs need neither.

Anything that fails makes ``Unavailable`` with the reason and the command's
output, which the table prints in gopy's column: the bench runs without gopy.
"""

from __future__ import annotations

import os
import shutil
import sys
import tarfile
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from setuptools_golang_ext._run import run_command

DEFAULT_SOURCE = Path("/work/.mirror/go-python+gopy/repo")
XTOOLS = "v0.52.0"  # the newest golang.org/x/tools the proxy served that builds gopy
PYBINDGEN = "pybindgen==0.22.1"
PACKAGE = "gopy_benchpkg"  # gopy's output directory: the Python package it writes


class Unavailable(Exception):
    """gopy could not be built or its module not made: the message says why."""


@dataclass(frozen=True)
class Tools:
    source: Path  # gopy's source tree (its gopyh package is imported by the bindings)
    bin: Path  # gopy and goimports
    python: Path  # the venv's interpreter, with pybindgen
    built_from: str  # gopy's commit and clone, for the table's note


def _run(args: list[str], what: str, cwd: Path | None = None,
         env: dict[str, str] | None = None) -> str:
    try:
        done = run_command(args, env=env or dict(os.environ), cwd=cwd, quiet=True)
    except OSError as error:
        raise Unavailable(f"{what}: {error}") from None
    if done.returncode != 0:
        tail = " ".join(line.strip() for line in done.output.splitlines()[-8:])
        raise Unavailable(f"{what} failed (exit {done.returncode}): {tail}")
    return done.stdout


def _go_env(tools_bin: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "GOFLAGS": "-mod=mod"}  # gopy's module and ours are edited
    if tools_bin is not None:  # gopy runs goimports from PATH
        env["PATH"] = os.pathsep.join([str(tools_bin), env.get("PATH", "")])
    return env


def _source() -> tuple[Path, str]:
    """gopy's location and its version (the git commit, or 'tree' for a source tree)."""
    source = Path(os.environ.get("GOEXT_BENCH_GOPY_SOURCE", DEFAULT_SOURCE))
    if (source / "go.mod").is_file():
        return source, "tree"
    if not (source / "HEAD").is_file():
        raise Unavailable(f"no gopy clone at {source} (set GOEXT_BENCH_GOPY_SOURCE to a "
                          "gopy git directory or source tree)")
    commit = _run(["git", f"--git-dir={source}", "rev-parse", "HEAD"], "reading gopy's commit")
    return source, commit.strip()[:12]


def _unpack(source: Path, version: str, into: Path) -> None:
    if version == "tree":
        shutil.copytree(source, into, ignore=shutil.ignore_patterns(".git"))
        return
    archive = into.parent / "gopy.tar"
    _run(["git", f"--git-dir={source}", "archive", "-o", str(archive), "HEAD"],
         "unpacking gopy's source")
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    archive.unlink()


def _build(source: Path, version: str, cache: Path) -> None:
    """gopy, goimports and the pybindgen venv into ``cache`` (empty)."""
    src, bin_dir = cache / "src", cache / "bin"
    _unpack(source, version, src)
    env = _go_env()
    _run(["go", "get", f"golang.org/x/tools@{XTOOLS}"], f"raising gopy's x/tools to {XTOOLS}",
         src, env)
    _run(["go", "build", "-o", str(bin_dir / "gopy"), "."], "building gopy", src, env)
    _run(["go", "build", "-o", str(bin_dir / "goimports"), "golang.org/x/tools/cmd/goimports"],
         "building goimports", src, env)
    _run([sys.executable, "-m", "venv", str(cache / "venv")], "making the pybindgen venv")
    _run([str(cache / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", PYBINDGEN],
         f"installing {PYBINDGEN}")


def tools() -> Tools:
    """The cached gopy toolchain, built on first use (a few minutes, then instant)."""
    source, version = _source()
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "goext-bench"
    cache = root / f"gopy-{version}-xtools-{XTOOLS}"
    ready = cache / "ready"
    if version == "tree" or not ready.is_file():
        shutil.rmtree(cache, ignore_errors=True)  # a half-built one from a stopped run
        cache.mkdir(parents=True)
        print(f"  gopy: building it from {source} into {cache}")
        try:
            _build(source, version, cache)
        except Unavailable as error:
            raise Unavailable(f"{error} (the first build needs the Go module proxy and PyPI; "
                              f"later runs reuse {cache})") from None
        ready.write_text(f"{source}\n")  # last: the cache is whole
    built_from = f"at {version} of {source}" if version != "tree" else f"from {source}"
    return Tools(cache / "src", cache / "bin", cache / "venv" / "bin" / "python", built_from)


GO_MOD = """module example.com/benchgopy

go 1.21

require github.com/go-python/gopy v0.0.0

replace github.com/go-python/gopy => {source}
"""


def build_module(found: Tools, table_go: Path, workdir: Path) -> Path:
    """gopy's bindings of the table's Go file (the same functions, as a library
    package); the directory to put on sys.path to import PACKAGE."""
    module = workdir / "gopy" / "benchgopy"
    module.mkdir(parents=True)
    text = table_go.read_text()
    library = text.replace("\npackage main\n", "\npackage benchgopy\n", 1)
    if library == text:
        raise Unavailable(f"{table_go} does not start with `package main`")
    (module / "benchgopy.go").write_text(library)
    (module / "go.mod").write_text(GO_MOD.format(source=found.source))
    _run([str(found.bin / "gopy"), "build", f"-vm={found.python}", f"-output={module / PACKAGE}",
          "-no-make", "."], "gopy build", module, _go_env(found.bin))
    if not any((module / PACKAGE).glob("_benchgopy*.so")):
        raise Unavailable(f"gopy build wrote no _benchgopy*.so in {module / PACKAGE}")
    return module


def load(table_go: Path, workdir: Path) -> tuple[Any, Any, str]:
    """The gopy-bound package, gopy's ``go`` module (its slice and map types) and
    where gopy came from."""
    found = tools()
    sys.path.insert(0, str(build_module(found, table_go, workdir)))
    from gopy_benchpkg import benchgopy, go  # type: ignore[import-not-found]

    return benchgopy, go, found.built_from


def calls_of(module: Any, go: Any, text: str, callbacks: int) -> dict[str, Callable[[], object]]:
    """The table's rows through gopy, each giving the answer the other columns give:
    gopy takes no buffer or list for ``[]float64`` (only its ``go.Slice_float64``,
    filled from Python), and returns ``[]string`` and maps as Go-side handles that
    Python reads item by item."""
    point_class, new_point, add, reverse = module.Point, module.NewPoint, module.Add, module.Reverse
    total, calls, names, counts = module.Sum, module.Calls, module.Names, module.Counts
    numbers, to_slice = array("d", range(1000)), go.Slice_float64
    p, q = new_point(1.0, 2.0), new_point(4.0, 6.0)

    def identity(x: int) -> int:
        return x

    return {
        "Add(20, 22)": lambda: add(20, 22),
        "Reverse (32 chars)": lambda: reverse(text),
        "Sum of 1,000 float64 in a buffer": lambda: total(to_slice(numbers)),
        "Point(X=1.0, Y=2.0) create + drop": lambda: point_class(X=1.0, Y=2.0),
        "NewPoint(1.0, 2.0) create + drop": lambda: new_point(1.0, 2.0),
        "p.Dist(q)": lambda: p.Dist(q),
        "one callback from Go": lambda: calls(identity, callbacks),
        "Names() -> 100 str": lambda: list(names()),
        "Counts() -> dict of 100": lambda: dict(counts().items()),
    }


def prebuilt_sum(module: Any, go: Any) -> Callable[[], object]:
    """Sum of a ``go.Slice_float64`` made once: the call alone, without the copy."""
    total, numbers = module.Sum, go.Slice_float64(array("d", range(1000)))
    return lambda: total(numbers)
