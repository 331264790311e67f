"""Every `key = value` example in the options reference (docs/configuration.md is
generated from the options model) builds a working extension with today's Go."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext.config.options import EXTENSION_OPTIONS

from ..helpers import ADD_GO, build_inplace, pyproject_with_table, run, write_project

EXAMPLES = [
    (option.key, example)
    for option in EXTENSION_OPTIONS
    for example in re.findall(rf"`({re.escape(option.key)} = [^`]+)`", option.description)
]

PYPROJECT = pyproject_with_table("{example}\n", packages=True)


def test_the_reference_has_examples() -> None:
    assert EXAMPLES, "no `key = value` example found in the option descriptions"


@pytest.mark.parametrize(("key", "example"), EXAMPLES)
def test_documented_example_builds(tmp_path: Path, key: str, example: str) -> None:
    project = write_project(tmp_path / "p", {
        "pyproject.toml": PYPROJECT.format(example=example),
        "setup.py": "from setuptools import setup\n\nsetup()\n",
        "mypkg/go/main.go": ADD_GO,
    })
    output = build_inplace(project).check().output
    run_line = next(line for line in output.splitlines() if "go build -buildmode" in line)
    if key == "env":
        for name, value in re.findall(r'(\w+) = "([^"]*)"', example):
            assert f"{name}={value}" in output, output
    code = "from setuptools_golang_ext.runtime import load; print(load('mypkg._native').Add(2, 40))"
    assert run([sys.executable, "-c", code], cwd=project).check().output.split() == ["42"], \
        run_line
