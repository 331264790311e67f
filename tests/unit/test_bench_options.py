"""bench/run.py's options: --help says what it measures and builds nothing, and a
mistyped option stops it before the minute-long build."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from ..helpers import REPO


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_help_prints_what_the_run_measures(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench().main(["--help"]) == 0
    assert "Bindings benchmark" in capsys.readouterr().out


def test_a_mistyped_option_names_the_options() -> None:
    with pytest.raises(SystemExit, match=r"unknown option --tabel; the options are "
                                         r"--help, --no-gopy, --only, --table, -h"):
        bench().main(["--tabel"])
