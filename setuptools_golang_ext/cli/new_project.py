"""``new NAME``: write a complete project (Go package, Python package, tests, CI).

The files come from ``templates/`` with ``@@name@@`` placeholders (a marker
that neither Go, TOML, YAML nor GitHub's ``${{ }}`` expressions use). They are
written into a fresh directory beside the target, which is renamed into place
at the end: an error leaves nothing behind, and no existing file is touched.
"""

from __future__ import annotations

import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from .._version import __version__
from . import UsageError
from .names import check_module_name, check_project_name, go_package_name, module_name_for

# --bindings -> the template text that differs between the binding modes.
BINDINGS: dict[str, dict[str, str]] = {
    "ctypes": {
        "python_minimum": "3.9",
        "wheel_text": (
            "The Go library is loaded with ctypes and never touches the Python C API:\n"
            "one `py3-none` wheel per platform serves every Python 3, and building it\n"
            "needs no Python headers."),
        "wheel_config": (
            "# The library never touches the Python C API: one py3-none wheel per platform\n"
            "# serves every Python 3.\n"
            "[tool.setuptools-golang-ext]\n"
            "python-independent = true\n\n"),
        "extension_options": "",
        "cibuildwheel_build": 'build = "cp39-* cp310-* cp311-* cp312-* cp313-* cp314-*"',
    },
    "cpython": {
        "python_minimum": "3.11",
        "wheel_text": (
            'The Go package is built as a CPython extension module (`bindings = "cpython"`\n'
            "in `pyproject.toml`) over the limited C API of Python 3.11: one `cp311-abi3`\n"
            "wheel per platform serves CPython 3.11 and every later version. Building it\n"
            "needs Python's C headers (`Python.h`): on Debian and Ubuntu install\n"
            "`python3-dev`; the python.org installers, pyenv, `actions/setup-python` and\n"
            "cibuildwheel's images have them. Installing a wheel needs no headers."),
        "wheel_config": "",
        "extension_options": (
            "\n# A limited-API extension module: one cp311-abi3 wheel per platform.\n"
            'bindings = "cpython"'),
        "cibuildwheel_build": (
            "# The cp311 build makes the abi3 wheel; cibuildwheel tests that same wheel on\n"
            "# the later Pythons instead of building it again.\n"
            'build = "cp311-* cp312-* cp313-* cp314-*"'),
    },
}

# `new` writes cpython-mode projects: bench/run.py finds that mode faster than ctypes
# mode on every row (calls 2-5x), with the same API and errors, and its
# cp311-abi3 wheel serves every CPython still supported (3.9 and 3.10 are past end
# of life). ctypes mode stays one flag away for older Pythons and header-less builds.
DEFAULT_BINDINGS = "cpython"

# template file -> where it goes in the project ({module}, {go_package} filled in).
# The src layout keeps the sources off sys.path: `python -m pytest` in the project
# imports the installed package, whose compiled library the sources lack.
FILES = (
    ("pyproject.toml.tmpl", "pyproject.toml"),
    ("README.md.tmpl", "README.md"),
    ("gitignore.tmpl", ".gitignore"),
    ("package_init.py.tmpl", "src/{module}/__init__.py"),
    ("py.typed.tmpl", "src/{module}/py.typed"),
    ("go.mod.tmpl", "src/{module}/go/go.mod"),
    ("exports.go.tmpl", "src/{module}/go/{go_package}.go"),
    ("test_package.py.tmpl", "tests/test_{module}.py"),
    ("workflow_test.yml.tmpl", ".github/workflows/test.yml"),
    ("workflow_wheels.yml.tmpl", ".github/workflows/wheels.yml"),
)
_PLACEHOLDER = re.compile(r"@@(\w+)@@")


@dataclass(frozen=True)
class ProjectNames:
    project: str  # the distribution name, as given
    module: str  # the Python package
    go_package: str
    go_module: str  # the go.mod module path

    @classmethod
    def from_arguments(cls, project: str, module: str | None) -> ProjectNames:
        check_project_name(project)
        if module is None:
            module = check_module_name(module_name_for(project), derived=True)
        else:
            check_module_name(module, derived=False)
        return cls(project, module, go_package_name(module), f"example.com/{module}")

    def placeholders(self) -> dict[str, str]:
        return {
            "project": self.project,
            "module": self.module,
            "go_package": self.go_package,
            "go_module": self.go_module,
            "tool_version": __version__,
        }


def render(template: str, values: dict[str, str]) -> str:
    """``template`` with each ``@@key@@`` replaced; an unknown key is a bug here."""
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def project_files(names: ProjectNames, bindings: str = DEFAULT_BINDINGS) -> dict[str, str]:
    """Relative path (with ``/``) -> contents, for every file of the new project."""
    templates = Path(__file__).with_name("templates")
    values = {**names.placeholders(), **BINDINGS[bindings]}
    return {
        destination.format(module=names.module, go_package=names.go_package): render(
            (templates / source).read_text(encoding="utf-8"), values
        )
        for source, destination in FILES
    }


def create_project(names: ProjectNames, target: Path,
                   bindings: str = DEFAULT_BINDINGS) -> Path:
    """Write the project to ``target`` (absent or an empty directory); return its path."""
    _check_target(target.absolute())
    target = target.resolve()
    staging = target.parent / f".{target.name}.new-{secrets.token_hex(4)}"
    try:
        staging.mkdir()
    except OSError as exc:
        raise UsageError(f"cannot create the project in {target.parent}: {exc.strerror}") from exc
    try:
        for relative, text in project_files(names, bindings).items():
            path = staging.joinpath(*relative.split("/"))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))  # "\n" line endings on every OS
        _move_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _check_target(target: Path) -> None:
    try:
        _refuse_unusable(target)
    except OSError as exc:  # e.g. a parent directory we may not look into
        raise UsageError(f"cannot look at {target}: {exc.strerror}") from exc


def _refuse_unusable(target: Path) -> None:
    if not target.parent.is_dir():
        raise UsageError(f"{target.parent} is not a directory: create it first, or pick "
                         f"another --directory")
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise UsageError(f"{target} already exists and is not a directory; nothing was written")
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(f"{target} already exists and is not empty; nothing was written "
                         f"(pick another --directory)")


def _move_into_place(staging: Path, target: Path) -> None:
    try:
        if target.is_dir():
            target.rmdir()  # empty, checked above; fails if something appeared since
        staging.rename(target)
    except OSError as exc:
        raise UsageError(f"cannot create {target}: {exc.strerror}; nothing was written") from exc
