"""bench/run.py's options: --help says what it measures and builds nothing, and a
mistyped option stops it before the minute-long build."""

from __future__ import annotations

import pytest

from ..helpers import bench_run


def test_help_prints_what_the_run_measures(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_run().main(["--help"]) == 0
    assert "Bindings benchmark" in capsys.readouterr().out


def test_a_mistyped_option_names_the_options() -> None:
    with pytest.raises(SystemExit, match=r"unknown option --tabel; the options are "
                                         r"--help, --no-gopy, --only, --table, -h"):
        bench_run().main(["--tabel"])
