"""The one way this package starts a process.

Every call names its argument list and its whole environment; the log shows the
command and only the variables that differ from ours, which is what a user
needs to reproduce a build by hand (GOOS, GOARCH, CC, CGO_*, ...).
"""

from __future__ import annotations

import logging
import os
import shlex
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("setuptools_golang_ext")


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


def changed_environment(env: Mapping[str, str], base: Mapping[str, str]) -> dict[str, str]:
    """The variables of ``env`` that are new or different compared to ``base``."""
    return {key: value for key, value in sorted(env.items()) if base.get(key) != value}


def describe_command(
    args: Sequence[str], env: Mapping[str, str], cwd: Path | None, base: Mapping[str, str]
) -> str:
    changed = changed_environment(env, base)
    removed = sorted(set(base) - set(env))
    lines = [f"RUN: {shlex.join(args)}"]
    if cwd is not None:
        lines.append(f"  in: {cwd}")
    lines.extend(f"  env: {key}={shlex.quote(value)}" for key, value in changed.items())
    lines.extend(f"  env: unset {key}" for key in removed)
    return "\n".join(lines)


def run_command(
    args: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: Path | None = None,
    quiet: bool = False,
) -> CompletedCommand:
    """Run ``args`` (no shell) with exactly ``env``; capture and return its output.

    The caller decides what a non-zero exit means; this never raises for it.
    ``FileNotFoundError``/``PermissionError`` from a missing program propagate.
    """
    description = describe_command(args, env, cwd, os.environ)
    if quiet:
        log.debug(description)
    else:
        log.info(description)
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


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())
