"""Slice, array, map and pointer values checked against their Go type before they
cross as JSON, so that nothing is lost on the way: ``json`` would write the dict
keys ``1`` and ``"1"`` both as ``"1"`` (Go keeps one), ``None`` as ``null`` (Go
reads a zero value) and ``None``, ``1.5`` or ``True`` keys as strings, and Go
would drop an array's extra items. Each refusal names the parameter and, inside
the value, the index or key (``F() argument 'm'['a'][2]``)."""

from __future__ import annotations

from ._scalar_args import float_arg, int_arg, string_arg
from .contract import INT_RANGES, STRING, json_parts, map_types

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable


def json_kind(value: object, go_type: str, where: str) -> None:
    """A list or tuple for a slice or array, a dict for a map."""
    kind = json_parts(go_type)[0]  # type: ignore[index]
    if kind in ("slice", "array") and (
            isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple))):
        raise TypeError(f"{where} must be a list ({go_type}), not {type(value).__name__}")
    if kind == "map" and not isinstance(value, dict):
        raise TypeError(f"{where} must be a dict ({go_type}), not {type(value).__name__}")


def json_arg(value: object, go_type: str, where: str) -> bytes:
    """A slice, array or map argument (a list or tuple; a dict) or a pointer to a
    scalar or string (a value or None), as JSON."""
    import json  # imported on first use: it costs every load otherwise

    json_kind(value, go_type, where)
    if not _plain(go_type)(value):  # converted, or refused with the place named
        value = json_value(value, go_type, where)
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:  # NaN and infinities
        raise TypeError(f"{where}: {exc}") from None
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate: the slow walk says where
        json_value(value, go_type, where)
        raise ValueError(f"{where}: a str holds a lone surrogate") from None


# Go type -> a test that a value is JSON-ready as it is (exact built-in classes,
# integers in range, no None but for pointers): the common case, checked without
# building names of places. Anything else takes json_value's walk.
_PLAIN: dict[str, Callable[[Any], bool]] = {}


def _plain(go_type: str) -> Callable[[Any], bool]:
    test = _PLAIN.get(go_type)
    if test is None:
        test = _PLAIN[go_type] = _plain_test(go_type)
    return test


def _plain_test(go_type: str) -> Callable[[Any], bool]:
    if go_type in INT_RANGES:
        low, high = INT_RANGES[go_type]
        return lambda v: v.__class__ is int and low <= v <= high
    exact = {STRING: str, "bool": bool, "float32": float, "float64": float}.get(go_type)
    if exact is not None:
        return lambda v: v.__class__ is exact
    kind, element = json_parts(go_type)  # type: ignore[misc]
    item = _plain(element)
    if kind == "pointer":
        return lambda v: v is None or item(v)
    if kind == "map":
        key = _plain(map_types(go_type)[0])  # type: ignore[index]
        return lambda v: v.__class__ is dict and all(map(key, v)) and all(map(item, v.values()))
    length = int(go_type[1:].partition("]")[0] or -1)
    return lambda v: (v.__class__ is list or v.__class__ is tuple) \
        and (length < 0 or len(v) == length) and all(map(item, v))


def json_value(value: object, go_type: str, where: str) -> object:
    """``value`` as the JSON-ready value of ``go_type``: checked all the way down,
    map keys written as the strings Go reads."""
    if value is None:
        if go_type.startswith("*"):
            return None
        raise TypeError(f"{where}: None cannot be a Go {go_type} (only a pointer can be nil)")
    parts = json_parts(go_type)
    if parts is None:
        return _json_scalar(value, go_type, where)
    kind, element = parts
    if kind == "pointer":
        return json_value(value, element, where)
    json_kind(value, go_type, where)
    if kind == "map":
        return _json_map(value, go_type, element, where)  # type: ignore[arg-type]
    items: list[object] | tuple[object, ...] = value  # type: ignore[assignment]
    if kind == "array" and len(items) != int(go_type[1:].partition("]")[0]):
        raise ValueError(f"{where} must have exactly {go_type[1:].partition(']')[0]} items "
                         f"(Go {go_type}), not {len(items)}")
    return [json_value(item, element, f"{where}[{index}]") for index, item in enumerate(items)]


def _json_map(value: dict[object, object], go_type: str, element: str,
              where: str) -> dict[str, object]:
    key_type = map_types(go_type)[0]  # type: ignore[index]
    checked: dict[str, object] = {}
    first: dict[str, object] = {}  # the Python key each Go key came from
    for key, item in value.items():
        text = _json_key(key, key_type, f"{where}: the key {key!r}")
        if text in checked:  # two objects with one integer value (__index__)
            raise TypeError(f"{where}: the keys {first[text]!r} and {key!r} are the same "
                            f"Go {key_type} {text}")
        first[text] = key
        checked[text] = json_value(item, element, f"{where}[{key!r}]")
    return checked


def _json_key(key: object, key_type: str, where: str) -> str:
    """A map key as JSON writes it: strings as they are, integers in decimal."""
    return str(_json_scalar(key, key_type, where))


def _json_scalar(value: object, go_type: str, where: str) -> object:
    if go_type == STRING:
        if not isinstance(value, str):
            raise TypeError(f"{where} must be str (Go string), not {type(value).__name__}")
        string_arg(value, where)  # no lone surrogates
        return value
    if go_type == "bool":
        if getattr(type(value), "_go_bool", False):  # a named bool's object
            return bool(value)
        if value.__class__ is not bool:
            raise TypeError(f"{where} must be bool (Go bool), not {type(value).__name__}")
        return value
    if go_type in INT_RANGES:
        return int_arg(value, go_type, where)
    return float_arg(value, go_type, where)
