"""The gopy column of the issue-19 table (bench/table.py, bench/gopy_build.py)
without building anything: its targets, its cells, and the reason it shows when
gopy cannot be built, so that the benchmark still runs without gopy."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from ..helpers import REPO

ROWS = ("Add(20, 22)", "one callback from Go")


@pytest.fixture
def table(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    import table as module  # bench/table.py: its siblings are imported as top-level modules

    return module


def times(cpython: float, gopy: float | None) -> dict[str, dict[str, float]]:
    by = {"cpython mode": cpython, "ctypes mode": 2e-6, "hand-written ctypes": 2e-6,
          "hand-written C-API": 1e-6}
    return {row: {**by, "gopy": gopy} if gopy is not None else by for row in ROWS}


@pytest.mark.parametrize(("gopy", "met"), [(2e-6, True), (1.5e-6, False), (1e-6, False)])
def test_cpython_mode_must_be_faster_than_gopy_on_every_row(
        table: ModuleType, gopy: float, met: bool) -> None:
    rows = {name: ok for name, _, _, ok in table.target_rows(times(1.5e-6, gopy))}
    assert rows["Add(20, 22): cpython mode / gopy"] is met
    assert rows["one callback from Go: cpython mode / gopy"] is met


def test_without_gopy_no_gopy_target_and_the_column_says_why(table: ModuleType) -> None:
    assert not [row for row in table.target_rows(times(1e-6, None)) if "gopy" in row[0]]
    imports = {"empty package": 10.0, **dict.fromkeys(table.IMPLEMENTATIONS, 12.0)}
    lines = table.markdown(times(1e-6, None), imports, "not measured: the reason")
    assert all(line.count("| not measured (see below) |") == 1 for line in lines[2:5])
    assert lines[-1] == "\ngopy: not measured: the reason"
    assert [row[0] for row in table.import_rows(imports)] == [
        "import of the cpython-mode package: ms over an empty package"]


def test_with_gopy_its_times_and_ratios(table: ModuleType) -> None:
    imports = {"empty package": 10.0, **dict.fromkeys(table.IMPLEMENTATIONS, 12.0),
               "gopy": 18.0}
    lines = table.markdown(times(1e-6, 4e-6), imports, "what the rows measure")
    assert lines[2] == ("| Add(20, 22) | 1.00 us | 2.00 us | 2.00 us | 1.00 us | 4.00 us "
                        "| 1.00 | 1.00 | 0.25 |")
    assert lines[4].endswith("| 2.0 ms | 8.0 ms | | | 0.25 |")
    rows = {name: (ratio, ok) for name, ratio, _, ok in table.import_rows(imports)}
    assert rows["import: cpython mode / gopy, ms over an empty package"] == (0.25, True)


def test_skipped_gopy_builds_nothing(table: ModuleType, tmp_path: Path) -> None:
    calls, package, note = table.gopy_column(tmp_path, tmp_path, wanted=False)
    assert (calls, package) == (None, None)
    assert note == "not measured: skipped (--no-gopy or GOEXT_BENCH_GOPY=0)."


def test_a_missing_gopy_clone_is_the_columns_reason(
        table: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOEXT_BENCH_GOPY_SOURCE", str(tmp_path / "nowhere"))
    calls, _, note = table.gopy_column(tmp_path, tmp_path, wanted=True)
    assert calls is None
    assert note == (f"not measured: no gopy clone at {tmp_path / 'nowhere'} (set "
                    "GOEXT_BENCH_GOPY_SOURCE to a gopy git directory or source tree)")


def test_the_gopy_module_is_made_from_the_tables_go_file(
        table: ModuleType, tmp_path: Path) -> None:
    gopy_build = table.gopy_build
    not_main = tmp_path / "lib.go"
    not_main.write_text("// A library.\npackage lib\n")
    found = gopy_build.Tools(tmp_path, tmp_path, tmp_path, "here")
    with pytest.raises(gopy_build.Unavailable, match="does not start with `package main`"):
        gopy_build.build_module(found, not_main, tmp_path / "work")
    table_go = REPO / "bench" / "project" / "benchpkg" / "table" / "table.go"
    assert "\npackage main\n" in table_go.read_text()


def test_sum_is_also_held_against_gopys_call_on_a_slice_made_once(table: ModuleType) -> None:
    numbers = list(range(1000))
    (row,), (line,) = table.prebuilt_sum(lambda: None, lambda: sum(numbers))
    name, ratio, target, met = row
    assert (name, target, met) == ("Sum of 1,000 float64, gopy's slice made once: "
                                   "cpython mode / gopy", "< 1", True)
    assert line.startswith("Sum of 1,000 float64, gopy's slice made once: gopy ")
    assert line.endswith(f"ratio {ratio:.2f}.")
