"""Exported struct classes as C heap types in a ``bindings = "cpython"`` module.

Every class of the package gets a type (``PyType_FromModuleAndSpec``, limited
API) deriving from the module's ``_GoObject`` base, which holds the Go handle
and releases it on deallocation (``templates/module_classes.c``). The type
defines the constructor, and the fields and methods whose types the C module
converts (as ``cpython_module`` converts function arguments, objects of these
classes included); the runtime's class of the same name derives from it and
adds the rest from the ctypes layer (``attach``). The module's
``__goext_classes__`` maps each name to its type, whose ``_go_c_members`` names
what the C defines and ``_go_complete`` says whether that is every member.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..goapi.exports import GET, METHOD, NEW, SET, GoClass, GoFunction
from ..runtime.contract import (
    C_CLASSES_ATTRIBUTE,
    HANDLE_RELEASE_SYMBOL,
    WRAPPER_PREFIX,
    canonical,
    object_class,
    object_slice,
    python_protocol,
)
from .cpython_support import c_string
from .template_files import render

# The accessors the C type gets as its fields (NEW makes the value: its tp_new).
_FIELD_ROLES = (GET, SET)


@dataclass(frozen=True)
class CClasses:
    """The package's classes, by Go name, as the C module knows them."""

    names: frozenset[str] = frozenset()

    def object_type(self, go_type: str) -> tuple[str, bool] | None:
        """(class, None allowed) of an object crossing by handle (``*T`` or ``T``)."""
        go_type = canonical(go_type)
        pointed = object_class(go_type)
        if pointed in self.names:
            return pointed, True
        return (go_type, False) if go_type in self.names else None

    def param_c(self, index: int, where: str, go_type: str) -> tuple[str, str] | None:
        """(declaration, conversion line) of an object argument ``a[index]``."""
        handle = self.object_type(go_type)
        if handle is None:
            return None
        cls, nullable = handle
        return (f"uintptr_t v{index} = 0;",
                f"\tif (goext_handle_arg(a[{index}], goext_type_{cls}, {int(nullable)}, "
                f"{where}, &v{index}) < 0) goto done;")

    def slice_param_c(self, index: int, where: str, go_type: str) -> str | None:
        """The conversion line of a slice-of-objects argument ``a[index]`` into the
        ``goext_arg v<index>`` of its handles."""
        cls = self.slice_type(go_type)
        if cls is None:
            return None
        nullable = object_slice(canonical(go_type))[1]  # type: ignore[index]
        return (f"\tif (goext_handles_arg(a[{index}], goext_type_{cls}, {int(nullable)}, "
                f"{where}, &v{index}) < 0) goto done;")

    def slice_type(self, go_type: str) -> str | None:
        """The class of a slice of objects (``[]*T``, ``[]T``): an array of handles."""
        items = object_slice(canonical(go_type))
        return items[0] if items is not None and items[0] in self.names else None

    def result_c(self, index: int, go_type: str) -> tuple[list[str], str] | None:
        """(record fields, C expression making the object) of an object result, or
        the list of a slice of objects."""
        handle = self.object_type(go_type)
        if handle is not None:
            return ([f"\tuintptr_t r{index};"],
                    f"goext_wrap(goext_class_{handle[0]}, out.r{index})")
        cls = self.slice_type(go_type)
        if cls is None:
            return None
        return ([f"\tvoid *r{index};", f"\tsize_t r{index}n;"],
                f"goext_wrap_all(goext_class_{cls}, out.r{index}, out.r{index}n)")


def c_id(function: GoFunction) -> str:
    """The C identifier part of a function: ``F``, ``T__M``, ``T__get_F``."""
    return function.symbol[len(WRAPPER_PREFIX):]


def members(go_class: GoClass) -> list[GoFunction]:
    """The accessors (without their ``self``: the C type's instance is the receiver)
    and methods, in the order the description lists them."""
    accessors = [replace(a, params=a.params[1:]) for a in go_class.accessors
                 if a.role in _FIELD_ROLES]
    return [*accessors, *go_class.methods]


def class_members(go_class: GoClass, converted: list[GoFunction]) -> list[GoFunction]:
    """The members of ``go_class`` the C module defines: fields whose getter and
    setter both convert, and methods that convert (``converted``: by symbol)."""
    symbols = {f.symbol for f in converted}
    fields = {a.name for a in go_class.accessors if a.role == GET and a.symbol in symbols}
    fields &= {a.name for a in go_class.accessors if a.role == SET and a.symbol in symbols}
    return [m for m in members(go_class) if m.symbol in symbols
            and (m.role == METHOD or m.name in fields)]


def _protocol(method: GoFunction) -> str | None:
    """The special method a C method also serves, by the runtime's rule (String() is
    str(), Len() is len())."""
    entry = {"name": method.python_name, "params": ["self", *method.params],
             "results": [canonical(r.type) for r in method.results], "error": False}
    return python_protocol(entry)


def _protocols_c(go_class: GoClass, methods: list[GoFunction]) -> tuple[list[str], list[str]]:
    """(C functions, type slots) of the special methods: repr, str, len, with."""
    name = go_class.name
    lines = [f"static PyObject *goext_repr_{name}(PyObject *self) {{",
             f"\treturn goext_object_repr(self, goext_fields_{name});", "}"]
    slots = [f"\t{{Py_tp_repr, goext_repr_{name}}},"]
    for method in methods:
        call = f"goext_py_{c_id(method)}(self, NULL, 0, NULL)"
        if _protocol(method) == "__str__":
            lines += [f"static PyObject *goext_str_{name}(PyObject *self) {{",
                      f"\treturn {call};", "}"]
            slots.append(f"\t{{Py_tp_str, goext_str_{name}}},")
        elif _protocol(method) == "__len__":
            lines += [f"static Py_ssize_t goext_len_{name}(PyObject *self) {{",
                      f"\treturn goext_object_len({call});", "}"]
            slots.append(f"\t{{Py_sq_length, goext_len_{name}}},")
    return lines, slots


def _context_manager(go_class: GoClass, methods: list[GoFunction]) -> list[str]:
    """The method table lines of ``with``, for a class whose Close() the C defines."""
    if not go_class.closer or not any(m.name == "Close" for m in methods):
        return []
    return ["\t{\"__enter__\", goext_object_enter, METH_NOARGS, NULL},",
            "\t{\"__exit__\", (PyCFunction)(void (*)(void))goext_object_exit, "
            "METH_FASTCALL, NULL},"]


def _new_c(go_class: GoClass) -> list[str]:
    new = next(a for a in go_class.accessors if a.role == NEW)
    name = go_class.name
    return [
        f"extern int {new.symbol}(void *);",
        f"static PyObject *goext_fields_{name};",
        f"static PyObject *goext_tp_new_{name}(PyTypeObject *type, PyObject *args, "
        "PyObject *kwargs) {",
        f"\treturn goext_object_new(type, {new.symbol}, \"{name}\");",
        "}",
        f"static int goext_tp_init_{name}(PyObject *self, PyObject *args, PyObject *kwargs) {{",
        f"\treturn goext_object_init(self, args, kwargs, goext_fields_{name});",
        "}",
    ]


def _python_fields(go_class: GoClass) -> dict[str, str]:
    """Each field's Python name (``name=`` or a rename) by its Go name."""
    return {field.name: go_class.field_name(index)
            for index, field in enumerate(go_class.fields)}


def _field_c(getter: GoFunction, setter: GoFunction, doc: str, python: str
             ) -> tuple[list[str], str]:
    """The getter and setter functions of one field (``python``: its name there),
    and its PyGetSetDef line."""
    get, set_ = c_id(getter), c_id(setter)
    lines = [
        f"static PyObject *goext_get_{get}(PyObject *self, void *closure) {{",
        f"\treturn goext_py_{get}(self, NULL, 0, NULL);",
        "}",
        f"static int goext_set_{set_}(PyObject *self, PyObject *value, void *closure) {{",
        "\tPyObject *done;",
        f"\tif (value == NULL) return goext_no_deleter(self, \"{python}\");",
        f"\tdone = goext_py_{set_}(self, &value, 1, NULL);",
        "\tif (done == NULL) return -1;",
        "\tPy_DECREF(done);",
        "\treturn 0;",
        "}",
    ]
    doc_c = c_string(doc) if doc else "NULL"
    return lines, (f"\t{{\"{python}\", goext_get_{get}, goext_set_{set_}, {doc_c}, NULL}},")


def class_c(go_class: GoClass, covered: list[GoFunction], module: str) -> str:
    """The C text of one class: constructor, fields, methods, its spec."""
    name = go_class.name
    lines = _new_c(go_class)
    getset: list[str] = []
    getters = {m.name: m for m in covered if m.role == GET}
    docs = dict(zip([field.name for field in go_class.fields], go_class.field_docs))
    python = _python_fields(go_class)
    for setter in (m for m in covered if m.role == SET):
        field_lines, entry = _field_c(getters[setter.name], setter, docs.get(setter.name, ""),
                                      python[setter.name])
        lines += field_lines
        getset.append(entry)
    methods = [m for m in covered if m.role == METHOD]
    protocols, slots = _protocols_c(go_class, methods)
    lines += [
        *protocols,
        f"static PyGetSetDef goext_getset_{name}[] = {{", *getset,
        "\t{NULL, NULL, NULL, NULL, NULL},", "};",
        f"static PyMethodDef goext_methods_{name}[] = {{",
        *(f"\t{{\"{m.python_name}\", (PyCFunction)(void (*)(void))goext_py_{c_id(m)}, "
          f"METH_FASTCALL | METH_KEYWORDS, {c_string(m.doc) if m.doc else 'NULL'}}},"
          for m in methods),
        *_context_manager(go_class, methods),
        "\t{NULL, NULL, 0, NULL},", "};",
        f"static PyType_Slot goext_slots_{name}[] = {{",
        f"\t{{Py_tp_new, goext_tp_new_{name}}},",
        f"\t{{Py_tp_init, goext_tp_init_{name}}},",
        f"\t{{Py_tp_getset, goext_getset_{name}}},",
        f"\t{{Py_tp_methods, goext_methods_{name}}},",
        *slots,
        *([f"\t{{Py_tp_doc, (void *){c_string(go_class.doc)}}},"] if go_class.doc else []),
        "\t{0, NULL},", "};",
        f"static PyType_Spec goext_spec_{name} = {{",
        f"\t\"{module}.{go_class.python or name}\", 0, 0, "
        f"Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, goext_slots_{name},",
        "};",
        "",
    ]
    return "\n".join(lines)


def declarations_c(classes: list[GoClass], module: str) -> str:
    """The shared C of classes and each class's type and result class, declared
    before the functions that convert objects."""
    lines = [render("module_classes.c", {"HANDLE_RELEASE_SYMBOL": HANDLE_RELEASE_SYMBOL,
                                         "BASE_NAME": f"{module}._GoObject"})]
    for go_class in classes:
        lines.append(f"static PyTypeObject *goext_type_{go_class.name}, "
                     f"*goext_class_{go_class.name};")
    return "\n".join(lines) + "\n"


def _make_class_c(go_class: GoClass, covered: list[GoFunction]) -> list[str]:
    name = go_class.name
    python = _python_fields(go_class)
    names = [m.python_name if m.role == METHOD else python[m.name] for m in covered]
    names = list(dict.fromkeys(names))
    fields = list(python.values())
    complete = len(covered) == len(members(go_class))
    listed = ", ".join(f"\"{n}\"" for n in names) or "NULL"
    field_list = ", ".join(f"\"{n}\"" for n in fields) or "NULL"
    return [
        "\t{",
        f"\t\tstatic const char *const covered[] = {{{listed}}};",
        f"\t\tstatic const char *const fields[] = {{{field_list}}};",
        f"\t\tif (goext_make_class(module, &goext_spec_{name}, classes, "
        f"\"{go_class.python or name}\", covered, "
        f"{len(names)}, {int(complete)}, fields, {len(fields)}, &goext_type_{name}, "
        f"&goext_class_{name}, &goext_fields_{name}) < 0) goto fail;",
        "\t}",
    ]


def exec_c(classes: list[GoClass], covered: dict[str, list[GoFunction]]) -> str:
    """``goext_make_classes`` (before attach) and ``goext_adopt_classes`` (after it:
    results become instances of the runtime's classes)."""
    lines = ["static int goext_make_classes(PyObject *module) {",
             "\tPyObject *classes = PyDict_New();",
             "\tif (classes == NULL) return -1;"]
    for go_class in classes:
        lines += _make_class_c(go_class, covered[go_class.name])
    lines += [
        f"\tif (PyModule_AddObject(module, \"{C_CLASSES_ATTRIBUTE}\", classes) < 0) goto fail;",
        "\treturn 0;",
        "fail:",
        "\tPy_DECREF(classes);",
        "\treturn -1;",
        "}",
        "",
        "static void goext_adopt_classes(PyObject *module) {",
        *(f"\tgoext_attached_class(module, goext_type_{c.name}, &goext_class_{c.name}, "
          f"\"{c.python or c.name}\");" for c in classes),  # as Python names it
        "}",
        "",
    ]
    return "\n".join(lines)


@dataclass(frozen=True)
class ClassModule:
    """What the classes add to the C module: the object conversions (``table``), the
    member functions to generate, the C before them and the C after them."""

    table: CClasses = CClasses()
    members: tuple[GoFunction, ...] = ()
    declarations: tuple[str, ...] = ()
    types: tuple[str, ...] = ()

    def exec_lines(self, attach: str) -> list[str]:
        """The body of the module's exec slot after ``goext_init``; ``attach`` is
        the C expression attaching the rest of the API (or ``0``)."""
        if not self.table.names:
            return [f"\treturn {attach};"]
        return ["\tif (goext_make_classes(module) < 0) return -1;",
                f"\tif ({attach} < 0) return -1;",
                "\tgoext_adopt_classes(module);",
                "\treturn 0;"]


def class_module(ext_name: str, classes: list[GoClass], converted: list[GoFunction]
                 ) -> ClassModule:
    """The C of ``classes`` in module ``ext_name``; ``converted``: the members (as
    ``members`` gives them) whose types the C module converts."""
    if not classes:
        return ClassModule()
    covered = {c.name: class_members(c, converted) for c in classes}
    return ClassModule(
        table=CClasses(frozenset(c.name for c in classes)),
        members=tuple(m for c in classes for m in covered[c.name]),
        declarations=(declarations_c(classes, ext_name),),
        types=(*(class_c(c, covered[c.name], ext_name) for c in classes),
               exec_c(classes, covered)),
    )
