"""The per-user cache of built libraries: where it is, a lock between processes,
and entries that appear whole or not at all.

Linux: ``$XDG_CACHE_HOME/setuptools-golang-ext`` (default ``~/.cache/...``);
macOS: ``~/Library/Caches/setuptools-golang-ext``; Windows:
``%LOCALAPPDATA%\\setuptools-golang-ext\\Cache``. ``SETUPTOOLS_GOLANG_EXT_CACHE``
overrides all of them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from .._log import log
from ..go.cache_dirs import fallback_root, user_cache_base

CACHE_ENV = "SETUPTOOLS_GOLANG_EXT_CACHE"
_NAME = "setuptools-golang-ext"


def cache_root(environ: Mapping[str, str]) -> Path:
    chosen = environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    base = user_cache_base(environ)
    if base is None:
        return fallback_root() / "cache"  # no HOME: a private directory in the temp dir
    if sys.platform == "win32":
        return Path(base, _NAME, "Cache")
    return Path(base, _NAME)


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
