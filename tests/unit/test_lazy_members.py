"""Issue 19: a generated class makes each member's wrapper on first use, not at import
(making one compiles Python source). The built classes are exercised in both modes by
tests/integration/test_objects.py; this checks what is made when, without a Go build."""

from __future__ import annotations

import threading
from typing import Any, Callable

import pytest

from setuptools_golang_ext.runtime._lazy_members import LazyField, LazyMethod
from setuptools_golang_ext.runtime._objects import fill_class, make_class


def entry(name: str) -> dict[str, Any]:
    return {"name": name, "symbol": f"goext_{name}", "params": [], "results": [], "doc": ""}


POINT = {
    "doc": "A point.",
    "new": entry("new"),
    "make": {**entry("make"), "params": [["X", "float64"], ["Y", "float64"]]},
    "fields": [{"name": name, "doc": f"{name} doc", "get": entry(f"get{name}"),
                "set": entry(f"set{name}")} for name in ("X", "Y")],
    "methods": [entry("Dist"), {**entry("Len"), "params": [["p", "*Point"]], "results": ["int"],
                               "error": False}],
}


class Go:
    """What a library's `build` would make, recorded: each call of a wrapper."""

    def __init__(self) -> None:
        self.built: list[str] = []
        self.values: dict[int, dict[str, float]] = {}

    def build(self, described: dict[str, Any]) -> Callable[..., Any]:
        name = described["name"]
        self.built.append(name)
        if name == "new":
            return lambda: self.point(0.0, 0.0)
        if name == "make":
            return self.point
        if name.startswith(("get", "set")):
            field = name[3:]
            if name.startswith("get"):
                return lambda obj: self.values[id(obj)][field]

            def setter(obj: Any, value: float) -> None:
                self.values[id(obj)][field] = value
            return setter
        if name == "Len":
            return lambda obj: 2
        return lambda obj, *args: f"{name} of {self.values[id(obj)]}"

    def point(self, x: float, y: float) -> Any:
        made = object.__new__(self.cls)
        self.values[id(made)] = {"X": x, "Y": y}
        return made

    cls: Any = None


@pytest.fixture
def go() -> Go:
    go = Go()
    go.cls = make_class("Point", "mypkg._native", POINT, release=lambda handle: None)
    fill_class(go.cls, POINT, go.build)
    return go


def test_filling_a_class_makes_no_wrapper(go: Go) -> None:
    assert go.built == []
    assert isinstance(vars(go.cls)["Dist"], LazyMethod)
    assert isinstance(vars(go.cls)["X"], LazyField)


def test_each_member_is_made_once_on_first_use_and_then_is_the_real_one(go: Go) -> None:
    point = go.cls(1.0, 2.0)  # all fields: the one-call constructor
    assert go.built == ["make"]
    assert point.X == 1.0 and go.built == ["make", "getX", "setX"]
    point.Y = 5.0
    assert point.Y == 5.0 and go.built.count("getY") == 1
    assert point.Dist() == "Dist of {'X': 1.0, 'Y': 5.0}"
    assert point.Dist() == point.Dist() and go.built.count("Dist") == 1
    assert isinstance(vars(go.cls)["X"], property) and vars(go.cls)["X"].__doc__ == "X doc"
    assert go.cls.Dist.__qualname__ == "Point.Dist"
    assert "Len" not in go.built  # never used: never made


def test_a_special_method_is_made_by_its_protocol_too(go: Go) -> None:
    point = go.cls(X=1.0, Y=2.0)
    assert len(point) == 2
    assert go.built.count("Len") == 1 and vars(go.cls)["Len"] is vars(go.cls)["__len__"]


def test_the_zero_value_maker_is_made_on_the_first_partial_construction(go: Go) -> None:
    point = go.cls(X=3.0)  # not every field: a zero value, then the setter
    assert go.built.count("new") == 1 and point.X == 3.0 and point.Y == 0.0


def test_threads_making_one_member_at_once_all_get_it(go: Go) -> None:
    point, results = go.cls(1.0, 2.0), []
    threads = [threading.Thread(target=lambda: results.append(point.Dist())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["Dist of {'X': 1.0, 'Y': 2.0}"] * 8
