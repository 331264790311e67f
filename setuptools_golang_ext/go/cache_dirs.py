"""Writable places for Go's build cache and module cache when HOME cannot hold them.

Go keeps its build cache under the user cache directory (``~/.cache/go-build``)
and modules under ``GOPATH`` (``~/go``). In containers, CI sandboxes and
package builders HOME is often unset or read-only, and ``go build`` then fails
before compiling anything. We move only what the user did not set themselves.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .._log import log


def _home(environ: Mapping[str, str]) -> str | None:
    home = environ.get("USERPROFILE" if sys.platform == "win32" else "HOME")
    return home or None


def user_cache_base(environ: Mapping[str, str]) -> str | None:
    """The per-user cache directory of this platform, as Go's ``os.UserCacheDir``
    computes it (None when HOME or LocalAppData is unset)."""
    home = _home(environ)
    if sys.platform == "win32":
        return environ.get("LocalAppData") or None
    if sys.platform == "darwin":
        return str(Path(home, "Library", "Caches")) if home else None
    xdg = environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return xdg
    return str(Path(home, ".cache")) if home else None


def _writable(base: str | None, name: str) -> bool:
    """Can ``base/name`` be created or written? Checked on its nearest existing parent."""
    if base is None:
        return False
    path = Path(base, name)
    while not path.exists():
        if path.parent == path:
            return False
        path = path.parent
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


def fallback_root() -> Path:
    """A per-user directory in the temp dir (the only place left when HOME is unusable).

    The same one on every call, so caches there are reused: when another user made
    ours first, the next free numbered name (``-<uid>-1``, ``-<uid>-2``, ...)."""
    user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    base = Path(tempfile.gettempdir())
    for attempt in range(100):
        root = base / (f"setuptools-golang-ext-{user}" + (f"-{attempt}" if attempt else ""))
        with contextlib.suppress(FileExistsError):
            root.mkdir(mode=0o700)
        if _private(root):
            return root
    # A hundred names taken by others: do not build in a directory another user controls.
    return Path(tempfile.mkdtemp(prefix="setuptools-golang-ext-"))


def _private(directory: Path) -> bool:
    """Ours, a directory (not a link), and writable by no one else."""
    if not hasattr(os, "getuid"):
        return directory.is_dir()
    try:
        status = directory.lstat()
    except OSError:
        return False
    return (stat.S_ISDIR(status.st_mode) and status.st_uid == os.getuid()
            and not status.st_mode & 0o022)


def writable_cache_dirs(environ: Mapping[str, str]) -> dict[str, str]:
    """GOCACHE/GOPATH to add to ``environ`` so that Go can write its caches."""
    return dict(
        _fallbacks(
            _home(environ),
            environ.get("GOCACHE"),
            environ.get("GOPATH"),
            environ.get("GOMODCACHE"),
            user_cache_base(environ),
        )
    )


@functools.cache  # decide (and log) once per situation
def _fallbacks(
    home: str | None,
    gocache: str | None,
    gopath: str | None,
    gomodcache: str | None,
    cache_base: str | None,
) -> tuple[tuple[str, str], ...]:
    changes: list[tuple[str, str, str | None]] = []
    if not gocache and not _writable(cache_base, "go-build"):
        changes.append(("GOCACHE", str(fallback_root() / "go-build"), cache_base))
    if not gopath and not gomodcache and not _writable(home, "go"):
        changes.append(("GOPATH", str(fallback_root() / "gopath"), home))
    for name, value, default_base in changes:
        why = "HOME is not set" if default_base is None else f"{default_base} is not writable"
        log.warning("%s: Go uses %s=%s (set %s yourself to choose)", why, name, value, name)
    return tuple((name, value) for name, value, _ in changes)


TOOL_CACHE_VARIABLE = "SETUPTOOLS_GOLANG_EXT_CACHE"


def tool_cache_dir(environ: Mapping[str, str]) -> Path:
    """setuptools-golang-ext's own cache (API reader, import hook, editable rebuilds).

    ``$SETUPTOOLS_GOLANG_EXT_CACHE`` when set; else ``setuptools-golang-ext`` in the
    platform's user cache directory (``~/.cache``/``$XDG_CACHE_HOME`` on Linux,
    ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%\\...\\Cache`` on Windows); else,
    with HOME unset, a private directory in the temporary directory.
    """
    explicit = environ.get(TOOL_CACHE_VARIABLE)
    if explicit:
        return refuse_shared(Path(explicit).expanduser().resolve(), explicit=True)
    base = user_cache_base(environ)
    if base is None:
        return refuse_shared(fallback_root() / "cache")
    if sys.platform == "win32":
        return Path(base, "setuptools-golang-ext", "Cache")
    return refuse_shared(Path(base, "setuptools-golang-ext"))


def refuse_shared(cache: Path, *, explicit: bool = False) -> Path:
    """``cache``, unless another user could put files in it: the cache holds libraries
    this process loads and a program the build runs (pip and Go refuse such caches too).
    A directory not made yet is judged by its nearest existing parent, which may be
    shared when sticky (/tmp): others can then not replace what we create there."""
    if not hasattr(os, "getuid"):
        return cache  # Windows: a user's LocalAppData is private; ACLs are not checked
    path, made = cache, True
    while not path.exists() and path.parent != path:
        path, made = path.parent, False
    status = path.stat()
    problem = ""
    if made and status.st_uid != os.getuid():
        problem = f"it belongs to another user (uid {status.st_uid})"
    elif status.st_mode & _writable_by_others(status.st_gid) and (
            made or not status.st_mode & stat.S_ISVTX):
        problem = f"other users can write to {path} (mode {stat.S_IMODE(status.st_mode):o})"
    if problem:
        from ..errors import GoUnsafeCacheError  # imports setuptools: only on this path

        how = (f"point {TOOL_CACHE_VARIABLE} at a directory only you can write"
               if explicit else f"set {TOOL_CACHE_VARIABLE} to a directory only you can write")
        raise GoUnsafeCacheError(
            f"setuptools-golang-ext will not use the cache {cache}: {problem}, so code "
            f"placed there by someone else (a library the import hook loads, the API "
            f"reader the build runs) would run as you. Run chmod go-w "
            f"{path} if it is yours, or {how}.")
    return cache


def _writable_by_others(gid: int) -> int:
    """The mode bits that let another user write: "other" always, "group" unless it is
    this user's own group (umask 002 with a group per user is common)."""
    import grp
    import pwd

    try:
        group = grp.getgrgid(gid)
        user = pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return 0o022
    own = gid == os.getgid() and set(group.gr_mem) <= {user}
    return 0o002 if own else 0o022
