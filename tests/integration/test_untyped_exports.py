"""A Layer 1 `//export` function whose parameter is a Go interface (or map) stays
untyped, with a build warning naming the function and the parameter."""

from __future__ import annotations

import sys
from pathlib import Path

from ..helpers import build_inplace, run, write_project

MAIN_GO = """package main

import "C"

//export Describe
func Describe(v interface{}) C.int { return 1 }

//export Count
func Count(m map[string]int) C.int { return C.int(len(m)) }

//export Add
func Add(a, b C.int) C.int { return a + b }

func main() {}
"""

CHECK = """
from setuptools_golang_ext.runtime import load
lib = load("mypkg._native")
print(lib.Describe.argtypes, lib.Count.argtypes, lib.Add.argtypes is not None)
print(lib.Add(2, 40))
"""


def test_interface_and_map_parameters_stay_untyped_with_a_warning(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": MAIN_GO})
    output = build_inplace(project).check().output
    assert ("GoExtension 'mypkg._native': Describe() stays untyped: C type GoInterface "
            "(an interface), of parameter 'v',") in output, output
    assert "Count() stays untyped: C type GoMap (a map), of parameter 'm'," in output
    assert "Add() stays untyped" not in output
    api = (project / "mypkg" / "_native_api.py").read_text()
    assert "def Add(" in api and "Describe" not in api and "GoInterface" not in api
    out = run([sys.executable, "-c", CHECK], cwd=project).check().output.split("\n")
    assert out[:2] == ["None None True", "42"], out
