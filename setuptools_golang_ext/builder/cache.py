"""The per-user cache of built libraries: where it is, a lock between processes,
and entries that appear whole or not at all.

Where the cache lives is ``go.cache_dirs.tool_cache_dir`` (one rule for every
cache of ours).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .._log import log


@contextlib.contextmanager
def exclusive_lock(path: Path, waiting_for: str) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if needed) across processes.

    The operating system releases it when the holder exits, even by a crash, so
    a waiter never waits for a dead process.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        if not _try_lock(handle.fileno()):
            log.info("waiting for another process %s (lock %s)", waiting_for, path)
            _lock(handle.fileno())
        try:
            yield
        finally:
            _unlock(handle.fileno())


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _lock(fd: int) -> None:
        while not _try_lock(fd):
            time.sleep(0.1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def build_once(entry: Path, build: Callable[[Path], None], what: str) -> bool:
    """Make directory ``entry`` with ``build(staging_directory)`` unless it exists.

    Several processes asking at once build once: the others wait on the lock and
    then find the entry. The entry is renamed into place only when complete.
    Returns True when this call built it.
    """
    if entry.is_dir():
        return False
    with exclusive_lock(entry.parent / (entry.name + ".lock"), f"building {what}"):
        if entry.is_dir():
            return False
        staging = entry.parent / f".{entry.name}.{os.getpid()}.tmp"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            build(staging)
            staging.replace(entry)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return True
