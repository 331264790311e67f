"""Bind gopy's example packages, and real libraries, by import path; count what binds.

    .venv/bin/python tests/corpus/probe_gopy.py [--out DIR] [--only NAME ...] [--libraries]

By hand, not in CI (it builds about 80 libraries). For each of gopy's examples
(read from a local clone, GOPY_REPO, default /work/.mirror/go-python+gopy/repo;
copied into DIR as local test input, imports rewritten to example.com/probe) or,
with --libraries, each module-proxy library of LIBRARIES, it builds a project
binding the package unmarked (`package = "..."`) in both binding modes, imports
both modules in a fresh interpreter and counts the exported declarations bound
and left out (count_exposure.py's rules). Prints a table, then each target's
build failure or import failure and its "left out" warning lines.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from count_exposure import KINDS, Exposure, go_declarations, python_names

from setuptools_golang_ext.go.go_mod import find_go_for
from setuptools_golang_ext.go.toolchain import go_base_environment
from setuptools_golang_ext.goapi.reader import read_go_api

GOPY_REPO = Path(os.environ.get("GOPY_REPO", "/work/.mirror/go-python+gopy/repo"))
GOPY_IMPORT = "github.com/go-python/gopy/_examples/"
PROBE_MODULE = "example.com/probe"
LIBRARIES = {  # label: (module@version to require, package to bind)
    "uuid": ("github.com/google/uuid@v1.6.0", "github.com/google/uuid"),
    "humanize": ("github.com/dustin/go-humanize@v1.0.1", "github.com/dustin/go-humanize"),
    "gjson": ("github.com/tidwall/gjson@v1.18.0", "github.com/tidwall/gjson"),
    "semver": ("github.com/Masterminds/semver/v3@v3.3.1", "github.com/Masterminds/semver/v3"),
    "cast": ("github.com/spf13/cast@v1.7.1", "github.com/spf13/cast"),
    "decimal": ("github.com/shopspring/decimal@v1.4.0", "github.com/shopspring/decimal"),
    "xid": ("github.com/rs/xid@v1.6.0", "github.com/rs/xid"),
    "norm": ("golang.org/x/text@v0.37.0", "golang.org/x/text/unicode/norm"),
}
LEFT_OUT = re.compile(r"left out|cannot be bound|warning", re.IGNORECASE)
IMPORT_CHECK = """
import sys
from setuptools_golang_ext.runtime import load
for name in sys.argv[1:]:
    module = load(name)
    print(name, "imported,", len([n for n in dir(module) if not n.startswith("_")]), "names")
"""


@dataclass
class Outcome:
    label: str
    package: str
    build_rc: int = -1
    import_rc: int = -1
    failure: str = ""
    warnings: list[str] = field(default_factory=list)
    exposure: dict[str, Exposure] = field(default_factory=dict)  # per binding mode


def run(args: list[str], cwd: Path, timeout: float = 900) -> tuple[int, str]:
    try:
        done = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        return -9, f"TIMEOUT after {timeout} s: {exc.output or ''}"
    return done.returncode, done.stdout


def extract_gopy(root: Path) -> list[str]:
    """gopy's _examples under ``root`` as one Go module; the example names."""
    archive = subprocess.run(["git", "-C", str(GOPY_REPO), "archive", "HEAD", "_examples"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
    for source in root.rglob("*.go"):
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace(GOPY_IMPORT, PROBE_MODULE + "/"), encoding="utf-8")
    for moved in (root / "_examples").iterdir():
        moved.rename(root / moved.name)
    (root / "_examples").rmdir()
    (root / "go.mod").write_text(f"module {PROBE_MODULE}\n\ngo 1.22\n", encoding="utf-8")
    code, listed = run(["go", "list", "./..."], root)  # with sub-packages (package/mypkg)
    assert code == 0, listed
    return sorted(listed.split())


def prepare_libraries(root: Path, libraries: dict[str, tuple[str, str]]) -> None:
    (root / "go.mod").write_text(f"module {PROBE_MODULE}\n\ngo 1.22\n", encoding="utf-8")
    for module, _ in libraries.values():
        if not module:
            continue  # the standard library
        code, out = run(["go", "get", module], root)
        if code:
            print(f"go get {module} failed:\n{out}", file=sys.stderr)


def write_project(root: Path, label: str, package: str) -> None:
    (root / "setup.py").write_text("from setuptools import setup\n\nsetup()\n")
    (root / "probe").mkdir(exist_ok=True)
    (root / "probe" / "__init__.py").write_text("")
    for stale in (root / "probe").glob("*"):
        if stale.name != "__init__.py":
            stale.unlink() if stale.is_file() else shutil.rmtree(stale)
    shutil.rmtree(root / "build", ignore_errors=True)
    extensions = "".join(
        f'\n[[tool.setuptools-golang-ext.ext-modules]]\nname = "probe.{label}{suffix}"\n'
        f'package = "{package}"\nbindings = "{mode}"\n'
        for mode, suffix in (("ctypes", ""), ("cpython", "_c")))
    (root / "pyproject.toml").write_text(
        '[project]\nname = "probe"\nversion = "1.0"\n\n[tool.setuptools]\n'
        f'packages = ["probe"]\n{extensions}', encoding="utf-8")


def measure(root: Path, label: str, package: str, outcome: Outcome) -> None:
    env = go_base_environment(os.environ)
    go = find_go_for([root], env)
    # As the build reads a bound package: by import path, from the project's module.
    api = read_go_api(f"probe.{label}", go, root, go.environment(env), [], [package])
    for mode, suffix in (("ctypes", ""), ("cpython", "_c")):
        described = root / "probe" / f"{label}{suffix}_api.json"
        names = python_names(json.loads(described.read_text())) if described.exists() else set()
        outcome.exposure[mode] = Exposure(label, go_declarations(api), names)


def probe(root: Path, label: str, package: str) -> Outcome:
    outcome = Outcome(label, package)
    write_project(root, label, package)
    outcome.build_rc, out = run([sys.executable, "setup.py", "build_ext", "--inplace"], root)
    outcome.warnings = [line for line in out.splitlines() if LEFT_OUT.search(line)]
    if outcome.build_rc:
        outcome.failure = "build: " + "\n".join(out.splitlines()[-25:])
    else:
        outcome.import_rc, out = run([sys.executable, "-c", IMPORT_CHECK,
                                      f"probe.{label}", f"probe.{label}_c"], root, timeout=120)
        if outcome.import_rc:
            outcome.failure = "import: " + "\n".join(out.splitlines()[-25:])
    measure(root, label, package, outcome)
    return outcome


def report(outcomes: list[Outcome]) -> None:
    print(f"{'target':<14}{'build':>6}{'import':>7}" + "".join(f"{k:>9}" for k in KINDS)
          + f"{'ctypes':>10}{'cpython':>10}")
    for o in outcomes:
        ctypes, cpython = o.exposure.get("ctypes"), o.exposure.get("cpython")
        cells = "".join(f"{'/'.join(map(str, ctypes.count(k))) if ctypes else '-':>9}"
                        for k in KINDS)
        share = [f"{sum(map(e.is_exposed, e.declarations))}/{len(e.declarations)}"
                 if e else "-" for e in (ctypes, cpython)]
        print(f"{o.label:<14}{o.build_rc:>6}{o.import_rc:>7}{cells}{share[0]:>10}{share[1]:>10}")
    for o in outcomes:
        if o.failure or o.warnings:
            print(f"\n== {o.label} ({o.package})")
            print(o.failure) if o.failure else None
            print("\n".join(o.warnings))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/gopy-probe"))
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--libraries", action="store_true")
    parser.add_argument("--packages", nargs="*", default=[],
                        help="with --libraries: these import paths instead (module@version "
                             "or a standard-library path)")
    options = parser.parse_args(argv)
    root = options.out / ("libs" if options.libraries else "gopy")
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    if options.libraries:
        chosen = {path.split("@")[0].replace("/", "_").replace(".", "_").replace("-", "_"):
                  (path if "@" in path else "", path.split("@")[0])
                  for path in options.packages} or LIBRARIES
        prepare_libraries(root, chosen)
        targets = {label: package for label, (_, package) in chosen.items()}
    else:
        targets = {path.removeprefix(PROBE_MODULE + "/").replace("/", "_"): path
                   for path in extract_gopy(root)}
    outcomes = [probe(root, label, package) for label, package in targets.items()
                if not options.only or label in options.only]
    report(outcomes)
    return 1 if any(o.failure for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
