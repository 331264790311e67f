"""Typing a loaded library from the API description the build installed beside it.

``//export`` functions get ``argtypes``/``restype`` on the ctypes function
itself (no Python layer; multi-value returns become tuples through
``errcheck``); ``//python:export`` functions get a generated wrapper.
"""

from __future__ import annotations

import ctypes
import os
from types import SimpleNamespace

from ._ctypes_types import GoString, TypeTable
from ._description import parse_description
from ._error_kinds import ErrorKinds
from ._interfaces import make_interfaces
from ._named_types import fill_named, make_named, named_results, writing_back_argument
from ._objects import (
    CLASS_IDS,
    FUNCS,
    OPAQUE,
    fill_class,
    make_class,
    make_opaque,
    make_variables,
)
from .contract import (
    API_SUFFIX,
    CANCEL_SYMBOL,
    CONTEXT_NEW_SYMBOL,
    FUNCS_KEY,
    HOLD_GIL_KEY,
    INTERFACES_KEY,
    LABEL_KEY,
    LAYER_C_EXPORT,
    NAMED_TYPES_KEY,
    PYTHON_NAME_KEY,
    UNPIN_SYMBOL,
    WRITTEN_KEY,
)

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from collections.abc import Collection, Mapping
    from typing import Any, Callable, Protocol

    class GoLibrary(Protocol):
        """What binding needs of a ``_library.GoLibrary`` (which imports this module)."""

        _forked: bool

        def __getitem__(self, name: str) -> Any: ...
        def holding_gil(self, name: str) -> Any: ...
        def _forked_stub(self, name: str) -> Any: ...


def api_path(library_path: str | os.PathLike[str], module_name: str) -> str:
    leaf = module_name.rpartition(".")[2]
    return os.path.join(os.path.dirname(library_path), leaf + API_SUFFIX)


def read_api(library_path: str | os.PathLike[str], module_name: str) -> dict[str, Any] | None:
    path = api_path(library_path, module_name)
    if not os.path.isfile(path):
        return None  # built without bindings support: plain ctypes
    with open(path, encoding="utf-8") as file:
        return parse_description(file.read(), path)


def _tuple_result(result: Any, function: Any, arguments: Any) -> tuple[Any, ...]:
    return tuple(getattr(result, name) for name, _ in result._fields_)


def _string_result(result: Any, function: Any, arguments: Any) -> str:
    return str(result)


def _configure_c_function(function: Any, entry: dict[str, Any], types: TypeTable) -> Any:
    function.argtypes = [types.resolve(type_name) for _, type_name in entry["params"]]
    function.restype = types.resolve(entry["result"]) if entry["result"] else None
    if entry["tuple"]:
        function.errcheck = _tuple_result
    elif function.restype is GoString:
        function.errcheck = _string_result
    return function


def _context_functions(library: GoLibrary, description: dict[str, Any]) -> Any:
    """(new, cancel) of the glue's context table, when a function takes a context."""
    methods = [m for c in (description.get("classes") or {}).values() for m in c["methods"]]
    methods += [m for t in description.get(NAMED_TYPES_KEY, ()) for m in t.get("methods", ())]
    if not any(entry.get("context") for entry in [*description["functions"], *methods]):
        return None
    new, cancel = library[CONTEXT_NEW_SYMBOL], library[CANCEL_SYMBOL]
    new.argtypes, new.restype = [], ctypes.c_uint64
    cancel.argtypes, cancel.restype = [ctypes.c_uint64], None
    return new, cancel


def _classes(library: GoLibrary, description: dict[str, Any],
             c_classes: Mapping[str, type] | None = None) -> dict[str, Any]:
    """The library's classes by Go name, without members yet (methods refer to classes);
    each derives from its C type in ``c_classes``, if any."""
    entries = description.get("classes") or {}
    if not description.get("release"):
        return {}
    release = library[description["release"]]
    # The C function itself (a Python wrapper would cost every object a frame): in
    # a child after fork() it raises GoForkError, which GoObject.__del__ swallows.
    release.argtypes, release.restype = [ctypes.c_size_t], None

    module = description["module"]
    classes: dict[str, Any] = {  # by Go name; the class is named as Python sees it
        name: make_class(entry.get(PYTHON_NAME_KEY) or name, module, entry, release,
                   (c_classes or {}).get(entry.get(PYTHON_NAME_KEY) or name))
        for name, entry in entries.items()
    }
    # Interface results: classes by the id the glue returns, and the opaque class.
    classes[OPAQUE] = make_opaque(module, release)
    classes[CLASS_IDS] = tuple(classes[name] for name in description.get("class_ids", ()))
    return classes


def _typed_symbol(library: GoLibrary, symbol: str | None, argtypes: list[Any]) -> Any:
    """The library's C function ``symbol`` returning nothing, typed; None for no symbol."""
    if not symbol:
        return None
    function = library[symbol]
    function.argtypes, function.restype = argtypes, None
    return function


def _trampoline_once(library: GoLibrary) -> Callable[[], int | None]:
    """The address of the library's C trampoline for callables (``_c_callbacks``),
    looked up with the first wrapper that takes one: an import pays nothing."""
    found: list[int | None] = []

    def trampoline() -> int | None:
        if not found:
            from ._c_callbacks import library_trampoline

            found.append(library_trampoline(library))
        return found[0]

    return trampoline


def _named(description: dict[str, Any]) -> tuple[dict[str, type], dict[str, type]]:
    """The named types' Python names (lib.Level is int), and those with methods
    (classes, whose results the wrappers make)."""
    named = {entry["name"]: make_named(entry, description["module"])
             for entry in description.get(NAMED_TYPES_KEY, ())}
    return named, {name: cls for name, cls in named.items() if hasattr(cls, "_go_base")}


def _maker(build: Callable[[dict[str, Any]], Any], entry: dict[str, Any]) -> Callable[[], Any]:
    return lambda: build(entry)


def _watch_exit(library: GoLibrary, description: dict[str, Any]) -> None:
    """A library keeping Python callables (``keep=``) is told when Python exits."""
    if description.get("python_exit"):
        from ._kept import watch_exit

        python_exit = library[description["python_exit"]]
        python_exit.argtypes, python_exit.restype = [], None
        watch_exit(python_exit)


def _unpin_function(library: GoLibrary) -> Callable[[], Any]:
    """The library's function releasing pinned Go memory, typed on first use."""
    made: list[Any] = []

    def unpin() -> Any:
        if not made:
            function = library[UNPIN_SYMBOL]
            function.argtypes, function.restype = [ctypes.c_size_t], None
            made.append(function)
        return made[0]

    return unpin


def _stream_functions(library: GoLibrary, free: Any, errors: ErrorKinds
                      ) -> Callable[[], Any]:
    """The library's stream entry points, looked up and typed when a stream is first
    made (libraries without stream results, and older ones, lack them)."""
    made: list[Any] = []

    def streams() -> Any:
        if not made:
            from ._layer2 import raise_failure
            from ._streams import StreamFunctions

            def fail(record: Any, status: int, free: Any, label: str) -> None:
                raise_failure(record, status, free, label.rstrip("()"), errors)

            made.append(StreamFunctions(library, errors.head, free, fail))
        return made[0]

    return streams


def _package_values(description: dict[str, Any], named: dict[str, type],
                    with_methods: dict[str, type]) -> dict[str, Any]:
    """The package doc comment, constants and named types, by module name."""
    values: dict[str, Any] = {"__doc__": description["doc"]} if description.get("doc") else {}
    for constant in description.get("constants", ()):  # Warn is a Level, when a class
        made = with_methods.get(constant.get("named", ""))
        values[constant["name"]] = made(constant["value"]) if made else constant["value"]
    values.update(named)
    return values


def _func_classes(description: dict[str, Any], classes: dict[str, Any],
                  build: Callable[[dict[str, Any]], Any], bound: dict[str, Any]) -> None:
    """The classes of Go func values (``classes[FUNCS]``, by func tag); those of
    named func types are module names too."""
    entries = description.get(FUNCS_KEY)
    if not entries:
        return
    from ._go_funcs import make_func_classes  # Lazy: only libraries with func values

    made = make_func_classes(entries, description["module"], classes[OPAQUE]._go_release,
                             build)
    classes[FUNCS] = made
    bound.update((cls.__name__, cls) for cls in made.values() if cls.__name__ != "func")


def _wrapper(library: GoLibrary, entry: dict[str, Any], free: Any, errors: ErrorKinds,
             classes: dict[str, Any], calls: tuple[Any, Any, Any, Any, Any]) -> Any:
    """The wrapper of ``entry``; ``calls``: (context, reply, streams, unpin, trampoline)."""
    # Here: the wrapper makers are imported with the first wrapper made.
    from ._direct_calls import direct_wrapper
    from ._layer2 import build_wrapper

    symbol = entry["symbol"]
    go = library.holding_gil(symbol) if entry.get(HOLD_GIL_KEY) else library[symbol]
    go.python_name = entry.get(LABEL_KEY, entry["name"])  # for errors after a fork
    context, reply, streams, unpin, trampoline = calls
    return direct_wrapper(library, entry, free, errors, classes) or build_wrapper(
        entry, go, free, context, classes, reply, errors, streams, unpin, trampoline)


def bind_functions(
    library: GoLibrary, description: dict[str, Any], leave_out: Collection[str] = (),
    c_classes: Mapping[str, type] | None = None,
) -> tuple[dict[str, Any], dict[str, Callable[[], Any]], ErrorKinds]:
    """(name -> configured callable, name -> maker of one, the error classes) for
    the functions of ``description`` whose name is not in ``leave_out``. The wrappers of
    ``//python:export`` functions are left to their makers: compiling each costs
    about 0.3 ms, so a library makes them on first use rather than all of them in
    every import of its package."""
    types = TypeTable(description["structs"])
    free = _typed_symbol(library, description.get("free"), [ctypes.c_void_p])
    context = _context_functions(library, description)
    classes = _classes(library, description, c_classes or {})
    errors = ErrorKinds.of(description, classes.get(CLASS_IDS, ()), classes.get(OPAQUE))
    bound: dict[str, Any] = {cls.__name__: cls for name, cls in classes.items()
                             if name not in (OPAQUE, CLASS_IDS)}
    bound.update((cls.__name__, cls) for cls in errors.sentinels)
    deferred: dict[str, Callable[[], Any]] = {}
    reply = _typed_symbol(library, description.get("reply"),
                          [ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t])
    trampoline = _trampoline_once(library) if reply is not None else None
    _watch_exit(library, description)

    named, with_methods = _named(description)
    streams, unpin = _stream_functions(library, free, errors), _unpin_function(library)

    def build(entry: dict[str, Any]) -> Any:
        if library._forked:  # a member first used in a forked child: it can only refuse
            return library._forked_stub(entry.get(LABEL_KEY, entry["name"]))
        wrapper = _wrapper(library, entry, free, errors, classes,
                           (context, reply, streams, unpin, trampoline))
        return _named_wrapper(wrapper, entry, with_methods)

    _func_classes(description, classes, build, bound)  # before the fields that read them
    for name, entry in (description.get("classes") or {}).items():
        fill_class(classes[name], entry, build)
    for entry in description.get(NAMED_TYPES_KEY, ()):
        fill_named(named[entry["name"]], entry, build)
    for entry in description["functions"]:
        if entry["name"] in leave_out:
            continue
        if entry["layer"] == LAYER_C_EXPORT:
            function = library[entry["symbol"]]
            bound[entry["name"]] = _configure_c_function(function, entry, types)
            if entry["doc"]:
                function.__doc__ = entry["doc"]
        else:
            deferred[entry["name"]] = _maker(build, entry)
    bound.update(_package_values(description, named, with_methods))
    bound.update(make_interfaces(description.get(INTERFACES_KEY, []), classes,
                                 description["module"]))
    if description.get("variables"):
        bound["variables"] = make_variables(description["module"], description["variables"],
                                            build)
    for name in description["structs"]:
        types.struct(name)
    bound["c_structs"] = SimpleNamespace(**types.structs)
    return bound, deferred, errors


def _named_wrapper(wrapper: Any, entry: dict[str, Any], with_methods: dict[str, type]) -> Any:
    """Results of named types with methods as their classes; and for ``func Fill(v
    *IntVector)`` Go's copy, the first result, back into the argument."""
    if with_methods:
        wrapper = named_results(wrapper, entry, with_methods)
    return writing_back_argument(wrapper, entry) if WRITTEN_KEY in entry else wrapper
