"""The exact ``go build`` command line and environment for one GoExtension."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..extension import GoExtension
from .toolchain import GoToolchain, go_base_environment

RELEASE_LDFLAGS = ["-s", "-w"]  # drop the symbol table and DWARF: about a third smaller


@dataclass(frozen=True)
class GoBuildPlan:
    args: list[str]
    env: dict[str, str]
    cwd: Path


def _append_flags(env: dict[str, str], name: str, flags: list[str]) -> None:
    if flags:
        env[name] = " ".join([env[name], *flags]) if env.get(name) else " ".join(flags)


def go_environment(
    ext: GoExtension, go: GoToolchain, environ: Mapping[str, str]
) -> dict[str, str]:
    env = go_base_environment(environ)
    # c-shared needs cgo; a global CGO_ENABLED=0 would only produce a confusing error.
    env["CGO_ENABLED"] = "1"
    defaults = dict(go.cgo_defaults)
    for name, flags in (("CGO_CFLAGS", ext.cgo_cflags), ("CGO_LDFLAGS", ext.cgo_ldflags)):
        if flags and not env.get(name):
            # Setting the variable replaces Go's default (-O2 -g): start from it.
            env[name] = defaults.get(name, "")
        _append_flags(env, name, flags)
    env.update(ext.go_env)
    return env


def plan_go_build(
    ext: GoExtension,
    go: GoToolchain,
    cwd: Path,
    package_args: list[str],
    output: Path,
    *,
    debug: bool,
    environ: Mapping[str, str],
) -> GoBuildPlan:
    args = [str(go.executable), "build", "-buildmode=c-shared", "-buildvcs=false"]
    ldflags = list(ext.ldflags)
    if not debug:
        args.append("-trimpath")
        ldflags = RELEASE_LDFLAGS + ldflags
    if ldflags:
        args.append("-ldflags=" + " ".join(ldflags))
    if ext.gcflags:
        args.append("-gcflags=" + " ".join(ext.gcflags))
    if ext.build_tags:
        args.append("-tags=" + ",".join(ext.build_tags))
    args.extend(ext.go_build_args)
    args.extend(["-o", str(output), *package_args])
    return GoBuildPlan(args, go_environment(ext, go, environ), cwd)
