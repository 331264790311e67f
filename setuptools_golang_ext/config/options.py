"""The options of ``GoExtension``, read from its signature, for pyproject.toml and the schema.

Deriving them from ``GoExtension.__init__`` means a new keyword argument is
accepted in ``[[tool.setuptools-golang-ext.ext-modules]]`` (and appears in the
JSON schema) without touching this module, as long as its annotation is one
of the shapes in ``_KINDS``; an unknown shape is accepted as any value and
left to ``GoExtension`` to check.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..extension import GoExtension


@dataclass(frozen=True)
class Kind:
    expected: str  # for error messages: "an array of strings"
    accepts: Callable[[object], bool]
    schema: dict[str, Any]


def _is_string_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


_STRING_LIST_SCHEMA: dict[str, Any] = {"type": "array", "items": {"type": "string"}}

_KINDS: dict[str, Kind] = {
    "str": Kind("a string", lambda v: isinstance(v, str), {"type": "string"}),
    "SourcesArg": Kind(
        "a string (a Go package directory) or a non-empty array of strings (.go files)",
        lambda v: isinstance(v, str) or (_is_string_list(v) and bool(v)),
        {"oneOf": [{"type": "string"}, {**_STRING_LIST_SCHEMA, "minItems": 1}]},
    ),
    "Sequence[str]": Kind("an array of strings", _is_string_list, _STRING_LIST_SCHEMA),
    "Mapping[str,str]": Kind(
        "a table of strings",
        lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()),
        {"type": "object", "additionalProperties": {"type": "string"}},
    ),
    "bool": Kind("a boolean (true or false)", lambda v: isinstance(v, bool), {"type": "boolean"}),
    "int": Kind(
        "an integer",
        lambda v: isinstance(v, int) and not isinstance(v, bool),
        {"type": "integer"},
    ),
}
_ALIASES = {
    "list[str]": "Sequence[str]",
    "tuple[str,...]": "Sequence[str]",
    "Iterable[str]": "Sequence[str]",
    "dict[str,str]": "Mapping[str,str]",
}
_ANY = Kind("any value", lambda v: True, {})

# The two required arguments are described in the class docstring's prose.
_DESCRIPTIONS = {
    "name": "Dotted module path of the library, e.g. 'mypkg._native'.",
    "sources": "A Go package directory, or the .go files of one package, relative to "
    "the project root.",
}
_BULLET_RE = re.compile(r"^\s*- ((?:``\w+``(?: / )?)+): (.*)$")


@dataclass(frozen=True)
class ExtOption:
    key: str  # as written in pyproject.toml: "build-tags"
    parameter: str  # GoExtension's keyword: "build_tags"
    kind: Kind
    required: bool
    description: str


def _kind(annotation: object) -> Kind:
    text = re.sub(r"\s+", "", str(annotation))
    text = re.sub(r"^Optional\[(.*)\]$", r"\1", text).replace("|None", "")
    text = _ALIASES.get(text, text)
    return _KINDS.get(text, _ANY)


def _docstring_descriptions(doc: str) -> dict[str, str]:
    """``- ``a`` / ``b``: text`` bullets of the docstring, continuation lines joined."""
    found: dict[str, str] = {}
    names: list[str] = []
    for line in doc.splitlines():
        match = _BULLET_RE.match(line)
        if match:
            names = re.findall(r"``(\w+)``", match.group(1))
            found.update(dict.fromkeys(names, match.group(2).strip()))
        elif names and line.strip() and not line.strip().startswith("-"):
            for name in names:
                found[name] += " " + line.strip()
        else:
            names = []
    return {name: text.replace("``", "`") for name, text in found.items()}


def go_extension_options() -> list[ExtOption]:
    """Every keyword ``GoExtension`` accepts, in signature order."""
    descriptions = {**_docstring_descriptions(GoExtension.__doc__ or ""), **_DESCRIPTIONS}
    options = []
    for parameter in list(inspect.signature(GoExtension.__init__).parameters.values())[1:]:
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        options.append(
            ExtOption(
                key=parameter.name.replace("_", "-"),
                parameter=parameter.name,
                kind=_kind(parameter.annotation),
                required=parameter.default is parameter.empty,
                description=descriptions.get(parameter.name, ""),
            )
        )
    return options
