"""`python -m setuptools_golang_ext new NAME`: the project it writes installs with pip
(setuptools-golang-ext found through PIP_FIND_LINKS, as its README says) and passes its
own tests; bad input is refused with one line, exit code 2 and nothing written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ..helpers import Result, make_venv, run
from .test_workflows import find_actionlint

NEW = [sys.executable, "-m", "setuptools_golang_ext", "new"]
GENERATED = {
    "pyproject.toml", "README.md", ".gitignore", "src/my_tool/__init__.py",
    "src/my_tool/py.typed", "src/my_tool/go/go.mod", "src/my_tool/go/mytool.go",
    "tests/test_my_tool.py",
    ".github/workflows/test.yml", ".github/workflows/wheels.yml",
}


def new(*args: str | Path, cwd: Path) -> Result:
    return run([*NEW, *map(str, args)], cwd=cwd, timeout=60)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def assert_refused(result: Result, message: str) -> None:
    assert result.returncode == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("python -m setuptools_golang_ext new: error: "), lines[0]
    assert message in lines[0]


@pytest.mark.parametrize("bindings", ["ctypes", "cpython"])
def test_generated_project_installs_and_passes_its_tests(tmp_path: Path, wheelhouse: Path,
                                                         bindings: str) -> None:
    created = new("my-tool", "--bindings", bindings, cwd=tmp_path).check()
    project = tmp_path / "my-tool"
    assert f"Created {project}" in created.output
    assert set(tree(project)) == GENERATED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-tool"]  # no staging left

    venv = make_venv(tmp_path / "venv")
    env = dict(os.environ, PIP_FIND_LINKS=str(wheelhouse))  # what the README tells users
    run([sys.executable, "-m", "pip", "--python", str(venv.python), "install", "--quiet",
         f"{project}[test]"], env=env).check()
    # `python -m pytest` puts the project directory first on sys.path: the src layout
    # keeps the sources (which have no library) from shadowing the installed package.
    result = run([str(venv.python), "-m", "pytest", "-v", "-p", "no:cacheprovider"],
                 cwd=project).check()
    assert "5 passed" in result.output, result.output
    assert "test_divide_by_zero_raises_go_error PASSED" in result.output
    # The mode asked for: an abi3 extension module, or a library ctypes loads.
    installed = sorted(p.name for p in venv.path.rglob("my_tool/_native*.so"))
    assert installed == (["_native.abi3.so"] if bindings == "cpython" else ["_native.so"])


def test_cpython_bindings_are_the_default_and_say_what_they_need(tmp_path: Path) -> None:
    new("my-tool", cwd=tmp_path).check()
    files = {name: text.decode() for name, text in tree(tmp_path / "my-tool").items()}
    assert set(files) == GENERATED
    pyproject = files["pyproject.toml"]
    assert 'sources = "src/my_tool/go"\n# A limited-API' in pyproject
    assert 'bindings = "cpython"' in pyproject and "python-independent" not in pyproject
    assert 'requires-python = ">=3.11"' in pyproject
    assert 'build = "cp311-* cp312-* cp313-* cp314-*"' in pyproject
    readme = " ".join(files["README.md"].split())
    assert "one `cp311-abi3` wheel per platform serves CPython 3.11 and every later" in readme
    assert "needs Python's C headers (`Python.h`): on Debian and Ubuntu install `python3-dev`" in (
        readme)
    assert 'python: ["3.11", "3.13"]' in files[".github/workflows/test.yml"]


def test_readme_says_how_to_find_setuptools_golang_ext_before_pypi(tmp_path: Path) -> None:
    new("my-tool", cwd=tmp_path).check()
    readme = (tmp_path / "my-tool" / "README.md").read_text()
    assert ("python -m pip wheel --no-deps -w vendor /path/to/setuptools-golang-ext "
            "/path/to/setuptools-golang-ext/runtime-dist") in readme
    assert 'PIP_FIND_LINKS="$PWD/vendor" python -m pip install ".[test]"' in readme


def test_module_and_directory_options(tmp_path: Path) -> None:
    (tmp_path / "parent").mkdir()
    new("9lives", "--module", "ninelives", "--directory", tmp_path / "parent" / "p",
        cwd=tmp_path).check()
    files = tree(tmp_path / "parent" / "p")
    assert b'name = "9lives"' in files["pyproject.toml"]
    assert "src/ninelives/go/ninelives.go" in files


def test_an_empty_existing_directory_is_used(tmp_path: Path) -> None:
    (tmp_path / "my-tool").mkdir()
    new("my-tool", cwd=tmp_path).check()
    assert set(tree(tmp_path / "my-tool")) == GENERATED


@pytest.mark.parametrize(("args", "message"), [
    (["9lives"], "'9lives' cannot name the Python package: a Python name cannot start with a "
                 "digit; choose another NAME or pass --module"),
    (["my-pkg!"], "'my-pkg!' is not a valid project name"),
    (["class"], "'class' cannot name the Python package: it is a Python keyword"),
    (["fine", "--module", "my-mod"], "'my-mod' cannot name the Python package"),
    (["fine", "--directory", "missing/parent"], "is not a directory: create it first"),
])
def test_bad_input_is_refused_and_nothing_is_written(tmp_path: Path, args: list[str],
                                                     message: str) -> None:
    assert_refused(new(*args, cwd=tmp_path), message)
    assert list(tmp_path.iterdir()) == []


def test_unknown_bindings_are_refused_with_the_choices(tmp_path: Path) -> None:
    result = new("fine", "--bindings", "nope", cwd=tmp_path)
    assert result.returncode == 2
    error = result.output.strip().splitlines()[-1]
    assert error.startswith("python -m setuptools_golang_ext new: error: argument --bindings: "
                            "invalid choice: 'nope' (choose from "), error
    assert "ctypes" in error and "cpython" in error
    assert list(tmp_path.iterdir()) == []


def test_existing_directory_is_left_untouched_byte_for_byte(tmp_path: Path) -> None:
    target = tmp_path / "my-tool"
    (target / "my_tool").mkdir(parents=True)
    (target / "pyproject.toml").write_bytes(b"[project]\nname = 'mine'\n")
    (target / "my_tool" / "__init__.py").write_bytes(b"# my own code\r\n\x00")
    before = tree(target)
    stats = {p: p.stat().st_mtime_ns for p in target.rglob("*")}

    assert_refused(new("my-tool", cwd=tmp_path), "already exists and is not empty")
    assert tree(target) == before
    assert {p: p.stat().st_mtime_ns for p in target.rglob("*")} == stats
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-tool"]


def test_a_file_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "my-tool").write_text("not a directory")
    assert_refused(new("my-tool", cwd=tmp_path), "already exists and is not a directory")
    assert (tmp_path / "my-tool").read_text() == "not a directory"


def as_unprivileged_user(args: list[str]) -> list[str]:
    """root may write anywhere; run the command as `nobody` so permissions apply."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return args
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("running as root without setpriv (util-linux): cannot drop privileges")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *args]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_unwritable_directory_is_refused() -> None:
    base = Path(tempfile.mkdtemp(prefix="goext-new-"))  # not under pytest's 0700 tmp dirs
    try:
        base.chmod(0o755)
        locked = base / "locked"
        locked.mkdir(mode=0o555)
        locked.chmod(0o555)
        completed = subprocess.run(
            as_unprivileged_user([*NEW, "my-tool", "--directory", str(locked / "my-tool")]),
            cwd=base, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60,
            check=False)
        assert_refused(Result(completed.returncode, completed.stdout),
                       f"cannot create the project in {locked}: Permission denied")
        assert list(locked.iterdir()) == []
    finally:
        shutil.rmtree(base)


@pytest.mark.slow
def test_generated_workflows_pass_actionlint(tmp_path: Path,
                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    new("my-tool", cwd=tmp_path).check()
    workflows = sorted((tmp_path / "my-tool" / ".github" / "workflows").glob("*.yml"))
    result = run([find_actionlint(tmp_path_factory), "-color=false", *map(str, workflows)],
                 cwd=tmp_path / "my-tool")
    assert result.returncode == 0, result.output
