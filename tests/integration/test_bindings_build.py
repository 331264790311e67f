"""Bindings at build time: clear errors, wheels and sdists of non-main packages."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools_golang_ext import GoExtension
from setuptools_golang_ext.platforms.binary_check import read_binary_info
from setuptools_golang_ext.setuptools.sdist_files import go_extension_source_files

from ..helpers import Venv, build, copy_project, only_file, run, wheel_names

PY = f"{sys.version_info[0]}{sys.version_info[1]}"
SETUP = (
    "from setuptools import setup\n"
    "from setuptools_golang_ext import GoExtension\n"
    "setup(name='broken', version='1', packages=['broken'],\n"
    "      ext_modules=[GoExtension('broken._native', 'broken/go')])\n"
)


def _broken_project(root: Path, go_source: str) -> Path:
    go_dir = root / "broken" / "go"
    go_dir.mkdir(parents=True)
    (root / "broken" / "__init__.py").write_text("")
    (root / "setup.py").write_text(SETUP)
    (go_dir / "go.mod").write_text("module example.com/broken\n\ngo 1.21\n")
    (go_dir / "lib.go").write_text(go_source)
    return root


def _build_ext(project: Path) -> str:
    result = run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=project)
    assert result.returncode != 0, result.output
    return result.output


def test_unsupported_type_is_a_build_error_naming_file_and_line(tmp_path: Path) -> None:
    project = _broken_project(tmp_path, (
        "package broken\n\n"
        "//python:export\n"
        "func Ok(s string) string { return s }\n\n"
        "// Count counts.\n"
        "//python:export\n"
        "func Count(m chan<- complex128) int { return len(m) }\n"
    ))
    output = _build_ext(project)
    assert f"{project / 'broken' / 'go' / 'lib.go'}:8: //python:export func Count" in output
    assert "parameter m has type chan<- complex128" in output


def test_error_must_be_the_last_result(tmp_path: Path) -> None:
    project = _broken_project(tmp_path, (
        "package broken\n\n//python:export\nfunc F() (error, int) { return nil, 1 }\n"
    ))
    assert "`error` may only be the last result" in _build_ext(project)


def test_unexported_function_of_a_non_main_package(tmp_path: Path) -> None:
    project = _broken_project(tmp_path, (
        "package broken\n\n//python:export\nfunc lower() int { return 1 }\n"
    ))
    assert "func lower: it is not exported" in _build_ext(project)


def test_directive_must_be_directly_above_a_func(tmp_path: Path) -> None:
    project = _broken_project(tmp_path, (
        "package broken\n\n//python:export\n\nfunc F() int { return 1 }\n"
    ))
    assert ("lib.go:3:1: //python:export is not part of a declaration's doc comment "
            "(is there a blank line before the declaration?)") in _build_ext(project)


def test_package_without_exports_says_how_to_mark_functions(tmp_path: Path) -> None:
    project = _broken_project(tmp_path, "package broken\n\nfunc F() int { return 1 }\n")
    output = _build_ext(project)
    assert "`package broken`" in output and "//python:export" in output


def test_sdist_lists_the_sources_of_a_non_main_package(tmp_path: Path) -> None:
    project = copy_project("bindings", tmp_path)
    files = go_extension_source_files(GoExtension("typed._kinds", "typed/gokinds"), project)
    assert files == ["typed/gokinds/go.mod", "typed/gokinds/kinds.go"]


def test_wheel_carries_api_files_and_runs_without_setuptools(
    tmp_path: Path, fresh_venv: Venv, wheelhouse: Path
) -> None:
    project = copy_project("bindings", tmp_path)
    build(project).check()
    wheel = only_file(project / "dist", "*.whl")
    names = wheel_names(wheel)
    for name in ("typed/_kinds_api.json", "typed/_kinds_api.py", "typed/_mixed_api.py"):
        assert name in names, names
    assert not [n for n in names if n.endswith((".go", "go.mod"))], names
    fresh_venv.install(wheel, "setuptools-golang-ext", wheelhouse=wheelhouse).check()
    code = (
        "import sys\n"
        "from typed import _kinds_api as kinds, _mixed_api as mixed\n"
        "from setuptools_golang_ext.runtime import GoError\n"
        "print(kinds.Reverse('héllo'), mixed.DivMod(7, 2))\n"
        "try:\n    kinds.Div(1, 0)\nexcept GoError as e:\n    print('error:', e)\n"
        "print('setuptools imported:', 'setuptools' in sys.modules)\n"
    )
    out = fresh_venv.run_python(code).check().output
    assert "olléh (3, 1)" in out
    assert "error: division by zero" in out
    assert "setuptools imported: False" in out


def test_windows_dll_exports_the_wrappers_and_goext_free(tmp_path: Path) -> None:
    """Cross-built for Windows: the C-ABI wrappers and goext_free are DLL exports, and
    a Windows program calls them under wine64 (result, error and panic, freed)."""
    from ..platform_tools import FIXTURES, extract_member, require_program

    mingw = require_program("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64")
    wine = require_program("wine64", "wine64", "/usr/lib/wine/wine64")
    project = copy_project("bindings", tmp_path)
    run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
         "-C--build-option=--plat-name=win_amd64", "--outdir", project / "dist", project],
        cwd=project).check()
    wheel = only_file(project / "dist", "*.whl")
    assert "typed/_kinds_api.json" in wheel_names(wheel)
    dll = extract_member(wheel, f"typed/_kinds.cp{PY}-win_amd64.pyd", tmp_path / "x")
    exports = read_binary_info(dll).exports
    assert {"goext_free", "goext_Reverse", "goext_Div", "goext_Explode"} <= set(exports)

    caller = tmp_path / "call.exe"
    run([mingw, "-O2", "-o", caller, FIXTURES.parent / "bindings_fixtures" / "call_windows.c"]
        ).check()
    prng = tmp_path / "bcryptprimitives.dll"
    run([mingw, "-shared", "-O2", "-o", prng, FIXTURES / "wine_bcryptprimitives.c",
         "-ladvapi32"]).check()
    env = {**os.environ, "WINEPREFIX": str(tmp_path / "wine"), "WINEDEBUG": "-all"}
    run([wine, "cmd", "/c", "exit"], env=env)  # creates the prefix
    system32 = tmp_path / "wine" / "drive_c" / "windows" / "system32"
    (system32 / "bcryptprimitives.dll").write_bytes(prng.read_bytes())
    out = run([wine, caller, dll], env=env).check().output
    assert "Reverse: status 0, cba" in out
    assert "Div: status 1, division by zero" in out
    assert "Explode: status 2, boom, stack names Explode: 1" in out
