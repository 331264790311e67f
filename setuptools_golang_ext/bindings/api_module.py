"""The generated ``<leaf>_api.py``: the library's functions with signatures a type checker sees.

At run time the module only re-exports the functions ``load()`` configured
(no extra Python call layer); under ``TYPE_CHECKING`` it declares each one
with annotations and the Go doc comment.
"""

from __future__ import annotations

import keyword
import re
import textwrap
from collections.abc import Sequence
from typing import Any

from .._install_file import GENERATED_MARKER
from ..config.binding_mode import BindingMode
from ..runtime.contract import (
    ASYNC_KEY,
    BINDINGS_KEY,
    FUNC_TYPES_KEY,
    INTERFACES_KEY,
    MUTATES_KEY,
    NAMED_TYPES_KEY,
    PROXY_KEY,
    PYTHON_NAME_KEY,
    TYPED_SLICE_PREFIX,
    WRITTEN_KEY,
    keeps_receiver_result,
    object_class,
    python_protocol,
)
from .api_imports import (
    ALIAS_PREFIX,
    IMPORTED,
    ImportNames,
    merged_imports,
    renamed_class,
    renamed_description,
    taken_names,
    type_renamer,
)
from .api_interfaces import stored_annotation, with_interface_types
from .type_families import python_type
from .type_table import STREAM_ITERATOR

_C_ANNOTATIONS = {
    "c_float": "float",
    "c_double": "float",
    "c_bool": "bool",
    "c_char": "bytes",
    "c_char_p": "bytes | None",
    "c_void_p": "int | None",
    "GoString": "str | bytes",
    "GoSlice": "Any",
}


def _c_annotation(type_name: str | None, *, result: bool) -> str:
    if type_name is None:
        return "None"
    if type_name.startswith(TYPED_SLICE_PREFIX) and not result:
        element = type_name.partition(":")[2]
        return python_type("[]" + element, result=False)
    if type_name == "GoString" and result:
        return "str"
    if type_name in _C_ANNOTATIONS:
        return _C_ANNOTATIONS[type_name]
    return "int" if type_name.startswith("c_") else "Any"


def _signature(entry: dict[str, Any], names: ImportNames) -> tuple[list[str], str]:
    params, result = _annotated(entry)
    return [_spelled_param(param, names) for param in params], names.spell(result)


def _spelled_param(param: str, names: ImportNames) -> str:
    name, colon, annotation = param.partition(": ")
    return f"{name}{colon}{names.spell(annotation)}"


def _changeable(go_type: str, alias: str | None) -> str:
    """``IntVector | array.array[int] | list[int]``: what a parameter Go writes to takes."""
    value = python_type(go_type, result=True)
    item = _array_item(value)
    parts = [alias.split(" | ")[0]] if alias else []
    return " | ".join([*parts, value, *([f"list[{item}]"] if item else [])])


def _annotated(entry: dict[str, Any]) -> tuple[list[str], str]:
    if entry["layer"] == 1:
        params = [f"{name}: {_c_annotation(t, result=False)}" for name, t in entry["params"]]
        result = _c_annotation(entry["result"], result=True)
        return params, "tuple[Any, ...]" if entry["tuple"] else result
    aliases = entry.get("aliases") or {"params": {}, "results": []}
    named = aliases["params"]  # a named type marked //python:export: its Python name
    params = [name if name == "self" else
              f"{name}: {named.get(name) or python_type(t, result=False)}"
              for name, t in entry["params"]]
    if entry.get("variadic"):  # *items: str, each item as the slice's element
        name, go_type = entry["params"][-1]
        params[-1] = f"*{name}: {python_type(go_type[len('[]'):], result=True)}"
    if WRITTEN_KEY in entry:  # Go writes to it: a list, dict or array Python can change
        name, go_type = entry["params"][entry[WRITTEN_KEY]]
        params[entry[WRITTEN_KEY]] = f"{name}: {_changeable(go_type, named.get(name))}"
    results = [alias or python_type(t, result=True) for t, alias
               in zip(entry["results"], aliases["results"] or [""] * len(entry["results"]))]
    if entry.get(MUTATES_KEY) and not keeps_receiver_result(
            entry["params"][entry.get(WRITTEN_KEY, 0)][1]):
        results = results[1:]  # the receiver's new value goes back into self
    if len(results) == 1:
        return params, results[0]
    return params, f"tuple[{', '.join(results)}]" if results else "None"


# Generated lines stay within black's default, so the file passes common linters.
_LINE_LIMIT = 88


def _declaration(entry: dict[str, Any], names: ImportNames, indent: str = "    "
                 ) -> list[str]:
    params, result = _signature(entry, names)
    define = "async def" if entry.get(ASYNC_KEY) else "def"  # a coroutine function
    line = f"{indent}{define} {entry['name']}({', '.join(params)}) -> {result}:"
    if len(line) <= _LINE_LIMIT:
        lines = [line + _noqa(params)]
    else:  # one parameter per line, as black formats it
        lines = [f"{indent}{define} {entry['name']}(",
                 *(f"{indent}    {p},{_noqa([p])}" for p in params)]
        closing = f"{indent}) -> {result}:"
        if len(closing) <= _LINE_LIMIT or not result.startswith("tuple["):
            lines.append(closing)
        else:
            items = result[len("tuple["):-1].split(", ")
            lines += [f"{indent}) -> tuple[", *(f"{indent}    {item}," for item in items),
                      f"{indent}]:"]
    return lines + _docstring(entry["doc"], indent + "    ", "...")


def _docstring(text: str, indent: str, empty: str | None) -> list[str]:
    """A docstring at ``indent`` (``empty`` on its own line when there is none)."""
    doc = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if not doc:
        return [] if empty is None else [indent + empty]
    doc_lines = [wrapped for line in doc.split("\n")
                 for wrapped in _wrap(line, len(indent))]
    doc_lines[0] = '"""' + doc_lines[0]
    doc_lines[-1] += '"""'
    return [f"{indent}{line}".rstrip() for line in doc_lines]


def _class_declaration(name: str, entry: dict[str, Any], names: ImportNames,
                       interfaces: Sequence[str] = ()) -> list[str]:
    """A class: its fields as attributes, a constructor taking them (positional in
    field order, or by name), its methods; a subclass of the ``interfaces`` its Go
    type implements (at run time a virtual one), so a type checker sees them too."""
    bases = f"({', '.join(interfaces)})" if interfaces else ""
    lines = [f"    class {name}{bases}:", *_docstring(entry["doc"], "        ", None)]
    fields = [(f["name"], names.spell(stored_annotation(f, result=True)),
               names.spell(stored_annotation(f, result=False))) for f in entry["fields"]]
    for (field, annotation, _), doc in zip(fields, (f.get("doc", "") for f in entry["fields"])):
        lines += [f"        {field}: {annotation}", *_docstring(doc, "        ", None)]
    keywords = [f"{field}: {accepted} = ..." for field, _, accepted in fields]
    lines += _declaration({"name": "__init__", "layer": 2, "doc": "",
                           "params": [["self", ""]], "results": []}, names, "        ")
    if keywords:
        lines[-2] = lines[-2].replace("(self)", f"(self, {', '.join(keywords)})")
        if len(lines[-2]) > _LINE_LIMIT:
            lines[-2:-1] = ["        def __init__(", "            self,",
                            *(f"            {k}," for k in keywords), "        ) -> None:"]
    lines += _method_lines(entry["methods"], names)
    if entry.get("closer"):
        lines += [f"        def __enter__(self) -> {name}: ...",
                  "        def __exit__(self, *exc_info: object) -> None: ..."]
    return [*lines, ""]


def _method_lines(methods: list[dict[str, Any]], names: ImportNames) -> list[str]:
    """A class body's methods, and the protocols they serve (``__str__``)."""
    lines: list[str] = []
    for method in methods:
        lines += _declaration(method, names, "        ")
        special = python_protocol(method)
        if special is not None:
            result = names.spell(python_type(method["results"][0], result=True))
            lines.append(f"        def {special}(self) -> {result}: ...")
    return lines


_SHADOW = ALIAS_PREFIX  # module-level alias of a class that a field name hides
# The base of sentinel error classes, under a name no Go declaration can take.
_GO_ERROR = "_GoError"


def _unshadowed(entry: dict[str, Any], classes: set[str]) -> tuple[dict[str, Any], set[str]]:
    """In a class body a field ``Base`` (an embedded ``Base``) hides the class
    ``Base`` (or a named type ``Level``) from annotations: name such classes and
    types by a module-level alias."""
    hidden = {f["name"] for f in entry["fields"]} & classes
    pattern = type_renamer(hidden)
    if pattern is None:
        return entry, set()
    return renamed_class(entry, pattern), hidden


def _annotations(entry: dict[str, Any]) -> list[str]:
    params, result = _annotated(entry)
    return [result, *(param.partition(": ")[2] for param in params)]


def _noqa(params: list[str]) -> str:
    """Go parameters may be named l, O or I, which pycodestyle finds ambiguous."""
    ambiguous = any(param.partition(":")[0] in ("l", "O", "I") for param in params)
    return "  # noqa: E741" if ambiguous else ""


def _wrap(text: str, margin: int = 8) -> list[str]:
    """A doc comment line too long for the file, split at spaces (indentation kept)."""
    width = _LINE_LIMIT - margin - 2 * len('"""')
    if len(text) <= width:
        return [text]
    indent = text[: len(text) - len(text.lstrip())]
    return textwrap.wrap(text, width, initial_indent="", subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [text]


def export_order(name: str) -> tuple[int, list[tuple[int, int | str]]]:
    """Ruff's order for ``__all__`` (RUF022): CONSTANTS, then Classes, then the
    rest, each in natural order (``F2`` before ``F10``)."""
    if name.isupper() and len(name) > 1:
        group = 0
    elif name[:1].isupper():
        group = 1
    else:
        group = 2
    parts = re.split(r"(\d+)", name)
    return group, [(1, int(p)) if p.isdigit() else (0, p) for p in parts if p]


def _all_lines(names: list[str]) -> list[str]:
    ordered = sorted(names, key=export_order)
    line = f"__all__ = {ordered!r}".replace("'", '"')
    if len(line) <= _LINE_LIMIT:
        return [line]
    return ["__all__ = [", *(f'    "{name}",' for name in ordered), "]"]


def _constant_lines(constants: list[dict[str, Any]], names: ImportNames) -> list[str]:
    lines: list[str] = []
    for constant in constants:
        annotation = names.spell(f"Final[{python_type(constant['type'], result=True)}]")
        line = f"    {constant['name']}: {annotation} = {constant['value']!r}"
        lines.append(line + ("  # noqa: E501" if len(line) > _LINE_LIMIT else ""))
        lines += _docstring(constant["doc"], "    ", None)
    return lines + ([""] if constants else [])


def _named_type_lines(named_types: list[dict[str, Any]], names: ImportNames) -> list[str]:
    lines: list[str] = []
    for named in named_types:
        if not named.get("methods"):  # a type alias: values are plain built-in objects
            lines.append(f"    {named['name']} = "
                         f"{names.spell(python_type(named['type'], result=True))}")
            lines += _docstring(named["doc"], "    ", None)
            continue
        if lines and lines[-1]:
            lines.append("")
        base = names.spell(python_type(named["type"], result=True))
        if base == "bool":  # bool cannot be subclassed: the runtime's class is an int
            base = "int"
        lines += [f"    class {named['name']}({base}):",
                  *_docstring(named["doc"], "        ", None), *_array_new_line(named, names)]
        lines += [*_method_lines(named["methods"], names), ""]
    return lines + ([""] if named_types and lines[-1] else [])


def _array_new_line(named: dict[str, Any], names: ImportNames) -> list[str]:
    """A class over ``array.array`` is made from its items alone (``IntVector([1, 2])``),
    a named bool's from any value's truth (``Enabled(True)``)."""
    if named["type"] == "bool":
        return [f"        def __new__(cls, value: object = ..., /) -> {named['name']}: ..."]
    item = _array_item(python_type(named["type"], result=True))
    if item is None:
        return []
    iterable = names.spelled("Iterable")
    return [f"        def __new__(cls, items: {iterable}[{item}] = ..., /) -> "
            f"{named['name']}: ..."]


def _array_item(annotation: str) -> str | None:
    """``int`` of ``array.array[int]``; None for any other annotation."""
    if annotation.startswith("array.array[") and annotation.endswith("]"):
        return annotation[len("array.array["):-1]
    return None


def _func_type_lines(func_types: list[dict[str, Any]], names: ImportNames) -> list[str]:
    """A named func type is a Callable alias (Go's funcs come back as it, None for nil)."""
    lines = [f"    {t['name']} = "
             f"{names.spell(python_type(t['type'], result=True)).removesuffix(' | None')}"
             for t in func_types]
    return lines + ([""] if lines else [])


def _interface_lines(interfaces: list[dict[str, Any]], classes: dict[str, Any],
                     names: ImportNames) -> list[str]:
    """An interface is a class for isinstance(); the runtime registers its implementers
    (their Go types implement it), which a type checker does not see. It declares the
    interface's methods that bind (its proxy class's)."""
    lines: list[str] = []
    for interface in interfaces:
        methods = classes.get(interface.get(PROXY_KEY, ""), {}).get("methods", [])
        lines += [f"    class {interface['name']}:",
                  *_docstring(interface["doc"], "        ", None if methods else "pass"),
                  *_method_lines(methods, names), ""]
    return lines


def _widened(entry: dict[str, Any], classes: dict[str, str]) -> dict[str, Any]:
    """A parameter of a named type that is a class (``class Level(int)``) takes any
    value of its built-in type too: annotated ``Level | int``."""
    aliases = entry.get("aliases")
    if not aliases or not any(a in classes for a in aliases["params"].values()):
        return entry
    params = {name: f"{a} | {classes[a]}" if a in classes else a
              for name, a in aliases["params"].items()}
    return {**entry, "aliases": {**aliases, "params": params}}


def _with_widened_params(description: dict[str, Any]) -> dict[str, Any]:
    named_types = description.get(NAMED_TYPES_KEY) or []
    classes = {t["name"]: python_type(t["type"], result=False)
               for t in named_types if t.get("methods")}
    if not classes:
        return description
    return {
        **description,
        "functions": [_widened(e, classes) for e in description["functions"]],
        "classes": {name: {**c, "methods": [_widened(m, classes) for m in c["methods"]]}
                    for name, c in (description.get("classes") or {}).items()},
        NAMED_TYPES_KEY: [{**t, "methods": [_widened(m, classes) for m in t["methods"]]}
                          if t.get("methods") else t for t in named_types],
    }


def _error_lines(errors: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for error in errors:  # sentinel errors: exception classes
        lines += [f"    class {error['name']}({_GO_ERROR}):",
                  *_docstring(error["doc"], "        ", "..."), ""]
    return lines


def _variable_lines(variables: list[dict[str, Any]], names: ImportNames) -> list[str]:
    if not variables:
        return []
    lines = ["    class _Variables:"]  # read and set in Go through lib.variables
    for variable in variables:
        lines.append(f"        {variable['name']}: "
                     f"{names.spell(stored_annotation(variable, result=True))}")
        lines += _docstring(variable["doc"], "        ", None)
    return [*lines, "", "    variables: _Variables", ""]


def _class_lines(classes: dict[str, Any], named_names: set[str], names: ImportNames,
                 renamed: set[str], interfaces: Sequence[dict[str, Any]] = ()
                 ) -> tuple[list[str], list[str]]:
    """The class declarations, and the annotations they use; ``renamed``: the classes
    and named types annotations name by alias."""
    lines: list[str] = []
    annotations: list[str] = []
    shadowed = set(renamed)
    for name, class_entry in classes.items():
        class_entry, hidden = _unshadowed(class_entry, set(classes) | named_names)
        shadowed |= hidden
        implemented = [i["name"] for i in interfaces if name in i["classes"]]
        lines += _class_declaration(class_entry.get(PYTHON_NAME_KEY) or name, class_entry,
                                    names, implemented)
        for method in class_entry["methods"]:
            annotations += _annotations(method)
        annotations += [python_type(f["type"], result=False) for f in class_entry["fields"]]
    python = _python_names({"classes": classes})
    lines += [f"    {_SHADOW}{name} = {python.get(name, name)}" for name in sorted(shadowed)]
    return lines + ([""] if shadowed else []), annotations


def _python_names(description: dict[str, Any]) -> dict[str, str]:
    """The Python names of the classes that have one of their own, by Go name."""
    return {name: entry[PYTHON_NAME_KEY]
            for name, entry in (description.get("classes") or {}).items()
            if entry.get(PYTHON_NAME_KEY)}


def _runtime_imports(annotations: list[str], errors: list[dict[str, Any]]) -> list[str]:
    """The import lines of the runtime's classes the declarations use."""
    names = [f"GoError as {_GO_ERROR}"] if errors else []
    if any(STREAM_ITERATOR + "[" in text for text in annotations):
        names.append(STREAM_ITERATOR)
    return merged_imports([f"from setuptools_golang_ext.runtime import {name}"
                           for name in names])


def _module_head(ext_name: str, names: list[str], imports: list[str],
                 spelling: ImportNames, doc: str = "") -> list[str]:
    """``doc``: the Go package's doc comment, after the module docstring's first line."""
    heading = f"Typed access to the Go library {ext_name!r}."
    lines = [
        f"# {GENERATED_MARKER}: rebuilt with the library; do not edit.",
        *_docstring(f"{heading}\n\n{doc}" if doc else heading, "", None),
        "",
        "from __future__ import annotations",
        "",
        spelling.type_checking_import(),
        "",
        *_all_lines(names),
        "",
        f"if {spelling.spelled('TYPE_CHECKING')}:",
    ]
    return lines + ([f"    {imp}".rstrip() for imp in imports] + [""] if imports else [])


def api_module_source(ext_name: str, description: dict[str, Any]) -> str:
    description = with_interface_types(_with_widened_params(description))
    spelling = ImportNames(taken_names(description))
    named_types = description.get(NAMED_TYPES_KEY) or []
    # A class or named type named like an import is named by its alias in annotations.
    declared = {t["name"] for t in named_types} | set(description.get("classes") or {})
    # A class with a Python name of its own is named by its Go name's alias too.
    renamed = set(IMPORTED & declared) | set(_python_names(description))
    described = renamed_description(description, renamed)
    named_types = described.get(NAMED_TYPES_KEY) or []
    # A C export named like a Python keyword stays reachable only as getattr(library, name).
    entries = [e for e in described["functions"] if not keyword.iskeyword(e["name"])]
    constants = described.get("constants", [])
    errors = described.get("errors") or []
    variables = described.get("variables") or []
    classes = described.get("classes") or {}
    interfaces = described.get(INTERFACES_KEY) or []
    class_lines, annotations = _class_lines(classes, {t["name"] for t in named_types},
                                            spelling, renamed, interfaces)
    annotations += [python_type(v["type"], result=True) for v in variables]
    annotations += [a for t in named_types for m in t.get("methods", ()) for a in _annotations(m)]
    annotations += [python_type(t["type"], result=True) for t in named_types]  # array.array
    annotations += [f"Iterable[{t['name']}]" for t in named_types if t.get("methods")
                    and _array_item(python_type(t["type"], result=True))]  # their __new__
    func_types = described.get(FUNC_TYPES_KEY) or []
    annotations += [python_type(t["type"], result=True) for t in func_types]
    # A named slice or map of a class (`Cells = list[Cell]`) comes after the classes.
    of_classes = [t for t in named_types if object_class(t["type"].rpartition("]")[2])
                  or t["type"].rpartition("]")[2].removeprefix(ALIAS_PREFIX) in classes]
    declarations = [*_constant_lines(constants, spelling),
                    *_named_type_lines([t for t in named_types if t not in of_classes],
                                       spelling), *_interface_lines(interfaces, classes, spelling),
                    *_func_type_lines(func_types, spelling),
                    *_error_lines(errors), *_variable_lines(variables, spelling),
                    *class_lines, *_named_type_lines(of_classes, spelling)]
    for entry in entries:
        declarations += [*_declaration(entry, spelling), ""]
        annotations += _annotations(entry)
    imports = merged_imports(spelling.imports(annotations, ("Final",) if constants else ()))
    runtime = _runtime_imports(annotations, errors)
    if runtime:  # a third-party import: its own section after the standard library's
        imports += ["", *runtime] if imports else runtime
    names = [c["name"] for c in constants] + [t["name"] for t in named_types]
    names += [c.get(PYTHON_NAME_KEY) or name for name, c in classes.items()]
    names += [i["name"] for i in interfaces] + [e["name"] for e in entries]
    names += [t["name"] for t in func_types]
    names += [error["name"] for error in errors]
    names += ["variables"] if variables else []
    lines = _module_head(ext_name, names, imports, spelling, description.get("doc", ""))
    lines += declarations or ["    pass"]
    lines += ["else:", *_runtime_lines(ext_name, description)]
    return "\n".join(lines) + "\n"


def _runtime_lines(ext_name: str, description: dict[str, Any]) -> list[str]:
    """How the module gets its functions at run time: from the extension module
    itself (bindings = "cpython"), or from the library ``load()`` types."""
    if BindingMode(description.get(BINDINGS_KEY, BindingMode.CTYPES)).imported_as_module:
        return [
            "    from importlib import import_module as _import_module",
            "",
            f"    _module = _import_module({ext_name!r})",
            "    globals().update({_name: getattr(_module, _name) for _name in __all__})",
        ]
    return [
        "    from setuptools_golang_ext.runtime import load as _load",
        "",
        f"    _load({ext_name!r}).export_to(globals(), __all__)",
    ]
