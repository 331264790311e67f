"""bindings = "cpython": classes as C heap types, with the members the C module
converts; the rest of a class (and the Python behaviours) from the runtime."""

from __future__ import annotations

from pathlib import Path

from setuptools_golang_ext.bindings.cpython_classes import CClasses
from setuptools_golang_ext.bindings.cpython_mode import c_classes, c_functions, cpython_module
from setuptools_golang_ext.bindings.plan import Bindings
from setuptools_golang_ext.goapi.exports import (
    GET,
    METHOD,
    NEW,
    SET,
    GoClass,
    GoFunction,
    GoParam,
)
from setuptools_golang_ext.platforms.python_capi import PythonInstall

PYTHON_311 = PythonInstall(Path("/include"), (3, 11), "/usr/bin/python3.11")
HERE = Path("point.go")


def _accessors(owner: str, fields: list[GoParam]) -> tuple[GoFunction, ...]:
    made = [GoFunction(owner, (), (GoParam("", "*" + owner),), "", HERE, 1, True,
                       owner=owner, role=NEW)]
    for field in fields:
        made.append(GoFunction(field.name, (GoParam("self", "*" + owner),), (field,), "",
                               HERE, 1, True, owner=owner, role=GET))
        made.append(GoFunction(field.name, (GoParam("self", "*" + owner),
                                            GoParam("value", field.type)), (), "",
                               HERE, 1, True, owner=owner, role=SET))
    return tuple(made)


def _point() -> GoClass:
    fields = [GoParam("X", "float64"), GoParam("Tags", "map[string][]float64")]
    dist = GoFunction("Dist", (GoParam("q", "*Point"),), (GoParam("", "float64"),),
                      "Dist is the distance.", HERE, 5, True, receiver="*Point",
                      owner="Point", role=METHOD)
    names = GoFunction("Names", (), (GoParam("", "map[string][]float64"),), "", HERE, 6, True,
                       receiver="*Point", owner="Point", role=METHOD)
    return GoClass("Point", "A point.", tuple(fields), (dist, names),
                   _accessors("Point", fields), HERE, 2, ("", ""))


def _bindings() -> Bindings:
    point = _point()
    new = GoFunction("NewPoint", (GoParam("x", "float64"),), (GoParam("", "*Point"),), "",
                     HERE, 9, True)
    mid = GoFunction("Mid", (GoParam("a", "Point"), GoParam("b", "*Point")),
                     (GoParam("", "Point"),), "", HERE, 10, True)
    return Bindings([new, mid, *point.accessors, *point.methods], classes=[point])


def test_objects_of_the_classes_cross_by_handle_pointers_may_be_none() -> None:
    table = CClasses(frozenset({"Point"}))
    assert table.object_type("*Point") == ("Point", True)
    assert table.object_type("Point") == ("Point", False)
    assert table.object_type("*Other") is None and table.object_type("int") is None
    # Slices of objects are results C makes (lists), never parameters it takes.
    assert table.slice_type("[]*Point") == table.slice_type("[]Point") == "Point"
    assert table.slice_type("[]*Other") is None and table.slice_type("[]int") is None
    assert table.object_type("[]*Point") is None
    fields, make = table.result_c(0, "[]*Point")  # type: ignore[misc]
    assert fields == ["\tvoid *r0;", "\tsize_t r0n;"]
    assert make == "goext_wrap_all(goext_class_Point, out.r0, out.r0n)"
    declaration, convert = table.param_c(0, '"F() argument \'p\'"', "Point")  # type: ignore[misc]
    assert declaration == "uintptr_t v0 = 0;"
    assert "goext_handle_arg(a[0], goext_type_Point, 0," in convert


def test_functions_over_objects_are_c_functions() -> None:
    assert [f.name for f in c_functions(_bindings())] == ["NewPoint", "Mid"]


def test_a_class_is_a_c_type_with_the_members_the_c_module_converts() -> None:
    classes = c_classes("mypkg._native", _bindings())
    # X (float64) and Dist(*Point) in C; Tags and Names (map[string][]float64) from the runtime.
    assert sorted(f.symbol for f in classes.members) == [
        "goext_Point__Dist", "goext_Point__get_X", "goext_Point__set_X"]
    types = "\n".join(classes.types)
    assert '{"X", goext_get_Point__get_X, goext_set_Point__set_X, NULL, NULL},' in types
    assert ('{"Dist", (PyCFunction)(void (*)(void))goext_py_Point__Dist, '
            'METH_FASTCALL | METH_KEYWORDS, "Dist is the distance."},') in types
    assert '"mypkg._native.Point", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE' in types
    # Covered: X and Dist; not complete (Tags, Names); fields for the constructor: X, Tags.
    assert ('goext_make_class(module, &goext_spec_Point, classes, "Point", covered, 2, 0, '
            'fields, 2, &goext_type_Point, &goext_class_Point, &goext_fields_Point) < 0') in types
    assert 'static const char *const fields[] = {"X", "Tags"};' in types


def test_the_module_makes_its_classes_before_attach_and_adopts_the_runtimes_after() -> None:
    source, _ = cpython_module("mypkg._native", _bindings(), None, PYTHON_311)
    body = source[source.index("static int goext_exec(PyObject *module) {"):]
    body = body[:body.index("}")]
    assert body.splitlines()[1:] == [
        "\tif (goext_check_description(module, 1) < 0 || goext_init() < 0) return -1;",
        "\tif (goext_make_classes(module) < 0) return -1;",
        "\tif (goext_attach(module) < 0) return -1;",
        "\tgoext_adopt_classes(module);",
        "\treturn 0;",
    ]
    # A method's receiver is the C instance's handle, before its parameters.
    assert "status = goext_Point__Dist(((goext_object *)self)->handle, v0, &out);" in source
    assert "result = goext_wrap(goext_class_Point, out.r0);" in source


def test_string_len_and_close_serve_str_len_and_with_from_the_c_type() -> None:
    point = _point()
    string = GoFunction("String", (), (GoParam("", "string"),), "", HERE, 7, True,
                        receiver="*Point", owner="Point", role=METHOD)
    length = GoFunction("Len", (), (GoParam("", "int"),), "", HERE, 8, True,
                        receiver="*Point", owner="Point", role=METHOD)
    close = GoFunction("Close", (), (GoParam("", "error"),), "", HERE, 9, True,
                       receiver="*Point", owner="Point", role=METHOD)
    point = GoClass(point.name, point.doc, point.fields, (*point.methods, string, length, close),
                    point.accessors, HERE, 2, point.field_docs)
    types = "\n".join(c_classes("mypkg._native", Bindings(
        [*point.accessors, *point.methods], classes=[point])).types)
    for slot in ("{Py_tp_repr, goext_repr_Point},", "{Py_tp_str, goext_str_Point},",
                 "{Py_sq_length, goext_len_Point},",
                 '{"__enter__", goext_object_enter, METH_NOARGS, NULL},'):
        assert slot in types
    assert "\treturn goext_object_len(goext_py_Point__Len(self, NULL, 0, NULL));" in types


def test_a_class_c_covers_whole_is_its_c_type_alone_and_needs_no_runtime() -> None:
    from setuptools_golang_ext.bindings.cpython_mode import c_covered, needs_runtime

    fields = [GoParam("X", "float64"), GoParam("Y", "float64")]
    dist = GoFunction("Dist", (GoParam("q", "*Point"),), (GoParam("", "float64"),), "",
                      HERE, 5, True, receiver="*Point", owner="Point", role=METHOD)
    point = GoClass("Point", "", tuple(fields), (dist,), _accessors("Point", fields), HERE, 2,
                    ("", ""))
    new = GoFunction("NewPoint", (GoParam("x", "float64"),), (GoParam("", "*Point"),), "",
                     HERE, 9, True)
    whole = Bindings([new, *point.accessors, dist], classes=[point])
    assert c_covered(point, whole) and not needs_runtime(whole)
    source, _ = cpython_module("mypkg._native", whole, None, PYTHON_311)
    assert "goext_attach(module)" not in source and "runtime._attach" not in source
    # One member the C module leaves to the runtime (a map) and the runtime attaches.
    partial = _bindings()
    assert not c_covered(partial.classes[0], partial) and needs_runtime(partial)
