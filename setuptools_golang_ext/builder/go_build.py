"""Building one GoExtension: inspect the package, run ``go build``, install the library."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .._install_file import replace_file
from .._log import log
from .._run import run_command
from ..bindings.bound_package import bind_package, empty_package_error
from ..bindings.cpython_mode import cpython_module
from ..bindings.foreign_members import bind_foreign
from ..bindings.plan import (
    Bindings,
    api_files,
    library_id,
    prepare_package,
    scan_bindings,
    unbindable_error,
    write_api_files,
)
from ..bindings.renames import apply_renames
from ..config.options import enabled, option_named
from ..errors import GoPackageError
from ..extension import GoExtension, GoSourceSpec
from ..go.bound_module import bound_package_problem
from ..go.environment import go_environment, plan_go_build
from ..go.go_list import GoPackage, inspect_package, list_build, require_c_shared_exports
from ..go.go_mod import find_go_for
from ..go.toolchain import GoToolchain
from ..go.vendor import has_vendor_directory, module_root, with_vendor_mode
from ..goapi.instances import instance_problems
from ..goapi.model import GoApi
from ..goapi.reader import read_go_api, refuse_syntax_errors
from ..platforms.arch_builds import build_for_target, slice_environments
from ..platforms.python_capi import (
    CapiUse,
    CgoFlags,
    check_module_init,
    python_capi_flags,
    sources_capi_use,
)
from ..platforms.target import Target
from .go_python import (
    CLASSES_FILE,
    add_to_workspace,
    class_registration_source,
    go_python_capi,
    go_python_workspace,
    refuse_vendored,
    with_go_python,
)
from .input_hash import BuildInputs, build_inputs
from .stale_outputs import remove_generated


def wants_debug(ext: GoExtension, build_ext_debug: bool, environ: Mapping[str, str]) -> bool:
    """``debug`` when set, else ``build_ext --debug`` or the environment variable."""
    if ext.debug is None and build_ext_debug:
        return True
    return enabled(option_named("debug"), ext.debug, environ)


@dataclass(frozen=True)
class PreparedBuild:
    """Everything decided before Go compiles: the toolchain, environments and inputs."""

    ext: GoExtension
    spec: GoSourceSpec
    go: GoToolchain
    environ: dict[str, str]
    slices: list[tuple[Target, dict[str, str]]]
    target: Target
    debug: bool
    build_temp: Path
    inputs: BuildInputs
    vendored: bool  # the module has vendor/ (sdists made with vendor = true)
    listed: tuple[GoPackage, ...]  # the build's one go list: the package and its imports

    @property
    def go_env(self) -> dict[str, str]:
        return go_environment(self.ext, self.slices[0][1], self.go)

    @property
    def go_python(self) -> bool:
        """The module imports the shipped package setuptools-golang-ext.dev/python."""
        return self.environ.get("GOWORK") == str(go_python_workspace(self.build_temp))


def prepare_build(
    ext: GoExtension, *, project_root: Path, build_temp: Path, debug: bool,
    environ: Mapping[str, str] | None = None, target: Target,
) -> PreparedBuild:
    """Find Go, set up each architecture's environment and hash the build's inputs."""
    environ = dict(os.environ if environ is None else environ)
    spec = ext.package_source(project_root)
    go = find_go_for([spec.directory], environ)
    vendored = has_vendor_directory(module_root(spec.directory))
    environ = with_vendor_mode(go.environment(environ), ext.vendor and vendored)
    build_temp.mkdir(parents=True, exist_ok=True)
    environ = with_go_python(environ, spec.directory, go, go_python_workspace(build_temp))
    if ext.vendor and vendored and environ.get("GOWORK") == str(go_python_workspace(build_temp)):
        refuse_vendored(ext.name)  # a workspace would ignore vendor/
    slices = slice_environments(ext, target, environ, build_temp)
    go_env = go_environment(ext, slices[0][1], go)
    listed = list_build(go, spec.directory, spec.build_args, go_env, ext.build_tags)
    pins = [spec.directory / name for name in ("go.mod", "go.sum", "vendor/modules.txt")
            if ext.package is not None and (spec.directory / name).is_file()]
    inputs = build_inputs(ext, go, listed, go_env, target=target, debug=debug,
                          module_files=pins)
    return PreparedBuild(ext, spec, go, environ, slices, target, debug, build_temp, inputs,
                         vendored, tuple(listed))


def build_go_extension(
    ext: GoExtension,
    destination: Path,
    *,
    project_root: Path,
    build_temp: Path,
    debug: bool,
    environ: Mapping[str, str] | None = None,
    target: Target,
    previous_digest: str | None = None,
    before_build: Callable[[], None] | None = None,
) -> BuildInputs:
    """Build ``ext`` for ``target`` and atomically place the library at ``destination``.

    Returns what the build read. When its digest equals ``previous_digest`` (what
    the caller recorded for the library already at ``destination``), Go is not run;
    otherwise ``before_build`` is called first (to tell the user why they wait).
    """
    prepared = prepare_build(ext, project_root=project_root, build_temp=build_temp,
                             debug=debug, environ=environ, target=target)
    installed = [destination, *api_files(destination, ext.name)]
    if prepared.inputs.digest == previous_digest and all(p.is_file() for p in installed):
        log.info("%s: up to date, skipping go build", ext.name)
        return prepared.inputs
    if before_build is not None:
        before_build()
    run_build(prepared, destination)
    return prepared.inputs


def run_build(prepared: PreparedBuild, destination: Path) -> None:
    """Compile, then place the library and its API files at ``destination``."""
    ext, go, debug = prepared.ext, prepared.go, prepared.debug
    log.info("building Go extension %r with %s", ext.name, go.describe())
    log.info("target: %s", prepared.target.describe())
    package, bindings = _read_bindings(prepared)
    # Compiled into the library and written into its description (with the glue only).
    identifier = library_id(ext.name, bindings, ext.bindings) if bindings.bound_names else ""
    module, capi_use, capi = _python_capi(prepared, package, bindings, identifier)
    # A CPython extension module (PyInit_<leaf>) is imported, not loaded with ctypes.
    is_python_module = bool(capi_use and capi_use.module_inits)

    with tempfile.TemporaryDirectory(prefix="go-", dir=prepared.build_temp) as scratch:
        output = Path(scratch) / destination.name
        # A generated main package when the package uses //python:export.
        build_target = prepare_package(ext.name, package, prepared.spec.build_args, bindings,
                                       Path(scratch), vendored=prepared.vendored, module=module,
                                       identifier=identifier,
                                       extra_glue=_class_registration(prepared, package, bindings),
                                       bound_from=prepared.spec.directory if ext.package
                                       else None)
        if prepared.go_python and build_target.workspace:
            add_to_workspace(Path(build_target.env["GOWORK"]))

        def build_one(output: Path, slice_environ: dict[str, str]) -> None:
            plan = plan_go_build(
                ext, go, build_target.cwd, build_target.package_args, output, debug=debug,
                environ=slice_environ, capi=capi,
            )
            _run_go_build(ext, go, plan.args, build_target.environment(plan.env), plan.cwd)

        build_for_target(build_one, output, prepared.target, prepared.slices,
                         prepared.environ)
        replace_file(output, destination, ext.name)
        header = output.with_suffix(".h")
        if bindings.bound_names or not is_python_module:
            write_api_files(ext.name, bindings, header, destination, ext.bindings,
                            identifier)
        else:  # a hand-written C module: no description, none left from an earlier build
            remove_generated(api_files(destination, ext.name))
        if header.is_file():
            # Kept beside the build tree for people writing C callers or checking exports.
            replace_file(header, prepared.build_temp / (ext.name + ".h"), ext.name)
    log.info("installed %s (%d bytes)", destination, destination.stat().st_size)


def _python_capi(
    prepared: PreparedBuild, package: GoPackage, bindings: Bindings, identifier: str,
) -> tuple[str, CapiUse | None, CgoFlags]:
    """The generated C module (cpython mode, else ""), what of Python's C API the
    build uses, and the flags that give it; checks the exports the build needs."""
    ext = prepared.ext
    capi_use = sources_capi_use(package.cgo_files, package.files, ext.cgo_cflags)
    module = ""
    if ext.bindings.generates_c_module:
        module, capi_use = cpython_module(ext.name, bindings, capi_use, identifier=identifier)
    if prepared.go_python:
        capi_use = go_python_capi(capi_use)
    check_module_init(ext.name, capi_use)
    c_module_inits = ["PyInit_" + name for name in capi_use.module_inits] if capi_use else []
    exports = require_c_shared_exports(
        ext.name, package, [f.name for f in bindings.c_functions] + c_module_inits,
        bindings.bound_names,
    )
    log.info("Go package %s exports: %s", package.import_path, ", ".join(dict.fromkeys(exports)))
    capi = python_capi_flags(ext.name, capi_use, prepared.target, prepared.slices[0][1],
                             prepared.build_temp / "python-capi" / prepared.target.goos)
    if capi_use:
        log.info("Python C-API flags: CGO_CFLAGS += %s; CGO_LDFLAGS += %s",
                 " ".join(capi.cflags), " ".join(capi.ldflags) or "(none)")
    return module, capi_use, capi


def _class_registration(prepared: PreparedBuild, package: GoPackage, bindings: Bindings
                        ) -> dict[str, str]:
    """The glue registering the classes with setuptools-golang-ext.dev/python, when
    the module imports it."""
    if not prepared.go_python or not bindings.classes:
        return {}
    import_path = None if package.name == "main" else package.import_path
    # Other packages' types and proxies are declared by the glue: not registered.
    foreign = {c.name for c in bindings.foreign} | {p.name for p in bindings.proxies}
    own = [name for name in bindings.class_names if name not in foreign]
    instances = [i.name for i in bindings.instances]  # aliases of the glue's main package
    return {CLASSES_FILE: class_registration_source(prepared.ext.name, own, import_path,
                                                    instances)}


def _read_bindings(prepared: PreparedBuild) -> tuple[GoPackage, Bindings]:
    """The package a build compiles and what of it binds (for a package named by
    import path: every exported declaration that can be bound)."""
    ext, directory = prepared.ext, prepared.spec.directory
    if ext.package is not None:
        bound = next((p for p in prepared.listed if not p.dep_only), None)
        problem = bound and bound_package_problem(ext.name, bound, directory)
        if problem:
            raise GoPackageError(problem)
    package = inspect_package(ext.name, directory, prepared.listed)
    api = read_go_api(ext.name, prepared.go, directory, prepared.go_env, ext.build_tags,
                      prepared.spec.build_args, ext.instantiate)
    refuse_syntax_errors(ext.name, directory, api)
    refused = _check_instances(ext, api)
    # Marked declarations that cannot bind are reported before "nothing exported".
    own = _own_bindings(ext.name, api) if ext.package is None else None
    empty = empty_package_error(ext.name, api)
    if empty is not None:
        raise empty
    bindings = own or bind_package(ext.name, api, ext.include, ext.strict, refused)
    return package, apply_renames(ext.name, bindings, ext.rename)


def _check_instances(ext: GoExtension, api: GoApi) -> list[str]:
    """Listed instantiations that cannot bind are one error; in a package bound by
    import path, those go/types refused are returned instead: left out with one
    warning line each, as its other declarations (``strict``: one error)."""
    refused = [str(p) for p in api.instance_problems] if ext.package is not None else []
    bad = [line for line in instance_problems(api, ext.instantiate, ext.include,
                                              marked_only=ext.package is None)
           if line not in refused]
    if bad:
        raise unbindable_error(ext.name, bad, "")
    return refused


def _own_bindings(ext_name: str, api: GoApi) -> Bindings:
    """The marked declarations, with the struct types of other packages they reach as
    classes; members of those that cannot bind are left out, said at info level (the
    user wrote none of them)."""
    foreign = bind_foreign(api)
    for line in foreign.left_out:
        log.info("GoExtension %r: left out %s", ext_name, line)
    return replace(scan_bindings(ext_name, foreign.api), foreign=tuple(foreign.classes),
                   proxies=tuple(foreign.proxies))


def _run_go_build(
    ext: GoExtension, go: GoToolchain, args: list[str], env: dict[str, str], cwd: Path
) -> None:
    started = time.monotonic()
    log.info("go build: compiling %r (output streams below)", ext.name)
    run_command(args, env=env, cwd=cwd, stream=True).check(
        f"go build failed for GoExtension {ext.name!r} (in {cwd}, {go.version_text})"
    )
    log.info("go build for %r took %.1f s", ext.name, time.monotonic() - started)
