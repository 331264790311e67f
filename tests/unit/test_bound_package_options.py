"""Declaring an extension that binds a Go package by import path: the options and
every mistake in them, caught when the extension is declared."""

from __future__ import annotations

import pytest

from setuptools_golang_ext import GoExtension
from setuptools_golang_ext.errors import GoExtensionConfigError
from setuptools_golang_ext.setuptools.pyproject import parse_config


def test_package_is_declared_without_sources() -> None:
    ext = GoExtension("mypkg._uuid", package="github.com/google/uuid",
                      include=["New", "Parse"], strict=True, rename={"New": "new"})
    ext.check()
    assert (ext.package, ext.include, ext.strict, ext.rename) == (
        "github.com/google/uuid", ["New", "Parse"], True, {"New": "new"})
    assert ext.keyword_arguments()["sources"] is None
    assert GoExtension(**ext.keyword_arguments()).package == "github.com/google/uuid"


def test_pyproject_entry_with_package_reaches_the_extension() -> None:
    entry = {"name": "a._uuid", "package": "github.com/google/uuid", "include": ["New"],
             "rename": {"NewString": "new_string"}}
    (ext,) = parse_config({"ext-modules": [entry]}).ext_modules
    assert ext.package == "github.com/google/uuid" and ext.rename == {"NewString": "new_string"}


@pytest.mark.parametrize("keywords, message", [
    ({"sources": "go", "package": "strings"},
     "give either sources (your own Go package directory) or package (a Go package by "
     "import path), not both."),
    ({}, "say which Go code to build: sources = \"path/to/go/package\""),
    ({"package": "./mypkg"}, "package './mypkg' is not a Go import path"),
    ({"package": "github.com/a b"}, "package 'github.com/a b' is not a Go import path"),
    ({"sources": "go", "include": ["New"]},
     "include applies only to a package bound by import path"),
    ({"sources": "go", "strict": True}, "strict applies only to a package bound by import"),
    ({"package": "strings", "rename": {"Map": "class"}},
     "rename Map = 'class': 'class' is a Python keyword; choose another name (e.g. 'class_')"),
    ({"package": "strings", "rename": {"Map": "two words"}},
     "'two words' is not a Python identifier"),
    ({"package": "strings", "rename": {"Map": "f", "Fields": "f"}},
     "rename gives Map and Fields the same Python name 'f'; each needs its own."),
    ({"package": 3}, "package must be a string, got 3"),
])
def test_bad_declarations_get_one_clear_error(keywords: dict[str, object], message: str
                                              ) -> None:
    ext = GoExtension("mypkg._x", **keywords)  # type: ignore[arg-type]
    with pytest.raises(GoExtensionConfigError, match=r"GoExtension 'mypkg\._x': ") as caught:
        ext.check()
    assert message in str(caught.value)


def test_pyproject_without_sources_or_package_names_both() -> None:
    with pytest.raises(GoExtensionConfigError, match=r"the required key 'sources' is missing "
                       r"\(required: name, and sources or package\)"):
        parse_config({"ext-modules": [{"name": "a._b"}]})
