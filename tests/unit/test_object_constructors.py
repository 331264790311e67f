"""Generated classes as Python users expect them (issue 18): positional
constructors in field order, and subclasses whose instances are their own."""

from __future__ import annotations

from typing import Any

import pytest

from setuptools_golang_ext.runtime._objects import GoObject

_values: dict[int, dict[str, object]] = {}  # what a Go struct would hold, by handle
_released: list[int] = []


def _field(name: str) -> property:
    return property(lambda self: _values[self._handle.value][name],
                    lambda self, value: _values[self._handle.value].__setitem__(name, value))


class Point(GoObject):
    __slots__ = ()
    _go_fields = ("X", "Y")
    X = _field("X")
    Y = _field("Y")

    @staticmethod
    def _go_new() -> Any:
        handle = len(_values) + 1
        _values[handle] = {"X": 0, "Y": 0}
        return Point._wrap(handle)

    _go_release = staticmethod(lambda handle: _released.append(handle.value))


def test_fields_by_position_in_field_order_or_by_keyword() -> None:
    assert (Point(1, 2).X, Point(1, 2).Y) == (1, 2)
    assert (Point(1, Y=5).X, Point(1, Y=5).Y) == (1, 5)
    assert Point().X == 0


@pytest.mark.parametrize("call, message", [
    (lambda: Point(1, 2, 3), "Point() takes at most 2 positional argument(s) (its fields in "
                             "order: X, Y), 3 were given"),
    (lambda: Point(1, X=2), "Point() got multiple values for field 'X'"),
    (lambda: Point(Z=1), "Point() got an unexpected keyword argument 'Z'; fields: X, Y"),
])
def test_wrong_arguments_are_type_errors(call: Any, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        call()
    assert str(caught.value) == message


def test_a_subclass_gets_instances_of_its_own_and_releases_once() -> None:
    class Named(Point):
        def __init__(self, x: int, name: str) -> None:
            super().__init__(x)
            self.name = name

        def shifted(self) -> int:
            return self.X + 1

    named = Named(4, "n")
    handle = named._handle.value
    assert type(named) is Named and isinstance(named, Point)
    assert (named.X, named.Y, named.name, named.shifted()) == (4, 0, "n", 5)
    released = list(_released)
    del named
    assert _released.count(handle) == 1 and len(_released) == len(released) + 1
