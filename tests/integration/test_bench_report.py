"""bench/run.py fails (exit status 1) when a target is missed, and writes the results
files README.md points to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..helpers import REPO, bench_run


@pytest.mark.parametrize(("met", "status"), [((True, True), 0), ((True, False), 1)])
def test_exit_status_and_results_files(tmp_path: Path, met: tuple[bool, bool],
                                       status: int) -> None:
    rows = [("scalar", 1.01, "<= 1.10", met[0]), ("threads", 1.2, ">= 1.7", met[1])]
    assert bench_run().report(rows, tmp_path) == status
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["date"].endswith("UTC")
    assert results["machine"]["go"].startswith("go version go")
    assert results["machine"]["python"] and results["machine"]["cpus"]
    assert [m["met"] for m in results["measurements"]] == list(met)
    table = (tmp_path / "results.md").read_text()
    assert "| threads | 1.200 | >= 1.7 | " + ("ok" if met[1] else "MISSED") + " |" in table


def test_readme_points_to_the_results_instead_of_copying_numbers() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(bench/results.md)" in readme
    assert "ratio 1.00" not in readme and "1.97x" not in readme


def test_a_partial_run_writes_no_results_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    """``--only ROW`` measures a few rows: the status still says whether they met
    their targets, and bench/results.* keep the last whole run."""
    monkeypatch.chdir(tmp_path)
    assert bench_run().report([("Add", 2.5, "<= 2", False)], None) == 1
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(SystemExit, match=r"--only needs a row's text, e\.g\. --only Add"):
        bench_run().main(["--only"])
