"""``error`` parameters without building Go: which tags they get, how the runtime
turns Python exceptions into arguments (the library's own Go errors by handle,
everything else by text) and which libraries make the handles at all."""

from __future__ import annotations

import json
from typing import Any

import pytest

from setuptools_golang_ext.bindings.go_glue import error_handle_source
from setuptools_golang_ext.goapi.exports import _view, type_tag
from setuptools_golang_ext.goapi.model import Function, Param, TypeRef
from setuptools_golang_ext.runtime import GoError
from setuptools_golang_ext.runtime._error_args import error_arg, error_list_arg
from setuptools_golang_ext.runtime._error_kinds import ErrorKinds
from setuptools_golang_ext.runtime.contract import ERROR, ERROR_PARAM, FORMAT

ERROR_REF = TypeRef("named", "error", name="error", package="",
                    underlying=TypeRef("interface", "interface{Error() string}",
                                       methods=("Error",)))
STRING_REF = TypeRef("basic", "string", name="string")
WHERE = "F() argument 'err'"


def _function(*params: TypeRef, variadic: bool = False) -> Function:
    return Function("F", "", None, (), None, True, None,
                    tuple(Param(f"p{i}", t) for i, t in enumerate(params)),
                    (Param("", ERROR_REF),), variadic)


def test_error_parameters_are_interface_arguments_and_the_error_result_stays() -> None:
    listed = TypeRef("slice", "[]error", elem=ERROR_REF)
    function = _view(_function(ERROR_REF, listed, STRING_REF), True, "example.com/p")
    assert [p.type for p in function.params] == [ERROR_PARAM, "[]" + ERROR_PARAM, "string"]
    assert [r.type for r in function.results] == [ERROR] == [type_tag(ERROR_REF)]
    variadic = _view(_function(listed, variadic=True), True, "example.com/p")
    assert [p.type for p in variadic.params] == ["[]" + ERROR_PARAM]


class _Value:
    """Stands in for a library's GoValue class: its release tells the libraries apart."""

    def __init__(self, handle: int) -> None:
        import ctypes

        self._handle = ctypes.c_size_t(handle)

    @staticmethod
    def _go_release(handle: int) -> None:
        pass

    @classmethod
    def _wrap(cls, handle: int) -> _Value:
        return cls(handle)


class _OtherValue(_Value):
    @staticmethod
    def _go_release(handle: int) -> None:
        pass


def _carrying(value: Any, message: str = "not found") -> GoError:
    error = GoError(message)
    error._go_value = value
    return error


def _sent(argument: tuple[Any, bytes | None, int]) -> Any:
    handle, data, size = argument
    assert size == len(data or b"")
    return json.loads(data) if data else getattr(handle, "value", handle)


def test_a_go_error_of_this_library_crosses_by_handle_others_by_text() -> None:
    release = _Value._go_release
    assert _sent(error_arg(_carrying(_Value(7)), WHERE, release)) == 7
    # Another library's handle 7 names another value (or none) here: its text goes.
    assert _sent(error_arg(_carrying(_OtherValue(7)), WHERE, release)) == ["e", "not found"]
    assert _sent(error_arg(_carrying(_Value(7)), WHERE, None)) == ["e", "not found"]
    assert _sent(error_arg(GoError("made here"), WHERE, release)) == ["e", "made here"]
    assert _sent(error_arg(ValueError("bad"), WHERE, release)) == ["e", "ValueError: bad"]
    assert _sent(error_arg(KeyboardInterrupt(), WHERE, release)) == ["e", "KeyboardInterrupt"]
    assert error_arg(None, WHERE, release) == (0, None, 0)


def test_lists_of_errors_name_the_bad_item() -> None:
    release = _Value._go_release
    sent = error_list_arg((None, _carrying(_Value(3)), OSError("disk")), WHERE, release)
    assert _sent(sent) == ["l", [None, ["h", 3], ["e", "OSError: disk"]]]
    assert error_list_arg(None, WHERE, release) == (0, None, 0)
    with pytest.raises(TypeError, match=r"^F\(\) argument 'err'\[1\] must be an exception "
                                        r"\(a GoError gives Go back its error, any other "
                                        r"its text\) or None, not float$"):
        error_list_arg([None, 1.5], WHERE, release)
    with pytest.raises(TypeError, match=r"argument 'err' must be a list or tuple, not set$"):
        error_list_arg({ValueError()}, WHERE, release)


def test_the_exception_holds_the_go_error_when_the_library_has_a_value_class() -> None:
    description = {"format": FORMAT, "module": "pkg._lib", "errors": []}
    error = ErrorKinds.of(description, (), _Value).exception("boom", 0, 0, 0, 9)
    assert type(error) is GoError and error._go_value._handle.value == 9
    assert ErrorKinds.of(description, ()).exception("boom", 0, 0, 0, 0)._go_value is None


def test_only_a_library_taking_errors_keeps_a_handle_per_error() -> None:
    plain = _view(_function(STRING_REF), True, "example.com/p")
    taking = _view(_function(ERROR_REF), True, "example.com/p")
    assert "return 0" in error_handle_source([plain])
    assert "cgo.NewHandle(err)" in error_handle_source([plain, taking])


def test_slices_of_interfaces_are_results_too_and_bytes_lists_are_a_kind() -> None:
    from setuptools_golang_ext.bindings.type_table import type_kind
    from setuptools_golang_ext.runtime.contract import is_supported

    assert is_supported("[]interface:", result=True)
    assert is_supported("[]interface:Shape", result=True)
    listed = TypeRef("slice", "[]error", elem=ERROR_REF)
    result = _view(Function("F", "", None, (), None, True, None, (), (Param("", listed),),
                            False), True, "example.com/p").results[0]
    assert result.type == "[]" + ERROR_PARAM and is_supported(result.type, result=True)
    kind = type_kind("[][]byte")
    assert kind is not None and kind.c is None  # the ctypes layer, in both modes
    assert kind.annotate("[][]byte", result=True) == "list[bytes]"


def test_slices_of_another_packages_interface_name_it_for_the_glue() -> None:
    entry = TypeRef("named", "fs.DirEntry", name="DirEntry", package="io/fs",
                    underlying=TypeRef("interface", "interface{Name() string}",
                                       methods=("Name",)))
    entries = TypeRef("slice", "[]fs.DirEntry", elem=entry)
    function = _view(Function("F", "", None, (), None, True, None, (Param("es", entries),),
                              (Param("", entries),), False), True, "example.com/p")
    param, result = function.params[0], function.results[0]
    assert (param.type, param.convert, param.convert_import) == ("[]interface:", "DirEntry",
                                                                  "io/fs")
    assert result.type == "[]interface:"
    callback = TypeRef("func", "func([]fs.DirEntry)", params=(Param("", entries),))
    assert type_tag(callback, "example.com/p") == "func([]fs.DirEntry)"  # not yet: says so


def test_an_error_field_is_read_and_set_as_an_error_parameter_is() -> None:
    from pathlib import Path

    from setuptools_golang_ext.goapi.exports import python_classes
    from setuptools_golang_ext.goapi.model import GoApi

    reader_output = Path(__file__).parent / "golden" / "reader_output.json"
    api = GoApi.from_json(json.loads(reader_output.read_text(encoding="utf-8")))
    outcome = next(c for c in python_classes(api, []) if c.name == "Outcome")
    assert [(f.name, f.type) for f in outcome.fields] == [("Err", ERROR_PARAM)]
    getter = next(a for a in outcome.accessors if a.role == "get")
    assert [r.type for r in getter.results] == [ERROR_PARAM]
