"""Building and running the API reader (the Go program in ``reader/``).

The reader must be compiled by the same Go that writes the export data it
reads, so it is built once per toolchain (and per version of its sources)
into our cache directory. It is built for this machine; the package is then
read with the build's own environment (GOOS, GOARCH, CC, tags...), so the
files and dependencies it sees are the ones ``go build`` will compile.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path

from .._log import log
from .._run import run_command
from ..errors import GoPackageError
from ..go.cache_dirs import fallback_root, tool_cache_dir
from ..go.toolchain import GoToolchain
from .model import GoApi, GoApiReadError

READER_SOURCE = Path(__file__).resolve().parent / "reader"
_MAX_SYNTAX_ERRORS = 10

# Variables that describe the *target* of a build. The reader runs on the
# build machine, so it is built without them.
_TARGET_VARIABLES = re.compile(
    r"GOOS|GOARCH|GO386|GOAMD64|GOARM|GOARM64|GOMIPS|GOMIPS64|GOPPC64|GORISCV64|GOWASM"
    r"|CGO_.*|CC|CXX|CC_FOR_.*|CXX_FOR_.*|AR|PKG_CONFIG|GOFLAGS|GOTOOLCHAIN|GOWORK"
)


def reader_build_environment(base: Mapping[str, str], go: GoToolchain) -> dict[str, str]:
    """``base`` without target settings, fixed up to build the reader offline."""
    env = {k: v for k, v in base.items() if not _TARGET_VARIABLES.fullmatch(k)}
    env.update(
        # As in the package's own environment (go_environment), and no -trimpath: the
        # standard packages the reader compiles are then the ones `go list -export`
        # needs next, found in Go's build cache instead of compiled twice. The reader
        # has no cgo code, so no C compiler is ever run for it.
        CGO_ENABLED="1",
        GOTOOLCHAIN="local",  # the toolchain given, never a downloaded one
        GOWORK="off",  # the user's go.work must not pull the reader in
        GOPROXY="off",  # nothing to download; fail fast rather than hang
        # Set, not just unset: an empty GOFLAGS would let `go env -w GOFLAGS`
        # settings in, and -buildvcs=false stops go build from asking a VCS
        # about the (installed) package directory the sources are in.
        GOFLAGS="-buildvcs=false",
        GOOS=go.host_goos,
        GOARCH=go.host_goarch,
    )
    return env


def _source_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(READER_SOURCE.iterdir()):
        if path.suffix == ".go" or path.name == "go.mod":
            digest.update(f"{path.name}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _writable_cache_dir(environ: Mapping[str, str]) -> Path:
    """Our cache, or the private temporary one when HOME is unset or read-only."""
    for base in (tool_cache_dir(environ), fallback_root()):
        try:
            (base / "goapi").mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(base / "goapi", os.W_OK):
            return base / "goapi"
    raise GoPackageError(
        "no writable cache directory for the Go API reader: set "
        "SETUPTOOLS_GOLANG_EXT_CACHE to a writable directory"
    )


def build_reader(go: GoToolchain, environ: Mapping[str, str]) -> Path:
    """The reader executable for ``go``, compiled on first use.

    Builds go to a temporary name first and are renamed into place, so
    processes building at the same time never see half an executable.
    """
    exe = ".exe" if go.host_goos == "windows" else ""
    version = re.sub(r"[^A-Za-z0-9._-]+", "_", go.version_text)
    name = f"goapi-{version}-{go.host_goos}-{go.host_goarch}-{_source_digest()}"
    cache_dir = _writable_cache_dir(environ)
    target = cache_dir / f"{name}{exe}"
    if target.is_file():
        return target
    temporary = cache_dir / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp{exe}"
    log.info("goapi: building the Go API reader with %s (once per Go version)", go.version_text)
    try:
        run_command(
            [str(go.executable), "build", "-o", str(temporary), "."],
            env=reader_build_environment(environ, go), cwd=READER_SOURCE,
        ).check("building the Go API reader failed")
        try:
            temporary.replace(target)
        except OSError:
            # Windows cannot replace an executable another process is running;
            # that process built the same thing.
            if not target.is_file():
                raise
    finally:
        temporary.unlink(missing_ok=True)
    return Path(target)


def read_go_api(
    ext_name: str, go: GoToolchain, package_dir: Path, env: Mapping[str, str],
    tags: Sequence[str], files: Sequence[str] = (),
    instantiate: Mapping[str, Sequence[str]] | None = None,
) -> GoApi:
    """Read the API of the Go package in ``package_dir`` (or of its ``files``, when
    the package is named file by file) with the build's ``env``; ``instantiate``
    lists instantiations of generic functions to describe (``{"Map": ["string, int"]}``)."""
    reader = build_reader(go, env)
    argv = [str(reader), "-go", str(go.executable)]
    if tags:
        argv += ["-tags", ",".join(tags)]
    if instantiate:
        argv += ["-instantiate", json.dumps({k: list(v) for k, v in instantiate.items()})]
    argv.append(str(package_dir))
    argv += [name for name in files if name != "."]
    result = run_command(argv, env=env, cwd=package_dir, quiet=True)
    result.check(f"GoExtension {ext_name!r}: reading the Go API of {package_dir} failed")
    try:
        data = json.loads(result.stdout)
        if not isinstance(data, dict):
            raise GoApiReadError("the reader printed JSON that is not an object")
        return GoApi.from_json(data)
    except (ValueError, GoApiReadError) as exc:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: the Go API reader printed something unusable for "
            f"{package_dir}: {exc}. Please report this with the package."
        ) from exc


def refuse_syntax_errors(ext_name: str, package_dir: Path, api: GoApi) -> None:
    """Go's own syntax errors, before anything reads the half-parsed declarations
    ``read_go_api`` keeps (a broken signature would otherwise surface as a
    confusing binding problem)."""
    first_per_line: dict[tuple[str, int], str] = {}
    for error in api.errors:
        if error.kind == "syntax":
            where = (error.pos.file, error.pos.line) if error.pos else ("", len(first_per_line))
            first_per_line.setdefault(where, str(error))
    if first_per_line:
        # Like the compiler: one error per line, ten at most; the first one is the cause.
        shown = list(first_per_line.values())[:_MAX_SYNTAX_ERRORS]
        more = len(first_per_line) - len(shown)
        listing = "\n".join(f"  {line}" for line in shown) + (
            f"\n  (and {more} more)" if more else "")
        raise GoPackageError(
            f"GoExtension {ext_name!r}: the Go package in {package_dir} does not parse; "
            f"fix these syntax errors:\n{listing}"
        )
