"""Decoding the Go API reader's JSON into the model (no Go needed)."""

from __future__ import annotations

import pytest

from setuptools_golang_ext.goapi.exports import python_exports, type_tag
from setuptools_golang_ext.goapi.model import FORMAT, GoApi, GoApiReadError, TypeRef


def test_from_json_checks_format() -> None:
    with pytest.raises(GoApiReadError, match="format"):
        GoApi.from_json({"format": FORMAT + 1})
    with pytest.raises(GoApiReadError, match="'functions'"):
        GoApi.from_json({"format": FORMAT, "package": {}, "functions": {}})


def test_from_json_minimal_document() -> None:
    api = GoApi.from_json(
        {
            "format": FORMAT,
            "package": {
                "name": "p",
                "import_path": "x/p",
                "dir": "/x",
                "module_path": None,
                "module_go": None,
            },
        }
    )
    assert api.package.module_path is None and api.functions == () and api.errors == ()


def _basic(name: str, go: str = "") -> dict[str, object]:
    return {"kind": "basic", "go": go or name, "name": name}


def test_type_tags_follow_the_contract_and_keep_go_spelling_otherwise() -> None:
    assert type_tag(TypeRef("basic", "byte", name="uint8")) == "uint8"
    assert type_tag(TypeRef("slice", "[]byte", elem=TypeRef("basic", "byte", name="uint8"))) \
        == "[]byte"
    assert type_tag(TypeRef("slice", "[]rune", elem=TypeRef("basic", "rune", name="int32"))) \
        == "[]int32"
    assert type_tag(TypeRef("named", "error", name="error", package="")) == "error"
    assert type_tag(TypeRef("chan", "chan int")) == "chan int"
    assert type_tag(TypeRef("named", "Celsius", name="Celsius", package="x/p")) == "Celsius"


def test_python_exports_come_from_the_directive_and_carry_position() -> None:
    api = GoApi.from_json({
        "format": FORMAT,
        "package": {"name": "main", "import_path": "x", "dir": "/x"},
        "functions": [
            {"name": "Add", "doc": "Add adds.\n", "directives": ["python:export"],
             "pos": {"file": "/x/a.go", "line": 7, "column": 1}, "exported": True,
             "params": [{"name": "a", "type": _basic("int64")}],
             "results": [{"name": "", "type": _basic("int64")}]},
            {"name": "Plain", "directives": [], "exported": True},
            {"name": "Typo", "directives": ["python:exported"], "exported": True},
        ],
    })
    (add,) = python_exports(api)
    assert (add.name, add.where, add.doc) == ("Add", "/x/a.go:7", "Add adds.")
    assert [(p.name, p.type) for p in add.params] == [("a", "int64")]


@pytest.mark.parametrize("text, detached", [
    ("//python:export", True), ("//python:export  fast", True),
    ("// python:export", False), ("//python:exprot", False),
])
def test_only_a_well_formed_but_detached_directive_counts_as_detached(
    text: str, detached: bool
) -> None:
    api = GoApi.from_json({"format": FORMAT, "package": {}, "directive_problems": [
        {"pos": None, "text": text, "message": "m"}]})
    assert api.directive_problems[0].detached is detached
