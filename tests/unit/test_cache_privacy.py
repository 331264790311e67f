"""Our cache holds libraries the import hook loads and the API reader the build runs,
so a cache another user can write is refused, and an import index naming a file
outside the cache is ignored (issue 20)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext.errors import GoUnsafeCacheError
from setuptools_golang_ext.go.cache_dirs import TOOL_CACHE_VARIABLE, tool_cache_dir
from setuptools_golang_ext.import_hook import fresh_library
from setuptools_golang_ext.runtime._freshness import environment_key

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and owners")


def test_a_cache_others_can_write_is_refused_saying_why(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    with pytest.raises(GoUnsafeCacheError) as caught:
        tool_cache_dir({TOOL_CACHE_VARIABLE: str(shared)})
    assert str(caught.value) == (
        f"setuptools-golang-ext will not use the cache {shared}: other users can write to "
        f"{shared} (mode 777), so code placed there by someone else (a library the import "
        f"hook loads, the API reader the build runs) would run as you. Run chmod go-w "
        f"{shared} if it is yours, or point {TOOL_CACHE_VARIABLE} at a directory only you "
        f"can write.")
    assert isinstance(caught.value, ImportError)  # what `import` reports through the hook
    shared.chmod(0o1777)  # sticky does not help: others may still add an index file
    with pytest.raises(GoUnsafeCacheError, match="mode 1777"):
        tool_cache_dir({TOOL_CACHE_VARIABLE: str(shared)})


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a directory to another user needs root")
def test_a_cache_of_another_user_is_refused(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o755)
    os.chown(theirs, 54321, 54321)
    with pytest.raises(GoUnsafeCacheError, match=r"belongs to another user \(uid 54321\)"):
        tool_cache_dir({TOOL_CACHE_VARIABLE: str(theirs)})


def test_a_private_cache_and_one_to_make_under_a_sticky_directory_are_used(
        tmp_path: Path) -> None:
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    assert tool_cache_dir({TOOL_CACHE_VARIABLE: str(private)}) == private
    sticky = tmp_path / "tmp"
    sticky.mkdir()
    sticky.chmod(0o1777)  # like /tmp: what we create there stays ours
    assert tool_cache_dir({TOOL_CACHE_VARIABLE: str(sticky / "c")}) == sticky / "c"
    sticky.chmod(0o777)  # without the sticky bit another user could swap it
    with pytest.raises(GoUnsafeCacheError, match=f"other users can write to {sticky} "):
        tool_cache_dir({TOOL_CACHE_VARIABLE: str(sticky / "c")})


def test_an_index_naming_a_library_outside_the_cache_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    planted = tmp_path / "elsewhere" / "evil.so"
    planted.parent.mkdir()
    planted.write_bytes(b"\x7fELF")
    index = cache / "imports" / "0123.json"
    index.parent.mkdir(parents=True)
    record = {"library": str(planted), "env": environment_key(os.environ), "watch": []}
    index.write_text(json.dumps(record))
    with pytest.warns(RuntimeWarning, match="not in the cache's builds directory"):
        assert fresh_library(index) is None
    # Through a symbolic link out of the cache: the same.
    (cache / "builds").mkdir()
    (cache / "builds" / "link.so").symlink_to(planted)
    index.write_text(json.dumps({**record, "library": str(cache / "builds" / "link.so")}))
    with pytest.warns(RuntimeWarning, match="building again"):
        assert fresh_library(index) is None
    built = cache / "builds" / "abc" / "mod.so"
    built.parent.mkdir()
    built.write_bytes(b"\x7fELF")
    index.write_text(json.dumps({**record, "library": str(built)}))
    assert fresh_library(index) == built


def test_the_import_hook_refuses_a_shared_cache_before_building(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    (tmp_path / "gomod.go").write_text("package main\n\nfunc main() {}\n")
    code = ("import setuptools_golang_ext.import_hook as h; h.install()\n"
            "try:\n    import gomod\nexcept ImportError as exc:\n"
            "    print(type(exc).__name__, exc)\n")
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, text=True,
                         capture_output=True, timeout=60,
                         env={**os.environ, TOOL_CACHE_VARIABLE: str(shared)}).stdout
    assert out.startswith(f"GoUnsafeCacheError setuptools-golang-ext will not use the cache "
                          f"{shared}: other users can write to {shared} (mode 777)"), out


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a directory to another user needs root")
def test_a_fallback_taken_by_another_user_gives_one_stable_private_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With HOME unset the cache lives in the temporary directory; when another user
    made our name first, every call used to make a new temporary directory."""
    from setuptools_golang_ext.go.cache_dirs import fallback_root

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    taken = tmp_path / f"setuptools-golang-ext-{os.getuid()}"
    taken.mkdir(mode=0o700)
    os.chown(taken, 54321, 54321)
    first = fallback_root()
    assert first == fallback_root() == tmp_path / f"setuptools-golang-ext-{os.getuid()}-1"
    assert first.stat().st_uid == os.getuid() and first.stat().st_mode & 0o077 == 0
    assert tool_cache_dir({}) == first / "cache"  # HOME unset
    assert sorted(p.name for p in tmp_path.iterdir()) == [taken.name, first.name]
