"""Go names that are also names the generated ``<leaf>_api.py`` imports (``Any``,
``Sequence``, ``array`` ...) never clash with the imports: ruff finds no
redefinition, and annotations still name what they mean."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from setuptools_golang_ext._run import run_command
from setuptools_golang_ext.bindings.api_module import api_module_source

from .golden.render import GOLDEN
from .test_api_module import python_export

RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"
# A user's project with no ruff configuration: the rules a generated file must pass.
RUFF_ARGS = [RUFF, "check", "--no-cache", "--isolated", "--select", "E,F,W,I,RUF022"]


def _lint(*paths: Path) -> str:
    result = run_command([*RUFF_ARGS, *map(str, paths)], env={"PATH": ""}, quiet=True)
    return "" if result.returncode == 0 else result.output


def test_golden_api_modules_pass_ruff() -> None:
    # The fixture has a function Any and a class Sequence with a field Final.
    assert _lint(*sorted(GOLDEN.glob("*_api.py"))) == ""


def _main_package_module(tmp_path: Path) -> tuple[str, Path]:
    """A main package may export lower-case names: array, datetime, TYPE_CHECKING."""
    description: dict[str, Any] = {
        "functions": [
            python_export("array", [["xs", "[]float64"]], ["[]int32"]),
            python_export("datetime", [["t", "time.Time"], ["v", "interface:"]], ["Callable"]),
            python_export("TYPE_CHECKING", [["f", "func(int) bool"]], ["map[string]*Mapping"]),
        ],
        "constants": [{"name": "Limit", "type": "int", "value": 3, "doc": ""}],
        "classes": {"Mapping": {"doc": "", "fields": [], "methods": []},
                    "Callable": {"doc": "", "fields": [], "methods": []}},
    }
    source = api_module_source("mypkg._native", description)
    path = tmp_path / "_native_api.py"
    path.write_text(source, encoding="utf-8")
    return source, path


def test_lower_case_and_class_names_like_imports_are_aliased(tmp_path: Path) -> None:
    source, path = _main_package_module(tmp_path)
    assert _lint(path) == ""
    assert "from typing import TYPE_CHECKING as _TYPE_CHECKING\n" in source
    assert "if _TYPE_CHECKING:\n" in source
    assert "import array as _array\n" in source
    assert "xs: Sequence[float] | memoryview | _array.array[float],\n    ) -> _array.array[int]:" \
        in source
    assert ("def datetime(t: _datetime.datetime, v: Any) -> _goext_Callable:") in source
    assert ("def TYPE_CHECKING(f: _Callable[[int], bool]) "
            "-> dict[str, _goext_Mapping | None]:") in source
    assert "    _goext_Callable = Callable\n    _goext_Mapping = Mapping\n" in source
    assert "Limit: Final[int] = 3" in source


def test_without_a_clash_the_imports_keep_their_names() -> None:
    source = api_module_source("mypkg._native", {"functions": [
        python_export("Mean", [["xs", "[]float64"], ["v", "interface:"]], ["float64"])]})
    assert "from typing import TYPE_CHECKING\n" in source
    assert "def Mean(xs: Sequence[float] | memoryview | array.array[float], v: Any)" in source
