"""A user's wheel needs only setuptools-golang-ext-runtime at run time, never the build
tool or setuptools; the two distributions share the setuptools_golang_ext folder
without sharing a file (issue 17). One build of tests/projects/basic serves all."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ..helpers import (
    Venv,
    build,
    build_inplace,
    copy_project,
    make_venv,
    only_file,
    run,
    wheel_names,
)

RUNTIME = "setuptools-golang-ext-runtime"
CALL = (
    "import importlib.metadata as m, mypkg\n"
    "from setuptools_golang_ext.runtime import GoError\n"
    "print('result', mypkg.add(2, 40), issubclass(GoError, Exception))\n"
    "print('installed', sorted(d.metadata['Name'] for d in m.distributions()))\n"
    "for name in ('setuptools', 'setuptools_golang_ext.builder'):\n"
    "    try:\n"
    "        __import__(name)\n"
    "    except ImportError:\n"
    "        print('missing', name)\n"
)


@pytest.fixture(scope="module")
def user_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project("basic", tmp_path_factory.mktemp("runtime-dist"))
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text()
    pyproject.write_text(text.replace('dependencies = ["setuptools-golang-ext"]',
                                      f'dependencies = ["{RUNTIME}"]'))
    build(project).check()
    return only_file(project / "dist", "*.whl")


def _package_files(wheel: Path) -> set[str]:
    return {name for name in wheel_names(wheel) if name.startswith("setuptools_golang_ext/")}


def test_the_two_wheels_share_the_folder_without_sharing_a_file(wheelhouse: Path) -> None:
    tool = _package_files(only_file(wheelhouse, "setuptools_golang_ext-*.whl"))
    runtime = _package_files(only_file(wheelhouse, "setuptools_golang_ext_runtime-*.whl"))
    assert not tool & runtime
    package = Path(__file__).resolve().parents[2] / "setuptools_golang_ext"
    sources = {f"setuptools_golang_ext/{p.relative_to(package).as_posix()}"
               for p in package.rglob("*.py")}
    assert sources <= tool | runtime
    assert "setuptools_golang_ext/__init__.py" in runtime
    assert "setuptools_golang_ext/builder/go_build.py" in tool


def test_a_users_wheel_runs_with_the_runtime_alone(user_wheel: Path, fresh_venv: Venv,
                                                   wheelhouse: Path) -> None:
    fresh_venv.install(user_wheel, wheelhouse=wheelhouse).check()
    out = fresh_venv.run_python(CALL).check().output
    assert "result 42 True" in out
    assert f"installed ['mypkg', '{RUNTIME}']" in out
    assert "missing setuptools\n" in out and "missing setuptools_golang_ext.builder" in out


def _site_file(venv: Venv, relative: str) -> bool:
    code = f"import sysconfig, os; print(os.path.isfile(os.path.join(" \
           f"sysconfig.get_paths()['purelib'], {relative!r})))"
    return venv.run_python(code).check().output.strip() == "True"


def _uninstall(venv: Venv, name: str) -> None:
    run([sys.executable, "-m", "pip", "--python", str(venv.python), "uninstall", "--yes",
         "--quiet", name]).check()


def test_uninstalling_one_distribution_leaves_the_others_files(
        user_wheel: Path, tmp_path: Path, wheelhouse: Path) -> None:
    venv = make_venv(tmp_path / "venv")
    venv.install(user_wheel, "setuptools-golang-ext", wheelhouse=wheelhouse).check()
    _uninstall(venv, "setuptools-golang-ext")
    assert "result 42 True" in venv.run_python(CALL).check().output
    assert not _site_file(venv, "setuptools_golang_ext/builder/go_build.py")

    venv.install("setuptools-golang-ext", wheelhouse=wheelhouse).check()
    _uninstall(venv, RUNTIME)
    assert _site_file(venv, "setuptools_golang_ext/builder/go_build.py")
    assert not _site_file(venv, "setuptools_golang_ext/runtime/__init__.py")
    assert not _site_file(venv, "setuptools_golang_ext/__init__.py")


def test_an_editable_build_beside_the_runtime_alone_says_to_install_the_tool(
        tmp_path: Path, fresh_venv: Venv, wheelhouse: Path) -> None:
    project = copy_project("basic", tmp_path)
    build_inplace(project).check()  # leaves the record that asks for rebuilds at import
    fresh_venv.install(RUNTIME, wheelhouse=wheelhouse).check()
    assert "result 42" in fresh_venv.run_python(CALL, cwd=project).check().output
    main_go = project / "mypkg" / "go" / "main.go"
    main_go.write_text(main_go.read_text() + "\n// edited\n")
    edited = fresh_venv.run_python(CALL, cwd=project)
    assert edited.returncode == 1
    assert "GoLibraryNotFoundError: the Go sources of 'mypkg._native' changed" in edited.output
    assert "the build tool is not installed here (No module named 'setuptools_golang_ext." \
        "devloop')" in edited.output
    assert "Install the tool (pip install setuptools-golang-ext)" in edited.output
