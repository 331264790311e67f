"""Generating the limited-API C module of ``bindings = "cpython"``.

One ``PyCFunction`` (``METH_FASTCALL | METH_KEYWORDS``) per ``//python:export``
function converts its arguments with the C API, releases the GIL around the
call of the existing C-ABI wrapper ``goext_F`` (see ``go_glue``), and turns the
result record into Python objects or ``GoError``/``GoPanic``. ``PyInit_<leaf>``
makes the module (multi-phase init); when the API has more than these functions
(classes, constants, variables, composite types), its exec slot calls the
runtime's ``attach``, which adds them from the ctypes layer over the same
library. The C text is the preamble of a Go file without ``//export``
lines (cgo allows definitions there), added to the generated main package.
"""

from __future__ import annotations

from ..goapi.exports import FUNCTION, METHOD, GoFunction
from ..runtime.contract import (
    ERROR,
    WRAPPER_PREFIX,
    canonical,
    packed_kind,
    python_name,
)
from .cpython_callbacks import add_callback, callback_c, callbacks_c, takes_callbacks
from .cpython_classes import CClasses, ClassModule, c_id
from .cpython_support import attach_c, c_string, collections_c, description_c, support_c
from .go_glue import has_context
from .go_support import GENERATED_HEADER
from .template_files import render
from .type_families import kind_of
from .type_table import CParts, CScalar, CValue

MODULE_FILE = "zz_goext_module.go"

def _c_conversion(go_type: str) -> CValue:
    c = c_conversion_of(go_type)
    if c is None:
        raise ValueError(f"the C module has no conversion for Go type {go_type}")
    return c


class _Function:
    """The C text of one PyCFunction, built parameter by parameter."""

    def __init__(self, function: GoFunction, classes: CClasses) -> None:
        self.function = function
        self.name = function.name
        self.classes = classes
        self.declarations: list[str] = []
        self.converts: list[str] = []
        self.call_args: list[str] = []
        self.c_params: list[str] = []
        self.releases: list[str] = []
        self.definitions: list[str] = []  # before the function
        self.finish: list[str] = []  # after everything is released

    def param(self, index: int, name: str, go_type: str) -> None:
        where = c_string(f"{self.name}() argument {name!r}")
        value = f"v{index}"
        callback = callback_c(go_type)
        if callback is not None:
            add_callback(self, index, where, callback)
            return
        handle = self.classes.param_c(index, where, go_type)
        if handle is not None:  # an object of a class: its Go handle
            self.declarations.append(handle[0])
            self.converts.append(handle[1])
            self.c_params.append("uintptr_t")
            self.call_args.append(value)
            return
        handles = self.classes.slice_param_c(index, where, go_type)
        if handles is not None:  # a list of objects: the array of their handles
            self.declarations.append(f"goext_arg {value} = {{0}};")
            self.releases.append(f"\tgoext_release(&{value});")
            self.c_params += ["void *", "size_t"]
            self.call_args += [f"(void *){value}.p", f"(size_t){value}.n"]
            self.converts.append(handles)
            return
        scalar = _c_conversion(go_type)
        if isinstance(scalar, CParts):
            self.declarations.append(f"{scalar.record} {value};")
            self.c_params += [c_type for _, c_type in scalar.parts]
            self.call_args += [f"{value}.{part}" for part, _ in scalar.parts]
            call = scalar.convert.format(argument=f"a[{index}]", where=where, value=value)
            self.converts.append(f"\tif ({call} < 0) goto done;")
            return
        if isinstance(scalar, CScalar):
            self.c_params.append(scalar.c_type)
            self.call_args.append(f"({scalar.c_type}){value}")
            self.declarations.append(scalar.declaration(value))
            convert = scalar.convert(f"a[{index}]", where, go_type, value)
            self.converts.append(f"\tif ({convert} < 0) goto done;")
            return
        self.declarations.append(f"goext_arg {value} = {{0}};")
        self.releases.append(f"\tgoext_release(&{value});")
        self.c_params += ["void *", "size_t"]
        length = f"(size_t){value}.n"
        self.call_args += [f"(void *){value}.p",
                           f"{length} | {value}.go_copy" if scalar.go_copy else length]
        call = scalar.convert.format(argument=f"a[{index}]", where=where, value=value)
        self.converts.append(f"\tif ({call} < 0) goto done;")


def _result(index: int, go_type: str, classes: CClasses) -> tuple[list[str], str]:
    """(record fields, C expression making the Python object) of one result."""
    handle = classes.result_c(index, go_type)
    if handle is not None:
        return handle
    field = f"out.r{index}"
    conversion = _c_conversion(go_type)
    if isinstance(conversion, CScalar):
        return [f"\t{conversion.c_type} r{index};"], conversion.make(field)
    if isinstance(conversion, CParts):
        return ([f"\t{c_type} r{index}{part};" for part, c_type in conversion.parts],
                conversion.make.format(field=field))
    return ([f"\tvoid *r{index};", f"\tsize_t r{index}n;"],
            conversion.make.format(field=field))


def _results_code(values: list[str], makes: list[str]) -> list[str]:
    """Every result is converted (so every C buffer is freed) before any is dropped."""
    if not values:
        return ["\tresult = Py_None;", "\tPy_INCREF(result);"]
    if len(values) == 1:
        return [f"\tresult = {makes[0]};"]
    lines = [f"\tPyObject *r[{len(values)}];", "\tint failed = 0;", "\tPy_ssize_t i;"]
    lines += [f"\tr[{i}] = {make}; failed |= r[{i}] == NULL;" for i, make in enumerate(makes)]
    lines += [
        "\tif (failed) {",
        f"\t\tfor (i = 0; i < {len(values)}; i++) Py_XDECREF(r[i]);",
        "\t\tgoto done;",
        "\t}",
        f"\tresult = PyTuple_New({len(values)});",
        f"\tfor (i = 0; i < {len(values)}; i++) {{",
        "\t\tif (result == NULL) Py_DECREF(r[i]); else PyTuple_SetItem(result, i, r[i]);",
        "\t}",
    ]
    return lines


class _DirectCall:
    """The C lines calling ``goext_F`` in the calling thread, without the GIL
    (with it for ``gil=hold``)."""

    def __init__(self, builder: _Function, hold_gil: bool = False) -> None:
        args = ", ".join([*builder.call_args, "&out"])
        self.definitions: list[str] = []
        self.setup: list[str] = []
        self.call = _call_lines(f"status = {builder.function.symbol}({args});",
                                hold_gil)
        self.result = "result"


def _context_call(builder: _Function) -> _DirectCall:
    """The C lines of a call taking a context: the arguments are stored in a record
    that ``goext_call_with_context`` runs (in a thread of its own, Ctrl-C cancels)."""
    name = c_id(builder.function)
    fields = [f"\t{c_type} a{i};" for i, c_type in enumerate(builder.c_params)]
    args = ", ".join(["c->context", *(f"f->a{i}" for i in range(len(fields))), "f->out"])
    call = _DirectCall(builder)
    call.definitions = [
        f"typedef struct {{\n\tgoext_call call;\n{chr(10).join(fields)}\n"
        f"\tgoext_out_{name} *out;\n}} goext_ctx_{name};",
        f"static void goext_run_{name}(goext_call *c) {{",
        f"\tgoext_ctx_{name} *f = (goext_ctx_{name} *)c;",
        f"\tc->status = {builder.function.symbol}({args});",
        "}",
    ]
    call.setup = [f"\tgoext_ctx_{name} call;", "\tmemset(&call, 0, sizeof call);"]
    call.call = [f"\tcall.call.run = goext_run_{name};",
                 *(f"\tcall.a{i} = {arg};" for i, arg in enumerate(builder.call_args)),
                 "\tcall.out = &out;",
                 "\tgoext_call_with_context(&call.call);",
                 "\tstatus = call.call.status;"]
    call.result = "goext_interrupted(&call.call, result)"
    return call


def function_c(function: GoFunction, classes: CClasses | None = None) -> str:
    """The result record, ``goext_F``'s declaration and the PyCFunction of one function;
    of a method or field accessor, the receiver is the PyCFunction's ``self``."""
    builder = _Function(function, classes or CClasses())
    if function.role != FUNCTION:
        builder.c_params.append("uintptr_t")
        builder.call_args.append("((goext_object *)self)->handle")
    context = has_context(function)
    params = function.params[1:] if context else function.params
    names = [python_name(param.name, index + int(context)) for index, param in enumerate(params)]
    for index, (name, param) in enumerate(zip(names, params)):
        builder.param(index, name, canonical(param.type))
    results = [canonical(result.type) for result in function.results]
    values = results[:-1] if results and results[-1] == ERROR else results
    fields: list[str] = ["\tgoext_head head;"]
    makes: list[str] = []
    for index, go_type in enumerate(values):
        record_fields, make = _result(index, go_type, builder.classes)
        fields += record_fields
        makes.append(make)
    name, label = c_id(function), function.name
    # After a fork, errors name a member as Python does: Shelf.Count().
    forked = label if function.role == FUNCTION else f"{function.owner}.{label}"
    c_params = (["unsigned long long"] if context else []) + builder.c_params + ["void *"]
    fixed = names[:-1] if function.variadic else names  # parsed; the rest is the slice
    name_list = ", ".join(c_string(n) for n in fixed) or "NULL"
    arguments, parse, release = _arguments(function, name, len(fixed), bool(names))
    call = _context_call(builder) if context else _DirectCall(builder, function.hold_gil)
    lines = [
        f"typedef struct {{\n{chr(10).join(fields)}\n}} goext_out_{name};",
        f"extern int {WRAPPER_PREFIX}{name}({', '.join(c_params)});",
        *call.definitions,
        *builder.definitions,
        f"static const char *const goext_names_{name}[] = {{{name_list}}};",
        f"static PyObject *goext_py_{name}(PyObject *self, PyObject *const *args, "
        "Py_ssize_t nargs, PyObject *kwnames) {",
        *arguments,
        f"\tPyObject *parsed[{max(len(names), 1)}];",
        "\tPyObject *result = NULL;",
        f"\tgoext_out_{name} out;",
        "\tint status;",
        *(f"\t{declaration}" for declaration in builder.declarations),
        f"\tif (goext_forked) return goext_fork_error(\"{forked}\");",
        *call.setup,
        *parse,
        *builder.converts,
        _clear_record(values),
        *call.call,
        *builder.releases,
        f"\tif (status != 0) {{ goext_fail(status, &out.head, \"{label}\"); goto done; }}",
        *_results_code(values, makes),
        "done:",
        *builder.releases,
        *release,
        *builder.finish,
        f"\treturn {call.result};",
        "}",
        "",
    ]
    return "\n".join(lines)


def _parse_lines(function: GoFunction, name: str, count: int) -> list[str]:
    """Only keywords or a wrong count need the parser: the common call skips it."""
    # A method's argument errors are Python's for a method: Shelf.Add(), self counted.
    parse = (f"goext_parse_method(\"{function.owner}.{function.python_name}\""
             if function.role == METHOD else f"goext_parse(\"{function.name}\"")
    return [f"\tif (kwnames != NULL || nargs != {count}) {{",
            f"\t\tif ({parse}, goext_names_{name}, {count}, args, nargs, kwnames, "
            "parsed) < 0) return NULL;",
            *(["\t\ta = parsed;"] if count else []),
            "\t}"]


def _arguments(function: GoFunction, name: str, count: int, any_param: bool
               ) -> tuple[list[str], list[str], list[str]]:
    """The declaration of the arguments ``a``, the lines parsing them, and what
    to release after the call: ``F(a, *xs)`` parses its ``count`` fixed
    parameters, and the other positional arguments become the tuple ``rest``,
    converted as the variadic parameter's slice (``a[count]``)."""
    if not function.variadic:
        declaration = ["\tPyObject *const *a = args;"] if any_param else []
        return declaration, _parse_lines(function, name, count), []
    label = f"{function.owner}.{function.python_name}" if function.role == METHOD \
        else function.name
    return (["\tPyObject *rest = NULL, **a;"],
            [f"\tif (goext_parse_variadic(\"{label}\", goext_names_{name}, {count}, args, "
             "nargs, kwnames, parsed, &rest) < 0) return NULL;",
             f"\tparsed[{count}] = rest;",
             "\ta = parsed;"],
            ["\tPy_XDECREF(rest);"])


def _clear_record(values: list[str]) -> str:
    """Zeroing the result record before the call. Go sets every result on success
    and frees a result's C memory after a panic (so such a field must start NULL);
    with scalar results alone, only the head is read after a failure."""
    if all(isinstance(c_conversion_of(go_type), CScalar) for go_type in values):
        return "\tmemset(&out.head, 0, sizeof out.head);"
    return "\tmemset(&out, 0, sizeof out);"


def _call_lines(call: str, hold_gil: bool) -> list[str]:
    """The call into Go, with the GIL released around it unless ``gil=hold``."""
    if hold_gil:
        return [f"\t{call}"]
    return ["\tPy_BEGIN_ALLOW_THREADS", f"\t{call}", "\tPy_END_ALLOW_THREADS"]


def _method_entry(function: GoFunction) -> str:
    doc = c_string(function.doc) if function.doc else "NULL"
    return (f"\t{{\"{function.python_name}\", "
            f"(PyCFunction)(void (*)(void))goext_py_{function.name}, "
            f"METH_FASTCALL | METH_KEYWORDS, {doc}}},")


def _conversions_c(functions: list[GoFunction]) -> list[str]:
    """The fixed C of callbacks and packed values, when some function has them."""
    parts = [callbacks_c()] if any(map(takes_callbacks, functions)) else []
    types = {canonical(v.type) for f in functions for v in (*f.params, *f.results)}
    if any(map(packed_kind, types)):
        parts.append(collections_c())
    templates = {c.template for c in map(c_conversion_of, types) if isinstance(c, CParts)}
    return parts + ["\n" + render(name, {}) for name in sorted(templates)]


def c_conversion_of(go_type: str) -> CValue | None:
    """The C conversion of a canonical type, or None (the runtime converts it)."""
    kind = kind_of(go_type)
    return kind.c_of(go_type) if kind is not None else None


def module_c(ext_name: str, functions: list[GoFunction], attach: bool = False,
             classes: ClassModule | None = None, identifier: str = "") -> str:
    """The whole C text of the extension module ``ext_name``; with ``attach`` its
    exec slot also adds the rest of the API from the runtime (``ATTACH_MODULE``).
    ``identifier``: the library id its API description names (``plan.library_id``)."""
    leaf = ext_name.rpartition(".")[2]
    classes = classes or ClassModule()
    return "\n".join([
        support_c(ext_name),
        description_c(identifier),
        attach_c() if attach else "",
        *_conversions_c([*classes.members, *functions]),
        *classes.declarations,
        *(function_c(function, classes.table) for function in
          [*classes.members, *functions]),
        *classes.types,
        "static PyMethodDef goext_methods[] = {",
        *(_method_entry(function) for function in functions),
        "\t{NULL, NULL, 0, NULL},",
        "};",
        "",
        # Multi-phase init: the exec slot runs once __file__ is set, which the
        # runtime needs to find the API description beside the library.
        "static int goext_exec(PyObject *module) {",
        # The description first: read while Go runs its package inits, which
        # goext_init waits for.
        f"\tif (goext_check_description(module, {int(attach)}) < 0 || goext_init() < 0) "
        "return -1;",
        *classes.exec_lines("goext_attach(module)" if attach else "0"),
        "}",
        "",
        "static PyModuleDef_Slot goext_slots[] = {",
        "\t{Py_mod_exec, (void *)goext_exec},",
        "\t{0, NULL},",
        "};",
        "",
        "static struct PyModuleDef goext_module = {",
        f"\tPyModuleDef_HEAD_INIT, {c_string(ext_name)}, NULL, 0, goext_methods,",
        "\tgoext_slots, NULL, NULL, NULL,",
        "};",
        "",
        f"PyMODINIT_FUNC PyInit_{leaf}(void) {{",
        "\treturn PyModuleDef_Init(&goext_module);",
        "}",
    ])


def module_source(ext_name: str, functions: list[GoFunction], attach: bool = False,
                  classes: ClassModule | None = None, identifier: str = "") -> str:
    """A Go file of the generated main package whose cgo preamble is the C module."""
    c_text = module_c(ext_name, functions, attach, classes, identifier)
    if "*/" in c_text:  # a doc comment could end the Go comment holding the C text
        c_text = c_text.replace("*/", "*\\057")
    return GENERATED_HEADER + f"package main\n\n/*\n{c_text}\n*/\nimport \"C\"\n"
