"""bindings = "cpython": what is refused before Go runs, and the generated C text:
C functions for function-level types, the rest attached from the runtime."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from setuptools import Distribution

from setuptools_golang_ext import GoExtension
from setuptools_golang_ext.bindings.cpython_mode import (
    c_covered,
    c_functions,
    cpython_module,
    declarations,
    needs_runtime,
)
from setuptools_golang_ext.bindings.cpython_module import c_string, module_source
from setuptools_golang_ext.bindings.plan import Bindings
from setuptools_golang_ext.errors import GoExtensionConfigError, GoPackageError
from setuptools_golang_ext.goapi.exports import METHOD, GoClass, GoConstant, GoFunction, GoParam
from setuptools_golang_ext.goapi.interfaces import GoInterface
from setuptools_golang_ext.platforms.python_capi import CapiUse, PythonInstall, require_headers
from setuptools_golang_ext.setuptools.python_independent import check_python_independent

PYTHON_311 = PythonInstall(Path("/include"), (3, 11), "/usr/bin/python3.11")


def function(name: str = "Add", doc: str = "Add adds.") -> GoFunction:
    return GoFunction(name, (GoParam("a", "int"), GoParam("b", "int")), (GoParam("", "int"),),
                      doc, Path("add.go"), 3, True)


def test_a_python_older_than_the_limited_api_is_refused() -> None:
    python = PythonInstall(Path("/include"), (3, 9), "/usr/bin/python3.9")
    with pytest.raises(GoPackageError) as caught:
        cpython_module("mypkg._native", Bindings([function()]), None, python)
    assert str(caught.value) == (
        "GoExtension 'mypkg._native': bindings = \"cpython\" builds a limited-API module for "
        "Python 3.11 and later (the first limited API with the buffer protocol), but this "
        "build runs Python 3.9 (/usr/bin/python3.9). Build with Python 3.11 or later, or use "
        "bindings = \"ctypes\" (its wheels serve every Python 3).")


def test_a_package_without_python_exports_is_refused() -> None:
    with pytest.raises(GoPackageError, match=r"'mypkg._native': bindings = \"cpython\" makes "
                       r"an extension module of the //python:export declarations, but the Go "
                       r"package has none"):
        cpython_module("mypkg._native", Bindings([]), None, PYTHON_311)


def test_a_package_of_constants_alone_makes_a_module() -> None:
    """gopy's consts example: constants and a named type, no function or variable."""
    constants = [GoConstant("Limit", "int", 10, "")]
    source, use = cpython_module("mypkg._native", Bindings([], constants=constants), None,
                                 PYTHON_311)
    assert "PyInit__native" in source and use.module_inits == ("_native",)


def test_a_hand_written_module_init_is_refused() -> None:
    user = CapiUse((Path("module.c"),), limited=False, module_inits=("_native",))
    with pytest.raises(GoPackageError, match=r"defines PyInit__native itself, and bindings = "
                       r"\"cpython\" generates PyInit__native"):
        cpython_module("mypkg._native", Bindings([function()]), user, PYTHON_311)


def test_the_generated_module_is_limited_api_and_named_after_the_leaf() -> None:
    source, use = cpython_module("mypkg._native", Bindings([function()]), None, PYTHON_311)
    assert use.limited and use.module_inits == ("_native",)
    assert "#define Py_LIMITED_API 0x030B0000" in source
    assert "PyMODINIT_FUNC PyInit__native(void)" in source
    assert re.search(r"status = goext_Add\(\(ptrdiff_t\)v0, \(ptrdiff_t\)v1, &out\);", source)
    assert "Py_BEGIN_ALLOW_THREADS" in source


def test_doc_comments_cannot_end_the_go_comment_or_the_c_string() -> None:
    doc = 'Add adds */ "quoted" \\ and\nnewlines, héllo ??= trigraph'
    source = module_source("mypkg._native", [function(doc=doc)])
    body = source.split("/*\n", 1)[1]
    assert body.count("*/") == 1 and body.rstrip().endswith('*/\nimport "C"')
    assert c_string('a"b\\c\n?é') == '"a\\"b\\\\c\\012\\?\\303\\251"'


def test_cpython_mode_and_python_independent_wheels_exclude_each_other() -> None:
    dist = Distribution({"ext_modules": [GoExtension("a._b", "go", bindings="cpython")]})
    dist.go_python_independent = True  # type: ignore[attr-defined]
    with pytest.raises(GoExtensionConfigError, match=r"cannot hold the C extensions \['a._b'\]: "
                       r"they are built for one Python \(or, with bindings = 'cpython'"):
        check_python_independent(dist)


def test_missing_python_headers_name_the_mode_and_the_package_to_install(tmp_path: Path) -> None:
    python = PythonInstall(tmp_path / "include", (3, 11), "/usr/bin/python3.11")
    _, use = cpython_module("mypkg._native", Bindings([function()]), None, python)
    with pytest.raises(GoPackageError) as caught:
        require_headers("mypkg._native", use, python)
    message = str(caught.value)
    assert message.startswith("GoExtension 'mypkg._native': zz_goext_module.go (generated for "
                              "bindings = \"cpython\") includes <Python.h>, but the Python")
    assert "apt-get install python3.11-dev" in message


def test_a_module_of_function_level_functions_does_not_call_the_runtime() -> None:
    source, _ = cpython_module("mypkg._native", Bindings([function()]), None, PYTHON_311)
    assert "goext_attach" not in source and "runtime._attach" not in source
    assert "{Py_mod_exec, (void *)goext_exec}" in source  # __file__ is set by then
    assert "return PyModuleDef_Init(&goext_module);" in source


def test_one_predicate_says_what_the_c_module_covers_and_decides_the_attach() -> None:
    add = function()
    # A class with a method C does not convert (a map of slices): the runtime's class
    # adds it (test_cpython_classes has one the C type covers whole).
    pack = GoFunction("Pack", (GoParam("m", "map[string][]int"),), (), "", Path("a.go"), 6,
                      True, receiver="*Shelf", owner="Shelf", role=METHOD)
    shelf = GoClass("Shelf", "", (), (pack,), (), Path("a.go"), 5)
    reader = GoInterface("Reader", "", ("Read",), ())
    only_c = Bindings([add])
    assert c_covered(add, only_c) and not needs_runtime(only_c)
    # Today's kinds the C module leaves to the runtime: each one alone makes it attach.
    for bindings in (Bindings([add], classes=[shelf]), Bindings([add], interfaces=[reader]),
                     Bindings([add], constants=[GoConstant("Max", "int", "3", "")])):
        assert not any(c_covered(d, bindings) for d in declarations(bindings) if d is not add)
        assert needs_runtime(bindings) and c_functions(bindings) == [add]
        if bindings.classes:  # a class's C type needs its constructor: test_cpython_classes
            continue
        source, _ = cpython_module("mypkg._native", bindings, None, PYTHON_311)
        assert "return goext_attach(module);" in source


def test_objects_and_composite_types_are_attached_from_the_runtime_not_refused() -> None:
    words = GoFunction("Join", (GoParam("words", "map[string][]int"),), (GoParam("", "string"),),
                       "", Path("a.go"), 3, True)
    variadic = GoFunction("Total", (GoParam("v", "[]float64"),), (GoParam("", "float64"),),
                          "", Path("a.go"), 5, True, variadic=True)
    method = GoFunction("Count", (), (GoParam("", "int"),), "", Path("a.go"), 7, True,
                        receiver="*Shelf", owner="Shelf", role=METHOD)
    named = GoFunction("Warm", (GoParam("c", "Celsius"),), (GoParam("", "Celsius"),), "",
                       Path("a.go"), 9, True)
    bindings = Bindings([function(), words, variadic, method, named])
    assert [f.name for f in c_functions(bindings)] == ["Add", "Total"]
    source, _ = cpython_module("mypkg._native", bindings, None, PYTHON_311)
    assert "goext_py_Add" in source and "goext_py_Join" not in source
    # A variadic parameter collects the other positional arguments, as `def Total(*v)`.
    assert ('\tif (goext_parse_variadic("Total", goext_names_Total, 0, args, nargs, kwnames, '
            'parsed, &rest) < 0) return NULL;') in source
    assert 'PyImport_ImportModule("setuptools_golang_ext.runtime._attach")' in source
    assert "return goext_attach(module);" in source


def test_constants_alone_need_the_runtime_too() -> None:
    constant = GoConstant("Version", "string", "3", "")
    source, _ = cpython_module("mypkg._native", Bindings([function()], constants=[constant]),
                               None, PYTHON_311)
    assert "return goext_attach(module);" in source


def test_gil_hold_refuses_parameters_go_feeds_from_python() -> None:
    from setuptools_golang_ext.bindings.plan import _option_problems

    for go_type in ("iter.Seq[int]", "<-chan string", "chan<- int"):
        held = GoFunction("Sum", (GoParam("items", go_type),), (), "Sum.", Path("s.go"), 3,
                          True, hold_gil=True)
        assert any("gil=hold with a callback parameter (a sequence or channel parameter"
                   in problem for problem in _option_problems(held)), go_type
