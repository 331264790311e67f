"""Build errors that name the extension and the fix (issue 9, item 11)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from ..helpers import (
    ADD_GO,
    build_inplace,
    built_libraries,
    pyproject_with_table,
    run,
    write_project,
)

TABLE_PYPROJECT = pyproject_with_table('env = { CGO_ENABLED = "0" }\n')


def _failed(result, *fragments: str) -> None:
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    for fragment in fragments:
        assert fragment in result.output, f"{fragment!r} missing from:\n{result.output}"


def test_cgo_disabled_in_env_table_is_refused(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO,
                                             "pyproject.toml": TABLE_PYPROJECT},
                            ext_modules="")
    result = build_inplace(project)
    _failed(result, "'mypkg._native'", "CGO_ENABLED='0'", "cgo", "Remove CGO_ENABLED")
    assert "build constraints exclude" not in result.output
    assert built_libraries(project) == []


def test_very_long_extension_name_is_refused(tmp_path: Path) -> None:
    name = "mypkg." + "x" * 234
    assert len(name) == 240
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO},
                            ext_modules=f'GoExtension("{name}", "mypkg/go")')
    result = build_inplace(project)
    _failed(result, "(240 characters) is too long a name", "Use a shorter name")
    assert "Errno 36" not in result.output
    assert built_libraries(project) == []


@contextmanager
def _read_only(directory: Path):
    """``directory`` unwritable; as root (who writes anyway) via the immutable flag."""
    mode = directory.stat().st_mode
    directory.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    immutable = False
    try:
        if os.access(directory, os.W_OK):
            immutable = subprocess.run(["chattr", "+i", str(directory)],
                                       capture_output=True, check=False).returncode == 0
            if not immutable:
                pytest.skip("cannot make a directory read-only for this user")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(directory)], check=True)
        directory.chmod(mode)


def test_inplace_build_into_read_only_package_names_extension(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    with _read_only(project / "mypkg"):
        result = build_inplace(project)
    _failed(result, "GoExtension 'mypkg._native': cannot install",
            "mypkg is not writable", "pip wheel")
    assert list((project / "mypkg").glob("*.tmp")) == []


def test_two_wheel_builds_at_once_in_one_directory(tmp_path: Path) -> None:
    bindings = "package main\n\n//python:export\nfunc Twice(n int) int { return 2 * n }\n\n" \
               "func main() {}\n"
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": bindings})
    # Warm the Go build cache, so both builds reach the install step together.
    build_inplace(project).check()
    commands = [[sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                 "--wheel-dir", str(tmp_path / f"out{i}"), str(project)] for i in range(2)]
    processes = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True) for c in commands]
    outputs = [p.communicate(timeout=900)[0] for p in processes]
    for process, output in zip(processes, outputs):
        assert process.returncode == 0, output
    for i in range(2):
        assert len(list((tmp_path / f"out{i}").glob("*.whl"))) == 1
    leftovers = [p for p in project.rglob("*") if p.name.endswith((".new", ".tmp"))]
    assert leftovers == []
    run([sys.executable, "-c", "import sys"]).check()
