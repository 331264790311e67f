"""`new NAME`: which names it accepts, what it derives from them, what it writes (no Go build)."""

from __future__ import annotations

import sys

import pytest

from setuptools_golang_ext import __version__
from setuptools_golang_ext.cli import UsageError
from setuptools_golang_ext.cli.names import (
    check_module_name,
    check_project_name,
    go_package_name,
    module_name_for,
)
from setuptools_golang_ext.cli.new_project import FILES, ProjectNames, project_files


@pytest.mark.parametrize(("project", "module"), [
    ("my-tool", "my_tool"), ("My.Tool", "my_tool"), ("a", "a"), ("x__y--z", "x_y_z"),
    ("gofast2", "gofast2"),
])
def test_module_name_follows_the_project_name(project: str, module: str) -> None:
    assert ProjectNames.from_arguments(project, None).module == module


@pytest.mark.parametrize(("project", "message"), [
    ("my-pkg!", "'my-pkg!' is not a valid project name"),
    ("-tool", "'-tool' is not a valid project name"),
    ("tool-", "'tool-' is not a valid project name"),
    ("", "'' is not a valid project name"),
    ("café", "'café' is not a valid project name"),
    ("9lives", "'9lives' cannot name the Python package: a Python name cannot start with a "
               "digit; choose another NAME or pass --module"),
    ("class", "'class' cannot name the Python package: it is a Python keyword"),
    ("go", "'go' cannot name the Python package: it would shadow an existing module"),
    ("tests", "it would shadow an existing module"),
])
def test_bad_project_names_are_refused(project: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        ProjectNames.from_arguments(project, None)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.skipif(sys.version_info < (3, 10), reason="sys.stdlib_module_names is 3.10+")
def test_standard_library_names_are_refused() -> None:
    with pytest.raises(UsageError, match="would shadow"):
        check_module_name("json", derived=True)


def test_module_option_rescues_a_project_name_python_cannot_import() -> None:
    names = ProjectNames.from_arguments("9lives", "ninelives")
    assert (names.project, names.module) == ("9lives", "ninelives")


@pytest.mark.parametrize("module", ["1x", "my-mod", "a.b", "import", "naïve", ""])
def test_bad_module_option_is_refused_naming_the_option(module: str) -> None:
    with pytest.raises(UsageError, match="choose another --module"):
        ProjectNames.from_arguments("fine", module)


def test_project_name_check_accepts_pep_508_names() -> None:
    for name in ("A", "a1", "a.b-c_d", "9lives"):
        assert check_project_name(name) == name
    assert module_name_for("A.B-C") == "a_b_c"


@pytest.mark.parametrize(("module", "go_package"), [
    ("my_tool", "mytool"), ("Tool2", "tool2"), ("_9", "native"), ("func", "native"),
    ("main", "native"), ("_", "native"), ("gopher", "gopher"),
])
def test_go_package_name(module: str, go_package: str) -> None:
    assert go_package_name(module) == go_package


def test_every_placeholder_is_filled() -> None:
    files = project_files(ProjectNames.from_arguments("my-tool", None))
    assert len(files) == len(FILES)
    for path, text in files.items():
        assert "@@" not in text, path
    assert "src/my_tool/go/mytool.go" in files
    assert "package mytool\n" in files["src/my_tool/go/mytool.go"]
    assert files["src/my_tool/go/go.mod"] == "module example.com/my_tool\n\ngo 1.21\n"
    assert "import my_tool\n" in files["tests/test_my_tool.py"]


def test_generated_pyproject_is_valid_with_our_schema() -> None:
    tomllib = pytest.importorskip("tomllib")
    from validate_pyproject import api

    text = project_files(ProjectNames.from_arguments("my-tool", None))["pyproject.toml"]
    data = tomllib.loads(text)
    api.Validator()(data)  # raises on any error, including our own table's schema
    assert data["build-system"]["build-backend"] == "setuptools_golang_ext.build_meta"
    assert f"setuptools-golang-ext>={__version__}" in data["build-system"]["requires"]
    # Users of the wheel get the runtime alone; the tool only in the development extra.
    assert data["project"]["dependencies"] == [f"setuptools-golang-ext-runtime>={__version__}"]
    assert f"setuptools-golang-ext>={__version__}" in data["project"]["optional-dependencies"][
        "test"]
    # cpython mode is what `new` writes unless told otherwise.
    assert data["tool"]["setuptools-golang-ext"]["ext-modules"] == [
        {"name": "my_tool._native", "sources": "src/my_tool/go", "bindings": "cpython"}]
