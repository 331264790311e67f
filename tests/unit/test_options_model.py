"""The options model is the one source of the setup.py keywords, TOML keys,
environment overrides, schema.json and the docs table: each is compared with it."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

from setuptools_golang_ext import GoExtension
from setuptools_golang_ext.builder.go_build import wants_debug
from setuptools_golang_ext.config.docs_table import render
from setuptools_golang_ext.config.options import EXTENSION_OPTIONS, Option, option_named
from setuptools_golang_ext.config.schema import tool_schema
from setuptools_golang_ext.errors import GoExtensionConfigError
from setuptools_golang_ext.platforms.arch_builds import wants_zig
from setuptools_golang_ext.setuptools.pyproject import parse_config

ROOT = Path(__file__).resolve().parents[2]


def test_setup_py_keywords_are_the_model() -> None:
    parameters = list(inspect.signature(GoExtension.__init__).parameters)[1:]
    assert parameters == [option.parameter for option in EXTENSION_OPTIONS]


def test_every_option_is_stored_on_the_extension_with_its_default() -> None:
    ext = GoExtension("mypkg._native", "mypkg/go")
    for option in EXTENSION_OPTIONS:
        if not option.positional:
            assert hasattr(ext, option.attribute_name), option.parameter
    assert ext.go_env == {} and ext.build_tags == [] and ext.debug is None
    assert ext.optional is False


def test_toml_keys_and_schema_properties_are_the_model() -> None:
    items = tool_schema()["properties"]["ext-modules"]["items"]
    assert list(items["properties"]) == [option.key for option in EXTENSION_OPTIONS]
    assert items["required"] == ["name"]
    assert items["oneOf"] == [{"required": ["sources"]}, {"required": ["package"]}]


def test_published_schema_file_is_generated_from_the_model() -> None:
    published = json.loads((ROOT / "setuptools_golang_ext/config/schema.json").read_text())
    assert published == tool_schema(), (
        "regenerate: python -m setuptools_golang_ext.config.schema"
        " > setuptools_golang_ext/config/schema.json")


def test_docs_tables_are_generated_from_the_model() -> None:
    document = (ROOT / "docs/configuration.md").read_text(encoding="utf-8")
    assert render(document) == document, (
        "regenerate: python -m setuptools_golang_ext.config.docs_table "
        "--write docs/configuration.md")
    for option in EXTENSION_OPTIONS:
        assert f"| `{option.key}` |" in document


def test_docs_render_refuses_a_document_without_markers() -> None:
    with pytest.raises(ValueError, match=r"has no <!-- .*-options: begin -->"):
        render("# no tables here\n")


@pytest.mark.parametrize("option", [o for o in EXTENSION_OPTIONS if not o.positional],
                         ids=lambda o: o.key)
def test_each_toml_key_reaches_the_extension(option: Option) -> None:
    samples = {"boolean": True, "array of strings": ["x"], "table of strings": {"K": "v"},
               "table of arrays of strings": {"K": ["v"]},
               '`"ctypes"` or `"cpython"`': "cpython", "string": "example.com/m/pkg"}
    value = samples[option.kind.docs]
    # include and strict apply to a package bound by import path.
    entry = {"name": "a._b", "package": "strings", option.key: value}
    if option.key not in ("package", "include", "strict"):
        entry = {"name": "a._b", "sources": "go", option.key: value}
    (ext,) = parse_config({"ext-modules": [entry]}).ext_modules
    assert getattr(ext, option.attribute_name) == value


@pytest.mark.parametrize("keyword, value, expected", [
    ("build_tags", "fast", "build_tags must be a list of strings, got 'fast'"),
    ("env", {"GOAMD64": 3}, "env must be a mapping of variable names to string values"),
    ("debug", "yes", "debug must be True, False or None, got 'yes'"),
    ("ldflags", [1], "ldflags must be a list of strings, got [1]"),
    ("bindings", "cffi", "bindings must be 'ctypes' or 'cpython', got 'cffi'"),
])
def test_setup_py_type_errors_name_the_extension_and_keyword(
    keyword: str, value: object, expected: str
) -> None:
    ext = GoExtension("mypkg._native", "mypkg/go", **{keyword: value})  # type: ignore[arg-type]
    with pytest.raises(GoExtensionConfigError) as caught:
        ext.check()
    assert str(caught.value).startswith("GoExtension 'mypkg._native': ")
    assert expected in str(caught.value)


def test_tuples_and_mappings_from_setup_py_are_copied_into_lists_and_dicts() -> None:
    tags = ("a", "b")
    ext = GoExtension("m._n", "go", build_tags=tags, env={"K": "v"})
    assert ext.build_tags == ["a", "b"] and isinstance(ext.build_tags, list)
    assert ext.go_env == {"K": "v"}


@pytest.mark.parametrize("value, expected", [("1", True), ("true", True), ("YES", True),
                                             ("0", False), ("", False), ("no", False)])
def test_environment_overrides_an_unset_option_only(value: str, expected: bool) -> None:
    environ = {option_named("zig").environment: value,
               option_named("debug").environment: value}
    assert wants_zig(GoExtension("m._n", "go"), environ) is expected
    assert wants_debug(GoExtension("m._n", "go"), False, environ) is expected
    assert wants_zig(GoExtension("m._n", "go", zig=False), environ) is False
    assert wants_debug(GoExtension("m._n", "go", debug=False), True, environ) is False


def test_build_ext_debug_turns_debug_on_when_the_option_is_unset() -> None:
    assert wants_debug(GoExtension("m._n", "go"), True, {}) is True
