"""Importing the runtime stays cheap: no setuptools, typing, pathlib, re, json... (issue 12;
bench/run.py measures the time). Loading a built library is checked in
tests/integration/test_cpython_mode.py."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext.bindings.cpython_support import ERRORS_MODULE
from setuptools_golang_ext.bindings.plan import marked_json
from setuptools_golang_ext.runtime import _json_text, contract
from setuptools_golang_ext.runtime.contract import API_SUFFIX, BINDINGS_KEY, CPYTHON_MODE, FORMAT

from ..helpers import COSTLY_MODULES, REPO, modules_imported_by, run


def test_importing_the_runtime_imports_no_costly_or_build_side_module() -> None:
    added = modules_imported_by("import setuptools_golang_ext.runtime")
    assert "setuptools_golang_ext.runtime" in added  # the probe did import it
    assert not added & COSTLY_MODULES
    assert "ctypes" not in added  # only loading a ctypes-mode library needs it
    assert "importlib.util" not in added  # (contextlib, functools, collections)
    ours = {name for name in added if name.startswith("setuptools_golang_ext")}
    assert ours - {"setuptools_golang_ext"} == {
        name for name in ours if name.startswith("setuptools_golang_ext.runtime")
    }


def test_public_names_made_on_first_use_are_still_there() -> None:
    code = (
        "import setuptools_golang_ext.runtime as runtime\n"
        "names = {'GoLibrary', 'GoSlice', 'GoString', 'load', 'GoError'}\n"
        "assert names <= set(dir(runtime)) and set(runtime.__all__) <= set(dir(runtime))\n"
        "from setuptools_golang_ext.runtime import GoLibrary, GoSlice, GoString\n"
        "import ctypes\n"
        "assert issubclass(GoLibrary, ctypes.CDLL) and issubclass(GoString, ctypes.Structure)\n"
        "assert runtime.GoSlice is GoSlice\n"
    )
    assert "ctypes" in modules_imported_by(code)
    with pytest.raises(AttributeError, match="no attribute 'GoNothing'"):
        import setuptools_golang_ext.runtime as runtime

        runtime.GoNothing  # noqa: B018


def test_ctypes_tables_of_the_contract_are_made_on_first_use() -> None:
    assert contract.SCALARS["int64"] is ctypes.c_int64
    assert contract.SCALARS["uintptr"] is ctypes.c_size_t
    assert set(contract.SCALARS) == set(contract.SCALAR_CTYPES)
    complex_parts = {"complex64": ctypes.c_float, "complex128": ctypes.c_double}
    assert complex_parts == contract.COMPLEX
    assert contract.INT_RANGES["int8"] == (-128, 127)
    assert contract.INT_RANGES["uint16"] == (0, 65535)
    assert contract.INT_RANGES["int"] == (-sys.maxsize - 1, sys.maxsize)
    assert set(contract.INT_RANGES) == contract.INTEGERS
    with pytest.raises(AttributeError, match="has no attribute 'NOTHING'"):
        contract.NOTHING  # noqa: B018


@pytest.mark.parametrize("text", [
    '{"format": 3, "functions": [{"name": "F", "doc": "caf\\u00e9 \\ud83d\\ude00"}]}\n',
    '  [1, -2.5e3, true, false, null, "x", {}, []]  ',
    '"\\u0000 tab\\t"', "0", "NaN", "-Infinity", '{"a": 1, "a": 2}', "1" * 400,
])
def test_json_text_reads_what_json_reads(text: str) -> None:
    expected, read = json.loads(text), _json_text.loads(text)
    assert repr(read) == repr(expected)  # repr: NaN compares unequal to itself


@pytest.mark.parametrize("text", [
    "", "   ", "{", '{"a": 1} x', '{"a": 1}{}', "[1,]", "{'a': 1}", '"\x01"', "\x0b1",
    "[" * 100_000,
])
def test_json_text_refuses_what_json_refuses_with_its_error(text: str) -> None:
    with pytest.raises((ValueError, RecursionError)) as expected:
        json.loads(text)
    with pytest.raises(type(expected.value)) as raised:
        _json_text.loads(text)
    assert str(raised.value) == str(expected.value)


def test_building_wrappers_of_composite_results_and_callbacks_imports_no_json() -> None:
    """A cpython-mode module with objects builds its ctypes-layer wrappers at
    import: json and array wait for the first call that needs them."""
    code = (
        "import ctypes\n"
        "from setuptools_golang_ext.runtime._layer2 import build_wrapper\n"
        "function = ctypes.CFUNCTYPE(ctypes.c_int)(lambda: 0)\n"
        "for params, results in [([], ['[]string']), ([], ['map[string]int64']),\n"
        "                        ([], ['map[int]float64']), ([['f', 'func(int64) int64']], [])]:\n"
        "    build_wrapper({'name': 'F', 'symbol': 'goext_F', 'params': params,\n"
        "                   'results': results, 'doc': ''}, function, None)\n"
    )
    added = modules_imported_by(code)
    assert "setuptools_golang_ext.runtime._layer2" in added
    assert not added & {"json", "array", "collections"}


# A cpython-mode module whose C covers its whole API imports only what its C names.
CPYTHON_MODE_PATH = {"ctypes", "json", "_json", "pathlib", "setuptools", "importlib.util",
                     "setuptools_golang_ext.runtime._attach",
                     # the module's C checks its description: no checksum here
                     "setuptools_golang_ext.runtime._description", "binascii", "zlib",
                     # no standard library module from its files (annotations quoted)
                     "__future__",
                     # an in-place build's record, and the hints of a failed load
                     "setuptools_golang_ext.runtime._editable",
                     "setuptools_golang_ext.runtime._not_found",
                     "setuptools_golang_ext.runtime._layer2",
                     "setuptools_golang_ext.runtime._library",
                     # contract's tables and the JSON reader: only a description to parse
                     "setuptools_golang_ext.runtime.contract",
                     "setuptools_golang_ext.runtime._json_text"}


def fake_cpython_mode_package(where: Path) -> Path:
    """A package whose ``_bisect`` is a real extension module (the standard library's,
    whose PyInit__bisect its leaf name finds) beside a cpython-mode description
    written as the build writes it: load() takes the whole cpython-mode path."""
    import _bisect

    package = where / "fakepkg"
    package.mkdir()
    library = Path(_bisect.__file__)
    shutil.copy(library, package / library.name)
    description = {BINDINGS_KEY: CPYTHON_MODE, "format": FORMAT, "functions": []}
    (package / f"_bisect{API_SUFFIX}").write_text(marked_json(description))
    (package / "__init__.py").write_text("")
    return where


@pytest.mark.skipif(not hasattr(__import__("_bisect"), "__file__"),
                    reason="_bisect is built into this Python")
def test_the_import_path_of_a_cpython_mode_module_pulls_in_no_costly_module(
        tmp_path: Path) -> None:
    root = fake_cpython_mode_package(tmp_path)
    # What the C module's init imports, then load() of it, then a call.
    code = (f"import {ERRORS_MODULE}\n"
            "from setuptools_golang_ext.runtime import load\n"
            "lib = load('fakepkg._bisect')\n"
            "import fakepkg._bisect\n"
            "assert lib is fakepkg._bisect and lib.bisect_right([1, 2], 1) == 1\n")
    added = modules_imported_by(code, root)
    assert "fakepkg._bisect" in added
    assert not added & (COSTLY_MODULES | CPYTHON_MODE_PATH), sorted(
        added & (COSTLY_MODULES | CPYTHON_MODE_PATH))


def load_output(root: Path, name: str) -> str:
    code = ("from setuptools_golang_ext.runtime import load\n"
            f"try:\n    load({name!r})\n"
            "except ImportError as exc:\n    print(exc)\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, [REPO, root]))}
    return run([sys.executable, "-S", "-c", code], env=env).check().output


def test_an_edited_cpython_mode_description_is_still_refused_by_load(tmp_path: Path) -> None:
    """The mode line as built is taken without a checksum (the module's C checks the
    rest); a description edited there too is parsed and checked."""
    root = fake_cpython_mode_package(tmp_path)
    path = root / "fakepkg" / f"_bisect{API_SUFFIX}"
    path.write_text(path.read_text().replace(f'"{BINDINGS_KEY}": ', f'"{BINDINGS_KEY}":  '))
    out = load_output(root, "fakepkg._bisect")
    assert out.startswith(f"the API description {path} was changed after the build"), out


def test_a_library_its_edited_description_calls_a_c_module_gets_the_descriptions_error(
        tmp_path: Path) -> None:
    """A library without PyInit_<leaf> (as a ctypes-mode one) whose description says
    cpython mode on the line load() takes unchecked: the checksum names the edit."""
    root = fake_cpython_mode_package(tmp_path)
    package = root / "fakepkg"
    (library,) = package.glob("_bisect.*")
    library.rename(package / library.name.replace("_bisect", "_native"))
    description = package / f"_native{API_SUFFIX}"
    (package / f"_bisect{API_SUFFIX}").rename(description)
    out = load_output(root, "fakepkg._native")  # as built: the import's own error
    assert "PyInit__native" in out, out
    description.write_text(description.read_text().replace("[]", "[ ]"))
    out = load_output(root, "fakepkg._native")
    assert out.startswith(f"the API description {description} was changed after the "
                          f"build"), out


def test_a_cpython_mode_import_checks_its_description_without_json(tmp_path: Path) -> None:
    from setuptools_golang_ext.runtime._description import check_description_file

    path = tmp_path / f"_native{API_SUFFIX}"
    ours = "2db603d193742080"
    path.write_text(marked_json({BINDINGS_KEY: CPYTHON_MODE, "format": FORMAT,
                                 contract.LIBRARY_ID_KEY: ours, "functions": []}))
    check_description_file(str(path), ours, "lib.so")  # as built: no error
    with pytest.raises(ImportError, match=r"\(bindings id 2db603d193742080\) does not belong "
                                          r"to the library lib.so beside it, which has id "
                                          r"0123456789abcdef: the two come from different"):
        check_description_file(str(path), "0123456789abcdef", "lib.so")
    path.write_text(path.read_text().replace('"functions": []', '"functions": [ ]'))
    with pytest.raises(ImportError, match="was changed after the build"):
        check_description_file(str(path), ours, "lib.so")
    path.write_text(path.read_text()[:40])
    with pytest.raises(ImportError, match="is not valid JSON"):
        check_description_file(str(path), ours, "lib.so")
