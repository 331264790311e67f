"""Error kinds without building Go: the runtime's exception maker, the result
record head of old and new description formats, pickling, the generated Go
helpers and the typed module's exception classes."""

from __future__ import annotations

import ctypes
import pickle

import pytest

from setuptools_golang_ext.bindings.api_module import api_module_source
from setuptools_golang_ext.bindings.go_glue import error_kind_source, error_value_source
from setuptools_golang_ext.runtime import GoError, GoPanic
from setuptools_golang_ext.runtime._error_kinds import (
    HEAD,
    OLD_HEAD,
    ErrorKinds,
    sentinel_class,
)
from setuptools_golang_ext.runtime._layer2 import build_wrapper
from setuptools_golang_ext.runtime.contract import ERROR_HEAD_FORMAT, FORMAT, READABLE_FORMATS


class _Wrapped:
    """Stands in for a generated class: ``_wrap`` keeps the handle."""

    def __init__(self, handle: int) -> None:
        self.handle = handle

    @classmethod
    def _wrap(cls, handle: int) -> _Wrapped:
        return cls(handle)


def _kinds() -> ErrorKinds:
    description = {"format": FORMAT, "module": "pkg._lib",
                   "errors": [{"name": "ErrA", "doc": "A doc."}, {"name": "ErrB", "doc": ""}]}
    return ErrorKinds.of(description, (_Wrapped,))


def test_sentinels_become_go_error_subclasses_in_kind_order() -> None:
    kinds = _kinds()
    first, second = kinds.sentinels
    assert (first.__name__, second.__name__) == ("ErrA", "ErrB")
    assert issubclass(first, GoError) and first.__doc__ == "A doc." and second.__doc__ is None
    assert first.__module__ == "pkg._lib"
    assert type(kinds.exception("m", 2, 0, 0)) is second
    assert type(kinds.exception("m", 0, 0, 0)) is GoError
    assert type(kinds.exception("m", 3, 0, 0)) is GoError  # out of range: plain


def test_an_error_value_is_wrapped_by_its_class_id() -> None:
    made = _kinds().exception("bad line", 1, 1, 42)
    assert isinstance(made.go_error, _Wrapped) and made.go_error.handle == 42
    assert _kinds().exception("bad", 0, 0, 0).go_error is None
    assert GoError("plain").go_error is None


def test_formats_before_the_error_head_keep_the_old_head() -> None:
    assert FORMAT >= ERROR_HEAD_FORMAT and FORMAT in READABLE_FORMATS
    old = ErrorKinds.of({"format": 3, "module": "pkg._lib"}, ())
    assert old.head == OLD_HEAD and old.sentinels == ()
    assert [name for name, _ in OLD_HEAD] == ["err", "errN", "stack", "stackN"]
    assert _kinds().head == HEAD and len(HEAD) == 7


@pytest.mark.parametrize("kinds", [ErrorKinds(head=OLD_HEAD), ErrorKinds()])
def test_wrapper_records_start_with_the_head_of_their_format(kinds: ErrorKinds) -> None:
    function = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)(lambda _: 0)
    entry = {"name": "F", "symbol": "goext_F", "params": [], "results": ["int64"],
             "doc": "", "error": True}
    wrapper = build_wrapper(entry, function, None, errors=kinds)
    record = wrapper.__globals__["_Record"]
    fields = [name for name, _ in record._fields_]
    assert fields == [name for name, _ in kinds.head] + ["r0"]


def test_pickling_keeps_the_class_and_drops_the_go_value() -> None:
    plain = GoError("boom")
    plain.go_error = _Wrapped(1)  # a live Go value cannot be pickled
    copy = pickle.loads(pickle.dumps(plain))
    assert type(copy) is GoError and str(copy) == "boom" and copy.go_error is None
    cls = sentinel_class("ErrA", "", "pkg._lib")
    function, args = cls("x").__reduce__()
    assert args == ("pkg._lib", "ErrA", ("x",))  # unpickled from load("pkg._lib")
    assert function.__module__ == "setuptools_golang_ext.runtime._errors"


def test_error_kind_checks_sentinels_in_declaration_order() -> None:
    text = error_kind_source(["ErrA", "ErrB"], "goextuser.")
    assert text.index("errors.Is(err, goextuser.ErrA)") < text.index("goextuser.ErrB")
    assert "\t\treturn 1\n" in text and "\t\treturn 2\n" in text
    assert error_kind_source([], "") == "func goextErrorKind(err error) int32 {\n\treturn 0\n}\n"


def test_error_value_walks_the_chain_for_class_values() -> None:
    text = error_value_source(["Shelf", "Position"], "")
    assert "\tcase *Position:\n\t\treturn goextHandle(v), 2" in text
    assert "\tcase Position:\n\t\treturn goextHandle(&v), 2" in text
    assert "switch v := any(err).(type)" in text  # T need not implement error
    assert "Unwrap() []error" in text and "Unwrap() error" in text
    assert "return 0, 0 }" in error_value_source([], "")


def test_the_typed_module_declares_exception_classes() -> None:
    description = {"functions": [], "errors": [{"name": "ErrNotFound", "doc": "Missing."},
                                               {"name": "ErrX", "doc": ""}]}
    text = api_module_source("pkg._lib", description)
    assert "from setuptools_golang_ext.runtime import GoError as _GoError" in text
    assert '    class ErrNotFound(_GoError):\n        """Missing."""\n' in text
    assert "    class ErrX(_GoError):\n        ...\n" in text
    assert '__all__ = ["ErrNotFound", "ErrX"]' in text
    assert "_GoError" not in api_module_source("pkg._lib", {"functions": []})


def test_a_panic_pickles_with_its_value_and_go_stack() -> None:
    panic = pickle.loads(pickle.dumps(GoPanic("boom", "goroutine 1 [running]:")))
    assert (type(panic), panic.value, panic.go_stack) == (GoPanic, "boom",
                                                          "goroutine 1 [running]:")
    assert str(panic) == "boom\n\nGo stack:\ngoroutine 1 [running]:"


def test_a_python_exception_from_go_is_the_object_itself_and_its_reference_is_taken() -> None:
    import sys

    from setuptools_golang_ext.runtime.contract import PYTHON_EXCEPTION_CLASS

    original = KeyError("gone")
    base = sys.getrefcount(original)
    for note in ("", "Go error: lookup: KeyError: 'gone'"):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(original))  # what Go hands over
        record = ctypes.Structure.__new__(type("R", (ctypes.Structure,), {"_fields_": HEAD}))
        record.errClass, record.errValue = PYTHON_EXCEPTION_CLASS, id(original)
        raised = ErrorKinds().from_record(note, record)
        assert raised is original
        del raised
    assert sys.getrefcount(original) == base  # every handed-over reference released
    assert original.__notes__ == ["Go error: lookup: KeyError: 'gone'"]  # only when wrapped
