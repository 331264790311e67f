"""The golden fixture against real Go: its stored reader output is still what the
reader prints, and the rendered glue is gofmt-clean and passes ``go vet`` (cgo on,
against the running Python's headers)."""

from __future__ import annotations

import difflib
import os
import shutil
import sysconfig
from pathlib import Path

from setuptools_golang_ext._run import run_command
from setuptools_golang_ext.go.toolchain import find_go, go_base_environment

from ..unit.golden.refresh import read_fixture
from ..unit.golden.render import FIXTURE, GOLDEN, READER_OUTPUT


def test_stored_reader_output_is_what_the_reader_prints() -> None:
    stored = READER_OUTPUT.read_text(encoding="utf-8")
    printed = read_fixture()
    diff = "".join(difflib.unified_diff(stored.splitlines(True), printed.splitlines(True),
                                        "stored", "printed", n=2))
    assert printed == stored, (
        "run `python -m tests.unit.golden.refresh --reader` and review:\n" + diff)


def test_rendered_glue_is_gofmt_clean_and_vets(tmp_path: Path) -> None:
    env = go_base_environment(os.environ)
    go = find_go(env)
    main = tmp_path / "main"
    main.mkdir()
    for path in GOLDEN.glob("*.go"):
        shutil.copy(path, main / path.name)
    (main / "go.mod").write_text("module golden.test/main\n\ngo 1.21\n", encoding="utf-8")
    work = tmp_path / "go.work"
    work.write_text(f"go 1.21\n\nuse (\n\t./main\n\t{FIXTURE}\n)\n", encoding="utf-8")
    gofmt = go.executable.parent / "gofmt"
    # Every generated file, the per-function wrappers (exports.go) included.
    generated = sorted(path.name for path in GOLDEN.glob("*.go"))
    assert "exports.go" in generated
    unformatted = run_command([str(gofmt), "-l", *generated], env=go.environment(env),
                              cwd=main)
    assert unformatted.check("gofmt failed").stdout == ""
    vet_env = {**go.environment(env), "CGO_ENABLED": "1", "GOWORK": str(work),
               "CGO_CFLAGS": "-I" + sysconfig.get_path("include")}
    vet = run_command([str(go.executable), "vet", "."], env=vet_env, cwd=main)
    assert vet.returncode == 0, vet.output
