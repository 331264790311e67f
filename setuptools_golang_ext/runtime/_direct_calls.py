"""Calls of a function of scalars returning one integer or float through its
direct export (``contract.direct_call``): the result comes back as the C
function's own, with no result record from a pool. When it is the failure sign
(a signed type's lowest value, an unsigned type's highest, a float NaN), the
thread's last failure says whether the call panicked, and the panic is raised
as for any call."""

from __future__ import annotations

import ctypes

from ._error_kinds import HEAD
from ._layer2 import _object_arg, check_names, raise_failure, scalar_check
from ._scalar_args import is_int
from .contract import (
    CLASS_CALL_KEY,
    DIRECT_KEY,
    FAILURE_SYMBOL,
    HOLD_GIL_KEY,
    INT_RANGES,
    LABEL_KEY,
    PARAM_LABELS_KEY,
    SCALARS,
    object_class,
)

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable

    from ._error_kinds import ErrorKinds


class _Handle(ctypes.c_size_t):
    """An object result's handle: as a restype, a subclass of a simple type comes back
    as its instance, made by ctypes in C. Its class then becomes ``c_size_t`` (same
    layout), which ctypes passes on without asking ``from_param``, as it would ask
    for a subclass on every later call taking the object."""

    __slots__ = ()


# goext_failure of the Go glue: a record's head and the status.
_Failure: Any = type("_Failure", (ctypes.Structure,),
                     {"_fields_": [*HEAD, ("status", ctypes.c_int)]})


def _raiser(entry: dict[str, Any], last_failure: Any, free: Any, errors: ErrorKinds
            ) -> Callable[[], None]:
    """Raises the failure of this thread's last direct call, if it failed."""
    name = entry["name"]

    def check() -> None:
        failure = _Failure.from_address(last_failure())
        status = failure.status
        if status:
            failure.status = 0
            raise_failure(failure, status, free, name, errors)

    return check


def _class_call(name: str, fields: list[str]) -> list[str]:
    """The head of a class's ``__call__`` (its metaclass's) that takes every field,
    all by position or all by keyword, into the locals named after the fields;
    other shapes and subclasses go the general way (``GoObject``, its messages)."""
    general = "return _call(cls, *args, **fields)"
    by_keyword = "; ".join(f"{field} = fields[{field!r}]" for field in fields)
    return [
        f"def {name}(cls, *args, **fields):",
        f"    if cls is not _cls: {general}",
        "    if fields:",
        f"        if args or len(fields) != {len(fields)}: {general}",
        f"        try: {by_keyword}",
        f"        except KeyError: {general}",
        f"    elif len(args) == {len(fields)}: {', '.join(fields)}, = args",
        f"    else: {general}",
    ]


def _receiver_lines(entry: dict[str, Any], receiver: Any, namespace: dict[str, Any]
                    ) -> list[str]:
    """A method's receiver as its handle (``_h``), as the record path takes it."""
    if receiver is None:
        return []
    namespace.update(_self_cls=receiver, _object_arg=_object_arg)
    where = repr(f"{entry['name']}() argument 'self'")
    return ["    try: _h = self._handle",
            f"    except AttributeError: _h = _object_arg(self, _self_cls, {where})"]


def build_direct(entry: dict[str, Any], function: Any, last_failure: Any, free: Any,
                 errors: ErrorKinds, cls: Any = None, receiver: Any = None
                 ) -> Callable[..., Any]:
    """The Python function calling the direct export ``function`` as ``entry``
    describes; ``last_failure``: the library's FAILURE_SYMBOL function; ``cls``:
    the class of an object result (its all-fields constructor: CLASS_CALL_KEY);
    ``receiver``: a method's class (its first parameter, ``self``, crosses as a handle)."""
    names = [name for name, _ in entry["params"]]
    check_names([entry["name"], *names])
    namespace: dict[str, Any] = {}
    lines = _receiver_lines(entry, receiver, namespace)
    scalars = entry["params"][1:] if receiver is not None else entry["params"]
    labels = entry.get(PARAM_LABELS_KEY, {})
    for name, go_type in scalars:
        label = labels.get(name) or f"{entry['name']}() argument {name!r}"
        line, used = scalar_check(name, go_type, repr(label))
        lines.append(line)
        namespace.update(used)
    result = entry["results"][0]
    restype = SCALARS.get(result)
    low, high = INT_RANGES.get(result, (0, 0))
    sign = "_r != _r" if result not in INT_RANGES else is_int("_r", high if low == 0 else low)
    failed = [f"    if {sign}: _failed()"]
    head, value = [f"def {entry['name']}({', '.join(names)}):"], ["    return _r"]
    if cls is not None:  # an object: its handle; 0 for nil, or for a failure
        failed, restype = ["    if not _r: _failed()"], _Handle
        value = ["    _r.__class__ = _size_t; _o = _new(_cls); _o._handle = _r", "    return _o"]
        namespace.update(_cls=cls, _new=object.__new__, _call=type.__call__,
                         _size_t=ctypes.c_size_t)
        if entry.get(CLASS_CALL_KEY):  # never 0 but on failure
            head = _class_call(entry["name"], names)
        else:
            failed = ["    if not _r:", "        _failed()", "        return None"]
    function.argtypes = [*([ctypes.c_size_t] if receiver is not None else []),
                         *(SCALARS[go_type] for _, go_type in scalars)]
    function.restype = restype
    last_failure.argtypes, last_failure.restype = [], ctypes.c_void_p
    namespace.update(_f=function, _failed=_raiser(entry, last_failure, free, errors))
    args = ["_h", *names[1:]] if receiver is not None else names
    source = "\n".join([*head, *lines, f"    _r = _f({', '.join(args)})",
                        *failed, *value])
    exec(compile(source, f"<goext {entry['name']}>", "exec"), namespace)  # noqa: S102 - names checked above
    wrapper: Callable[..., Any] = namespace[entry["name"]]
    wrapper.__go_class_call__ = bool(entry.get(CLASS_CALL_KEY))  # type: ignore[attr-defined]
    wrapper.__doc__ = entry["doc"] or None
    wrapper.__qualname__ = entry["name"]
    wrapper.__go_symbol__ = entry["symbol"]  # type: ignore[attr-defined]
    return wrapper


def direct_wrapper(library: Any, entry: dict[str, Any], free: Any, errors: ErrorKinds,
                   classes: dict[str, Any]) -> Callable[..., Any] | None:
    """The wrapper of ``entry`` through its direct export; None when it has none
    (or holds the GIL: that takes a function type of its own)."""
    if not entry.get(DIRECT_KEY) or entry.get(HOLD_GIL_KEY):
        return None
    function = library[entry[DIRECT_KEY]]
    function.python_name = entry.get(LABEL_KEY, entry["name"])  # for errors after a fork
    made = object_class(entry["results"][0])
    params = entry["params"]
    owner = object_class(params[0][1]) if params and params[0][0] == "self" else None
    if owner is not None and owner not in classes:
        return None  # a receiver this runtime passes otherwise: the record path
    return build_direct(entry, function, library[FAILURE_SYMBOL], free, errors,
                        classes[made] if made else None, classes[owner] if owner else None)
