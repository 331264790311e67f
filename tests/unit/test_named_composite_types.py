"""Named basic types inside composites, and marked named basic types as Python
names, without building Go: type tags, the glue's spelling, the generated
wrappers, the description and the typed module."""

from __future__ import annotations

from pathlib import Path

import pytest

from setuptools_golang_ext.bindings.api_module import api_module_source
from setuptools_golang_ext.bindings.description import describe_functions, describe_objects
from setuptools_golang_ext.bindings.go_glue import exports_source, wrapper_source
from setuptools_golang_ext.bindings.plan import _problems, _value_method_problems
from setuptools_golang_ext.goapi.exports import (
    METHOD,
    SET,
    VALUE_METHOD,
    GoFunction,
    GoNamedType,
    GoParam,
    _param,
    _value_method,
    type_tag,
)
from setuptools_golang_ext.goapi.model import Param, TypeRef
from setuptools_golang_ext.runtime.contract import (
    builtin_name,
    func_parts,
    keeps_receiver_result,
)

PKG = "example.com/named"
STRING = TypeRef("basic", "string", name="string")
INT = TypeRef("basic", "int", name="int")
KIND = TypeRef("named", "Kind", name="Kind", package=PKG, underlying=STRING)
LEVEL = TypeRef("named", "Level", name="Level", package=PKG, underlying=INT)
DURATION = TypeRef("named", "time.Duration", name="Duration", package="time",
                   underlying=TypeRef("basic", "int64", name="int64"))
HIDDEN = TypeRef("named", "internal/x.T", name="T", package="example.com/internal/x",
                 underlying=INT)


def slice_of(elem: TypeRef) -> TypeRef:
    return TypeRef("slice", "[]" + elem.go, elem=elem)


def map_of(key: TypeRef, elem: TypeRef) -> TypeRef:
    return TypeRef("map", f"map[{key.go}]{elem.go}", key=key, elem=elem)


FUNC = TypeRef("func", "func(Level, []Kind) time.Duration",
               params=(Param("", LEVEL), Param("", slice_of(KIND))),
               results=(Param("", DURATION),))


@pytest.mark.parametrize(("ref", "tag", "glue", "imports"), [
    (slice_of(KIND), "[]string", "[]$.Kind", ()),
    (map_of(LEVEL, INT), "map[int]int", "map[$.Level]int", ()),
    (TypeRef("pointer", "*Level", elem=LEVEL), "*int", "*$.Level", ()),
    (TypeRef("array", "[4]Kind", elem=KIND, len=4), "[4]string", "[4]$.Kind", ()),
    (map_of(STRING, slice_of(LEVEL)), "map[string][]int", "map[string][]$.Level", ()),
    (slice_of(DURATION), "[]int64", "[]goextpkg_time.Duration", ("time",)),
    (map_of(LEVEL, DURATION), "map[int]int64", "map[$.Level]goextpkg_time.Duration",
     ("time",)),
    (FUNC, "func(int, []string) int64", "func($.Level, []$.Kind) goextpkg_time.Duration",
     ("time",)),
    (slice_of(STRING), "[]string", "", ()),  # nothing named inside: no glue spelling
])
def test_named_types_inside_composites(ref: TypeRef, tag: str, glue: str,
                                       imports: tuple[str, ...]) -> None:
    assert type_tag(ref, PKG) == tag  # the runtime converts by the underlying spelling
    param = _param(ref, "x", PKG, frozenset())
    assert (param.type, param.glue, param.glue_imports) == (tag, glue, imports)


def test_internal_named_types_stay_unsupported() -> None:
    assert type_tag(slice_of(HIDDEN), PKG) == "[]internal/x.T"  # the glue cannot name it


def test_glue_decodes_and_views_into_the_named_type() -> None:
    def wrapper(ref: TypeRef, qualifier: str = "goextuser.") -> str:
        function = GoFunction("F", (_param(ref, "x", PKG, frozenset()),), (), "",
                              Path("x.go"), 1, True)
        return wrapper_source(function, qualifier)

    assert 'goextDecode[[]goextuser.Kind](a0, a0n, "x")' in wrapper(slice_of(KIND))
    assert 'goextDecode[map[Level]int](a0, a0n, "x")' in wrapper(map_of(LEVEL, INT), "")
    assert "goextView[goextuser.Level](a0, a0n)" in wrapper(slice_of(LEVEL))
    assert "goextView[goextpkg_time.Duration](a0, a0n)" in wrapper(slice_of(DURATION))
    callback = wrapper(FUNC)
    assert ("func(p0 goextuser.Level, p1 []goextuser.Kind) (r0 goextpkg_time.Duration) "
            "{\n\t\t_ = goextCb0.call(&r0, p0, p1)\n\t\treturn\n\t}") in callback


def test_glue_imports_a_package_only_where_it_names_its_types() -> None:
    takes = GoFunction("Takes", (_param(slice_of(DURATION), "d", PKG, frozenset()),), (),
                       "", Path("x.go"), 1, True)
    gives = GoFunction("Gives", (), (_param(slice_of(DURATION), "", PKG, frozenset()),),
                       "", Path("x.go"), 2, True)
    assert '\tgoextpkg_time "time"' in exports_source([takes, gives], PKG)
    assert "goextpkg_time" not in exports_source([gives], PKG)  # encoded as it is


def test_setters_store_one_go_copy_of_a_view() -> None:
    """A setter keeps the value: a Go copy made once, whether Python's memory is
    writable (a view) or was copied into Go already (bytes, goextGoCopy)."""
    this = GoParam("self", "*Filter")
    value = _param(slice_of(LEVEL), "value", PKG, frozenset())
    setter = GoFunction("Levels", (this, value), (), "", Path("x.go"), 1, True,
                        owner="Filter", role=SET)
    source = wrapper_source(setter, "goextuser.")
    assert ("\tgoextKept1, _ := goextKeptView[goextuser.Level](a1, a1n)\n"
            "\tgoextObject[goextuser.Filter](a0).Levels = goextKept1\n") in source
    assert "goextView" not in source and source.count("goextKept1") == 2
    blob = GoFunction("Raw", (this, GoParam("value", "[]byte", convert="Blob")), (), "",
                      Path("x.go"), 1, True, owner="Filter", role=SET)
    assert ("\tgoextKept1, _ := goextKeptView[byte](a1, a1n)\n"  # a named []byte too
            "\tgoextObject[goextuser.Filter](a0).Raw = goextuser.Blob(goextKept1)\n"
            ) in wrapper_source(blob, "goextuser.")


@pytest.mark.parametrize(("tag", "python"), [
    ("int", "int"), ("uint8", "int"), ("float32", "float"), ("complex128", "complex"),
    ("bool", "bool"), ("string", "str"), ("unsafe.Pointer", None),
])
def test_builtin_names(tag: str, python: str | None) -> None:
    assert builtin_name(tag) == python


def test_func_parts_read_any_spelling() -> None:
    assert func_parts("func(goextuser.Level) (r, error)") == (["goextuser.Level"],
                                                              ["r", "error"])
    assert func_parts("func(int) a, b") is None


def test_named_types_in_the_description_and_typed_module() -> None:
    level = GoParam("l", "int", "Level")
    wait = GoParam("d", "int64", "Duration", "time")  # another package's: no alias
    function = GoFunction("Describe", (level, wait), (GoParam("", "int", "Level"),), "",
                          Path("x.go"), 1, True)
    named = [GoNamedType("Level", "int", "Level is a log level.")]
    description = describe_functions("pkg._named", [function], [], "",
                                     frozenset(t.name for t in named))
    description.update(describe_objects([], [], [function], [], named))
    entry = description["functions"][0]
    assert entry["aliases"] == {"params": {"l": "Level"}, "results": ["Level"]}
    assert description["named_types"] == [{"name": "Level", "type": "int",
                                           "doc": "Level is a log level."}]
    typed = api_module_source("pkg._named", description)
    assert '    Level = int\n    """Level is a log level."""' in typed
    assert "def Describe(l: Level, d: int) -> Level:" in typed
    assert '"Level"' in typed  # in __all__


def test_a_pointer_method_of_a_named_basic_type_returns_the_new_value_first() -> None:
    method = GoFunction("Set", (GoParam("text", "string"),), (GoParam("", "error"),), "",
                        Path("x.go"), 1, True, receiver="*Bytes", owner="Bytes", role=METHOD)
    receiver = GoParam("self", "uint64")
    bound = _value_method(method, {"Bytes": receiver})
    assert (bound.role, bound.mutates) == (VALUE_METHOD, True)
    assert bound.params == (receiver, *method.params)
    assert bound.results == (receiver, GoParam("", "error"))
    [other] = _problems(method, "named", frozenset())
    assert "mark `type Bytes` with //python:export" in other  # not a named type here
    assert keeps_receiver_result("uint64") and keeps_receiver_result("[]byte")
    assert not keeps_receiver_result("[]int64") and not keeps_receiver_result("map[string]int")


def test_value_methods_need_a_marked_type_a_bool_too() -> None:
    self_ = GoParam("self", "bool", "Flag")
    method = GoFunction("Not", (self_,), (GoParam("", "bool", "Flag"),), "", Path("x.go"), 1,
                        True, receiver="Flag", owner="Flag", role=VALUE_METHOD)
    marked = [GoNamedType("Flag", "bool", "", (method,))]
    assert _value_method_problems(method, marked) == []  # a named bool binds (an int class)
    [unmarked] = _value_method_problems(method, [])
    assert "mark `type Flag` with //python:export (it becomes a class)" in unmarked
    level = GoFunction("Next", (GoParam("self", "int", "Level"),), (), "", Path("x.go"), 1,
                       True, receiver="Level", owner="Level", role=VALUE_METHOD)
    assert _value_method_problems(level, [GoNamedType("Level", "int", "", (level,))]) == []
    assert level.symbol == "goext_Level__Next" and level.label == "Level.Next"


def test_a_field_named_like_the_type_does_not_hide_the_alias() -> None:
    """``Logger.Level Level``: in the class body ``Level`` is the field, so the
    method annotations name the type by a module-level alias."""
    enabled = {"name": "Enabled", "layer": 2, "params": [["self", "*Logger"], ["l", "int"]],
               "results": ["bool"], "doc": "", "symbol": "goext_Logger__Enabled",
               "aliases": {"params": {"l": "Level"}, "results": [""]}}
    description = {
        "functions": [], "constants": [], "variables": [],
        "named_types": [{"name": "Level", "type": "int", "doc": ""}],
        "classes": {"Logger": {"doc": "", "fields": [{"name": "Level", "type": "int"}],
                               "methods": [enabled], "closer": False}},
    }
    typed = api_module_source("pkg._log", description)
    assert "def Enabled(self, l: _goext_Level) -> bool:" in typed
    assert "    _goext_Level = Level\n" in typed


def test_a_named_number_slice_class_takes_a_plain_list_and_reprs_flat() -> None:
    from setuptools_golang_ext.runtime._named_types import make_named

    vector = make_named({"type": "[]int", "name": "IntVector", "doc": "", "methods": [{}]}, "m")
    made = vector([1, 2])
    assert made.typecode == "q" and list(made) == [1, 2] and repr(made) == "IntVector([1, 2])"
    assert repr(vector()) == "IntVector([])" and list(vector("l", [3])) == [3]  # old spelling
    floats = make_named({"type": "[]float32", "name": "F", "doc": "", "methods": [{}]}, "m")
    assert floats([1, 2.5]).typecode == "f" and repr(floats([0.5])) == "F([0.5])"
    with pytest.raises(ValueError, match=r"^IntVector holds Go int items \(array type code "
                                         r"'q'\), not 'd'; pass just the items"):
        vector("d", [1])
    with pytest.raises(TypeError, match=r"takes at most 1 argument \(the items\), 2 were"):
        vector([1], [2])
    with pytest.raises(TypeError, match=r"^IntVector\(\) items must be Go int numbers: 'str'"):
        vector(["a"])
    with pytest.raises(OverflowError, match=r"^IntVector\(\) items must be Go int numbers"):
        vector([2**70])


def test_a_named_bool_with_methods_is_an_int_class_that_behaves_like_the_bool() -> None:
    from setuptools_golang_ext.runtime._json_args import _json_scalar
    from setuptools_golang_ext.runtime._layer2 import _bool_arg
    from setuptools_golang_ext.runtime._named_types import make_named

    enabled = make_named({"type": "bool", "name": "Enabled", "doc": "A switch.",
                          "methods": [{}]}, "m")
    on, off = enabled(True), enabled()
    assert (on == True, off == False, bool(on), bool(off)) == (True, True, True, False)  # noqa: E712
    assert hash(on) == hash(True) and {True: "x"}[on] == "x" and enabled("x") == 1
    assert (repr(on), repr(off), str(on), f"{off}") == ("Enabled(True)", "Enabled(False)",
                                                       "True", "False")
    assert isinstance(on, int) and not isinstance(on, bool) and enabled.__doc__ == "A switch."
    assert _bool_arg(on, "f() argument 'e'") is True and _json_scalar(off, "bool", "x") is False
    with pytest.raises(TypeError, match=r"^f\(\) argument 'e' must be bool \(Go bool\), not int"):
        _bool_arg(1, "f() argument 'e'")


def test_a_named_composite_of_named_composites_converts_as_its_underlying_type() -> None:
    row = TypeRef("named", "Row", name="Row", package=PKG,
                  underlying=TypeRef("array", "[3]Level", elem=LEVEL, len=3))
    grid = TypeRef("named", "Grid", name="Grid", package=PKG,
                   underlying=TypeRef("array", "[3]Row", elem=row, len=3))
    names = TypeRef("named", "Names", name="Names", package=PKG, underlying=slice_of(STRING))
    index = TypeRef("named", "Index", name="Index", package=PKG,
                    underlying=map_of(STRING, names))
    assert type_tag(grid, PKG, frozenset()) == "[3][3]int"
    assert type_tag(grid, PKG, frozenset({"Grid"})) == "Grid"  # an opaque class stays one
    assert _param(slice_of(grid), "gs", PKG, frozenset({"Grid"})) == GoParam("gs", "[]Grid")
    grids = TypeRef("named", "Grids", name="Grids", package=PKG, underlying=slice_of(grid))
    assert type_tag(grids, PKG, frozenset({"Grid"})) == "[]Grid"  # uuid.UUIDs: []UUID objects
    assert type_tag(grids, PKG, frozenset()) == "[][3][3]int"
    assert type_tag(index, PKG, frozenset()) == "map[string][]string"
    param = _param(grid, "g", PKG, frozenset())
    assert (param.type, param.convert, param.glue) == ("[3][3]int", "Grid", "[3]$.Row")
    assert _param(index, "i", PKG, frozenset()).glue == "map[string]$.Names"


def test_a_pointer_to_a_named_composite_parameter_is_written_back() -> None:
    from setuptools_golang_ext.goapi.exports import _pointer_param
    from setuptools_golang_ext.goapi.model import Function

    vector = TypeRef("named", "IntVector", name="IntVector", package=PKG,
                     underlying=slice_of(INT))
    pointer = TypeRef("pointer", "*IntVector", elem=vector)
    go = Function("Fill", "", None, (), None, True, None,
                  (Param("n", INT), Param("v", pointer), Param("w", pointer)), (), False)
    view = GoFunction("Fill", (GoParam("n", "int"), GoParam("v", "*IntVector"),
                               GoParam("w", "*IntVector")), (), "", Path("x.go"), 1, True)
    bound = _pointer_param(view, go, PKG, frozenset())
    assert (bound.mutates, bound.written) == (True, 1)
    assert bound.params[1] == GoParam("v", "[]int", "IntVector")
    assert bound.results == (bound.params[1],)
    assert bound.params[2].type == "*IntVector"  # only the first: the second stays refused
