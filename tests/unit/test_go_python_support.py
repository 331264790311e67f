"""The Python side of the Go package setuptools-golang-ext.dev/python: the go.work
the build and ``gopath --go-work`` write, the import scan, the C-API flags, and
the architecture check of ``cgo-env`` (no Go build here)."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest

from setuptools_golang_ext.__main__ import main
from setuptools_golang_ext.builder.go_python import (
    GO_PYTHON_SOURCE,
    go_python_capi,
    imports_go_python,
    workspace_text,
)
from setuptools_golang_ext.cli.go_python import go_work_text
from setuptools_golang_ext.errors import GoPackageError
from setuptools_golang_ext.platforms.embedding import (
    check_architecture,
    embed_flags,
    python_goarchs,
)
from setuptools_golang_ext.platforms.python_capi import CapiUse
from setuptools_golang_ext.platforms.target import host_goos

REPO = Path(__file__).resolve().parents[2]
SOURCE = '"' + str(GO_PYTHON_SOURCE) + '"'


def test_every_file_of_the_go_package_ships_as_package_data() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    globs = re.findall(r'"(golib/python/[^"]+)"', text)
    files = [p.relative_to(GO_PYTHON_SOURCE.parent.parent).as_posix()
             for p in GO_PYTHON_SOURCE.iterdir()]
    assert "golib/python/go.mod" in files and "golib/python/capi.c" in files
    assert [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)] == []


def test_the_scan_finds_the_import_anywhere_in_the_module_but_vendor(tmp_path: Path) -> None:
    (tmp_path / "vendor" / "x").mkdir(parents=True)
    (tmp_path / "vendor" / "x" / "x.go").write_text(
        'package x\nimport "setuptools-golang-ext.dev/python"\n')
    (tmp_path / "a.go").write_text('package a\nimport "fmt"\n')
    assert not imports_go_python(tmp_path)
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "b.go").write_text(
        'package inner\nimport (\n\tpy "setuptools-golang-ext.dev/python"\n)\n')
    assert imports_go_python(tmp_path)


def test_the_build_workspace_uses_the_module_and_the_package_once(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/m\n\ngo 1.23.1 // as go mod init writes\n")
    elsewhere = Path("/other/venv/site-packages/setuptools_golang_ext/golib/python")
    text = workspace_text([tmp_path, GO_PYTHON_SOURCE, elsewhere, tmp_path])
    assert text == f'go 1.23.1\n\nuse (\n\t"{tmp_path.resolve()}"\n\t{SOURCE}\n)\n'


def test_the_package_adds_limited_api_headers_to_the_build() -> None:
    use = go_python_capi(CapiUse((Path("user.c"),), limited=False, module_inits=("m",)))
    assert use == CapiUse((Path("user.c"), GO_PYTHON_SOURCE / "capi.h"), True, ("m",))
    assert go_python_capi(None).limited


def test_go_work_is_created_extended_or_updated(tmp_path: Path) -> None:
    fresh = go_work_text(None, tmp_path, GO_PYTHON_SOURCE, "1.21")
    assert fresh == f"go 1.21\n\nuse (\n\t{SOURCE}\n)\n"
    (tmp_path / "go.mod").write_text("module m\n")
    assert go_work_text(None, tmp_path, GO_PYTHON_SOURCE, "1.21") == \
        f"go 1.21\n\nuse (\n\t.\n\t{SOURCE}\n)\n"
    mine = "go 1.22\n\nuse ./a\n"
    assert go_work_text(mine, tmp_path, GO_PYTHON_SOURCE, "1.21") == \
        f"go 1.22\n\nuse ./a\n\nuse {SOURCE}\n"
    old_copy = '"/old/venv/site-packages/setuptools_golang_ext/golib/python"'
    old = f"go 1.22\n\nuse (\n\t.\n\t{old_copy}\n)\n"
    assert go_work_text(old, tmp_path, GO_PYTHON_SOURCE, "1.21") == \
        f"go 1.22\n\nuse (\n\t.\n\t{SOURCE}\n)\n"


def test_gopath_prints_the_directory_and_writes_go_work(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gopath"]) == 0
    assert capsys.readouterr().out == f"{GO_PYTHON_SOURCE}\n"
    (tmp_path / "go.mod").write_text("module m\n\ngo 1.26.8\n")
    assert main(["gopath", "--go-work", str(tmp_path)]) == 0
    work = (tmp_path / "go.work").read_text()
    assert work.startswith("go 1.26.8\n") and str(GO_PYTHON_SOURCE) in work
    assert main(["gopath", "--go-work", str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err.endswith(f"--go-work {tmp_path / 'missing'}: no such "
                                            f"directory\n")


def test_a_mismatched_architecture_or_os_is_refused_with_the_fix() -> None:
    check_architecture(host_goos(), python_goarchs()[0])
    other = "arm64" if "arm64" not in python_goarchs() else "riscv64"
    with pytest.raises(GoPackageError, match=f"Go builds for GOARCH={other}, but .* is built "
                       f"for {python_goarchs()[0]}.*Build for GOARCH={python_goarchs()[0]}"):
        check_architecture(host_goos(), other)
    with pytest.raises(GoPackageError, match=r"Go builds for GOOS=plan9, but .* runs on"):
        check_architecture("plan9", python_goarchs()[0])


def test_cgo_env_prints_the_flags_or_the_mismatch(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GOOS", host_goos())
    monkeypatch.setenv("GOARCH", python_goarchs()[0])
    assert main(["cgo-env"]) == 0
    out = capsys.readouterr().out
    flags = embed_flags()
    assert f"export CGO_CFLAGS={flags.cflags[0]}\n" in out and "-lpython" in out
    monkeypatch.setenv("GOARCH", "mips")
    assert main(["cgo-env"]) == 2
    assert "cgo-env: error: Go builds for GOARCH=mips" in capsys.readouterr().err


def test_flags_for_a_program_link_libpython() -> None:
    flags = embed_flags()
    assert any(flag.startswith("-lpython") for flag in flags.ldflags), flags


def test_a_python_independent_wheel_of_go_code_calling_python_is_refused(
        tmp_path: Path) -> None:
    from setuptools import Distribution

    from setuptools_golang_ext import GoExtension
    from setuptools_golang_ext.errors import GoExtensionConfigError
    from setuptools_golang_ext.setuptools.python_independent import check_python_independent

    for name, imports in (("calls", '"setuptools-golang-ext.dev/python"'), ("plain", '"fmt"')):
        (tmp_path / name).mkdir()
        (tmp_path / name / "go.mod").write_text(f"module example.com/{name}\n\ngo 1.21\n")
        (tmp_path / name / "main.go").write_text(f"package main\n\nimport {imports}\n")
    dist = Distribution({"src_root": str(tmp_path), "ext_modules": [
        GoExtension("a.calls", "calls"), GoExtension("a.plain", "plain")]})
    dist.go_python_independent = True  # type: ignore[attr-defined]
    with pytest.raises(GoExtensionConfigError) as caught:
        check_python_independent(dist)
    assert str(caught.value) == (
        "python-independent (py3-none) wheels cannot hold ['a.calls']: their Go code imports "
        "setuptools-golang-ext.dev/python, which calls CPython's C API (limited API 3.11), so "
        "the library loads only into CPython 3.11 or later, not into every Python 3. Drop the "
        "python-independent switch (the wheel is then tagged for the Python that builds it), "
        "or stop importing the package.")
    dist.ext_modules = [dist.ext_modules[1]]
    check_python_independent(dist)  # Go code without the package stays py3-none


def test_the_classes_of_an_extension_are_registered_with_the_package_at_init() -> None:
    from setuptools_golang_ext.builder.go_python import class_registration_source

    text = class_registration_source("mypkg.shapes", ["Shape", "Grid"], "example.com/shapes")
    assert text.split("package main\n", 1)[1] == (
        '\nimport (\n\tgoextuser "example.com/shapes"\n'
        '\tgoextpython "setuptools-golang-ext.dev/python"\n)\n\nfunc init() {\n'
        '\tgoextpython.RegisterClass[goextuser.Shape]("mypkg.shapes", "Shape")\n'
        '\tgoextpython.RegisterClass[goextuser.Grid]("mypkg.shapes", "Grid")\n}\n')
    in_main = class_registration_source("mypkg.shapes", ["Shape"], None)
    assert "goextuser" not in in_main and "RegisterClass[Shape]" in in_main
    # An instantiation of a generic type is an alias the glue's main package declares.
    generic = class_registration_source("mypkg.shapes", ["Box_int"], "example.com/shapes",
                                        ["Box_int"])
    assert "goextuser" not in generic and "RegisterClass[Box_int](" in generic
