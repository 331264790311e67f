"""Rewrite the golden files: ``python -m tests.unit.golden.refresh`` (add
``--reader`` to read ``fixture/`` with Go first, after changing it or the reader).

Review the resulting ``git diff`` of ``tests/unit/golden/`` as you would code.
"""

from __future__ import annotations

import os
import sys

from setuptools_golang_ext._run import run_command
from setuptools_golang_ext.errors import GoCommandError, GoToolchainError
from setuptools_golang_ext.go.toolchain import find_go, go_base_environment
from setuptools_golang_ext.goapi.reader import build_reader

from .render import FIXTURE, GOLDEN, READER_OUTPUT, rendered, stable_reader_output


def read_fixture() -> str:
    """What the Go API reader prints for the fixture today, made machine-independent."""
    env = go_base_environment(os.environ)
    go = find_go(env)
    reader = build_reader(go, go.environment(env))
    result = run_command([str(reader), "-go", str(go.executable), str(FIXTURE)],
                         env=go.environment(env), cwd=FIXTURE, quiet=True)
    result.check("reading the golden fixture failed")
    return stable_reader_output(result.stdout)


def main(argv: list[str]) -> None:
    if "--reader" in argv:
        READER_OUTPUT.write_text(read_fixture(), encoding="utf-8")
        print(f"wrote {READER_OUTPUT}")
    GOLDEN.mkdir(exist_ok=True)
    for name, text in rendered().items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
        print(f"wrote {GOLDEN / name}")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except (GoToolchainError, GoCommandError) as exc:  # --reader needs a working Go
        sys.exit(f"refresh --reader: {exc}")
