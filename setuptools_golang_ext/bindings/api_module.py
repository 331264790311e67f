"""The generated ``<leaf>_api.py``: the library's functions with signatures a type checker sees.

At run time the module only re-exports the functions ``load()`` configured
(no extra Python call layer); under ``TYPE_CHECKING`` it declares each one
with annotations and the Go doc comment.
"""

from __future__ import annotations

import keyword
import re
import textwrap
from typing import Any

from .._install_file import GENERATED_MARKER
from ..config.binding_mode import BindingMode
from ..runtime.contract import (
    ASYNC_KEY,
    BINDINGS_KEY,
    NAMED_TYPES_KEY,
    TYPED_SLICE_PREFIX,
    builtin_name,
    callback_types,
    canonical,
    interface_name,
    is_json,
    json_parts,
    map_types,
    object_class,
    object_map,
    object_slice,
    python_protocol,
    value_class,
)
from .type_table import STREAM_ITERATOR, type_kind

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


def python_type(go_type: str, *, result: bool) -> str:
    """The annotation a type checker sees for a parameter or result of ``go_type``."""
    go_type = canonical(go_type)
    kind = type_kind(go_type)
    if kind is not None:
        return kind.annotation_of(result=result)
    if is_json(go_type):
        return _json_type(go_type, result=result)
    cls = object_class(go_type)
    if cls is not None:
        return f"{cls} | None"
    callback = callback_types(go_type)
    if callback is not None:  # Python receives what Go passes, and answers
        params = ", ".join(python_type(t, result=True) for t in callback[0])
        values = [python_type(t, result=False) for t in callback[1] if t != "error"]
        return f"Callable[[{params}], {values[0] if values else 'object'}]"
    if interface_name(go_type) is not None:  # an object of any class, or a GoValue
        return "Any"
    mapped = object_map(go_type)
    if mapped is not None:
        key, cls, by_pointer = mapped
        item = f"{cls} | None" if by_pointer else cls
        # Mapping for parameters: a dict[str, Book] is one, though not a dict[str, Book | None].
        return f"{'dict' if result else 'Mapping'}[{python_type(key, result=True)}, {item}]"
    objects = object_slice(go_type)
    if objects is not None:
        item = f"{objects[0]} | None" if objects[1] else objects[0]
        return f"list[{item}]" if result else f"list[{item}] | tuple[{item}, ...]"
    return value_class(go_type) or "None"  # a struct by value is its class


def _json_type(go_type: str, *, result: bool) -> str:
    """The annotation of a value that crosses as JSON: lists, dicts and Optionals
    all the way down (inner number slices are lists too)."""
    parts = json_parts(go_type)
    if parts is None:
        return python_type(go_type, result=True)
    kind, element = parts
    item = _json_type(element, result=True)
    if kind == "map":
        key = map_types(go_type)[0]  # type: ignore[index]
        return f"dict[{python_type(key, result=True)}, {item}]"
    if kind == "pointer":
        return f"{item} | None"
    return f"list[{item}]" if result else f"list[{item}] | tuple[{item}, ...]"


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


def _signature(entry: dict[str, Any]) -> tuple[list[str], str]:
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
    results = [alias or python_type(t, result=True) for t, alias
               in zip(entry["results"], aliases["results"] or [""] * len(entry["results"]))]
    if len(results) == 1:
        return params, results[0]
    return params, f"tuple[{', '.join(results)}]" if results else "None"


# Generated lines stay within black's default, so the file passes common linters.
_LINE_LIMIT = 88
_TYPING_IMPORTS = {  # name used in an annotation -> the import that provides it
    r"\barray\.": "import array",
    r"\bdatetime\.": "import datetime",
    r"\bCallable\[": "from collections.abc import Callable",
    r"\bSequence\[": "from collections.abc import Sequence",
    r"\bIterable\[": "from collections.abc import Iterable",
    r"\bMapping\[": "from collections.abc import Mapping",
    r"\bAny\b": "from typing import Any",
}


def _declaration(entry: dict[str, Any], indent: str = "    ") -> list[str]:
    params, result = _signature(entry)
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


def _class_declaration(name: str, entry: dict[str, Any]) -> list[str]:
    """A class: its fields as attributes, a keyword constructor, its methods."""
    lines = [f"    class {name}:", *_docstring(entry["doc"], "        ", None)]
    fields = [(f["name"], python_type(f["type"], result=True),
               python_type(f["type"], result=False)) for f in entry["fields"]]
    for (field, annotation, _), doc in zip(fields, (f.get("doc", "") for f in entry["fields"])):
        lines += [f"        {field}: {annotation}", *_docstring(doc, "        ", None)]
    keywords = [f"{field}: {accepted} = ..." for field, _, accepted in fields]
    lines += _declaration({"name": "__init__", "layer": 2, "doc": "",
                           "params": [["self", ""]], "results": []}, "        ")
    if keywords:  # keyword-only: Python gets them by name only
        lines[-2] = lines[-2].replace("(self)", f"(self, *, {', '.join(keywords)})")
        if len(lines[-2]) > _LINE_LIMIT:
            lines[-2:-1] = ["        def __init__(", "            self,", "            *,",
                            *(f"            {k}," for k in keywords), "        ) -> None:"]
    for method in entry["methods"]:
        lines += _declaration(method, "        ")
        special = python_protocol(method)
        if special is not None:
            result = python_type(method["results"][0], result=True)
            lines.append(f"        def {special}(self) -> {result}: ...")
    if entry.get("closer"):
        lines += [f"        def __enter__(self) -> {name}: ...",
                  "        def __exit__(self, *exc_info: object) -> None: ..."]
    return [*lines, ""]


_SHADOW = "_goext_"  # module-level alias of a class that a field name hides
# The base of sentinel error classes, under a name no Go declaration can take.
_GO_ERROR = "_GoError"


def _unshadowed(entry: dict[str, Any], classes: set[str]) -> tuple[dict[str, Any], set[str]]:
    """In a class body a field ``Base`` (an embedded ``Base``) hides the class
    ``Base`` (or a named type ``Level``) from annotations: name such classes and
    types by a module-level alias."""
    hidden = {f["name"] for f in entry["fields"]} & classes
    if not hidden:
        return entry, set()
    pattern = re.compile(r"(?<![\w.])(" + "|".join(sorted(hidden)) + r")(?!\w)")

    def rename(go_type: str) -> str:
        return pattern.sub(_SHADOW + r"\1", go_type)

    fields = [{**f, "type": rename(f["type"])} for f in entry["fields"]]
    methods = [{**m, "params": [[n, rename(t)] for n, t in m["params"]],
                "results": [rename(t) for t in m["results"]]} for m in entry["methods"]]
    for method in methods:  # `type Level int` hidden by a field Level
        aliases = method.get("aliases")
        if aliases:
            method["aliases"] = {
                "params": {n: rename(t) for n, t in aliases["params"].items()},
                "results": [rename(t) for t in aliases["results"]]}
    return {**entry, "fields": fields, "methods": methods}, hidden


def _annotations(entry: dict[str, Any]) -> list[str]:
    params, result = _signature(entry)
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


def _merged(imports: list[str]) -> list[str]:
    """One line per module, sorted as isort sorts them (``import`` lines first)."""
    modules: dict[str, list[str]] = {}
    plain = sorted(line for line in imports if line.startswith("import "))
    for line in imports:
        if line.startswith("from "):
            _, module, _, name = line.split(" ", 3)
            modules.setdefault(module, []).append(name)
    return plain + [f"from {module} import {', '.join(sorted(set(names)))}"
                    for module, names in sorted(modules.items())]


def imports_before(annotations: list[str]) -> list[str]:
    return [imp for pattern, imp in _TYPING_IMPORTS.items()
            if any(re.search(pattern, text) for text in annotations)]


def _constant_lines(constants: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for constant in constants:
        line = (f"    {constant['name']}: Final[{python_type(constant['type'], result=True)}]"
                f" = {constant['value']!r}")
        lines.append(line + ("  # noqa: E501" if len(line) > _LINE_LIMIT else ""))
        lines += _docstring(constant["doc"], "    ", None)
    return lines + ([""] if constants else [])


def _named_type_lines(named_types: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for named in named_types:  # a type alias: values are plain built-in objects
        lines.append(f"    {named['name']} = {builtin_name(named['type'])}")
        lines += _docstring(named["doc"], "    ", None)
    return lines + ([""] if named_types else [])


def _error_lines(errors: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for error in errors:  # sentinel errors: exception classes
        lines += [f"    class {error['name']}({_GO_ERROR}):",
                  *_docstring(error["doc"], "        ", "..."), ""]
    return lines


def _variable_lines(variables: list[dict[str, Any]]) -> list[str]:
    if not variables:
        return []
    lines = ["    class _Variables:"]  # read and set in Go through lib.variables
    for variable in variables:
        lines.append(f"        {variable['name']}: "
                     f"{python_type(variable['type'], result=True)}")
        lines += _docstring(variable["doc"], "        ", None)
    return [*lines, "", "    variables: _Variables", ""]


def _class_lines(classes: dict[str, Any], named_names: set[str]
                 ) -> tuple[list[str], list[str]]:
    """The class declarations, and the annotations they use."""
    lines: list[str] = []
    annotations: list[str] = []
    shadowed: set[str] = set()
    for name, class_entry in classes.items():
        class_entry, hidden = _unshadowed(class_entry, set(classes) | named_names)
        shadowed |= hidden
        lines += _class_declaration(name, class_entry)
        for method in class_entry["methods"]:
            annotations += _annotations(method)
        annotations += [python_type(f["type"], result=False) for f in class_entry["fields"]]
    lines += [f"    {_SHADOW}{name} = {name}" for name in sorted(shadowed)]
    return lines + ([""] if shadowed else []), annotations


def _runtime_imports(annotations: list[str], errors: list[dict[str, Any]]) -> str:
    """The import of the runtime's classes the declarations use, or ""."""
    names = [f"GoError as {_GO_ERROR}"] if errors else []
    if any(STREAM_ITERATOR + "[" in text for text in annotations):
        names.append(STREAM_ITERATOR)
    return f"from setuptools_golang_ext.runtime import {', '.join(names)}" if names else ""


def _module_head(ext_name: str, names: list[str], imports: list[str]) -> list[str]:
    lines = [
        f"# {GENERATED_MARKER}: rebuilt with the library; do not edit.",
        f'"""Typed access to the Go library {ext_name!r}."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING",
        "",
        *_all_lines(names),
        "",
        "if TYPE_CHECKING:",
    ]
    return lines + ([f"    {imp}" if imp else "" for imp in imports] + [""] if imports else [])


def api_module_source(ext_name: str, description: dict[str, Any]) -> str:
    # A C export named like a Python keyword stays reachable only as getattr(library, name).
    entries = [e for e in description["functions"] if not keyword.iskeyword(e["name"])]
    constants = description.get("constants", [])
    named_types = description.get(NAMED_TYPES_KEY) or []
    errors = description.get("errors") or []
    variables = description.get("variables") or []
    classes = description.get("classes") or {}
    class_lines, annotations = _class_lines(classes, {t["name"] for t in named_types})
    annotations += [python_type(v["type"], result=True) for v in variables]
    declarations = [*_constant_lines(constants), *_named_type_lines(named_types),
                    *_error_lines(errors), *_variable_lines(variables), *class_lines]
    for entry in entries:
        declarations += [*_declaration(entry), ""]
        annotations += _annotations(entry)
    imports = _merged(imports_before(annotations)
                      + (["from typing import Final"] if constants else []))
    runtime = _runtime_imports(annotations, errors)
    if runtime:  # a third-party import: its own section after the standard library's
        imports += ["", runtime] if imports else [runtime]
    names = [c["name"] for c in constants] + [t["name"] for t in named_types]
    names += list(classes) + [e["name"] for e in entries]
    names += [error["name"] for error in errors]
    names += ["variables"] if variables else []
    lines = _module_head(ext_name, names, imports)
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
