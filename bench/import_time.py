"""How long importing a package takes, as ``python -X importtime`` measures it
(used by bench/run.py and the issue-19 table in bench/table.py)."""

from __future__ import annotations

import subprocess
import sys


def import_ms(package: str, env: dict[str, str]) -> float:
    """The cumulative import time of ``package`` as -X importtime reports it, in ms."""
    code = f"import os; import {package}"  # -S: site's imports (os) without its hooks
    stderr = subprocess.run([sys.executable, "-S", "-X", "importtime", "-c", code],
                            env=env, check=True, capture_output=True, text=True).stderr
    for line in stderr.splitlines():
        fields = [field.strip() for field in line.removeprefix("import time:").split("|")]
        if len(fields) == 3 and fields[2] == package:
            return int(fields[1]) / 1000
    raise SystemExit(f"no import time for {package} in:\n{stderr}")


def interleaved_import_ms(packages: dict[str, str], env: dict[str, str],
                          runs: int) -> dict[str, list[float]]:
    """Each package's import times over ``runs`` rounds, interleaved so that the
    machine's load falls on all of them alike; a first import writes the bytecode
    the measured ones read."""
    for package in packages.values():
        import_ms(package, env)
    times: dict[str, list[float]] = {name: [] for name in packages}
    for _ in range(runs):
        for name, package in packages.items():
            times[name].append(import_ms(package, env))
    return times
