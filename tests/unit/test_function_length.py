"""No function of the package is longer than 60 lines (issue 17): a longer one
does several things, and splitting it by intent names them."""

from __future__ import annotations

import ast
from pathlib import Path

import setuptools_golang_ext

ROOT = Path(setuptools_golang_ext.__file__).parent
LIMIT = 60



def long_functions(root: Path, limit: int) -> dict[str, int]:
    """``file:function`` -> lines, for each function (or method) over ``limit`` lines
    from its ``def`` to its last line."""
    found: dict[str, int] = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    found[f"{path.relative_to(root).as_posix()}:{node.name}"] = lines
    return found


def test_no_function_is_longer_than_60_lines() -> None:
    assert long_functions(ROOT, LIMIT) == {}


def test_a_long_function_is_seen(tmp_path: Path) -> None:
    body = "".join(f"    x{n} = {n}\n" for n in range(LIMIT))
    (tmp_path / "m.py").write_text(f"def short():\n    pass\n\ndef f():\n{body}")
    assert long_functions(tmp_path, LIMIT) == {"m.py:f": LIMIT + 1}
