"""Declaring GoExtensions in pyproject.toml: every mistake gets a message naming
pyproject.toml, the entry and the key; the JSON schema accepts exactly the same."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from setuptools_golang_ext.config.options import EXTENSION_OPTIONS
from setuptools_golang_ext.config.schema import schema_text, tool_schema
from setuptools_golang_ext.errors import GoExtensionConfigError
from setuptools_golang_ext.setuptools.pyproject import load_pyproject_config, parse_config

from ..helpers import REPO

SCHEMA_FILE = REPO / "setuptools_golang_ext" / "config" / "schema.json"
ENTRY = "[[tool.setuptools-golang-ext.ext-modules]] #1 (name = 'mypkg._native')"


def ext(**options: Any) -> dict[str, Any]:
    return {"ext-modules": [{"name": "mypkg._native", "sources": "mypkg/go", **options}]}


GOOD = {
    "python-independent": True,
    "ext-modules": [{
        "name": "mypkg._native", "sources": ["mypkg/go/main.go"], "build-tags": ["fast"],
        "ldflags": ["-X", "main.v=1"], "gcflags": ["-N"], "cgo-cflags": ["-O2"],
        "cgo-ldflags": ["-lm"], "env": {"CGO_ENABLED": "1"}, "go-build-args": ["-v"],
        "debug": False, "optional": True,
    }],
}

# (table, fragments the message must contain); each is one way to get it wrong.
BAD = {
    "unknown key": (ext(**{"build-tag": ["x"]}),
                    [ENTRY, "unknown key 'build-tag'", "did you mean 'build-tags'?"]),
    "underscore": (ext(build_tags=["x"]), [ENTRY, "did you mean 'build-tags'?"]),
    "unknown, no near match": (ext(frobnicate=1), [ENTRY, "unknown key 'frobnicate'.",
                                                   "Known keys: name, sources"]),
    "list as string": (ext(**{"build-tags": "x"}),
                       [ENTRY, "'build-tags' must be an array of strings, got a string"]),
    "list of ints": (ext(ldflags=[1]), ["'ldflags' must be an array of strings, got an array"]),
    "env values": (ext(env={"A": 1}), ["'env' must be a table of strings, got a table"]),
    "env as list": (ext(env=["A=1"]), ["'env' must be a table of strings, got an array"]),
    "debug int": (ext(debug=1), ["'debug' must be a boolean (true or false), got an integer"]),
    "optional string": (ext(optional="yes"), ["'optional' must be a boolean"]),
    "empty sources": (ext(sources=[]), ["'sources' must be a string (a Go package directory) "
                                        "or a non-empty array of strings"]),
    "sources int": (ext(sources=3), ["'sources' must be a string", "got an integer (3)"]),
    "name not string": ({"ext-modules": [{"name": 5, "sources": "x"}]},
                        ["ext-modules]] #1: 'name' must be a string, got an integer (5)"]),
    "bad module name": ({"ext-modules": [{"name": "my-pkg.x", "sources": "x"}]},
                        ["#1 (name = 'my-pkg.x')", "'my-pkg' is not a Python identifier"]),
    "missing sources": ({"ext-modules": [{"name": "a.b"}]},
                        ["#1 (name = 'a.b')", "required key 'sources' is missing"]),
    "missing name": ({"ext-modules": [{"sources": "x"}]}, ["required key 'name' is missing"]),
    "duplicate name": ({"ext-modules": [{"name": "a.b", "sources": "x"},
                                        {"name": "a.b", "sources": "y"}]},
                       ["#2 (name = 'a.b')", "already used by entry #1"]),
    "unknown top-level": ({"ext-module": []}, ["[tool.setuptools-golang-ext]",
                                               "did you mean 'ext-modules'?"]),
    "ext-modules table": ({"ext-modules": {"name": "a.b"}},
                          ["'ext-modules' must be an array of tables", "got a table"]),
    "ext-modules of strings": ({"ext-modules": ["a.b"]}, ["must be an array of tables"]),
    "python-independent": ({"python-independent": "yes"},
                           ["'python-independent' must be a boolean (true or false), "
                            "got a string ('yes')"]),
    "table not a table": (5, ["[tool.setuptools-golang-ext] must be a table, got an integer"]),
}


def test_every_option_is_accepted() -> None:
    config = parse_config(GOOD)
    assert config.python_independent is True
    (extension,) = config.ext_modules
    assert extension.build_tags == ["fast"] and extension.go_env == {"CGO_ENABLED": "1"}
    assert extension.optional is True and extension.go_sources == ["mypkg/go/main.go"]


@pytest.mark.parametrize("case", list(BAD))
def test_each_mistake_has_a_clear_message(case: str) -> None:
    table, fragments = BAD[case]
    with pytest.raises(GoExtensionConfigError) as info:
        parse_config(table, "/p/pyproject.toml")
    message = str(info.value)
    assert message.startswith("/p/pyproject.toml: ")
    for fragment in fragments:
        assert fragment in message, message


def test_keys_follow_goextension_signature() -> None:
    keys = [option.key for option in EXTENSION_OPTIONS]
    assert keys[:2] == ["name", "sources"]
    assert {"build-tags", "go-build-args", "cgo-ldflags", "env", "debug", "optional"} <= set(keys)
    assert all("_" not in key for key in keys)


def test_published_schema_matches_the_validator() -> None:
    assert SCHEMA_FILE.read_text() == schema_text(), (
        "regenerate: python -m setuptools_golang_ext.config.schema"
        " > setuptools_golang_ext/config/schema.json")
    schema = json.loads(SCHEMA_FILE.read_text())
    entry = schema["properties"]["ext-modules"]["items"]
    assert list(entry["properties"]) == [option.key for option in EXTENSION_OPTIONS]
    assert entry["required"] == ["name"]
    jsonschema.validate(GOOD, schema)


# A module name's syntax and duplicate names are beyond a JSON schema.
BEYOND_SCHEMA = ("bad module name", "duplicate name")


@pytest.mark.parametrize("case", [c for c in BAD if c not in BEYOND_SCHEMA])
def test_schema_rejects_what_the_validator_rejects(case: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(BAD[case][0], tool_schema())


@pytest.mark.parametrize("case", BEYOND_SCHEMA)
def test_schema_accepts_what_only_the_validator_catches(case: str) -> None:
    jsonschema.validate(BAD[case][0], tool_schema())  # editors cannot warn about these


def test_invalid_toml_and_missing_table(tmp_path: Path) -> None:
    assert load_pyproject_config(tmp_path).ext_modules == []  # no pyproject.toml at all
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert load_pyproject_config(tmp_path).ext_modules == []
    (tmp_path / "pyproject.toml").write_text("[tool.setuptools-golang-ext\n")
    with pytest.raises(GoExtensionConfigError, match="is not valid TOML"):
        load_pyproject_config(tmp_path)


def test_validate_pyproject_uses_our_schema() -> None:
    from validate_pyproject import api, errors

    validator = api.Validator()
    document = {"project": {"name": "mypkg", "version": "1.0"},
                "tool": {"setuptools-golang-ext": GOOD}}
    validator(document)
    document["tool"]["setuptools-golang-ext"] = ext(**{"build-tag": ["x"]})
    with pytest.raises(errors.ValidationError, match="build-tag"):
        validator(document)
