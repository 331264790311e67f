"""How much of each corpus package's exported Go API reaches Python.

    .venv/bin/python tests/corpus/count_exposure.py [BUILT_PROJECT]

BUILT_PROJECT is a copy of tests/corpus after ``setup.py build_ext --inplace``
(default: tests/corpus itself, which must then have been built in place). Go's
side comes from the API reader (go/types, the one the build uses): every
exported func, method (of an exported type), type, const and var, and whether
it is marked ``//python:export``. Python's side comes from the
``golibs/<package>_api.json`` description each build wrote: the functions,
classes, methods, constants and variables Python gets. Prints a table and the
totals, then every exported declaration Python does not get.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from setuptools_golang_ext.go.go_mod import find_go_for
from setuptools_golang_ext.go.toolchain import go_base_environment
from setuptools_golang_ext.goapi.instances import instance_name
from setuptools_golang_ext.goapi.model import GoApi
from setuptools_golang_ext.goapi.reader import read_go_api

CORPUS = Path(__file__).resolve().parent
PYTHON_PACKAGE = "golibs"
KINDS = ("func", "method", "type", "const", "var")


@dataclass(frozen=True)
class Declaration:
    kind: str  # one of KINDS
    name: str  # "Client.Get" for a method
    marked: bool  # carries //python:export (itself or through its const/var group)


def packages(root: Path = CORPUS) -> list[str]:
    """The corpus packages: the directories holding Go files."""
    return sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*.go")))


def go_declarations(api: GoApi) -> list[Declaration]:
    """Every exported declaration of the package, as Go sees it."""
    # An instantiation of a generic type (Typed_string_int) counts for its generic.
    exported_types = {t.name for t in api.types if t.exported and not t.instance_of}
    found = [Declaration("type", t.name, t.python_export) for t in api.types
             if t.exported and not t.instance_of]
    for f in api.functions:
        if not f.exported or f.type_args:  # an instantiation counts for its generic
            continue
        if f.receiver is None:
            found.append(Declaration("func", f.name, f.python_export))
        else:
            owner = f.receiver.type.name or f.receiver.type.go.lstrip("*").split("[")[0]
            if owner in exported_types:
                found.append(Declaration("method", f"{owner}.{f.name}", f.python_export))
    found += [Declaration("const", c.name, c.python_export) for c in api.constants if c.exported]
    found += [Declaration("var", v.name, v.python_export) for v in api.variables if v.exported]
    return found


def python_names(description: dict[str, object]) -> set[tuple[str, str]]:
    """(kind, name) of everything the API description gives Python."""
    functions = description.get("functions") or []
    classes = description.get("classes") or {}
    constants = description.get("constants") or []
    variables = description.get("variables") or []
    named_types = description.get("named_types") or []  # lib.Level is int
    assert isinstance(functions, list) and isinstance(classes, dict)
    assert isinstance(constants, list) and isinstance(variables, list)
    assert isinstance(named_types, list)
    names = {("func", f["name"]) for f in functions}
    names |= {("type", name) for name in classes}
    names |= {("type", t["name"]) for t in named_types}
    names |= {("type", i["name"]) for i in description.get("interfaces") or []}  # lib.Shape
    names |= {("type", t["name"]) for t in description.get("func_types") or []}  # lib.Handler
    names |= {("method", f"{name}.{m['name']}")
              for name, entry in classes.items() for m in entry["methods"]}
    names |= {("method", f"{t['name']}.{m['name']}")  # class Level(int)
              for t in named_types for m in t.get("methods", ())}
    names |= {("const", c["name"]) for c in constants}
    names |= {("var", v["name"]) for v in variables}
    names |= {("var", e["name"]) for e in description.get("errors") or []}  # exception classes
    return names


@dataclass(frozen=True)
class Exposure:
    package: str
    declarations: list[Declaration]
    exposed: set[tuple[str, str]]

    def is_exposed(self, declaration: Declaration) -> bool:
        return (declaration.kind, declaration.name) in self.exposed

    def count(self, kind: str) -> tuple[int, int]:
        """(exposed, exported) declarations of ``kind``."""
        of_kind = [d for d in self.declarations if d.kind == kind]
        return sum(map(self.is_exposed, of_kind)), len(of_kind)

    def missing_marked(self) -> list[Declaration]:
        """Marked //python:export, yet not in Python: a regression."""
        return [d for d in self.declarations if d.marked and not self.is_exposed(d)]


def measure(built: Path, package: str) -> Exposure:
    directory = built / package
    env = go_base_environment(os.environ)
    go = find_go_for([directory], env)
    api = read_go_api(f"{PYTHON_PACKAGE}.{package}", go, directory, go.environment(env), [])
    description = json.loads(
        (built / PYTHON_PACKAGE / f"{package}_api.json").read_text(encoding="utf-8"))
    exposed = python_names(description)
    # A generic function reaches Python when one of its instantiations does.
    exposed |= {("func", f.name) for f in api.functions
                if f.type_args and ("func", instance_name(f)) in exposed}
    # A generic type and its methods, when one of its instantiations does.
    for t in api.types:
        if t.instance_of is not None and ("type", t.name) in exposed:
            generic = t.instance_of.name
            exposed.add(("type", generic))
            exposed |= {("method", f"{generic}.{m.name}") for m in t.methods
                        if ("method", f"{t.name}.{m.name}") in exposed}
    return Exposure(package, go_declarations(api), exposed)


def table(results: list[Exposure]) -> str:
    """One row per package, ``exposed/exported`` per kind, and a total row."""
    header = f"{'package':<12}" + "".join(f"{k:>10}" for k in KINDS) + f"{'all':>11}"
    lines = [header, "-" * len(header)]

    def row(name: str, counts: list[tuple[int, int]]) -> str:
        cells = "".join(f"{f'{e}/{n}':>10}" for e, n in counts)
        exposed, exported = sum(e for e, _ in counts), sum(n for _, n in counts)
        share = f"{100 * exposed / exported:.0f}%" if exported else "-"
        return f"{name:<12}{cells}{f'{exposed}/{exported}':>9} {share:>4}"

    totals = [(0, 0)] * len(KINDS)
    for result in results:
        counts = [result.count(kind) for kind in KINDS]
        totals = [(a + e, b + n) for (a, b), (e, n) in zip(totals, counts)]
        lines.append(row(result.package, counts))
    lines += ["-" * len(header), row("total", totals)]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    built = Path(argv[0]) if argv else CORPUS
    if not list((built / PYTHON_PACKAGE).glob("*_api.json")):
        print(f"count_exposure: {built} has no built {PYTHON_PACKAGE}/*_api.json; run "
              f"`python setup.py build_ext --inplace` in a copy of tests/corpus first",
              file=sys.stderr)
        return 2
    results = [measure(built, package) for package in packages(built)]
    print(table(results))
    print("\nexported in Go, not in Python:")
    for result in results:
        for d in result.declarations:
            if not result.is_exposed(d):
                note = "  MARKED //python:export" if d.marked else ""
                print(f"  {result.package}: {d.kind} {d.name}{note}")
    return 1 if any(r.missing_marked() for r in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
