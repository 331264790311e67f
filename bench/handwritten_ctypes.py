"""The hand-written ctypes baseline of bench/run.py's table: what a careful author
writes over the plain C exports (the *H functions) of project/benchpkg/table."""

from __future__ import annotations

import ctypes
from array import array
from typing import Any

CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)


def load(path: str) -> Any:
    """A namespace with the table's functions and a ``Point`` class over ``path``."""
    raw = ctypes.CDLL(path)
    size_t, int64, double, uintptr = (ctypes.c_size_t, ctypes.c_int64, ctypes.c_double,
                                      ctypes.c_size_t)
    signatures: dict[str, tuple[list[Any], Any]] = {
        "AddH": ([int64, int64], int64),
        "ReverseH": ([ctypes.c_char_p, size_t, ctypes.POINTER(size_t)], ctypes.c_void_p),
        "FreeH": ([ctypes.c_void_p], None),
        "SumH": ([ctypes.c_void_p, size_t], double),
        "PointNewH": ([double, double], uintptr),
        "PointFreeH": ([uintptr], None),
        "PointDistH": ([uintptr, uintptr], double),
        "CallsH": ([CALLBACK, int64], int64),
        "NamesH": ([ctypes.POINTER(size_t)], ctypes.c_void_p),
        "CountsH": ([ctypes.POINTER(size_t), ctypes.c_void_p], ctypes.c_void_p),
    }
    for name, (argtypes, restype) in signatures.items():
        function = getattr(raw, name)
        function.argtypes, function.restype = argtypes, restype
    return _namespace(raw)


def _point_class(raw: Any) -> Any:
    """A class holding a Go handle, freed by ``__del__``."""
    point_free, point_new, point_dist = raw.PointFreeH, raw.PointNewH, raw.PointDistH

    class Point:
        __slots__ = ("handle",)

        def __init__(self, X: float = 0.0, Y: float = 0.0) -> None:
            self.handle = point_new(X, Y)

        def __del__(self) -> None:
            point_free(self.handle)

        def Dist(self, q: Point) -> float:
            return point_dist(self.handle, q.handle)  # type: ignore[no-any-return]

    return Point


def _namespace(raw: Any) -> Any:
    string_at, free, point_new = ctypes.string_at, raw.FreeH, raw.PointNewH
    Point = _point_class(raw)

    def NewPoint(x: float, y: float) -> Any:
        point = Point.__new__(Point)
        point.handle = point_new(x, y)
        return point

    def Reverse(text: str) -> str:
        data, size = text.encode(), ctypes.c_size_t()
        pointer = raw.ReverseH(data, len(data), ctypes.byref(size))
        try:
            return string_at(pointer, size.value).decode()
        finally:
            free(pointer)

    def Sum(buffer: Any) -> float:
        view = memoryview(buffer)
        pointer = ctypes.addressof(ctypes.c_char.from_buffer(view.cast("B"))) if view.nbytes \
            else None
        return raw.SumH(pointer, view.nbytes // 8)  # type: ignore[no-any-return]

    def Calls(function: Any, n: int) -> int:
        return raw.CallsH(CALLBACK(function), n)  # type: ignore[no-any-return]

    def Names() -> list[str]:
        size = ctypes.c_size_t()
        pointer = raw.NamesH(ctypes.byref(size))
        try:
            return string_at(pointer, size.value).decode().split("\0")
        finally:
            free(pointer)

    values = array("q", bytes(800))
    values_pointer = values.buffer_info()[0]

    def Counts() -> dict[str, int]:
        size = ctypes.c_size_t()
        pointer = raw.CountsH(ctypes.byref(size), values_pointer)
        try:
            return dict(zip(string_at(pointer, size.value).decode().split("\0"), values))
        finally:
            free(pointer)

    class Module:
        pass

    module = Module()
    for name, value in [("Add", raw.AddH), ("Reverse", Reverse), ("Sum", Sum),
                        ("Point", Point), ("NewPoint", NewPoint), ("Calls", Calls),
                        ("Names", Names), ("Counts", Counts)]:
        setattr(module, name, value)
    return module
