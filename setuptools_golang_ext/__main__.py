"""``python -m setuptools_golang_ext new NAME``, ``doctor``, ``gopath`` and ``cgo-env``.

Only argument parsing lives here; the commands are in ``cli/``. Bad input is one
``error:`` line on stderr and exit code 2, as argparse does for bad options.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .cli import UsageError
from .cli.new_project import BINDINGS, DEFAULT_BINDINGS

PROG = "python -m setuptools_golang_ext"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Go code in Python wheels.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new = commands.add_parser(
        "new", help="create a project: Go package, Python package, tests, CI workflows",
        description="Create a project that `pip install .` builds and whose tests pass as "
        "generated.")
    new.add_argument("name", metavar="NAME", help="the project (distribution) name, e.g. my-tool")
    new.add_argument("--module", metavar="NAME",
                     help="the Python package name (default: NAME with - and . as _)")
    new.add_argument("--bindings", choices=list(BINDINGS), default=DEFAULT_BINDINGS,
                     help="how Python calls Go: cpython (the default: a limited-API "
                     "extension module, one cp311-abi3 wheel per platform for CPython "
                     "3.11+, needs Python's headers to build) or ctypes (one py3-none "
                     "wheel per platform for every Python 3; slower calls)")
    new.add_argument("--directory", metavar="DIR", type=Path,
                     help="where to create it (default: ./NAME); must not exist or be empty")
    commands.add_parser(
        "doctor", help="show the Go, C compiler and cross tools a build would use",
        description="Show what a build on this machine would use, which targets it can "
        "build, and each problem with its fix. Exit code 1 when no build can work.")
    _go_python_commands(commands)
    return parser


def _go_python_commands(commands: Any) -> None:
    gopath = commands.add_parser(
        "gopath", help="where the Go package setuptools-golang-ext.dev/python is",
        description="Print the directory of the Go package setuptools-golang-ext.dev/python "
        "shipped with this tool; with --go-work, add it to DIR/go.work so that go build, "
        "go vet and gopls resolve the import.")
    gopath.add_argument("--go-work", metavar="DIR", type=Path,
                        help="create or update DIR/go.work (DIR: usually your Go module)")
    cgo = commands.add_parser(
        "cgo-env", help="CGO_* settings to link a Go program to this Python",
        description="Print the CGO_CFLAGS and CGO_LDFLAGS a Go program embedding this "
        "Python needs (eval \"$(python -m setuptools_golang_ext cgo-env)\"), after "
        "checking that Go builds for this Python's OS and architecture.")
    cgo.add_argument("--goarch", metavar="GOARCH",
                     help="the architecture to build for (default: $GOARCH or `go env`)")
    cgo.add_argument("--json", action="store_true", help="print a JSON object instead")


def _new(args: argparse.Namespace) -> int:
    from .cli.new_project import ProjectNames, create_project

    names = ProjectNames.from_arguments(args.name, args.module)
    target = create_project(names, args.directory or Path(args.name), args.bindings)
    print(f"Created {target}: Python package {names.module}, Go code in {names.module}/go.\n"
          f"Next: cd {target} && python -m pip install '.[test]' && pytest\n"
          f"(README.md says how to point pip at setuptools-golang-ext before it is on PyPI.)")
    return 0


def _doctor() -> int:
    try:
        from .cli.doctor import run_doctor
    except ModuleNotFoundError as exc:
        raise UsageError(f"doctor needs {exc.name} in this Python: "
                         f"{sys.executable} -m pip install {exc.name}") from exc
    return run_doctor(os.environ, sys.stdout)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command in ("gopath", "cgo-env"):
            from .cli import go_python

            if args.command == "gopath":
                return go_python.gopath(args.go_work, sys.stdout)
            return go_python.cgo_env(os.environ, args.goarch, args.json, sys.stdout)
        return _new(args) if args.command == "new" else _doctor()
    except UsageError as exc:
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
