"""Python classes for Go struct types marked ``//python:export``.

An object holds a ``runtime/cgo.Handle``: the Go side keeps the value alive in
its handle table until the object's finalizer calls ``goext_release``. Every
``*T`` result gets a handle of its own, so two objects may share one Go value
(as two Go pointers would) and each frees only its own handle.
"""

from __future__ import annotations

import ctypes

from ._lazy_members import LazyField, LazyMethod, LazyNew, install_on_first_call
from .contract import LABEL_KEY, python_protocol

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable

_MISSING = object()
# Keys of a library's classes table that are not Go names: the opaque class, the
# classes by the id goextClassOf returns, and the classes of Go func values by
# func tag (see _go_funcs).
OPAQUE, CLASS_IDS, FUNCS = " opaque", " ids", " funcs"


class GoObject:
    """Base of the generated classes. ``Cls(a, b)`` or ``Cls(Field=value, ...)`` makes
    a new Go value (positional arguments in field order; missing fields are Go zero
    values). A subclass gets instances of its own; its ``__init__`` may take other
    arguments and call ``super().__init__(...)`` with the fields."""

    __slots__ = ("__weakref__", "_handle")
    _handle: ctypes.c_size_t
    _go_fields: tuple[str, ...] = ()
    _go_new: Callable[[], Any]
    _go_release: Callable[[ctypes.c_size_t], None]  # the C function: takes the handle as it is

    def __new__(cls, *args: object, **fields: object) -> Any:
        made = cls._go_new()  # an object of the generated class wrapping a zero value
        if type(made) is cls:
            return made
        own = object.__new__(cls)  # a subclass: the handle moves to its instance
        own._handle = made._handle
        del made._handle
        return own

    def __init__(self, *args: object, **fields: object) -> None:
        names = self._go_fields
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__}() takes at most {len(names)} positional "
                            f"argument(s) (its fields in order: {', '.join(names) or 'none'}),"
                            f" {len(args)} were given")
        for name, value in zip(names, args):
            if name in fields:
                raise TypeError(f"{type(self).__name__}() got multiple values for field "
                                f"{name!r}")
            setattr(self, name, value)
        for name, value in fields.items():
            if name not in names:
                raise TypeError(f"{type(self).__name__}() got an unexpected keyword "
                                f"argument {name!r}; fields: {', '.join(names) or 'none'}")
            setattr(self, name, value)

    @classmethod
    def _wrap(cls, handle: int) -> Any:
        """An object owning ``handle`` (released when the object is collected)."""
        made = object.__new__(cls)
        # Held as a C value: ctypes passes it on without converting an int each call.
        made._handle = ctypes.c_size_t(handle)
        return made

    def __del__(self) -> None:
        # __del__ rather than weakref.finalize: a fifth of the cost per object,
        # which is most of a struct-by-value round trip.
        # The C value as it is: ctypes takes a c_size_t for a c_size_t parameter.
        try:
            self._go_release(self._handle)
        except Exception:  # (not contextlib.suppress: contextlib costs every load)
            return  # made by object.__new__ without a handle, or at exit the module is gone

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name, _MISSING)!r}"
                          for name in self._go_fields)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> Any:
        raise TypeError(f"cannot pickle {type(self).__name__}: it holds a Go value")


class GoValue(GoObject):
    """An opaque Go value (an interface result of no exported class): it can only
    be passed back to Go."""

    __slots__ = ()

    def __new__(cls, *args: object, **fields: object) -> Any:
        raise TypeError("GoValue objects come from Go only")

    def __repr__(self) -> str:
        return f"<Go value, handle {self._handle.value}>"


def make_opaque(module: str, release: Callable[[int], None]) -> type[GoObject]:
    """The library's GoValue class (each library releases its own handles)."""
    return type("GoValue", (GoValue,), {"__slots__": (), "__module__": module,
                                        "_go_release": staticmethod(release)})


def _enter(self: Any) -> Any:
    return self


def _exit(self: Any, *exc_info: object) -> None:
    self.Close()


def make_class(name: str, module: str, entry: dict[str, Any], release: Callable[[int], None],
               c_type: type | None = None) -> type[GoObject]:
    """An empty class for one description entry; ``fill_class`` adds its members.
    With ``c_type`` (a cpython-mode module's C type of the class, which holds the
    handle, makes and releases the value, and defines ``repr``, pickling's refusal
    and some members with the special methods they serve) the class derives from
    it instead of GoObject."""
    namespace: dict[str, Any] = {
        "__slots__": (),
        "__doc__": entry["doc"] or None,
        "__module__": module,
        "_go_fields": tuple(field["name"] for field in entry["fields"]),
        "_go_release": staticmethod(release),
    }
    if entry.get("closer") and not hasattr(c_type, "__exit__"):
        namespace.update(__enter__=_enter, __exit__=_exit)
    if c_type is not None:  # its C constructor already makes the value in one call
        return type(name, (c_type,), namespace)
    if "make" not in entry:
        return type(name, (GoObject,), namespace)
    from ._all_fields_new import class_maker

    made: type[GoObject] = class_maker()(name, (GoObject,), namespace)
    return made


def fill_class(cls: type[GoObject], entry: dict[str, Any],
               build: Callable[[dict[str, Any]], Callable[..., Any]]) -> None:
    """Add the constructor, field properties and methods, built by ``build`` on first
    use (_lazy_members); of a class over a C type, those the C type lacks."""
    in_c = frozenset(getattr(cls, "_go_c_members", None) or ())
    if not hasattr(cls, "_go_c_members"):
        _label(entry["new"], cls.__name__)
        cls._go_new = LazyNew(cls, entry["new"], build)  # type: ignore[assignment]
        if "make" in entry:  # every field a scalar or string: one call makes the object
            from ._all_fields_new import install, label_fields

            _label(entry["make"], cls.__name__)
            label_fields(entry["make"])
            install_on_first_call(
                cls, lambda: install(cls, cls._go_fields, build(entry["make"])))
    for field in entry["fields"]:
        if field["name"] in in_c:
            continue
        _label(field["get"], f"{cls.__name__}.{field['name']}")
        _label(field["set"], f"{cls.__name__}.{field['name']}")
        setattr(cls, field["name"], LazyField(cls, field, build))
    add_methods(cls, entry["methods"], build, in_c)


def add_methods(cls: type, methods: list[dict[str, Any]],
                build: Callable[[dict[str, Any]], Callable[..., Any]],
                in_c: frozenset[str] = frozenset()) -> None:
    """The described methods, built by ``build`` on first use, and the protocols they
    serve; but those in ``in_c``, which the class has (with their protocols) from
    its C type."""
    for method in methods:
        if method["name"] in in_c:
            continue
        _label(method, f"{cls.__name__}.{method['name']}")
        protocol = python_protocol(method)
        names = (method["name"],) if protocol is None else (method["name"], protocol)
        lazy = LazyMethod(cls, method, build, names)
        for name in names:
            setattr(cls, name, lazy)


def _label(entry: dict[str, Any], python_name: str) -> None:
    """What errors call the member ``entry`` describes (after a fork, say), rather than
    the glue's symbol (``goext_Point__new_Point``)."""
    entry[LABEL_KEY] = python_name


class GoVariables:
    """``lib.variables``: the package variables marked ``//python:export``, read and
    set in Go on every access (a property each, on a class made per library)."""

    __slots__ = ()

    def __repr__(self) -> str:
        names = [name for name in dir(type(self)) if not name.startswith("_")]
        return f"<Go variables {', '.join(names) or '(none)'}>"


def _variable(get: Callable[[], Any], set_: Callable[[Any], None], doc: str) -> property:
    def getter(_: object) -> Any:
        return get()

    def setter(_: object, value: Any) -> None:
        set_(value)

    return property(getter, setter, doc=doc or None)


def make_variables(module: str, entries: list[dict[str, Any]],
                   build: Callable[[dict[str, Any]], Callable[..., Any]]) -> GoVariables:
    namespace: dict[str, Any] = {"__slots__": (), "__module__": module}
    for entry in entries:
        _label(entry["get"], f"variables.{entry['name']}")
        _label(entry["set"], f"variables.{entry['name']}")
        namespace[entry["name"]] = _variable(build(entry["get"]), build(entry["set"]),
                                             entry["doc"])
    cls: type[GoVariables] = type("variables", (GoVariables,), namespace)
    return cls()
