"""``gopath`` and ``cgo-env``: using the Go package ``setuptools-golang-ext.dev/python``
outside a wheel build (go vet, gopls, and Go programs that embed Python).

``gopath`` prints where the package's source is and, with ``--go-work``, adds it
to the go.work of a directory. ``cgo-env`` prints the CGO_* settings that link a
program to the Python running the command, after checking that Go builds for
that Python's OS and architecture.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from ..errors import GoExtensionError
from . import UsageError

# A `use` line (or a line inside `use ( ... )`) naming a copy of the package.
_OLD_COPY = re.compile(r'^(\s*(?:use\s+)?)"?[^"\n]*golib[/\\]python"?\s*$', re.MULTILINE)


def go_work_text(existing: str | None, module_dir: Path, source: Path, go_version: str) -> str:
    """A go.work using the package (replacing an older copy's line), keeping the rest."""
    line = json.dumps(str(source))
    if existing is None:
        use_module = "\t.\n" if (module_dir / "go.mod").is_file() else ""
        return f"go {go_version}\n\nuse (\n{use_module}\t{line}\n)\n"
    if _OLD_COPY.search(existing):
        return _OLD_COPY.sub(lambda match: match.group(1) + line, existing, count=1)
    return existing.rstrip("\n") + f"\n\nuse {line}\n"


def gopath(directory: Path | None, out: TextIO) -> int:
    from ..builder.go_python import GO_PYTHON_IMPORT_PATH, GO_PYTHON_SOURCE, newest_go_version

    if directory is None:
        print(GO_PYTHON_SOURCE, file=out)
        return 0
    if not directory.is_dir():
        raise UsageError(f"--go-work {directory}: no such directory")
    work = directory / "go.work"
    existing = work.read_text(encoding="utf-8") if work.is_file() else None
    text = go_work_text(existing, directory, GO_PYTHON_SOURCE,
                        newest_go_version([directory, GO_PYTHON_SOURCE]))
    if text != existing:
        temporary = work.with_name(f".go.work.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(work)
    print(f"{work}: {GO_PYTHON_IMPORT_PATH} resolves to {GO_PYTHON_SOURCE} "
          f"(go build, go vet and gopls read go.work; keep it out of version control: "
          f"the path is this Python's)", file=out)
    return 0


def target_of(environ: Mapping[str, str], goarch: str | None) -> tuple[str, str]:
    """(GOOS, GOARCH) go build would target: the options, the environment, or `go env`."""
    goos = environ.get("GOOS", "")
    goarch = goarch or environ.get("GOARCH", "")
    if goos and goarch:
        return goos, goarch
    from .._run import run_command
    from ..go.toolchain import find_go

    go = find_go(environ)
    result = run_command([str(go.executable), "env", "GOOS", "GOARCH"], env=dict(environ),
                         quiet=True).check("`go env GOOS GOARCH` failed")
    found = result.stdout.split()
    return goos or found[0], goarch or found[1]


def cgo_env(environ: Mapping[str, str], goarch: str | None, as_json: bool, out: TextIO) -> int:
    from ..platforms.embedding import check_architecture, embed_flags

    try:
        check_architecture(*target_of(environ, goarch))
        flags = embed_flags()
    except GoExtensionError as exc:
        raise UsageError(str(exc)) from exc
    settings = {"CGO_ENABLED": "1", "CGO_CFLAGS": " ".join(flags.cflags),
                "CGO_LDFLAGS": " ".join(flags.ldflags)}
    if goarch:
        settings["GOARCH"] = goarch
    if as_json:
        print(json.dumps(settings, indent=1), file=out)
    else:
        for name, value in settings.items():
            print(f"export {name}={shlex.quote(value)}", file=out)
    for note in flags.notes:
        print(f"# {note}", file=sys.stderr)
    return 0
