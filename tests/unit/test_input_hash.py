"""The pure parts of the developer loop: digests, freshness records, cache dir, locks."""

from __future__ import annotations

import inspect
import os
import sys
import time
from pathlib import Path

import pytest

from setuptools_golang_ext.builder import input_hash
from setuptools_golang_ext.builder.cache import build_once
from setuptools_golang_ext.builder.input_hash import (
    digest_of,
    recorded_digest,
    tool_code_digest,
    write_stamp,
)
from setuptools_golang_ext.extension import GoExtension
from setuptools_golang_ext.go.cache_dirs import TOOL_CACHE_VARIABLE as CACHE_ENV
from setuptools_golang_ext.go.cache_dirs import tool_cache_dir as cache_root
from setuptools_golang_ext.runtime._freshness import (
    build_environment,
    changed_reason,
    environment_key,
    watch_entries,
)

SETTINGS = {"go": "go1.26", "options": {"name": "m"}}


def test_the_tool_code_digest_follows_a_template_edit(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # A copy of the package stands in for a development install being edited.
    import shutil

    package = Path(input_hash.__file__).resolve().parent.parent
    copy = tmp_path / package.name
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(input_hash, "__file__", str(copy / "builder" / "input_hash.py"))
    tool_code_digest.cache_clear()
    try:
        first = tool_code_digest()
        template = copy / "bindings" / "templates" / "glue_support.go"
        template.write_text(template.read_text() + "// edited\n")
        tool_code_digest.cache_clear()
        assert tool_code_digest() != first
    finally:
        tool_code_digest.cache_clear()


def test_digest_follows_file_contents_and_settings(tmp_path: Path) -> None:
    source = tmp_path / "m.go"
    source.write_text("package main\n")
    first = digest_of(SETTINGS, [source])
    assert digest_of(SETTINGS, [source]) == first
    os.utime(source, (0, 0))  # a touch alone is not a change
    assert digest_of(SETTINGS, [source]) == first
    source.write_text("package main // edited\n")
    assert digest_of(SETTINGS, [source]) != first
    assert digest_of({**SETTINGS, "go": "go1.27"}, [source]) != digest_of(SETTINGS, [source])
    assert digest_of(SETTINGS, [source, tmp_path / "gone.go"]) != digest_of(SETTINGS, [source])


def test_build_environment_keeps_what_changes_a_build() -> None:
    environ = {"GOFLAGS": "-mod=vendor", "CGO_CFLAGS": "-O3", "CC": "clang", "GOAMD64": "v3",
               "GOCACHE": "/x", "GOPATH": "/y", "HOME": "/h", CACHE_ENV: "/c"}
    assert build_environment(environ) == {"CC": "clang", "CGO_CFLAGS": "-O3",
                                          "GOAMD64": "v3", "GOFLAGS": "-mod=vendor"}
    assert environment_key(environ) == environment_key({**environ, "GOCACHE": "/other"})
    assert environment_key(environ) != environment_key({**environ, "GOFLAGS": ""})


def test_keyword_arguments_recreate_the_extension() -> None:
    ext = GoExtension("pkg._n", "go", build_tags=["a"], env={"X": "1"}, debug=True,
                      editable_rebuild=False)
    arguments = ext.keyword_arguments()
    parameters = list(inspect.signature(GoExtension.__init__).parameters)[1:]
    assert sorted(arguments) == sorted(parameters)
    assert GoExtension(**arguments).keyword_arguments() == arguments  # type: ignore[arg-type]


def test_editable_rebuild_must_be_a_boolean() -> None:
    ext = GoExtension("pkg._n", "go", editable_rebuild="no")  # type: ignore[arg-type]
    assert ext.config_error is not None
    assert "editable_rebuild must be True or False, got 'no'" in str(ext.config_error)


def test_changed_reason_notices_edits_new_files_and_environment(tmp_path: Path) -> None:
    source = tmp_path / "m.go"
    source.write_text("package main\n")
    watched = watch_entries([source, tmp_path])
    key = environment_key(os.environ)
    assert changed_reason(watched, key, os.environ) is None
    assert changed_reason(watched, key, {**os.environ, "GOFLAGS": "-race"}) == (
        "the build environment or setuptools-golang-ext version changed")
    time.sleep(0.01)
    source.write_text("package main // edited\n")
    assert changed_reason(watched, key, os.environ) == f"{source} changed"
    watched = watch_entries([source, tmp_path])
    (tmp_path / "other.go").write_text("package main\n")
    assert changed_reason(watched, key, os.environ) == f"{tmp_path} changed"


def test_stamp_belongs_to_one_library(tmp_path: Path) -> None:
    stamp, library = tmp_path / "s.json", tmp_path / "lib.so"
    assert recorded_digest(stamp, library) is None
    write_stamp(stamp, library, "abc")
    assert recorded_digest(stamp, library) == "abc"
    assert recorded_digest(stamp, tmp_path / "elsewhere.so") is None
    stamp.write_text("{not json")
    assert recorded_digest(stamp, library) is None


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG layout is Linux's")
def test_cache_root_on_linux(tmp_path: Path) -> None:
    assert cache_root({CACHE_ENV: str(tmp_path / "c")}) == tmp_path / "c"
    assert cache_root({"XDG_CACHE_HOME": "/xdg", "HOME": "/h"}) == Path(
        "/xdg/setuptools-golang-ext")
    assert cache_root({"HOME": "/h"}) == Path("/h/.cache/setuptools-golang-ext")


def test_build_once_places_whole_entries_only(tmp_path: Path) -> None:
    entry = tmp_path / "builds" / "abc"
    built: list[Path] = []

    def build(staging: Path) -> None:
        (staging / "lib.so").write_text("x")
        built.append(staging)

    assert build_once(entry, build, "m") is True
    assert build_once(entry, build, "m") is False
    assert len(built) == 1 and (entry / "lib.so").read_text() == "x"

    def broken(staging: Path) -> None:
        (staging / "half.so").write_text("x")
        raise RuntimeError("compile error")

    with pytest.raises(RuntimeError):
        build_once(tmp_path / "builds" / "def", broken, "m")
    assert sorted(p.name for p in (tmp_path / "builds").iterdir()) == ["abc", "abc.lock",
                                                                       "def.lock"]
