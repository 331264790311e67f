"""Building one GoExtension: inspect the package, run ``go build``, install the library."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from .._log import log
from .._run import run_command
from ..bindings.plan import prepare_package, scan_bindings, write_api_files
from ..config.options import enabled, option_named
from ..extension import GoExtension
from ..go.environment import go_environment, plan_go_build
from ..go.go_list import inspect_package, require_c_shared_exports
from ..go.go_mod import find_go_for
from ..go.toolchain import GoToolchain
from ..go.vendor import has_vendor_directory, module_root, with_vendor_mode
from ..platforms.arch_builds import build_for_target, slice_environments
from ..platforms.target import Target
from .install_file import replace_file


def wants_debug(ext: GoExtension, build_ext_debug: bool, environ: Mapping[str, str]) -> bool:
    """``debug`` when set, else ``build_ext --debug`` or the environment variable."""
    if ext.debug is None and build_ext_debug:
        return True
    return enabled(option_named("debug"), ext.debug, environ)


def build_go_extension(
    ext: GoExtension,
    destination: Path,
    *,
    project_root: Path,
    build_temp: Path,
    debug: bool,
    environ: Mapping[str, str] | None = None,
    target: Target,
) -> Path:
    """Build ``ext`` for ``target`` and atomically place the
    library at ``destination``."""
    environ = dict(os.environ if environ is None else environ)
    spec = ext.package_source(project_root)
    go = find_go_for([spec.directory], environ)
    vendored = has_vendor_directory(module_root(spec.directory))
    environ = with_vendor_mode(go.environment(environ), ext.vendor and vendored)
    log.info("building Go extension %r with %s", ext.name, go.describe())
    log.info("target: %s", target.describe())
    build_temp.mkdir(parents=True, exist_ok=True)
    slices = slice_environments(ext, target, environ, build_temp)
    package = inspect_package(
        ext.name, go, spec.directory, spec.build_args, go_environment(ext, go, slices[0][1]),
        ext.build_tags,
    )
    bindings = scan_bindings(package)
    exports = require_c_shared_exports(
        ext.name, package, [f.name for f in bindings.python_functions]
    )
    log.info("Go package %s exports: %s", package.import_path, ", ".join(exports))

    with tempfile.TemporaryDirectory(prefix="go-", dir=build_temp) as scratch:
        output = Path(scratch) / destination.name
        # A generated main package when the package uses //python:export.
        prepared = prepare_package(ext.name, package, spec.build_args, bindings, Path(scratch),
                                   vendored=vendored)

        def build_one(output: Path, slice_environ: dict[str, str]) -> None:
            plan = plan_go_build(
                ext, go, prepared.cwd, prepared.package_args, output, debug=debug,
                environ=slice_environ,
            )
            _run_go_build(ext, go, plan.args, prepared.environment(plan.env), plan.cwd)

        build_for_target(build_one, output, target, slices, environ)
        replace_file(output, destination, ext.name)
        header = output.with_suffix(".h")
        write_api_files(ext.name, bindings, header, destination)
        if header.is_file():
            # Kept beside the build tree for people writing C callers or checking exports.
            replace_file(header, build_temp / (ext.name + ".h"), ext.name)
    log.info("installed %s (%d bytes)", destination, destination.stat().st_size)
    return destination


def _run_go_build(
    ext: GoExtension, go: GoToolchain, args: list[str], env: dict[str, str], cwd: Path
) -> None:
    started = time.monotonic()
    log.info("go build: compiling %r (output streams below)", ext.name)
    run_command(args, env=env, cwd=cwd, stream=True).check(
        f"go build failed for GoExtension {ext.name!r} (in {cwd}, {go.version_text})"
    )
    log.info("go build for %r took %.1f s", ext.name, time.monotonic() - started)
