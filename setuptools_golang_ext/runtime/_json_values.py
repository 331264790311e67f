"""Go values that cross as JSON, turned into Python values with one converter
per Go type, made once when a wrapper is built.

Most types need no walk at all: ``json.loads`` already gives strings, ints,
bools, lists and string-keyed dicts as they are. Only floats (Go writes 1.0 as
``1``) and integer map keys (JSON keys are text) are converted item by item.
"""

from __future__ import annotations

from .contract import STRING, json_parts, map_types

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable


def exact_in_json(go_type: str) -> bool:
    """Does ``json.loads`` give a value of ``go_type`` as Python has it, no walk needed?"""
    if go_type in ("float32", "float64"):
        return False
    parts = json_parts(go_type)
    if parts is None:
        return True
    kind, element = parts
    if kind == "map" and map_types(go_type)[0] != STRING:  # type: ignore[index]
        return False
    return exact_in_json(element)


def from_json(value: Any, go_type: str) -> Any:
    """Integer map keys back from JSON's strings, floats that Go wrote as 1."""
    if value is None:
        return None
    if go_type in ("float32", "float64"):
        return float(value)
    parts = json_parts(go_type)
    if parts is None:
        return value
    kind, element = parts
    if kind == "map":
        key = map_types(go_type)[0]  # type: ignore[index]
        convert = str if key == STRING else int
        return {convert(k): from_json(v, element) for k, v in value.items()}
    if kind == "pointer":
        return from_json(value, element)
    return [from_json(item, element) for item in value]


_reader: list[Callable[[bytes], Any]] = []  # made once, on first use


def json_reader() -> Callable[[bytes], Any]:
    """``json.loads`` for the compact UTF-8 JSON Go writes, about 5x faster on
    short texts: json.loads spends most of its time on bytes finding out their
    encoding and on whitespace regexes. Anything the C scanner does not take in
    full goes to ``json.loads``, so errors stay json's."""
    if _reader:
        return _reader[0]
    from ._json_text import scanner

    scan = scanner()  # the C module _json: no import of the json package

    def read(data: bytes) -> Any:
        text = data.decode("utf-8", "surrogatepass")  # as json.loads decodes bytes
        if scan is not None:
            try:
                value, end = scan(text, 0)
            except (StopIteration, ValueError, RecursionError):
                end = -1
            if end == len(text):
                return value
        import json  # only for what the scanner refused: it costs every load otherwise

        return json.loads(text)

    _reader.append(read)
    return read


def result_reader(go_type: str) -> Callable[[bytes], Any]:
    """A JSON result (UTF-8 bytes) of ``go_type`` as its Python value."""
    read = json_reader()
    if exact_in_json(go_type):
        return read
    return lambda data: from_json(read(data), go_type)


def value_converter(go_type: str) -> Callable[[Any], Any] | None:
    """A converter of a value already parsed from JSON; None when it is exact."""
    if exact_in_json(go_type):
        return None
    return lambda value: from_json(value, go_type)
