"""``<leaf>_api.py`` types marked interfaces: their classes declare the interface's
methods, and parameters and results of an interface type are that class, so a
consumer script is checked by ``mypy --strict`` (the golden fixture's typed module,
copied beside a small consumer)."""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools_golang_ext.bindings.api_module import api_module_source

from ..helpers import run

GOLDEN = Path(__file__).parent / "golden" / "files"

CONSUMER = """\
from {package} import _golden_api as g


def area(shape: g.Shape) -> float:
    return shape.Area()


part: g.Shape = g.Part(1, 2)
anything, back = g.Ifaces(1, None, part)
if back is not None:
    total: float = area(back) + back.Area()
g.Ifaces(1, None, "not a shape")
"""


def test_a_consumer_of_interfaces_type_checks(tmp_path: Path) -> None:
    for mode in ("ctypes", "cpython"):  # one mypy run for both modes' typed modules
        package = tmp_path / f"gold_{mode}"
        package.mkdir()
        (package / "__init__.py").write_text("")
        (package / "_golden_api.py").write_text((GOLDEN / f"{mode}_api.py").read_text())
        (tmp_path / f"use_{mode}.py").write_text(CONSUMER.format(package=package.name))
    checked = run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                   "--cache-dir", str(tmp_path / "cache"), "use_ctypes.py", "use_cpython.py"],
                  cwd=tmp_path)
    # Before: Shape declared no methods ("Shape" has no attribute "Area") and Ifaces
    # took and returned Any (the str passed unchecked).
    errors = sorted(line for line in checked.output.splitlines() if ": error:" in line)
    assert errors == [
        f'use_{mode}.py:12: error: Argument 3 to "Ifaces" has incompatible type "str"; '
        f'expected "Shape | None"  [arg-type]' for mode in ("cpython", "ctypes")], \
        checked.output


def test_fields_and_variables_of_an_interface_type_are_its_class() -> None:
    field = {"name": "S", "type": "interface:Shape", "doc": ""}
    other = {"name": "R", "type": "interface:Reader", "doc": ""}  # not marked: no class
    source = api_module_source("mypkg._native", {
        "functions": [],
        "classes": {"Holder": {"doc": "", "fields": [field, other], "methods": []}},
        "variables": [{"name": "Current", "type": "interface:Shape", "doc": ""}],
        "interfaces": [{"name": "Shape", "doc": "", "methods": ["Area"], "classes": []}],
    })
    assert "        S: Shape | None\n        R: Any\n" in source
    assert "def __init__(self, S: Shape | None = ..., R: Any = ...) -> None:" in source
    assert "        Current: Shape | None\n" in source
