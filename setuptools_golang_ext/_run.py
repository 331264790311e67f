"""The one way this package starts a process.

Every call names its argument list and its whole environment; the log shows the
command and the Go-related variables in it, which is what a user needs to
reproduce a build by hand (GOOS, GOARCH, CC, CGO_*, GOFLAGS, ...).
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ._log import log
from .errors import GoCommandError
from .runtime.contract import BUILD_ENV_PREFIXES


@dataclass(frozen=True)
class CompletedCommand:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        """stdout and stderr together, for error messages."""
        return "\n".join(part for part in (self.stdout.strip(), self.stderr.strip()) if part)

    def check(self, what: str, hint: str = "") -> CompletedCommand:
        """Raise ``GoCommandError`` (``what`` failed, then the output, then ``hint``)
        unless the command succeeded."""
        if self.returncode != 0:
            raise GoCommandError(what, self.args, self.returncode, self.output, hint)
        return self


def _affects_build(name: str) -> bool:
    # Shown on the RUN: line when set, whether we set them or the user did, so
    # the line reproduces the build.
    return name.startswith(BUILD_ENV_PREFIXES)


def changed_environment(env: Mapping[str, str], base: Mapping[str, str]) -> dict[str, str]:
    """The variables of ``env`` that are new or different compared to ``base``."""
    return {key: value for key, value in sorted(env.items()) if base.get(key) != value}


def describe_command(
    args: Sequence[str], env: Mapping[str, str], cwd: Path | None, base: Mapping[str, str]
) -> str:
    shown = changed_environment(env, base)
    shown.update((key, value) for key, value in env.items() if _affects_build(key))
    removed = sorted(set(base) - set(env))
    lines = [f"RUN: {shlex.join(args)}"]
    if cwd is not None:
        lines.append(f"  in: {cwd}")
    lines.extend(f"  env: {key}={shlex.quote(value)}" for key, value in sorted(shown.items()))
    lines.extend(f"  env: unset {key}" for key in removed)
    return "\n".join(lines)


def run_command(
    args: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: Path | None = None,
    quiet: bool = False,
    stream: bool = False,
) -> CompletedCommand:
    """Run ``args`` (no shell) with exactly ``env``; return its output.

    ``stream`` logs each output line as it arrives (stderr merged into stdout),
    for long commands such as ``go build`` whose downloads and errors the user
    should see at once. The caller decides what a non-zero exit means (see
    ``CompletedCommand.check``). ``OSError`` for a missing program propagates.
    """
    description = describe_command(args, env, cwd, os.environ)
    if quiet:
        log.debug(description)
    else:
        log.info(description)
    if stream:
        return _run_streaming(args, env, cwd)
    completed = subprocess.run(  # noqa: TID251
        list(args),
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        stdin=subprocess.DEVNULL,
    )
    return CompletedCommand(
        tuple(args), completed.returncode, completed.stdout or "", completed.stderr or ""
    )


def _run_streaming(
    args: Sequence[str], env: Mapping[str, str], cwd: Path | None
) -> CompletedCommand:
    lines: list[str] = []
    with subprocess.Popen(  # noqa: TID251
        list(args),
        env=dict(env),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            log.info("  %s", line.rstrip("\n"))
    return CompletedCommand(tuple(args), process.returncode, "".join(lines), "")


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())
