"""`cgo-cflags` add to Go's default C flags (-O2 -g) instead of replacing them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..helpers import build_inplace, run, write_project

# 10 * X (proves the flag arrived) + 1 when the C compiler optimised.
OPTIMISED_GO = """package main

/*
static int optimised(void) {
#ifdef __OPTIMIZE__
	return X * 10 + 1;
#else
	return X * 10;
#endif
}
*/
import "C"

//export Optimised
func Optimised() C.int { return C.optimised() }

func main() {}
"""


def test_cgo_cflags_keep_optimisation(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p", {"mypkg/go/main.go": OPTIMISED_GO},
        ext_modules='GoExtension("mypkg._native", "mypkg/go", cgo_cflags=["-DX=1"])',
    )
    env = {k: v for k, v in os.environ.items() if k not in {"CGO_CFLAGS", "CGO_LDFLAGS"}}
    build_inplace(project, env=env).check()
    called = run([sys.executable, "-c", "from setuptools_golang_ext.runtime import load; "
                  "print(load('mypkg._native').Optimised())"], cwd=project).check()
    assert called.output.strip() == "11"
