"""The C-API flag computation, the source scan and the import-library inputs (no Go build)."""

from __future__ import annotations

from pathlib import Path

import pytest

from setuptools_golang_ext.errors import GoPackageError
from setuptools_golang_ext.extension import GoExtension
from setuptools_golang_ext.go.environment import go_environment
from setuptools_golang_ext.platforms.python_capi import (
    CapiUse,
    CgoFlags,
    PythonInstall,
    capi_flags,
    capi_use,
    check_module_init,
    python_capi_flags,
    require_headers,
    windows_dll,
    windows_include_dir,
)
from setuptools_golang_ext.platforms.python_import_lib import (
    Export,
    def_file_text,
    exports_from_preprocessed,
    read_export_list,
    stable_abi_exports,
    write_export_list,
)
from setuptools_golang_ext.platforms.target import Target

INC = Path("/py/include/python3.12")
GO_PREAMBLE = '// #define Py_LIMITED_API 0x03090000\n// #include <Python.h>\nimport "C"\n'


@pytest.mark.parametrize(("goos", "ldflags"), [
    ("linux", ()),  # undefined symbols are fine in a shared object; no libpython
    ("darwin", ("-undefined", "dynamic_lookup")),
])
def test_unix_flags(goos: str, ldflags: tuple[str, ...]) -> None:
    assert capi_flags(goos, INC) == CgoFlags(("-I/py/include/python3.12",), ldflags)


@pytest.mark.parametrize(("limited", "dll", "lib"), [
    (True, "python3.dll", "-lpython3"), (False, "python312.dll", "-lpython312")])
def test_windows_flags(limited: bool, dll: str, lib: str) -> None:
    assert windows_dll((3, 12), limited) == dll
    flags = capi_flags("windows", INC, library_dir=Path("/l"), dll=dll)
    assert flags == CgoFlags(("-I/py/include/python3.12",), ("-L/l", lib))


def test_scan_finds_python_h_limited_api_and_module_init() -> None:
    texts = {Path("a.go"): GO_PREAMBLE + "//export PyInit_sum\nfunc PyInit_sum() {}\n",
             Path("m.c"): "#include \"Python.h\"\nPyMODINIT_FUNC PyInit_other(void) {}\n",
             Path("b.go"): "package main\n"}
    use = capi_use(texts, [])
    assert use == CapiUse((Path("a.go"), Path("m.c")), True, ("other", "sum"))


def test_scan_plain_package_and_flag_limited_api() -> None:
    assert capi_use({Path("a.go"): 'import "C"\n// #include <stdio.h>\n'}, []) is None
    use = capi_use({Path("m.c"): "#include <Python.h>\n"}, ["-DPy_LIMITED_API=0x03090000"])
    assert use is not None and use.limited and not use.module_inits
    full = capi_use({Path("m.c"): "#include <Python.h>\n"}, [])
    assert full is not None and not full.limited


def test_module_init_must_match_the_extension_leaf() -> None:
    check_module_init("mypkg.sum", CapiUse((Path("m.c"),), True, ("sum",)))
    check_module_init("mypkg.sum", None)
    with pytest.raises(GoPackageError, match=r"defines PyInit_foo, but Python imports "
                       r"'mypkg.sum' by calling PyInit_sum"):
        check_module_init("mypkg.sum", CapiUse((Path("m.c"),), True, ("foo",)))


def test_missing_headers_name_the_package(tmp_path: Path) -> None:
    python = PythonInstall(tmp_path / "include" / "python3.11", (3, 11), "/usr/bin/python3")
    use = CapiUse((Path("mod.c"),), False)
    with pytest.raises(GoPackageError) as caught:
        require_headers("mypkg.sum", use, python)
    message = str(caught.value)
    assert "mod.c includes <Python.h>" in message and "apt-get install python3.11-dev" in message
    assert "dnf install python3.11-devel" in message
    # A package that does not include Python.h builds without headers.
    linux = Target("linux", ("amd64",), "linux_x86_64", cross=False)
    assert python_capi_flags("mypkg.x", None, linux, {}, tmp_path, python) == CgoFlags()


def test_windows_headers_get_their_own_pyconfig(tmp_path: Path) -> None:
    include = tmp_path / "python3.12"
    include.mkdir()
    (include / "Python.h").write_text('#include "pyconfig.h"\n')
    (include / "pyconfig.h").write_text("#define linux_config 1\n")
    copy = windows_include_dir(include, "amd64", tmp_path / "scratch")
    assert "#define MS_WIN64" in (copy / "pyconfig.h").read_text()
    assert (include / "pyconfig.h").read_text() == "#define linux_config 1\n"  # untouched
    with pytest.raises(GoPackageError, match="64-bit Windows"):
        windows_include_dir(include, "386", tmp_path / "scratch")


def test_cgo_flags_are_appended_to_go_defaults() -> None:
    ext = GoExtension("mypkg.sum", "mypkg/sum", cgo_cflags=["-DX=1"])
    capi = CgoFlags(("-I/dir with space",), ("-undefined", "dynamic_lookup"))
    env = go_environment(ext, {"PATH": "/bin"}, capi=capi)
    assert env["CGO_CFLAGS"] == "-O2 -g -DX=1 '-I/dir with space'"
    assert env["CGO_LDFLAGS"] == "-O2 -g -undefined dynamic_lookup"
    env = go_environment(ext, {"PATH": "/bin", "CGO_CFLAGS": "-O1"}, capi=capi)
    assert env["CGO_CFLAGS"] == "-O1 -DX=1 '-I/dir with space'"
    assert "CGO_LDFLAGS" not in go_environment(GoExtension("a.b", "a"), {"PATH": "/bin"})


PREPROCESSED = '''# 1 "/inc/object.h" 1
__attribute__((dllimport)) PyObject * PyLong_FromLong(long);
extern __attribute__((dllimport)) PyTypeObject PyLong_Type;
__attribute__((dllimport)) int PyArg_ParseTuple(PyObject *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
extern __attribute__((dllimport)) int (*PyOS_InputHook)(void);
extern __attribute__((dllimport)) const char * const Py_Names[];
# 5 "/usr/share/mingw-w64/include/stdio.h" 1
__attribute__((dllimport)) int printf(const char *, ...);
'''


def test_exports_from_preprocessed_headers() -> None:
    assert exports_from_preprocessed(PREPROCESSED, "/inc") == [
        Export("PyArg_ParseTuple", False), Export("PyLong_FromLong", False),
        Export("PyLong_Type", True), Export("PyOS_InputHook", True), Export("Py_Names", True)]


def test_shipped_stable_abi_list() -> None:
    exports = {e.name: e.data for e in stable_abi_exports()}
    assert len(exports) > 800
    assert exports["PyArg_ParseTuple"] is False and exports["PyLong_Type"] is True
    # Names older headers produce through macros, and Windows-only functions.
    assert {"_PyArg_ParseTuple_SizeT", "_Py_Dealloc", "PyErr_SetFromWindowsErr"} <= set(exports)
    text = write_export_list([Export("A", False), Export("B", True)])
    assert read_export_list("# comment\n" + text) == [Export("A", False), Export("B", True)]
    assert def_file_text("python3.dll", [Export("A", False), Export("B", True)]) == (
        "LIBRARY python3.dll\nEXPORTS\n    A\n    B DATA\n")
