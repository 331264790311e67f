"""Named basic types marked ``//python:export``. Without marked methods a type is
a Python name for the built-in type its values convert to (``lib.Level is int``);
with them it is a subclass of it (``class Level(int)``) whose methods call Go with
the value, and results of exactly that type are its instances, so ``str()`` is
Go's ``String()`` while comparisons, hashing and arithmetic stay the built-in's."""

from __future__ import annotations

import builtins

from ._objects import add_methods
from .contract import (
    BYTES,
    LABEL_KEY,
    MAP_PREFIX,
    MUTATES_KEY,
    WRITTEN_KEY,
    builtin_name,
    keeps_receiver_result,
    slice_element,
)

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable


def _repr(self: Any) -> str:
    return f"{type(self).__name__}({self._go_base.__repr__(self)})"


def _array_repr(self: Any) -> str:
    """``IntVector([1, 2])``: array's own repr would add its type code and name."""
    return f"{type(self).__name__}({list(self)!r})"


def _array_code(element: str) -> str:
    """The ``array`` type code of a Go number type: the one the C glue picks."""
    if element.startswith("float"):
        return "f" if element == "float32" else "d"
    bits = element.lstrip("uint")
    if bits in ("", "ptr"):  # int, uint, uintptr: the platform's pointer width
        from struct import calcsize

        bits = str(8 * calcsize("P"))
    codes = {"8": "bB", "16": "hH", "32": "iI", "64": "qQ"}[bits]
    return codes[element.startswith("uint")]


def _array_new(element: str) -> Callable[..., Any]:
    """``IntVector([1, 2])`` or ``IntVector()``: the type code follows from the Go
    element type; ``IntVector("q", [1, 2])`` still works for a code of that size."""
    def new(cls: Any, *args: Any) -> Any:
        code, items = _array_code(element), args
        if args and isinstance(args[0], str):
            code, items = _same_code(cls.__name__, element, code, args[0]), args[1:]
        if len(items) > 1:
            raise TypeError(f"{cls.__name__}() takes at most 1 argument (the items), "
                            f"{len(args)} were given")
        try:
            return cls._go_base.__new__(cls, code, *items)
        except (TypeError, OverflowError) as problem:  # say which class and Go type
            raise type(problem)(f"{cls.__name__}() items must be Go {element} numbers: "
                                f"{problem}") from None

    return new


def _same_code(name: str, element: str, code: str, given: str) -> str:
    """``given`` when it is a code for the same items as ``code`` (``l`` for ``q``)."""
    from array import array, typecodes

    groups = ("bhilq", "BHILQ", "fd")
    if given in typecodes and any(given in g and code in g for g in groups) \
            and array(given).itemsize == array(code).itemsize:
        return given
    raise ValueError(f"{name} holds Go {element} items (array type code {code!r}), "
                     f"not {given!r}; pass just the items: {name}([1, 2])")


def _format(self: Any, spec: str) -> str:
    """``f"{level}"`` is ``str(level)``; a format spec formats the number."""
    return str(self) if not spec else self._go_base.__format__(self, spec)


def _base(go_type: str) -> type:
    """The Python type values of ``go_type`` convert to."""
    name = builtin_name(go_type)
    if name is not None:
        return getattr(builtins, name)  # type: ignore[no-any-return]
    if go_type == BYTES:
        return bytes
    if slice_element(go_type) is not None:
        from array import array  # here: array imports collections, a cost to every load

        return array
    return dict if go_type.startswith(MAP_PREFIX) else list


def _from_array(cls: Any, value: Any) -> Any:
    return cls._go_base.__new__(cls, value.typecode, value)


def make_named(entry: dict[str, Any], module: str) -> type:
    """The Python name of one named type: the type its values convert to, or an
    empty subclass of it when the type has methods (``fill_named`` adds them):
    ``class Level(int)``, ``class Table(dict)``, ``class Vector(array.array)``."""
    base = _base(entry["type"])
    if not entry.get("methods"):
        return base
    if base is bool:
        return _named_bool(entry, module)
    element = slice_element(entry["type"])
    namespace = {"__slots__": (), "__doc__": entry["doc"] or None, "__module__": module,
                 "__repr__": _repr, "__format__": _format, "_go_base": base,
                 "_go_from": classmethod(_from_array if element
                                         else lambda cls, value: cls(value))}
    if element:
        namespace.update(__new__=_array_new(element), __repr__=_array_repr)
    return type(entry["name"], (base,), namespace)


def _named_bool(entry: dict[str, Any], module: str) -> type:
    """Python's bool cannot be subclassed: a named bool with methods is an int of
    0 or 1 that is truthy, equal and hashed like the bool, reprs ``Enabled(True)``
    and crosses to Go wherever a bool does (``_go_bool``)."""
    def new(cls: Any, value: object = False) -> Any:
        return int.__new__(cls, bool(value))

    def as_bool(self: Any) -> str:
        return f"{type(self).__name__}({bool(self)})"

    namespace = {"__slots__": (), "__doc__": entry["doc"] or None, "__module__": module,
                 "__new__": new, "__repr__": as_bool, "__str__": lambda self: str(bool(self)),
                 "__format__": _format, "_go_base": int, "_go_bool": True,
                 "_go_from": classmethod(lambda cls, value: cls(value))}
    return type(entry["name"], (int,), namespace)


def fill_named(cls: type, entry: dict[str, Any],
               build: Callable[[dict[str, Any]], Callable[..., Any]]) -> None:
    def built(method: dict[str, Any]) -> Callable[..., Any]:
        wrapper = build(method)
        if not method.get(MUTATES_KEY) or keeps_receiver_result(entry["type"]):
            return wrapper  # a pointer method of an immutable value returns the new one
        return _writing_back(wrapper)

    add_methods(cls, entry.get("methods") or [], built)


def _writing_back(wrapper: Callable[..., Any]) -> Callable[..., Any]:
    """A pointer method of a named slice, array or map: Go changed a copy of the
    value and returned it first; it replaces the object's contents in place."""
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        return _written(self, wrapper(self, *args, **kwargs))

    return _like(method, wrapper)


def _written(target: Any, result: Any) -> Any:
    """Go's copy (``result``'s first item) put into ``target``; the other results."""
    value, rest = (result[0], result[1:]) if type(result) is tuple else (result, ())
    if isinstance(target, dict):
        target.clear()
        target.update(value)
    elif hasattr(target, "typecode"):  # an array takes only items of its own type code
        from array import array

        target[:] = array(target.typecode, value)
    else:
        target[:] = value
    return rest[0] if len(rest) == 1 else (rest or None)


def _like(made: Callable[..., Any], wrapper: Callable[..., Any]) -> Callable[..., Any]:
    made.__doc__, made.__name__ = wrapper.__doc__, wrapper.__name__
    made.__qualname__ = wrapper.__qualname__
    made.__go_symbol__ = wrapper.__go_symbol__  # type: ignore[attr-defined]
    return made


def writing_back_argument(wrapper: Callable[..., Any], entry: dict[str, Any]
                          ) -> Callable[..., Any]:
    """A function taking a pointer to a named slice, array or map (``func Fill(v
    *IntVector)``): the argument must be a list, dict or array Python can change;
    Go's copy, returned first, replaces its contents after the call."""
    index = entry[WRITTEN_KEY]
    name, go_type = entry["params"][index]
    kind = dict if go_type.startswith(MAP_PREFIX) else list
    label = entry.get(LABEL_KEY, entry["name"])

    def function(*args: Any, **kwargs: Any) -> Any:
        target = args[index] if index < len(args) else kwargs.get(name)
        if not isinstance(target, kind) and (kind is dict or not hasattr(target, "typecode")):
            raise TypeError(f"{label}() argument '{name}' must be a {kind.__name__} Go can "
                            f"change (Go takes a pointer to it; the object gets Go's value "
                            f"after the call), not {type(target).__name__}")
        return _written(target, wrapper(*args, **kwargs))

    return _like(function, wrapper)


def named_results(wrapper: Callable[..., Any], entry: dict[str, Any],
                  named: dict[str, type]) -> Callable[..., Any]:
    """``wrapper`` returning instances of the named classes where the entry's
    results have their type (``named``: the types with methods, by Go name)."""
    aliases = (entry.get("aliases") or {}).get("results") or []
    makers = [named.get(alias) for alias in aliases]
    if not any(makers):
        return wrapper
    if len(makers) == 1:
        cls = makers[0]

        def one(*args: Any, **kwargs: Any) -> Any:
            return cls._go_from(wrapper(*args, **kwargs))  # type: ignore[union-attr]

        made = one
    else:
        def several(*args: Any, **kwargs: Any) -> Any:
            values = wrapper(*args, **kwargs)
            return tuple(v if m is None else m._go_from(v)  # type: ignore[attr-defined]
                         for m, v in zip(makers, values))

        made = several
    return _like(made, wrapper)
