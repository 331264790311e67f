"""Print how .github/workflows/wheels.yml runs cibuildwheel on Linux, for .ci/cibuildwheel-linux.

One source: the script takes the cibuildwheel version, the action's inputs and the
CIBW_*/PIP_* environment from the workflow itself, with the GitHub expressions the
step uses filled in. Output: ``version=...``, ``package-dir=...``, ``output-dir=...``,
then ``env NAME=VALUE`` lines. Usage: cibuildwheel_workflow.py WORKFLOW ARCH CHECKOUT
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

_EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def cibuildwheel_step(workflow: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The job and step that use pypa/cibuildwheel (exactly one)."""
    found = [
        (job, step)
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if str(step.get("uses", "")).startswith("pypa/cibuildwheel@")
    ]
    if len(found) != 1:
        raise SystemExit(f"expected one pypa/cibuildwheel step, found {len(found)}")
    return found[0]


def linux_archs(job: dict[str, Any]) -> list[str]:
    """The archs of the matrix entries that run on Linux runners."""
    entries = job.get("strategy", {}).get("matrix", {}).get("include", [])
    return [e["archs"] for e in entries if str(e.get("os", "")).startswith("ubuntu")]


def fill_in(value: object, arch: str, checkout: str) -> str:
    known = {"github.workspace": checkout, "matrix.archs": arch}

    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in known:
            raise SystemExit(f"cannot run locally: unknown expression {match.group(0)}")
        return known[match.group(1)]

    return _EXPRESSION.sub(replace, str(value))


def main(workflow_path: str, arch: str, checkout: str) -> None:
    workflow = yaml.safe_load(Path(workflow_path).read_text(encoding="utf-8"))
    job, step = cibuildwheel_step(workflow)
    if arch not in linux_archs(job):
        raise SystemExit(f"the workflow builds no Linux wheels for {arch}: {linux_archs(job)}")
    inputs = step.get("with", {})
    print("version=" + step["uses"].split("@v", 1)[1])
    print("package-dir=" + fill_in(inputs.get("package-dir", "."), arch, checkout))
    print("output-dir=" + fill_in(inputs.get("output-dir", "wheelhouse"), arch, checkout))
    for name, value in step.get("env", {}).items():
        print(f"env {name}={fill_in(value, arch, checkout)}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
