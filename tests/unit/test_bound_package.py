"""Binding a package by import path, without Go: the golden fixture's API model
with every exported declaration marked, include, strict, and declarations that
cannot be bound (issue 18)."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import pytest

from setuptools_golang_ext.bindings.bound_package import bind_package
from setuptools_golang_ext.bindings.go_glue import exports_source, wrapper_source
from setuptools_golang_ext.bindings.plan import scan_bindings
from setuptools_golang_ext.errors import GoPackageError
from setuptools_golang_ext.goapi.exports import GoFunction, GoParam
from setuptools_golang_ext.goapi.model import GoApi, Param, TypeRef

READER_OUTPUT = Path(__file__).resolve().parent / "golden" / "reader_output.json"
CHANNEL = TypeRef(kind="chan", go="chan<- complex128")  # its items cannot cross


def _api() -> GoApi:
    return GoApi.from_json(json.loads(READER_OUTPUT.read_text(encoding="utf-8")))


def test_every_exported_declaration_binds_without_a_marker() -> None:
    marked_only = set(scan_bindings("pkg._x", _api()).bound_names)
    everything = set(bind_package("pkg._x", _api(), [], strict=False).bound_names)
    assert everything - marked_only == {"Plain", "Part.Area", "ParseError.Error", "Ratio64",
                                         "Shape_value", "Shape_value.Area",  # a proxy
                                         # scanner.Position, returned by Where: a class
                                         "Position", "Position.IsValid", "Position.String",
                                         # time.Duration, taken by Named and When
                                         "Duration",
                                         # io.Reader, taken by Ifaces: an interface, a proxy
                                         "Reader", "Reader_value", "Reader_value.Read"}


def test_include_restricts_to_the_names_and_a_type_brings_its_methods() -> None:
    bindings = bind_package("pkg._x", _api(), ["Plain", "Part", "MaxItems"], strict=False)
    assert sorted(bindings.bound_names) == ["MaxItems", "Part", "Part.Area", "Plain"]


def test_include_of_a_missing_name_suggests_the_close_one() -> None:
    with pytest.raises(GoPackageError, match=r"include names 'Plian', which package "
                       r"\S+ does not declare as an exported name; did you mean 'Plain'\?"):
        bind_package("pkg._x", _api(), ["Plian"], strict=False)


def _with_channel_function(api: GoApi) -> GoApi:
    plain = api.function("Plain")
    feed = replace(plain, name="Feed", params=(Param("c", CHANNEL),), results=(),
                   directives=())
    return replace(api, functions=(*api.functions, feed))


def test_an_unbindable_declaration_is_one_warning_and_the_rest_binds(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        bindings = bind_package("pkg._x", _with_channel_function(_api()), [], strict=False)
    assert "Feed" not in bindings.bound_names and "Plain" in bindings.bound_names
    lines = [r.getMessage() for r in caplog.records if "left out" in r.getMessage()]
    assert len(lines) == 1
    assert lines[0].startswith("GoExtension 'pkg._x': left out ")
    assert ": func Feed: parameter c has type chan<- complex128: " in lines[0]


def test_strict_makes_the_left_out_declarations_one_error() -> None:
    with pytest.raises(GoPackageError) as caught:
        bind_package("pkg._x", _with_channel_function(_api()), [], strict=True)
    message = str(caught.value)
    assert message.startswith("GoExtension 'pkg._x': 1 declaration(s) cannot be bound:\n  ")
    assert ": func Feed: parameter c has type chan<- complex128" in message


def test_a_named_slice_type_becomes_an_opaque_class() -> None:
    api = _api()
    ratio = api.type("Ratio64")
    vector = replace(ratio, name="Vector", directives=(), methods=(),
                     underlying=TypeRef(kind="slice", go="[]float64"))
    bindings = bind_package("pkg._x", replace(api, types=(*api.types, vector)), [], False)
    (opaque,) = [c for c in bindings.classes if c.name == "Vector"]
    assert opaque.fields == () and opaque.methods == ()


FLOATS = TypeRef(kind="slice", go="[]float64",
                 elem=TypeRef(kind="basic", go="float64", name="float64"))


def _with_vector(api: GoApi, *, filled_by_pointer: bool, returned: bool = False) -> GoApi:
    """``type Vector []float64``, and maybe ``func FillVector(v *Vector)`` (gopy's sliceptr),
    or a function returning a ``*Vector``."""
    vector = replace(api.type("Ratio64"), name="Vector", directives=(), methods=(),
                     underlying=FLOATS)
    if not filled_by_pointer:
        return replace(api, types=(*api.types, vector))
    named = TypeRef(kind="named", go="Vector", name="Vector",
                    package=api.package.import_path, underlying=FLOATS)
    pointer = Param("v", TypeRef(kind="pointer", go="*Vector", elem=named))
    fill = replace(api.function("Plain"), name="FillVector", results=(), directives=(),
                   params=(pointer,))
    if returned:
        fill = replace(fill, params=(), results=(pointer,))
    return replace(api, types=(*api.types, vector), functions=(*api.functions, fill))


def test_a_named_slice_over_basic_types_is_a_value_class_unless_go_returns_a_pointer() -> None:
    by_value = bind_package("pkg._x", _with_vector(_api(), filled_by_pointer=False), [], False)
    assert "Vector" in [t.name for t in by_value.named_types]  # class Vector(array.array)
    assert "Vector" not in by_value.class_names
    # func FillVector(v *Vector): Go's copy is written back into the Python object.
    filled = bind_package("pkg._x", _with_vector(_api(), filled_by_pointer=True), [], False)
    assert "Vector" not in filled.class_names and "FillVector" in filled.bound_names
    fill = next(f for f in filled.python_functions if f.name == "FillVector")
    assert (fill.mutates, fill.written, fill.params[0].type) == (True, 0, "[]float64")
    returned = bind_package("pkg._x", _with_vector(_api(), filled_by_pointer=True,
                                                   returned=True), [], False)
    assert "Vector" in returned.class_names and "FillVector" in returned.bound_names  # opaque


def test_binding_the_errors_package_keeps_the_glues_own_errors_import() -> None:
    """package = "errors": its sentinel ErrUnsupported needs the glue's errors.Is;
    the bound package's own import must not take that name (Go: undefined: errors)."""
    source = exports_source([], "errors", sentinels=["ErrUnsupported"])
    assert '\t"errors"\n\tgoextuser "errors"\n' in source
    assert "errors.Is(err, goextuser.ErrUnsupported)" in source


def _wrapper(source: str, symbol: str) -> str:
    return source[source.index(f"func {symbol}("):].split("\n}\n")[0]


def test_a_bound_packages_slice_arguments_are_go_copies_written_back_after_the_call() -> None:
    """Go code the user does not own may keep a []byte or []T (bytes.NewReader): it
    gets a copy in Go memory, and a writable buffer gets Go's in-call writes back."""
    functions = bind_package("pkg._x", _api(), [], strict=False).python_functions
    bound = _wrapper(exports_source(functions, "example.com/pkg", keeps_slices=True),
                     "goext_Sum")
    assert "\tgoextKept0, goextPython0 := goextKeptView[float64](a0, a0n)\n" in bound
    assert "\tgoextKept2, goextPython2 := goextKeptView[byte](a2, a2n)\n" in bound
    assert "r0 := goextuser.Sum(goextKept0, goextKept1, goextKept2)\n" \
           "\tcopy(goextPython0, goextKept0)\n" in bound
    own = _wrapper(exports_source(functions, "example.com/pkg"), "goext_Sum")
    assert "goextKept" not in own and "goextView[byte](a2, a2n)" in own  # in place


@pytest.mark.parametrize("owner", ["", "Reader"])
def test_a_bound_packages_slice_after_a_context_is_a_go_copy_too(owner: str) -> None:
    """The context comes first in the call (after a receiver) but has no C value:
    the slice a0 (a1 after the receiver) is still found and copied."""
    params = (GoParam("ctx", "context.Context"), GoParam("data", "[]byte"))
    function = GoFunction("Read", params, (GoParam("", "int"),), "", Path("x.go"), 1, True,
                          owner=owner, role="method" if owner else "function")
    glue = wrapper_source(function, "goextuser.", keeps_slices=True)
    data = 1 if owner else 0
    assert f"\tgoextKept{data}, goextPython{data} := goextKeptView[byte](a{data}, " \
           f"a{data}n)\n" in glue
    assert f"Read(goextCtx, goextKept{data})\n" in glue and "goextView" not in glue
