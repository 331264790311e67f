"""Slices, arrays and string-keyed maps holding `any` or ``[]byte``
(``map[string]any``, ``[][][]byte``): an argument crosses as an `any` does and
the glue fits it into the Go type; a result is the same tagged JSON
(``goextDataOut``), Go objects in it as `any` results come back."""

from __future__ import annotations

from binascii import a2b_base64
from typing import Any, Callable

from .contract import MAP_PREFIX, go_spelling

_PLAIN: dict[str, Callable[[str], Any]] = {
    "s": str, "i": int, "f": float, "b": a2b_base64,
    # a string of invalid UTF-8, escaped as other string results are
    "x": lambda text: a2b_base64(text).decode("utf-8", "surrogateescape")}


def any_data_check(value: object, go_type: str, where: str) -> object:
    """A dict for a map, a list or tuple for a slice or array, or None (nil)."""
    want = dict if go_type.startswith(MAP_PREFIX) else (list, tuple)
    if value is not None and not isinstance(value, want):
        raise TypeError(f"{where} must be {'a dict' if want is dict else 'a list or tuple'}"
                        f" ({go_spelling(go_type)}), not {type(value).__name__}")
    return value


def any_data_result(wrap: Callable[[int, int], Any]) -> Callable[[bytes], Any]:
    """A result's reader; ``wrap`` makes the object of a handle and class id."""
    import json

    def untag(raw: Any) -> Any:
        if not isinstance(raw, list):
            return raw  # None, True, False
        tag, payload = raw[0], raw[1]
        if tag == "l":
            return [untag(item) for item in payload]
        if tag == "d":
            return {key: untag(item) for key, item in payload.items()}
        plain = _PLAIN.get(tag)
        return plain(payload) if plain else wrap(payload, raw[2])  # "h": a Go object

    return lambda data: untag(json.loads(data))
