"""Making the shipped Go package ``setuptools-golang-ext.dev/python`` importable in a build.

Its source ships inside this package (``golib/python``). A Go module that
imports it is built through a generated ``go.work`` that uses the module and
that directory (plus the modules of the user's own ``go.work``, if any), so
nothing is downloaded and the user's ``go.mod`` is never touched. The package
calls the C API, so the build also gets Python's headers (limited API 3.11).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Collection, Mapping
from pathlib import Path

from .._run import run_command
from ..bindings.go_support import GENERATED_HEADER
from ..bindings.type_families import quote_go
from ..errors import GoPackageError
from ..go.go_mod import find_go_mod
from ..go.toolchain import GoToolchain
from ..go.vendor import without_mod_flag
from ..platforms.python_capi import CapiUse
from ..runtime.contract import MINIMUM_GO

GO_PYTHON_IMPORT_PATH = "setuptools-golang-ext.dev/python"
GO_PYTHON_SOURCE = Path(__file__).resolve().parent.parent / "golib" / "python"
_IMPORTS = re.compile(r'"' + re.escape(GO_PYTHON_IMPORT_PATH) + r'(?:/[^"]*)?"')
_GO_LINE = re.compile(r"^go[ \t]+(\d+(?:\.\d+){1,2})[ \t]*(?://.*)?$", re.MULTILINE)
_SKIPPED_DIRECTORIES = {"vendor", "testdata", "node_modules"}


def imports_go_python(module_root: Path) -> bool:
    """Whether a .go file of the module names the package (a cheap text scan:
    ``go list`` itself would fail on the unresolved import)."""
    for directory, subdirectories, files in os.walk(module_root):
        subdirectories[:] = [d for d in subdirectories
                             if d not in _SKIPPED_DIRECTORIES and not d.startswith((".", "_"))]
        for name in files:
            if name.endswith(".go") and _IMPORTS.search(
                    (Path(directory) / name).read_text(encoding="utf-8", errors="replace")):
                return True
    return False


def go_python_capi(use: CapiUse | None) -> CapiUse:
    """The build's C-API use with the package's own (limited API) added."""
    source = GO_PYTHON_SOURCE / "capi.h"
    if use is None:
        return CapiUse((source,), limited=True)
    return CapiUse((*use.files, source), limited=True, module_inits=use.module_inits)


def go_python_workspace(build_temp: Path) -> Path:
    """The go.work a build writes when its module imports the package."""
    return build_temp / "go-python" / "go.work"


def with_go_python(
    environ: Mapping[str, str], package_directory: Path, go: GoToolchain, work: Path,
) -> dict[str, str]:
    """``environ`` with GOWORK set to ``work``, a workspace holding the package, when
    the module of ``package_directory`` imports it; else unchanged."""
    go_mod = find_go_mod(package_directory)
    if go_mod is None or not imports_go_python(go_mod.parent):
        return dict(environ)
    uses = [go_mod.parent, *_user_workspace_uses(environ, package_directory, go)]
    work.parent.mkdir(parents=True, exist_ok=True)
    work.write_text(workspace_text(uses), encoding="utf-8")
    env = dict(environ)
    env["GOWORK"] = str(work)
    # Workspaces reject -mod=mod (a user's GOFLAGS); they read go.work instead.
    env["GOFLAGS"] = without_mod_flag(env.get("GOFLAGS", ""))
    return env


# The glue file that registers the extension's classes with the package.
CLASSES_FILE = "zz_goext_python_classes.go"


def class_registration_source(ext_name: str, classes: list[str],
                              import_path: str | None, local: Collection[str] = ()) -> str:
    """Go code registering each class at init, so that its structs cross the
    package's calls into Python as objects of the class (``import_path``: the
    user's package, None when the glue joins its main package; ``local``: classes
    the glue's main package declares, instantiations of generic types)."""
    qualifier = "goextuser." if import_path is not None else ""
    imports = [f"\tgoextuser {quote_go(import_path)}"] \
        if import_path is not None and set(classes) - set(local) else []
    imports.append(f"\tgoextpython {quote_go(GO_PYTHON_IMPORT_PATH)}")
    registrations = [f"\tgoextpython.RegisterClass[{'' if name in local else qualifier}{name}]"
                     f"({quote_go(ext_name)}, {quote_go(name)})" for name in classes]
    return "\n".join([GENERATED_HEADER + "package main", "", "import (", *imports, ")", "",
                      "func init() {", *registrations, "}", ""])


def refuse_vendored(ext_name: str) -> None:
    """A vendored build reads vendor/ only, which cannot hold the shipped package."""
    raise GoPackageError(
        f"GoExtension {ext_name!r}: its Go module imports {GO_PYTHON_IMPORT_PATH}, which "
        f"ships with setuptools-golang-ext and cannot be vendored, but the extension is "
        f"built from vendor/ (vendor = true). Drop vendor = true for this extension "
        f"(GoExtension(..., vendor=False)); the package itself needs no download.")


def workspace_text(uses: list[Path]) -> str:
    """A go.work using ``uses`` and the shipped package (never twice, never an old copy)."""
    directories = dict.fromkeys(str(u.resolve()) for u in uses if not _is_go_python(u))
    directories[str(GO_PYTHON_SOURCE)] = None
    lines = "".join(f"\t{json.dumps(d)}\n" for d in directories)
    return f"go {newest_go_version([Path(d) for d in directories])}\n\nuse (\n{lines})\n"


def add_to_workspace(go_work: Path) -> None:
    """Add the package to a generated go.work (the one a generated main package uses)."""
    text = go_work.read_text(encoding="utf-8")
    go_work.write_text(text + f"\nuse {json.dumps(str(GO_PYTHON_SOURCE))}\n", encoding="utf-8")


def _is_go_python(directory: Path) -> bool:
    """A copy of the package: the one of another installation (a go.work written by
    ``gopath --go-work`` elsewhere, maybe shipped in an sdist) need not exist here."""
    if directory.parts[-2:] == ("golib", "python"):
        return True
    go_mod = directory / "go.mod"
    return go_mod.is_file() and re.search(
        r"^module\s+" + re.escape(GO_PYTHON_IMPORT_PATH) + r"\s*$",
        go_mod.read_text(encoding="utf-8", errors="replace"), re.MULTILINE) is not None


def newest_go_version(modules: list[Path]) -> str:
    """The go line a go.work needs: at least each module's own (``1.26.8`` > ``1.26``)."""
    versions = [".".join(map(str, MINIMUM_GO))]
    for module in modules:
        go_mod = module / "go.mod"
        text = go_mod.read_text(encoding="utf-8", errors="replace") if go_mod.is_file() else ""
        found = _GO_LINE.search(text)
        versions += [found.group(1)] if found else []
    return max(versions, key=lambda v: (tuple(int(p) for p in v.split(".")), len(v)))


def _user_workspace_uses(
    environ: Mapping[str, str], directory: Path, go: GoToolchain,
) -> list[Path]:
    """The modules of the go.work Go would use in ``directory``, if any."""
    setting = environ.get("GOWORK", "")
    if setting == "off":
        return []
    work = Path(setting) if setting else _find_go_work(directory)
    if work is None or not work.is_file():
        return []
    result = run_command([str(go.executable), "work", "edit", "-json", str(work)],
                         env=dict(environ), cwd=work.parent, quiet=True)
    if result.returncode != 0:
        raise GoPackageError(f"{work} cannot be read by Go:\n{result.output.strip()}")
    uses = json.loads(result.stdout).get("Use") or []
    return [(work.parent / use["DiskPath"]) for use in uses]


def _find_go_work(directory: Path) -> Path | None:
    for parent in [directory.resolve(), *directory.resolve().parents]:
        if (parent / "go.work").is_file():
            return parent / "go.work"
    return None
