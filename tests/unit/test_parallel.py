"""tests/parallel.py: what two xdist workers share. Each worker is a thread here with
its own config; flock locks of two opens conflict within one process as across two."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from ..parallel import made_once, turn

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the locks are flock")


def worker_config(run_root: Path, worker: str) -> Any:
    """What a pytest config has under xdist: workerinput, and a basetemp per worker."""
    (run_root / worker).mkdir(parents=True, exist_ok=True)
    return SimpleNamespace(workerinput={"workerid": worker},
                           option=SimpleNamespace(basetemp=str(run_root / worker)))


def overlapped(tmp_path: Path, first_alone: bool, second_alone: bool) -> bool:
    """Whether a second worker's test ran while the first worker's was running."""
    inside, events = threading.Event(), []

    def first() -> None:
        with turn(worker_config(tmp_path, "gw0"), alone=first_alone):
            inside.set()
            time.sleep(0.3)
            events.append("first ends")

    thread = threading.Thread(target=first)
    thread.start()
    inside.wait()
    with turn(worker_config(tmp_path, "gw1"), alone=second_alone):
        events.append("second starts")
    thread.join()
    return events[0] == "second starts"


def test_two_ordinary_tests_run_side_by_side(tmp_path: Path) -> None:
    assert overlapped(tmp_path, first_alone=False, second_alone=False)


@pytest.mark.parametrize(("first_alone", "second_alone"),
                         [(True, False), (False, True), (True, True)])
def test_a_test_marked_alone_never_overlaps_another(
        tmp_path: Path, first_alone: bool, second_alone: bool) -> None:
    assert not overlapped(tmp_path, first_alone, second_alone)


def test_without_xdist_nothing_is_locked(tmp_path: Path) -> None:
    config = SimpleNamespace(option=SimpleNamespace(basetemp=str(tmp_path)))
    with turn(config, alone=True), turn(config, alone=True):
        pass
    assert list(tmp_path.iterdir()) == []


def test_made_once_makes_once_and_the_other_worker_waits(
        tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    made: list[str] = []

    def make(folder: Path) -> None:
        time.sleep(0.2)  # the second worker arrives while this one is making it
        (folder / "wheel").write_text(threading.current_thread().name)
        made.append(folder.name)

    folders: list[Path] = []

    def worker(name: str) -> None:
        factory = SimpleNamespace(getbasetemp=lambda: tmp_path / name)
        folders.append(made_once(factory, worker_config(tmp_path, name),  # type: ignore[arg-type]
                                 "house", make))

    threads = [threading.Thread(target=worker, args=(n,), name=n) for n in ("gw0", "gw1")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == ["shared-house"]
    assert folders == [tmp_path / "shared-house"] * 2
    assert (tmp_path / "shared-house" / "wheel").read_text() in {"gw0", "gw1"}
