"""Developer-loop benchmark: ``.venv/bin/python bench/devloop.py`` (about a minute).

Measured side by side in one run, each in a fresh process (median of 5 where
cheap), with a private cache directory and Go's usual (warm) build cache:

1. import hook: first import (cold cache dir), import after an edit, unchanged
   import; target: unchanged >= 5x faster than the import after an edit;
2. ``setup.py build_ext --inplace`` with nothing changed vs a raw
   ``go build -buildmode=c-shared`` of the same package.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUM_GO = """package main

import "C"

//export Sum
func Sum(a, b int) int { return a + b + OFFSET }

func main() {}
"""
IMPORT = ("import setuptools_golang_ext.import_hook as h; h.install(); import mymodule; "
          "assert mymodule.Sum(1, 1) == 2 + OFFSET")


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def import_hook(work: Path) -> tuple[float, float, float]:
    source = work / "hook"
    source.mkdir()
    env = {**os.environ, "SETUPTOOLS_GOLANG_EXT_CACHE": str(work / "cache")}

    def edit_and_import(offset: int) -> float:
        (source / "mymodule.go").write_text(SUM_GO.replace("OFFSET", str(offset)))
        code = IMPORT.replace("OFFSET", str(offset))
        return timed([sys.executable, "-c", code], source, env)

    first = edit_and_import(0)
    edited = statistics.median(edit_and_import(offset) for offset in range(1, 4))
    code = IMPORT.replace("OFFSET", "3")
    unchanged = statistics.median(
        timed([sys.executable, "-c", code], source, env) for _ in range(5))
    return first, edited, unchanged


def noop_build(work: Path) -> tuple[float, float]:
    project = work / "project"
    shutil.copytree(HERE / "project", project,
                    ignore=shutil.ignore_patterns("build", "*.so", "__pycache__"))
    env = dict(os.environ)
    build_ext = [sys.executable, "setup.py", "-q", "build_ext", "--inplace"]
    timed(build_ext, project, env)
    noop = statistics.median(timed(build_ext, project, env) for _ in range(5))
    package = next(p.parent for p in project.rglob("go.mod"))
    go_build = ["go", "build", "-buildmode=c-shared", "-o", str(work / "raw.so"), "."]
    timed(go_build, package, env)  # warm Go's cache for this package
    raw = statistics.median(timed(go_build, package, env) for _ in range(3))
    return noop, raw


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        first, edited, unchanged = import_hook(work)
        noop, raw = noop_build(work)
    print(f"import hook, first import (cold cache dir): {first:.3f} s")
    print(f"import hook, import after an edit:         {edited:.3f} s")
    print(f"import hook, unchanged import:             {unchanged:.3f} s "
          f"({edited / unchanged:.1f}x faster than after an edit; target >= 5x)")
    print(f"build_ext --inplace, nothing changed:      {noop:.3f} s")
    print(f"raw go build (warm Go cache):              {raw:.3f} s "
          f"(no-op build_ext / raw go build = {noop / raw:.2f})")


if __name__ == "__main__":
    main()
