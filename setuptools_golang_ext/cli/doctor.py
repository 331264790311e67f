"""``doctor``: what a build on this machine would use, and what stands in its way.

It asks the same code the build asks (``go/toolchain.find_go``, the compiler and
zig/lipo lookups), runs ``go env`` and the C compiler once each, and prints one
line per fact, then each problem with its fix. The exit code is 1 when no build
can work (no usable Go, or no working C compiler).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .._log import log
from .._run import run_command
from .._version import __version__
from ..errors import GoToolchainError, GoUnsafeCacheError
from ..go.cache_dirs import TOOL_CACHE_VARIABLE, tool_cache_dir, writable_cache_dirs
from ..go.toolchain import INSTALL_HINT, GoToolchain, find_go, go_base_environment
from .cross_tools import buildable_targets, find_cross_tools

_GO_ENV_NAMES = ("CC", "GOCACHE", "GOMODCACHE")
_CC_HINT = (
    "cgo needs a C compiler: install gcc or clang (Debian/Ubuntu: apt-get install gcc; "
    "macOS: xcode-select --install; Windows: MinGW-w64), or set CC to one that works"
)


@dataclass(frozen=True)
class Problem:
    what: str
    fix: str
    blocking: bool  # no build can work until it is fixed


@dataclass
class Checkup:
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def fact(self, label: str, value: str) -> None:
        self.lines.append(f"{label + ':':<15}{value}")

    def problem(self, what: str, fix: str, *, blocking: bool = False) -> None:
        self.problems.append(Problem(what, fix, blocking))


@contextmanager
def _build_log_hidden() -> Iterator[None]:
    """The build's own warnings would repeat what the checkup reports."""
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def check_go(environ: Mapping[str, str], checkup: Checkup) -> GoToolchain | None:
    try:
        go = find_go(environ)
    except GoToolchainError as exc:
        checkup.fact("Go", "none usable")
        what = str(exc).removesuffix(INSTALL_HINT).strip()
        checkup.problem(what, INSTALL_HINT, blocking=True)
        return None
    checkup.fact("Go", go.describe())
    checkup.fact("GOROOT", go.goroot or "(not reported)")
    return go


def go_env(go: GoToolchain, env: Mapping[str, str]) -> dict[str, str]:
    """``go env`` values the checkup shows; empty when go cannot tell."""
    result = run_command([str(go.executable), "env", "-json", *_GO_ENV_NAMES],
                         env=env, quiet=True)
    try:
        values = json.loads(result.stdout) if result.returncode == 0 else {}
    except ValueError:
        return {}
    return {str(key): str(value) for key, value in values.items()}


def split_cc(text: str) -> list[str]:
    """CC split into words the way Go does: spaces separate, quotes group."""
    return [a or b or c for a, b, c in re.findall(r"'([^']*)'|\"([^\"]*)\"|(\S+)", text)]


def cgo_compiler(environ: Mapping[str, str], values: Mapping[str, str]) -> tuple[str, str]:
    """The C compiler cgo would run, and where that choice comes from."""
    if environ.get("CC"):
        return environ["CC"], "from CC"
    if values.get("CC"):
        return values["CC"], "from go env CC"
    default = "clang" if sys.platform == "darwin" or sys.platform.startswith("freebsd") else "gcc"
    return default, "cgo's default"


def check_c_compiler(cc: str, source: str, env: Mapping[str, str], checkup: Checkup) -> bool:
    """Does ``cc`` compile a C file? (cgo runs it for every build.)"""
    words = split_cc(cc)
    if not words:
        checkup.fact("C compiler", f"none ({source} is blank)")
        checkup.problem(f"the C compiler ({source}) is blank", _CC_HINT, blocking=True)
        return False
    with tempfile.TemporaryDirectory(prefix="goext-doctor-") as scratch:
        program = Path(scratch, "probe.c")
        program.write_text("int main(void) { return 0; }\n", encoding="utf-8")
        try:
            version = run_command([*words, "--version"], env=env, quiet=True)
            compiled = run_command([*words, "-c", str(program), "-o", str(program) + ".o"],
                                   env=env, cwd=Path(scratch), quiet=True)
        except OSError as exc:
            checkup.fact("C compiler", f"{cc} ({source}): cannot run: {exc.strerror}")
            checkup.problem(f"the C compiler {cc!r} ({source}) cannot be run", _CC_HINT,
                            blocking=True)
            return False
    first_line = (version.stdout.strip().splitlines() or ["?"])[0]
    if compiled.returncode != 0:
        checkup.fact("C compiler", f"{cc} ({source}): fails to compile a C file")
        checkup.problem(f"the C compiler {cc!r} ({source}) failed on a one-line C file:\n"
                        f"{compiled.output}", _CC_HINT, blocking=True)
        return False
    checkup.fact("C compiler", f"{cc} ({source}): works ({first_line})")
    return True


def check_environment(environ: Mapping[str, str], checkup: Checkup) -> None:
    """Settings that do not stop a build but change it in ways users trip over."""
    toolchain = environ.get("GOTOOLCHAIN", "")
    if toolchain and toolchain != "local":
        checkup.problem(
            f"GOTOOLCHAIN={toolchain} is set: go may download and use another toolchain "
            f"than the one shown above",
            "unset GOTOOLCHAIN (builds then use GOTOOLCHAIN=local) or set GOTOOLCHAIN=local",
        )
    moved = writable_cache_dirs(environ)
    if moved:
        names = " and ".join(sorted(moved))
        checkup.problem(
            f"HOME is unset or not writable: Go's {names} move to a temporary directory, "
            f"so nothing is cached between sessions",
            f"set HOME to a writable directory, or set {names} yourself",
        )


def show_caches(values: Mapping[str, str], environ: Mapping[str, str], checkup: Checkup) -> None:
    for name in ("GOCACHE", "GOMODCACHE"):
        checkup.fact(name, values.get(name) or "(unknown: needs Go)")
    try:
        ours = tool_cache_dir(environ)
    except GoUnsafeCacheError as exc:
        checkup.fact("our cache", "(refused)")
        checkup.problem(str(exc), f"give {TOOL_CACHE_VARIABLE} a private directory")
        return
    how = "from " + TOOL_CACHE_VARIABLE if environ.get(TOOL_CACHE_VARIABLE) else (
        f"set {TOOL_CACHE_VARIABLE} to move it")
    checkup.fact("our cache", f"{ours} ({how})")


def examine(environ: Mapping[str, str]) -> Checkup:
    checkup = Checkup()
    checkup.lines.append(f"setuptools-golang-ext {__version__}, Python "
                         f"{sys.version.split()[0]} at {sys.executable}")
    go = check_go(environ, checkup)
    env = go_base_environment(environ)  # what the build's commands run with
    values: dict[str, str] = {}
    if go is not None:
        env = go.environment(env)
        values = go_env(go, env)
    has_cc = check_c_compiler(*cgo_compiler(environ, values), env, checkup)
    tools = find_cross_tools(environ)
    for label, path, how in tools.rows():
        checkup.fact(label, path or f"not found ({how})")
    show_caches(values, environ, checkup)
    checkup.lines.append("Targets this machine can build:")
    for target in buildable_targets(go is not None, has_cc, tools, environ.get("CC")):
        checkup.lines.append(f"  {'yes' if target.possible else 'no ':<4} {target.name}: "
                             f"{target.how}")
    check_environment(environ, checkup)
    return checkup


def report(checkup: Checkup, out: TextIO) -> int:
    for line in checkup.lines:
        print(line, file=out)
    if not checkup.problems:
        print("No problems found.", file=out)
        return 0
    print(f"{len(checkup.problems)} problem(s):", file=out)
    for problem in checkup.problems:
        print(f"- {problem.what}", file=out)
        print(f"  fix: {problem.fix}", file=out)
    blocked = any(problem.blocking for problem in checkup.problems)
    if blocked:
        print("No build can work on this machine until the problems above are fixed.", file=out)
    return 1 if blocked else 0


def run_doctor(environ: Mapping[str, str], out: TextIO) -> int:
    with _build_log_hidden():
        return report(examine(environ), out)
