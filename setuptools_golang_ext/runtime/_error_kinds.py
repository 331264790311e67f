"""Go errors as Python exceptions of the kind Python code catches.

A sentinel error variable marked ``//python:export`` becomes a subclass of
``GoError``; the glue reports which one ``errors.Is`` matched (its 1-based
index, the "kind") in the result record's head, with the handle and class id
of the error's value when that is an object of an exported class.
"""

from __future__ import annotations

import ctypes
import sys

from ._errors import GoError
from .contract import ERROR_HEAD_FORMAT, PYTHON_EXCEPTION_CLASS

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any

# The head of every result record (goextHead in the Go glue, goext_head in C).
HEAD = [
    ("err", ctypes.c_void_p),
    ("errN", ctypes.c_size_t),
    ("stack", ctypes.c_void_p),
    ("stackN", ctypes.c_size_t),
    ("errValue", ctypes.c_size_t),  # a handle: the error's value of an exported class
    ("errKind", ctypes.c_int32),  # 1 + the index of the sentinel matched; 0 for none
    ("errClass", ctypes.c_int32),  # the class id of errValue
]
# Libraries of description formats before ERROR_HEAD_FORMAT.
OLD_HEAD = HEAD[:4]


def sentinel_class(name: str, doc: str, module: str) -> type[GoError]:
    """The exception class of one sentinel error variable."""
    return type(name, (GoError,), {"__doc__": doc or None, "__module__": module,
                                   "__qualname__": name, "_go_module": module})


class ErrorKinds:
    """How the failures of one library's calls become exceptions."""

    __slots__ = ("by_id", "head", "opaque", "sentinels")

    def __init__(self, sentinels: tuple[type[GoError], ...] = (),
                 by_id: tuple[Any, ...] = (), head: list[tuple[str, Any]] = HEAD,
                 opaque: Any = None) -> None:
        self.sentinels = sentinels
        self.by_id = by_id  # the classes by id, as goextClassOf numbers them
        self.head = head
        self.opaque = opaque  # the library's GoValue class: holds the error itself

    @classmethod
    def of(cls, description: dict[str, Any], by_id: tuple[Any, ...],
           opaque: Any = None) -> ErrorKinds:
        """The error kinds a description declares (none, and the old head, before
        ERROR_HEAD_FORMAT)."""
        if description.get("format", 0) < ERROR_HEAD_FORMAT:
            return cls(head=OLD_HEAD)
        module = description["module"]
        sentinels = tuple(sentinel_class(entry["name"], entry["doc"], module)
                          for entry in description.get("errors") or ())
        return cls(sentinels, by_id, opaque=opaque)

    def exception(self, message: str, kind: int, class_id: int, handle: int,
                  error_handle: int = 0) -> GoError:
        """The exception for a Go error: its sentinel's class (else GoError), with
        the object its value is when ``handle`` is not 0, and the error itself
        (which an ``error`` parameter gives back to Go) when ``error_handle`` is not 0."""
        error_class = self.sentinels[kind - 1] if 0 < kind <= len(self.sentinels) else GoError
        exception = error_class(message)
        if handle and 0 < class_id <= len(self.by_id):
            exception.go_error = self.by_id[class_id - 1]._wrap(handle)
        if error_handle and self.opaque is not None:
            exception._go_value = self.opaque._wrap(error_handle)
        return exception

    def from_record(self, message: str, record: Any) -> BaseException:
        if self.head is OLD_HEAD:
            return GoError(message)
        if record.errClass == PYTHON_EXCEPTION_CLASS:
            return python_exception(record.errValue, message)
        # An error has no stack: its stackN is the handle to the error itself.
        return self.exception(message, record.errKind, record.errClass, record.errValue,
                              record.stackN)


def python_exception(address: int, note: str) -> BaseException:
    """The Python exception a Go error carried: Go handed over a reference to it
    (only CPython runs the Go package that does so); ``note`` says how Go wrapped it."""
    exception: BaseException = ctypes.cast(address, ctypes.py_object).value
    ctypes.pythonapi.Py_DecRef(ctypes.c_void_p(address))  # .value took one of its own
    if note and sys.version_info >= (3, 11):  # always true: the package needs 3.11
        exception.add_note(note)
    return exception
