"""The build log shows each command and only the environment a user must set to repeat it."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext._run import (
    CompletedCommand,
    changed_environment,
    describe_command,
    indent,
    run_command,
)

BASE = {"PATH": "/usr/bin", "HOME": "/home/me", "GOFLAGS": "-mod=mod"}


def test_only_new_and_changed_variables_are_shown_in_name_order() -> None:
    env = {"PATH": "/usr/bin", "HOME": "/tmp/h", "GOARCH": "arm64", "CC": "my cc"}
    assert changed_environment(env, BASE) == {"CC": "my cc", "GOARCH": "arm64", "HOME": "/tmp/h"}
    assert changed_environment(BASE, BASE) == {}


def test_command_is_described_so_it_can_be_pasted_into_a_shell() -> None:
    env = {"PATH": "/usr/bin", "HOME": "/tmp/h", "CGO_CFLAGS": "-O2 -g", "GOOS": "windows"}
    described = describe_command(["go", "build", "-ldflags=-s -w", "-o", "out dir/x.so"],
                                 env, Path("/src/pkg"), BASE)
    assert described == (
        "RUN: go build '-ldflags=-s -w' -o 'out dir/x.so'\n"
        "  in: /src/pkg\n"
        "  env: CGO_CFLAGS='-O2 -g'\n"
        "  env: GOOS=windows\n"
        "  env: HOME=/tmp/h\n"
        "  env: unset GOFLAGS")


def test_go_settings_the_user_already_had_are_shown_too() -> None:
    """The RUN: line reproduces the build, so inherited Go and C compiler settings appear
    even though the build did not change them; other inherited variables do not."""
    env = {**BASE, "CC": "zig cc", "GOARCH": "arm64", "LANG": "C", "ZIG_LOCAL_CACHE_DIR": "/z"}
    described = describe_command(["go", "version"], env, None, env)
    assert described == (
        "RUN: go version\n"
        "  env: CC='zig cc'\n"
        "  env: GOARCH=arm64\n"
        "  env: GOFLAGS=-mod=mod\n"
        "  env: ZIG_LOCAL_CACHE_DIR=/z")


def test_command_without_directory_or_changes_is_one_line() -> None:
    plain = {"PATH": "/usr/bin", "HOME": "/home/me"}
    assert describe_command(["go", "version"], plain, None, plain) == "RUN: go version"


def test_output_joins_stdout_and_stderr_without_blank_parts() -> None:
    assert CompletedCommand(("x",), 1, "  out\n", "\nerr  \n").output == "out\nerr"
    assert CompletedCommand(("x",), 0, "", "only stderr\n").output == "only stderr"


def test_indent_prefixes_every_line() -> None:
    assert indent("a\nb") == "    a\n    b"
    assert indent("a", "> ") == "> a"


def test_run_command_uses_exactly_the_given_environment(
        caplog: pytest.LogCaptureFixture) -> None:
    code = "import os, sys; print(sorted(k for k in os.environ if k.startswith('ZZ_'))); " \
           "print('to stderr', file=sys.stderr); sys.exit(3)"
    with caplog.at_level(logging.INFO, "setuptools_golang_ext"):
        result = run_command([sys.executable, "-c", code], env={"ZZ_ONLY": "1"})
    assert (result.returncode, result.stdout, result.stderr) == (
        3, "['ZZ_ONLY']\n", "to stderr\n")
    assert caplog.records[0].getMessage().startswith(f"RUN: {sys.executable} -c ")
    assert "  env: ZZ_ONLY=1" in caplog.text
