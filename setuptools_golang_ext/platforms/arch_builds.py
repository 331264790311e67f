"""The platform side of one GoExtension build: environment per architecture, lipo, check.

``_go_build`` stays about Go; this module turns a ``Target`` into the environment
of each ``go build`` (GOOS, GOARCH, CC, ...), joins universal2 slices and checks
the finished library's header against the target.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from .._install_file import replace_file
from ..config.options import enabled, option_named
from ..extension import GoExtension
from .binary_check import check_architecture
from .compilers import compiler_environment, target_environment
from .target import Target, host_goarch, host_goos
from .universal2 import join_universal


def wants_zig(ext: GoExtension | None, environ: Mapping[str, str]) -> bool:
    """``GoExtension(zig=...)`` decides; when it is None, its environment variable."""
    return enabled(option_named("zig"), getattr(ext, "zig", None), environ)


def slice_environments(
    ext: GoExtension, target: Target, environ: Mapping[str, str], scratch: Path
) -> list[tuple[Target, dict[str, str]]]:
    """For each architecture: the full environment its ``go`` commands start from."""
    zig = wants_zig(ext, environ)
    result = []
    for one in target.slices():
        env = dict(environ)
        env.update(target_environment(one))
        env.update(compiler_environment(one, environ, zig=zig, scratch=scratch,
                                        host=(host_goos(), host_goarch())))
        result.append((one, env))
    return result


def build_for_target(
    build_one: Callable[[Path, dict[str, str]], None],
    output: Path,
    target: Target,
    slices: list[tuple[Target, dict[str, str]]],
    environ: Mapping[str, str],
) -> None:
    """Run ``build_one(output, env)`` once, or per slice and join them (universal2)."""
    if len(slices) == 1:
        build_one(output, slices[0][1])
    else:
        parts = []
        for one, env in slices:
            part = output.parent / one.goarch / output.name
            part.parent.mkdir(parents=True, exist_ok=True)
            build_one(part, env)
            parts.append(part)
        join_universal(parts, output, environ)
        header = parts[0].with_suffix(".h")
        if header.is_file():
            replace_file(header, output.with_suffix(".h"))
    check_architecture(output, target.goos, target.goarchs, macos_min=target.macos_min,
                       describe=f"wheel tag {target.platform_tag}")
