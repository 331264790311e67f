"""What lets the suite run in two pytest-xdist workers (.ci/test): session work done
once for both, and tests marked ``alone`` run while no other test does.

Without xdist every function here is the plain serial behaviour."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest


def _run_root(basetemp: Path, config: pytest.Config) -> Path | None:
    """The folder all workers of this run share (a worker's basetemp is
    ``<run's basetemp>/<worker id>``), or None when the run is not distributed (or
    not on POSIX, where the locks below are flock)."""
    distributed = hasattr(config, "workerinput") and os.name == "posix"
    return basetemp.parent if distributed else None


@contextmanager
def _flock(path: Path, exclusive: bool = True) -> Iterator[None]:
    import fcntl  # POSIX only: _run_root gives no folder to lock elsewhere

    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield  # closing the file releases the lock


def made_once(factory: pytest.TempPathFactory, config: pytest.Config, name: str,
              make: Callable[[Path], None]) -> Path:
    """A folder ``make`` fills, made once per run: by the first worker that asks,
    while the other waits for it (two ``pip wheel`` of this checkout at once would
    share its build/ folder)."""
    root = _run_root(factory.getbasetemp(), config)
    if root is None:
        folder = factory.mktemp(name)
        make(folder)
        return folder
    folder, done = root / f"shared-{name}", root / f"shared-{name}.done"
    with _flock(root / f"shared-{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@contextmanager
def turn(config: pytest.Config, alone: bool) -> Iterator[None]:
    """Hold a shared lock while a test runs (set-up and teardown too, where its builds
    are), or an exclusive one for a test marked ``alone``: timing, Ctrl-C and fork
    tests then run with the machine to themselves. A turnstile taken first keeps
    the other worker's stream of shared locks from starving an exclusive one."""
    basetemp = getattr(config.option, "basetemp", None)
    root = _run_root(Path(basetemp), config) if basetemp else None
    if root is None:
        yield
        return
    with ExitStack() as stack:
        with _flock(root / "turnstile.lock"):
            stack.enter_context(_flock(root / "alone.lock", exclusive=alone))
        yield
