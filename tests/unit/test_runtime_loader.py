"""The run-time loader's errors when a library cannot be loaded (nothing is built here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from setuptools_golang_ext.runtime._locate import resolve_name

from ..helpers import ADD_GO, load_error, write_project


def test_missing_library_lists_where_it_looked(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    out = load_error(project)
    assert out.startswith("GoLibraryNotFoundError Go library for 'mypkg._native' not found.")
    assert str(project / "mypkg" / "_native.so") in out
    assert "It has not been built yet: run pip install ." in out


def test_source_tree_shadowing_an_installed_copy_is_named(tmp_path: Path) -> None:
    # `python -m pytest` / `python -c` in a flat-layout project: the sources come first
    # on sys.path, the installed package with its library later.
    site = tmp_path / "site"
    (site / "mypkg").mkdir(parents=True)
    (site / "mypkg" / "__init__.py").write_text("")
    installed = site / "mypkg" / "_native.so"
    installed.write_bytes(b"never loaded")
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": ADD_GO})
    out = load_error(project, env={"PYTHONPATH": str(site)})
    assert out.startswith("GoLibraryNotFoundError Go library for 'mypkg._native' not found.")
    assert (f"The package 'mypkg' was imported from {project / 'mypkg'}, a source tree "
            f"without the built library that shadows an installed copy with it:\n"
            f"  {installed}\n") in out
    assert "Use the src layout (move the package to src/mypkg/" in out
    assert "has not been built yet" not in out


def test_library_for_another_platform_gives_import_error(tmp_path: Path) -> None:
    (tmp_path / "mypkg").mkdir()
    (tmp_path / "mypkg" / "__init__.py").write_text("")
    suffix = __import__("sysconfig").get_config_var("EXT_SUFFIX")
    (tmp_path / "mypkg" / f"_native{suffix}").write_bytes(b"MZ\x90\x00 not an ELF file")
    out = load_error(tmp_path)
    assert "cannot load Go library 'mypkg._native'" in out
    assert "built for another platform" in out


def test_relative_name_without_package_is_an_error(tmp_path: Path) -> None:
    out = load_error(tmp_path, "._native")
    assert "load('._native', __package__)" in out


@pytest.mark.parametrize(("name", "package", "absolute"), [
    ("mypkg._native", None, "mypkg._native"),
    ("._native", "mypkg", "mypkg._native"),
    ("._native", "mypkg.sub", "mypkg.sub._native"),
    ("..other._native", "mypkg.sub", "mypkg.other._native"),
    ("..", "mypkg.sub", "mypkg"), (".", "mypkg", "mypkg"), ("...x", "a.b.c", "a.x"),
])
def test_relative_names_resolve_like_imports(name: str, package: str | None,
                                             absolute: str) -> None:
    import importlib.util

    assert resolve_name(name, package) == absolute == importlib.util.resolve_name(name, package)


def test_a_relative_name_beyond_the_top_package_is_refused_as_importlib_refuses_it() -> None:
    import importlib.util

    with pytest.raises(ImportError) as expected:
        importlib.util.resolve_name("...x", "a.b")
    with pytest.raises(ImportError) as raised:
        resolve_name("...x", "a.b")
    assert str(raised.value) == str(expected.value)


def test_load_imports_the_package_first_and_reports_what_is_missing(tmp_path: Path) -> None:
    """load() imports the library's package before taking its lock (issue 20): a missing
    package is still named as such, and a package whose own import fails gives that
    error, as `import` would."""
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "__init__.py").write_text("import not_installed_dependency\n")
    assert load_error(tmp_path, "nopkg._native").startswith(
        "ImportError cannot load Go library 'nopkg._native': no package 'nopkg'")
    assert load_error(tmp_path, "broken._native").startswith(
        "ModuleNotFoundError No module named 'not_installed_dependency'")
