"""Issue 11, "Objects", without building Go: type tags, annotations, the JSON
conversions of the runtime, constants from the model and the generated glue."""

from __future__ import annotations

from pathlib import Path

import pytest

from setuptools_golang_ext.bindings.api_module import api_module_source, python_type
from setuptools_golang_ext.bindings.go_glue import class_of_source, wrapper_source
from setuptools_golang_ext.goapi.exports import (
    GET,
    METHOD,
    SET,
    GoFunction,
    GoParam,
    _constant,
    type_tag,
)
from setuptools_golang_ext.goapi.model import TypeRef, Value
from setuptools_golang_ext.runtime._api import _classes, read_api
from setuptools_golang_ext.runtime._layer2 import (
    _callback_result,
    _json_arg,
    _map_result,
    _object_arg,
)
from setuptools_golang_ext.runtime.contract import (
    READABLE_FORMATS,
    callback_types,
    is_json,
    is_supported,
    map_types,
    object_class,
    object_slice,
    value_class,
)

PKG = "example.com/shelf"
FLOAT64 = TypeRef("basic", "float64", name="float64")


@pytest.mark.parametrize(("go_type", "expected"), [
    ("map[string]int", ("string", "int")),
    ("map[uint8]float64", ("uint8", "float64")),
    ("map[int64]string", ("int64", "string")),
    ("map[float64]int", None),  # float keys are refused
    ("map[string][]int", ("string", "[]int")),  # any JSON value
    ("map[string][]byte", None),  # encoding/json would send base64
    ("map[string]chan int", None),
    ("[]string", None),
])
def test_map_types(go_type: str, expected: tuple[str, str] | None) -> None:
    assert map_types(go_type) == expected


def test_supported_types_know_the_classes() -> None:
    assert is_supported("*Shelf", result=True, classes=frozenset({"Shelf"}))
    assert not is_supported("*Shelf", result=True)  # not a marked struct
    assert is_supported("[]string", result=False)
    assert not is_supported("chan<- complex128", result=False)
    assert object_class("*Shelf") == "Shelf" and object_class("*[]int") is None


def test_type_tags_of_named_pointer_and_map_types() -> None:
    celsius = TypeRef("named", "Celsius", name="Celsius", package=PKG, underlying=FLOAT64)
    duration = TypeRef("named", "time.Duration", name="Duration", package="time",
                       underlying=TypeRef("basic", "int64", name="int64"))
    shelf = TypeRef("named", "Shelf", name="Shelf", package=PKG)
    pointer = TypeRef("pointer", "*Shelf", elem=shelf)
    byte_map = TypeRef("map", "map[string]byte", key=TypeRef("basic", "string", name="string"),
                       elem=TypeRef("basic", "byte", name="byte"))
    assert type_tag(celsius, PKG) == "float64"
    assert type_tag(duration, PKG) == "int64"  # another package's too: its underlying type
    assert type_tag(pointer, PKG, frozenset({"Shelf"})) == "*Shelf"
    assert type_tag(pointer, PKG) == "*Shelf"  # spelled the same, refused by is_supported
    assert type_tag(byte_map, PKG) == "map[string]uint8"


def _value(kind: str, value: str, ref: TypeRef, string: str | None = None) -> Value:
    return Value(name="C", doc=" doc ", pos=None, directives=("python:export",),
                 exported=True, type=ref, value=value, string_value=string, value_kind=kind)


def test_constants_take_their_value_and_type_from_the_model() -> None:
    untyped_float = TypeRef("basic", "untyped float", untyped=True)
    third = _constant(_value("float", "1/3", untyped_float))
    assert third is not None and (third.value, third.type) == (1 / 3, "float64")
    celsius = TypeRef("named", "Celsius", name="Celsius", package=PKG, underlying=FLOAT64)
    zero = _constant(_value("float", "0", celsius))
    assert zero is not None and zero.value == 0.0 and isinstance(zero.value, float)
    uint8 = TypeRef("basic", "uint8", name="uint8")
    big = _constant(_value("int", "255", uint8))
    assert big is not None and (big.value, big.type, big.doc) == (255, "uint8", "doc")
    text = _constant(_value("string", '"a\\"b"', TypeRef("basic", "string"), 'a"b'))
    assert text is not None and text.value == 'a"b'


def test_json_arguments_are_checked_in_python() -> None:
    assert _json_arg(["a", "é"], "[]string", "F() argument 'x'") == '["a", "é"]'.encode()
    assert _json_arg({1: "a"}, "map[int]string", "w") == b'{"1": "a"}'
    with pytest.raises(TypeError, match=r"w must be a list \(\[\]string\), not str"):
        _json_arg("ab", "[]string", "w")
    with pytest.raises(TypeError, match="w must be a dict"):
        _json_arg([1], "map[string]int", "w")
    with pytest.raises(TypeError, match="w: Out of range float values"):
        _json_arg({"x": float("nan")}, "map[string]float64", "w")


@pytest.mark.parametrize(("go_type", "json_ok"), [
    ("[][]int64", True), ("[3]float64", True), ("*int64", True), ("*string", True),
    ("[]bool", True), ("map[int64][]string", True), ("[]map[string]*bool", True),
    ("[]byte", False), ("[]float64", False),  # buffers, not JSON
    ("[][]byte", False), ("*[]int", False), ("[x]int", False), ("[]chan int", False),
])
def test_composites_of_basic_types_cross_as_json(go_type: str, json_ok: bool) -> None:
    assert is_json(go_type) is json_ok
    assert object_class(go_type) is None


def test_composite_results_and_annotations() -> None:
    assert _map_result(b'{"2": [1, 2.5]}', "map[int16][]float32") == {2: [1.0, 2.5]}
    assert _map_result(b"null", "*int64") is None
    assert _map_result(b"[[1], []]", "[][]int") == [[1], []]
    assert python_type("*int64", result=False) == "int | None"
    assert python_type("complex64", result=True) == "complex"
    assert is_supported("complex128", result=False) and not is_json("[]complex128")
    assert python_type("[2]bool", result=True) == "list[bool]"
    assert python_type("map[string][]string", result=False) == "dict[str, list[str]]"
    assert python_type("[][]float64", result=False) == \
        "list[list[float]] | tuple[list[float], ...]"


def test_map_results_get_python_key_and_value_types() -> None:
    assert _map_result(b'{"1": 2, "-3": 4.5}', "map[int64]float64") == {1: 2.0, -3: 4.5}
    assert _map_result(b'{"a": true}', "map[string]bool") == {"a": True}
    assert _map_result(b'["x"]', "[]string") == ["x"]


def test_object_arguments_refuse_other_types() -> None:
    class Shelf:
        _handle = 7

    assert _object_arg(None, Shelf, "w") == 0
    assert _object_arg(Shelf(), Shelf, "w") == 7
    with pytest.raises(TypeError, match="w must be Shelf or None, not int"):
        _object_arg(3, Shelf, "w")


def _method(name: str, role: str, params: tuple[GoParam, ...], results: tuple[GoParam, ...]
            ) -> GoFunction:
    return GoFunction(name, params, results, "", Path("x.go"), 1, True, owner="Shelf",
                      role=role)


def test_glue_calls_methods_and_accessors_through_the_handle() -> None:
    this = GoParam("self", "*Shelf")
    method = _method("Warm", METHOD, (GoParam("c", "float64", convert="Celsius"),),
                     (GoParam("", "float64", convert="Celsius"),))
    source = wrapper_source(method, "goextuser.")
    assert "//export goext_Shelf__Warm" in source
    assert ("r0 := goextObject[goextuser.Shelf](a0).Warm(goextuser.Celsius(a1))"
            in source)
    assert "out.r0 = float64(r0)" in source
    setter = wrapper_source(_method("Label", SET, (this, GoParam("value", "string")), ()), "")
    assert "goextObject[Shelf](a0).Label = goextGoString(a1, a1n)" in setter
    getter = wrapper_source(_method("Tags", GET, (this,), (GoParam("", "[]string"),)), "")
    assert 'out.r0, out.r0n = goextStrings(r0)' in getter  # packed, not JSON


def test_typed_module_declares_constants_and_classes() -> None:
    entry = {"name": "Count", "layer": 2, "params": [["self", "*Shelf"]],
             "results": ["int"], "doc": "", "symbol": "goext_Shelf__Count"}
    description = {
        "functions": [],
        "constants": [{"name": "Version", "type": "string", "value": "3", "doc": ""}],
        "classes": {"Shelf": {"doc": "A shelf.", "fields": [
            {"name": "Label", "type": "string"}], "methods": [entry], "closer": True}},
    }
    source = api_module_source("pkg._shelf", description)
    assert '    Version: Final[str] = \'3\'' in source
    assert "        def __init__(self, Label: str | bytes = ...) -> None:" in source
    assert "        def Count(self) -> int:" in source
    assert "        def __enter__(self) -> Shelf: ..." in source
    assert python_type("*Shelf", result=True) == "Shelf | None"
    assert python_type("map[int64]float32", result=True) == "dict[int, float]"
    compile(source, "_shelf_api.py", "exec")


def test_the_runtime_still_reads_older_descriptions(tmp_path: Path) -> None:
    library = tmp_path / "_shelf.so"
    sidecar = tmp_path / "_shelf_api.json"
    sidecar.write_text('{"format": 2, "functions": [], "structs": {}}')
    description = read_api(library, "pkg._shelf")
    assert description is not None and _classes(None, description) == {}  # type: ignore[arg-type]
    sidecar.write_text(f'{{"format": {READABLE_FORMATS[-1] + 1}}}')
    with pytest.raises(ImportError, match="pip install -U setuptools-golang-ext-runtime"):
        read_api(library, "pkg._shelf")


@pytest.mark.parametrize(("go_type", "expected"), [
    ("func(string) string", (["string"], ["string"])),
    ("func(string, int64) error", (["string", "int64"], ["error"])),
    ("func(float64) (bool, error)", (["float64"], ["bool", "error"])),
    ("func()", ([], [])),
    ("func(string) (int64, int64)", None),  # one value at most
    ("func([]int)", None),
    ("func(int) chan int", None),
])
def test_callback_types(go_type: str, expected: object) -> None:
    assert callback_types(go_type) == expected
    assert is_supported(go_type, result=False) is (expected is not None)
    # Returned, a func is a Go func value Python calls.
    assert is_supported(go_type, result=True) is (expected is not None)


def test_callback_glue_and_annotation() -> None:
    function = GoFunction("Each", (GoParam("f", "func(string, int64) error"),), (),
                          "", Path("x.go"), 1, True)
    source = wrapper_source(function, "")
    assert 'goextCb0 := goextPassed(a0, "f", false)' in source
    assert "defer goextCb0.expire()" in source
    assert ("Each(goextFuncOr(a0h, func(p0 string, p1 int64) (err error) {\n"
            "\t\terr = goextCb0.call(nil, p0, p1)\n\t\treturn\n\t}))") in source
    assert python_type("func(string, int64) error", result=False) == \
        "Callable[[str, int], object]"
    assert python_type("func(float32) bool", result=False) == "Callable[[float], bool]"


def test_callback_results_are_checked_like_arguments() -> None:
    assert _callback_result(b"x", "string", "w") == "x"
    assert _callback_result(3, "float64", "w") == 3.0
    with pytest.raises(OverflowError):
        _callback_result(300, "uint8", "w")
    with pytest.raises(TypeError, match="w must be bool"):
        _callback_result(1, "bool", "w")


def test_byte_and_number_slices_are_never_object_slices() -> None:
    # Regression: "[]byte" once became a slice of a class named "byte".
    assert [object_slice(t) for t in ("[]byte", "[]float64", "[]int32")] == [None] * 3
    assert object_slice("[]*Book") == ("Book", True)
    assert [value_class(t) for t in ("byte", "rune", "complex64", "error")] == [None] * 4


def test_class_of_declares_v_only_when_a_case_uses_it() -> None:
    assert "switch value.(type) {" in class_of_source([], "")
    assert "switch v := value.(type) {" in class_of_source(["Book"], "goextuser.")
    assert "case *goextuser.Book:" in class_of_source(["Book"], "goextuser.")
