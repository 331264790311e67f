"""What the generators write for the golden fixture, read from the stored reader output.

No Go runs here: ``reader_output.json`` is what the Go API reader printed for
``fixture/`` (``python -m tests.unit.golden.refresh`` stores it again).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from setuptools_golang_ext.bindings.api_module import api_module_source
from setuptools_golang_ext.bindings.cpython_mode import c_classes, c_functions, needs_runtime
from setuptools_golang_ext.bindings.cpython_module import module_source
from setuptools_golang_ext.bindings.foreign_glue import (
    FOREIGN_FILE,
    INSTANCES_FILE,
    PROXIES_FILE,
    foreign_aliases_source,
    instance_aliases_source,
    proxies_source,
)
from setuptools_golang_ext.bindings.foreign_members import bind_foreign
from setuptools_golang_ext.bindings.go_glue import exports_source
from setuptools_golang_ext.bindings.go_support import support_source
from setuptools_golang_ext.bindings.plan import Bindings, describe_bindings, scan_bindings
from setuptools_golang_ext.config.binding_mode import BindingMode
from setuptools_golang_ext.goapi.model import GoApi

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixture"
READER_OUTPUT = HERE / "reader_output.json"
GOLDEN = HERE / "files"
EXT_NAME = "goldpkg._golden"
# The reader prints the fixture's absolute directory and the Go it ran with; the
# stored copy has these instead, so that it is the same on every machine.
STABLE = {"dir": "/FIXTURE", "go_version": "go", "reader_go_version": "go",
          "goos": "linux", "goarch": "amd64"}
# What cgo's header says of the one //export function (trimmed to what is read).
CGO_HEADER = "typedef int GoInt32;\nextern GoInt32 Plain(GoInt32 a);\n"


def stable_reader_output(printed: str) -> str:
    """The reader's JSON for the fixture without what depends on the machine."""
    document = json.loads(printed)
    directory = document["package"]["dir"]
    document["package"].update(STABLE)
    text = json.dumps(document, indent=1) + "\n"
    return text.replace(json.dumps(directory)[1:-1], STABLE["dir"])


def fixture_bindings() -> tuple[Bindings, str]:
    """The bindings of the fixture (with its foreign and proxy classes, as a build
    makes them), and its import path."""
    api = GoApi.from_json(json.loads(READER_OUTPUT.read_text(encoding="utf-8")))
    foreign = bind_foreign(api)
    assert not foreign.left_out, "every member of the fixture's foreign classes binds"
    bindings = replace(scan_bindings(EXT_NAME, foreign.api), foreign=tuple(foreign.classes),
                       proxies=tuple(foreign.proxies))
    return bindings, api.package.import_path


def _description(bindings: Bindings, mode: BindingMode) -> dict[str, Any]:
    description = describe_bindings(EXT_NAME, bindings, CGO_HEADER, mode)
    assert not description.pop("untyped"), "every fixture function is typed"
    return description


def _json(description: dict[str, Any]) -> str:
    return json.dumps(description, indent=1, sort_keys=True) + "\n"


def rendered() -> dict[str, str]:
    """Golden file name -> the text the generators write for the fixture today."""
    bindings, import_path = fixture_bindings()
    converted = c_functions(bindings)
    ctypes_description = _description(bindings, BindingMode.CTYPES)
    cpython_description = _description(bindings, BindingMode.CPYTHON)
    return {
        "zz_goext_support.go": support_source("main"),
        "exports.go": exports_source(bindings.python_functions, import_path,
                                     bindings.class_names, bindings.sentinel_names,
                                     declared=bindings.declared_names),
        FOREIGN_FILE: foreign_aliases_source(bindings.foreign),
        PROXIES_FILE: proxies_source(bindings.proxies, bindings.class_names, import_path),
        INSTANCES_FILE: instance_aliases_source(bindings.instances, import_path),
        "zz_goext_module.go": module_source(EXT_NAME, converted,
                                            attach=needs_runtime(bindings),
                                            classes=c_classes(EXT_NAME, bindings)),
        "ctypes_api.json": _json(ctypes_description),
        "ctypes_api.py": api_module_source(EXT_NAME, ctypes_description),
        "cpython_api.json": _json(cpython_description),
        "cpython_api.py": api_module_source(EXT_NAME, cpython_description),
    }
