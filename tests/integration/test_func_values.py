"""Go func values and Python callables both ways (issue 18): func results, func-typed
variables and fields, named func types, and interfaces inside callbacks. The bus
(tests/objects_fixtures/bus/funcs.go) is built once per binding mode
(tests/integration/conftest.py), marked and bound by import path."""

from __future__ import annotations

import gc
import os
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from ..helpers import load_built, run


@pytest.fixture(scope="module")
def lib(bus_project: Path) -> Any:
    return load_built(bus_project, "mypkg._bus")


@pytest.fixture(scope="module")
def bound(bus_project: Path) -> Any:
    """The same package bound by import path: nothing marked by hand."""
    return load_built(bus_project, "mypkg._bound")


@pytest.fixture(params=["marked", "bound"])
def either(request: pytest.FixtureRequest, lib: Any, bound: Any) -> Any:
    return lib if request.param == "marked" else bound


# Go func values to Python ---------------------------------------------------------

def test_a_func_result_is_a_go_func_python_calls(either: Any) -> None:
    add = either.MakeAdder(5)
    assert add(3) == 8 and add(-5) == 0
    assert callable(add) and "func(int) int" in repr(add)
    greet = either.MakeGreeter("Hi")
    assert greet("Bo") == "Hi, Bo"
    assert isinstance(greet, either.Handler)  # a named func type is a Python name
    assert either.MakeGreeter("") is None  # a nil func
    event = either.MakeNamer("t")(7)
    assert (type(event).__name__, event.Topic, event.Seq) == ("Event", "t", 7)
    # Named basic types inside (Celsius, time.Duration) convert as their underlying type.
    assert either.Warmer(1.5)(20) == 21.5 and either.Doubler()(5) == 10


def test_a_go_func_raises_as_a_function_does(either: Any) -> None:
    check = either.MakeChecker()
    assert check(1) is None
    with pytest.raises(Exception, match="-1 is negative") as error:
        check(-1)
    assert type(error.value).__name__ == "GoError"
    with pytest.raises(BaseException, match="unlucky") as panic:
        check(13)
    assert type(panic.value).__name__ == "GoPanic"
    with pytest.raises(TypeError, match=r"argument 'arg0' must be an int \(Go int\), not str"):
        either.MakeAdder(1)("x")
    with pytest.raises(TypeError, match="positional argument"):
        either.MakeAdder(1)()


def test_a_go_func_lives_as_long_as_python_holds_it(lib: Any) -> None:
    adders = [lib.MakeAdder(n) for n in range(100)]
    lib.CollectGarbage()
    gc.collect()
    assert [f(1) for f in adders] == list(range(1, 101))


# Python callables to Go -----------------------------------------------------------

def test_a_named_func_type_parameter_takes_a_callable_or_a_go_func(either: Any) -> None:
    assert either.Apply(lambda name: name * 2, "ab") == "abab"
    assert either.Apply(either.MakeGreeter("Yo"), "x") == "Yo, x"
    with pytest.raises(TypeError, match="argument 'h' must be callable, not int"):
        either.Apply(3, "x")


def test_func_variables_are_read_called_and_set(either: Any) -> None:
    variables = either.variables
    assert variables.Shout("hey") == "HEY!"  # set by Go
    variables.Length = len
    assert either.UseLength("abcd") == 4 and variables.Length("xyz") == 3
    variables.Length = None
    assert variables.Length is None
    with pytest.raises(TypeError, match=r"Length\(\) argument 'value' must be callable, "
                                        r"not int"):
        variables.Length = 5
    variables.Check = lambda n: None
    assert either.RunCheck(3) == "ok"


def test_a_go_func_set_from_python_goes_back_to_go_as_itself(
        either: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    either.variables.Check = either.MakeChecker()
    # Go calls its own func: its error text as it is, no Python in between.
    assert either.RunCheck(-1) == "-1 is negative" and seen == []
    either.variables.Check = None


def test_an_exception_in_a_stored_callable_reaches_go_as_an_error(
        either: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)

    def refuse(n: int) -> None:
        raise ValueError(f"no {n}")

    either.variables.Check = refuse
    assert either.RunCheck(3) == "ValueError: no 3"
    assert [str(s.exc_value) for s in seen] == ["no 3"]


def test_func_fields_are_read_called_and_set(either: Any) -> None:
    greeters = either.Greeters(Name="n")
    assert greeters.Hello is None and greeters.Count is None
    greeters.Hello = lambda s: "hello " + s
    assert greeters.Greet("z") == "hello z" and greeters.Hello("go") == "hello go"
    greeters.Count = len
    assert greeters.Count("abc") == 3
    greeters.Hello = None
    with pytest.raises(Exception, match="no Hello func"):
        greeters.Greet("z")
    made = either.Greeters(either.MakeGreeter("Hey"), len, "m")  # positional, in field order
    assert made.Greet("x") == "Hey, x"


# Slices, arrays and maps of funcs -------------------------------------------------

def test_slices_arrays_and_maps_of_funcs_are_lists_and_dicts_of_go_funcs(either: Any) -> None:
    routes = either.Routes()
    assert sorted(routes) == ["/hi", "/none"] and routes["/none"] is None
    assert routes["/hi"]("bo") == "hi bo" and isinstance(routes["/hi"], either.Handler)
    assert [step(2) for step in either.Steps()] == [3, 20]
    lower, nothing = either.Pair()
    assert lower("ABC") == "abc" and nothing is None
    assert either.Apply(routes["/hi"], "x") == "hi x"  # goes back to Go as itself

def test_lists_of_python_callables_reach_go_and_stay_alive_while_go_keeps_them(
        either: Any) -> None:
    chained = either.Chain([str.upper, None, either.MakeGreeter("Hi"), lambda s: s + "!"])
    gc.collect()
    assert chained("bo") == "Hi, BO!"  # called after Chain returned: kept
    assert either.Both((lambda n: n + 1, lambda n: n * 3), 1) == 6
    variables = either.variables
    variables.Decorations = [str.strip, lambda s: f"<{s}>"]
    assert either.Decorate("  x ") == "<x>"
    assert [f(" a ") for f in variables.Decorations] == ["a", "< a >"]
    variables.Decorations = []
    assert either.Decorate("y") == "y"


def test_bad_lists_of_callables_are_type_errors_naming_the_item(either: Any) -> None:
    with pytest.raises(TypeError, match=r"Chain\(\) argument 'handlers\[1\]' must be "
                                        r"callable, not int"):
        either.Chain([len, 5])
    with pytest.raises(TypeError, match=r"argument 'handlers' must be a list or tuple of "
                                        r"callables, not builtin_function_or_method"):
        either.Chain(len)
    with pytest.raises(ValueError, match=r"argument 'fs' must hold 2 callables \(a Go "
                                         r"array\), not 1"):
        either.Both([len], 1)

# Funcs taking and returning funcs ----------------------------------------------------

def test_a_go_func_returning_a_func_answers_a_go_func(either: Any) -> None:
    make = either.Counters()
    first, second = make(), make()
    assert [first(), first(), second()] == [1, 2, 1]


def test_a_go_middleware_takes_a_callable_and_keeps_it_for_the_handler_it_returns(
        either: Any) -> None:
    exclaim = either.Exclaim()
    assert isinstance(exclaim, either.Middleware)
    shout = exclaim(lambda name: name.upper())
    gc.collect()
    assert shout("bo") == "BO!"  # the callable is called after exclaim() returned
    assert exclaim(either.MakeGreeter("Hi"))("x") == "Hi, x!"  # a Go func as itself
    with pytest.raises(TypeError, match=r"argument 'arg0' must be callable, not int"):
        exclaim(5)

class Counted:
    """A callable counting its live instances."""

    live = 0

    def __init__(self) -> None:
        Counted.live += 1

    def __call__(self, word: str) -> int:
        return 7

    def __del__(self) -> None:
        Counted.live -= 1


def test_a_stored_callable_lives_until_go_drops_it(lib: Any) -> None:
    lib.variables.Length = Counted()  # Python keeps no reference
    gc.collect()
    assert Counted.live == 1 and lib.UseLength("x") == 7
    lib.variables.Length = len  # replaced: Go drops the old func, which lets it go
    for _ in range(50):
        lib.CollectGarbage()
        gc.collect()
        time.sleep(0.01)  # the release goroutine waits for the GIL
        if Counted.live == 0:
            break
    assert Counted.live == 0 and lib.UseLength("abc") == 3


# interfaces inside callbacks ------------------------------------------------------

def test_any_values_reach_a_callback_as_python_values_or_objects(either: Any) -> None:
    seen: list[Any] = []

    def echo(value: Any, seq: int) -> Any:
        seen.append(value)
        return value

    answers = either.Describe(echo)
    assert answers[:6] == ["string text", "int64 42", "float64 2.5", "bool true",
                           "*bus.Event &{t  3}", "<nil> <nil>"]
    assert seen[0:8:2] == ["text", 42, 2.5, True]
    assert type(seen[8]).__name__ == "Event" and seen[8].Seq == 3
    assert seen[10] is None
    assert type(seen[12]).__name__ == "GoValue"  # a Go value of no class: passed back as is
    assert answers[6] == "bus.Counter <nil>"
    assert either.Describe(lambda v, s: [1, "a"])[0] == "[]interface {} [1 a]"


def test_named_interfaces_cross_a_callback_both_ways(either: Any) -> None:
    assert either.Measure(lambda side: either.Square(side)) == 4.0
    assert either.Measure(lambda side: None) == 0.0
    with pytest.raises(TypeError, match=r"callback pick: result of the Python callback: "
                                        r"a int64 is no bus\.Shape"):
        either.Measure(lambda side: 5)
    assert either.Visit(lambda s: f"{type(s).__name__}:{s.Area() if s else None}") \
        == "Square:9.0 NoneType:None"


# the typed module -----------------------------------------------------------------

def test_typed_module_declares_funcs_for_mypy(bus_project: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(textwrap.dedent("""
        from mypkg._bus_api import Apply, Greeters, Handler, MakeAdder, MakeGreeter, variables
        add = MakeAdder(2)
        assert add is not None
        total: int = add(3)
        greet: Handler | None = MakeGreeter("hi")
        text: str = Apply(lambda name: name + "!", "x")
        variables.Length = len
        variables.Length = None
        g = Greeters(Name="n")
        g.Count = len
    """))
    bad = tmp_path / "bad.py"
    bad.write_text("from mypkg._bus_api import MakeAdder, Apply\n"
                   "add = MakeAdder(2)\nassert add is not None\nadd('x')\n"
                   "Apply(lambda name: 3, 'x')\n")
    mypy = [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10",
            "--no-incremental"]
    env = {**os.environ, "MYPYPATH": str(bus_project)}
    assert run([*mypy, good], env=env).check().returncode == 0
    result = run([*mypy, bad], env=env)
    assert result.returncode == 1, result.output
    assert 'Argument 1 has incompatible type "str"; expected "int"' in result.output
    assert "Incompatible return value type" in result.output
