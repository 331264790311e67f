"""A rebuild replaces the library with a new file (temporary file + os.replace), so
a process that already loaded the old one keeps running it unharmed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ..helpers import ADD_GO, build_inplace, only_file, write_project

HOLDER = """
import sys
from setuptools_golang_ext.runtime import load
lib = load("mypkg._native")
print(lib.Add(2, 40), flush=True)
sys.stdin.readline()  # the test rebuilds the library meanwhile
print(lib.Add(2, 40), flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32",
                    reason="Windows refuses to replace a loaded DLL (the build says so)")
def test_rebuild_leaves_a_running_process_and_open_file_intact(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    build_inplace(project).check()
    library = only_file(project / "mypkg", "_native.*")
    old_bytes = library.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER], cwd=project, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "42"
        with library.open("rb") as old_handle:
            (project / "mypkg/go/main.go").write_text(
                ADD_GO.replace("return a + b", "return a + b + 1000"))
            build_inplace(project).check()
            # The open file is the old one, whole: nothing was written into it.
            assert old_handle.read() == old_bytes
        out, _ = holder.communicate("go on\n", timeout=60)
    finally:
        holder.kill()
    assert (holder.returncode, out.strip()) == (0, "42")
    assert library.read_bytes() != old_bytes
    assert not list(project.rglob("*.tmp"))
