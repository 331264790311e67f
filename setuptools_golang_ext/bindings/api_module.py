"""The generated ``<leaf>_api.py``: the library's functions with signatures a type checker sees.

At run time the module only re-exports the functions ``load()`` configured
(no extra Python call layer); under ``TYPE_CHECKING`` it declares each one
with annotations and the Go doc comment.
"""

from __future__ import annotations

import keyword
from typing import Any

from ..builder.install_file import GENERATED_MARKER
from ..runtime.contract import BYTES, SCALARS, STRING, TYPED_SLICE_PREFIX, canonical, slice_element

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
    if go_type == "bool":
        return "bool"
    if go_type in ("float32", "float64"):
        return "float"
    if go_type in SCALARS:
        return "int"
    if go_type == STRING:
        return "str" if result else "str | bytes"
    if go_type == BYTES:
        return "bytes" if result else "bytes | bytearray | memoryview"
    element = slice_element(go_type)
    if element is not None:
        item = "float" if element.startswith("float") else "int"
        if result:
            return f"array.array[{item}]"
        return f"Sequence[{item}] | memoryview | array.array[{item}]"
    return "None"


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
    params = [f"{name}: {python_type(t, result=False)}" for name, t in entry["params"]]
    results = [python_type(t, result=True) for t in entry["results"]]
    if len(results) == 1:
        return params, results[0]
    return params, f"tuple[{', '.join(results)}]" if results else "None"


def _declaration(entry: dict[str, Any]) -> list[str]:
    params, result = _signature(entry)
    lines = [f"    def {entry['name']}({', '.join(params)}) -> {result}:"]
    doc = entry["doc"].replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines.append(f'        """{doc}"""' if doc else "        ...")
    return lines


def api_module_source(ext_name: str, description: dict[str, Any]) -> str:
    # A C export named like a Python keyword stays reachable only as getattr(library, name).
    entries = [e for e in description["functions"] if not keyword.iskeyword(e["name"])]
    names = [entry["name"] for entry in entries]
    lines = [
        f"# {GENERATED_MARKER}: rebuilt with the library; do not edit.",
        f'"""Typed access to the Go library {ext_name!r}."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING",
        "",
        f"__all__ = {names!r}",
        "",
        "if TYPE_CHECKING:",
        "    import array",
        "    from collections.abc import Sequence",
        "    from typing import Any",
        "",
    ]
    for entry in entries:
        lines.extend(_declaration(entry))
        lines.append("")
    lines += [
        "else:",
        "    from setuptools_golang_ext.runtime import load as _load",
        "",
        f"    _load({ext_name!r}).export_to(globals(), __all__)",
    ]
    return "\n".join(lines) + "\n"
