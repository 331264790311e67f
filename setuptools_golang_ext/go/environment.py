"""The exact ``go build`` command line and environment for one GoExtension."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..extension import GoExtension
from ..platforms.python_capi import CgoFlags
from ..platforms.zig import go_quote
from .toolchain import GO_DEFAULT_CGO_FLAGS, GoToolchain, go_base_environment

RELEASE_LDFLAGS = ["-s", "-w"]  # drop the symbol table and DWARF: about a third smaller


@dataclass(frozen=True)
class GoBuildPlan:
    args: list[str]
    env: dict[str, str]
    cwd: Path


def _append_flags(env: dict[str, str], name: str, default: str, flags: list[str]) -> None:
    """Setting CGO_CFLAGS replaces Go's own default (-O2 -g), so start from it."""
    if flags:
        env[name] = " ".join([env.get(name) or default, *flags]).strip()


def go_environment(
    ext: GoExtension,
    environ: Mapping[str, str],
    go: GoToolchain | None = None,
    capi: CgoFlags | None = None,
) -> dict[str, str]:
    """The environment of every go command for ``ext``; ``capi``: Python C-API flags."""
    env = go_base_environment(environ)
    # c-shared needs cgo; a global CGO_ENABLED=0 would only produce a confusing error.
    env["CGO_ENABLED"] = "1"
    capi = capi or CgoFlags()
    _append_flags(env, "CGO_CFLAGS", go.cgo_cflags if go else GO_DEFAULT_CGO_FLAGS,
                  ext.cgo_cflags + [go_quote(flag) for flag in capi.cflags])
    _append_flags(env, "CGO_LDFLAGS", go.cgo_ldflags if go else GO_DEFAULT_CGO_FLAGS,
                  ext.cgo_ldflags + [go_quote(flag) for flag in capi.ldflags])
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
    capi: CgoFlags | None = None,
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
    return GoBuildPlan(args, go_environment(ext, environ, go, capi), cwd)
