"""The package's imports, read with ast: no import circles between modules or
between folders, and no arrow that runs up the floors below (issue 17).

FLOORS is the one place the floor order is written. A module may import modules of
its own floor or of any floor below it. A folder (``builder/``) or a top-level
module (``extension.py``) is one unit; the units follow the build pipeline from the
user's entry points down to the helpers that everything uses.

An import inside a function still counts. It is left out only when the comment line
right above it starts with ``# Lazy:`` and says why it cannot sit lower.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import setuptools_golang_ext

PACKAGE = "setuptools_golang_ext"
ROOT = Path(setuptools_golang_ext.__file__).parent

FLOORS: tuple[tuple[str, ...], ...] = (
    # Entry points: the package face, ``python -m``, the PEP 517 backend, the import hook.
    ("", "__main__", "cli", "build_meta", "import_hook"),
    ("setuptools",),  # the setuptools plugin: hooks and commands
    ("devloop",),  # editable installs and the import hook's builds
    ("builder",),  # one build: inputs, go build, cache, install
    ("bindings",),  # generated Go glue, C module and Python API
    ("goapi",),  # reading the Go package's exported API
    ("go",),  # the Go toolchain, go list, go.mod, vendor
    ("platforms",),  # targets, C compilers, zig, Python headers
    ("_run", "_install_file"),  # the subprocess runner; writing files safely
    ("runtime",),  # what a built wheel runs: loading and calling the library
    ("extension",),  # GoExtension, the typed options of one extension
    ("config",),  # the option table and project-wide switches
    ("errors", "_log", "_version"),  # helpers that everything uses
)
FLOOR_OF = {unit: number for number, units in enumerate(FLOORS) for unit in units}


def module_name(path: Path) -> str:
    parts = [PACKAGE, *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def unit_of(module: str) -> str:
    """``setuptools_golang_ext.builder.cache`` -> ``builder``; the package face -> ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _is_excused(lines: list[str], node: ast.stmt) -> bool:
    above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
    return node.col_offset > 0 and above.startswith("# Lazy:")


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        package = module.split(".")
        if MODULES[module].name != "__init__.py":
            package = package[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, *([node.module] if node.module else [])])
    submodules = [f"{base}.{alias.name}" for alias in node.names]
    yield from submodules
    if not all(name in MODULES for name in submodules):  # names defined in ``base``
        yield base


def imports_of(module: str) -> set[str]:
    """The package's own modules that ``module`` imports (``from . import x`` names x)."""
    text = MODULES[module].read_text(encoding="utf-8")
    lines = text.splitlines()
    found: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not _is_excused(lines, node):
            found.update(name for name in _imported(module, node) if name in MODULES)
    found.discard(module)
    return found


ARROWS = {module: imports_of(module) for module in MODULES}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``graph`` as a path that ends where it starts, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_every_module_stands_on_a_floor() -> None:
    assert {unit_of(module) for module in MODULES} <= set(FLOOR_OF)


def test_no_import_circle_between_modules() -> None:
    cycle = find_cycle(ARROWS)
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_no_import_circle_between_folders() -> None:
    folders: dict[str, set[str]] = {}
    for module, targets in ARROWS.items():
        folders.setdefault(unit_of(module), set()).update(
            unit_of(t) for t in targets if unit_of(t) != unit_of(module))
    cycle = find_cycle(folders)
    assert cycle is None, "folder circle: " + " -> ".join(cycle or [])


def test_no_arrow_runs_up_the_floors() -> None:
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in ARROWS.items() for target in targets
        if FLOOR_OF[unit_of(target)] < FLOOR_OF[unit_of(module)]
    )
    assert upward == []


def test_the_checks_see_a_circle_and_an_excused_lazy_import() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    source = "def f():\n    # Lazy: why\n    import x\n    import y\n"
    lines = source.splitlines()
    first, second = ast.parse(source).body[0].body  # type: ignore[attr-defined]
    assert _is_excused(lines, first) and not _is_excused(lines, second)
