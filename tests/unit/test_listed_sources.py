"""A list of .go files must be the whole package: files it would leave out are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from setuptools_golang_ext.errors import GoExtensionConfigError
from setuptools_golang_ext.extension import resolve_sources

MAIN = "package main\n\nfunc main() {}\n"


def _package(root: Path, files: dict[str, str]) -> Path:
    directory = root / "pkg" / "go"
    directory.mkdir(parents=True)
    for name, text in {"main.go": MAIN, **files}.items():
        (directory / name).write_text(text)
    return root


@pytest.mark.parametrize("extra", [
    {"helper.c": "int helper(void) { return 1; }\n"},
    {"helper.h": "int helper(void);\n"},
    {"asm_amd64.s": "\n"},
    {"more.go": "package main\n\nfunc more() {}\n"},
])
def test_unlisted_file_of_the_package_is_refused(tmp_path: Path, extra: dict[str, str]) -> None:
    root = _package(tmp_path, extra)
    with pytest.raises(GoExtensionConfigError) as caught:
        resolve_sources("pkg._native", ["pkg/go/main.go"], root)
    message = str(caught.value)
    assert "'pkg._native'" in message
    assert next(iter(extra)) in message
    assert "'pkg/go'" in message  # the fix: give the directory


@pytest.mark.parametrize("extra", [
    {"main_test.go": "package main\n"},
    {"gen.go": "//go:build ignore\n\npackage main\n\nfunc main() {}\n"},
    {"other.go": "package other\n"},
    {"README.md": "notes\n"},
])
def test_files_outside_the_build_are_fine(tmp_path: Path, extra: dict[str, str]) -> None:
    root = _package(tmp_path, extra)
    spec = resolve_sources("pkg._native", ["pkg/go/main.go"], root)
    assert spec.build_args == ["main.go"]
