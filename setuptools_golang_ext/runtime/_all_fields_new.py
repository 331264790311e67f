"""``Point(1.0, 2.0)`` and ``Point(X=1.0, Y=2.0)`` in one call into Go: a class whose
fields are all scalars or strings gets a metaclass of its own whose ``__call__``
passes every field to the glue's all-fields constructor (``make`` in its
description entry), instead of making a zero value and setting each field
through its property.

Only the common shapes take that path: every field given, all by position or all
by keyword, on the generated class itself. Anything else (some fields, a mix, an
unknown keyword, a subclass) goes the general way of ``GoObject``, with its
messages. The arguments are checked with the field setters' labels (``X()
argument 'value'``), so errors read as before.
"""

from __future__ import annotations

from .contract import CLASS_CALL_KEY, PARAM_LABELS_KEY

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable


def class_maker() -> type[type]:
    """The metaclass of one generated class (``install`` gives it its ``__call__``)."""
    return type("GoClass", (type,), {"__slots__": ()})


def label_fields(entry: dict[str, Any]) -> None:
    """Name each argument of the make entry as its field's setter names its value."""
    entry[PARAM_LABELS_KEY] = {name: f"{name}() argument 'value'" for name, _ in entry["params"]}
    entry[CLASS_CALL_KEY] = True


def install(cls: Any, fields: tuple[str, ...], make: Callable[..., Any]) -> None:
    """Calls of ``cls`` itself with every field go to ``make`` in one call (``make``
    is that ``__call__`` already when it calls a direct export: _direct_calls)."""
    if getattr(make, "__go_class_call__", False):
        type(cls).__call__ = make
        return
    by_keyword = ", ".join(f"fields[{name!r}]" for name in fields)
    source = "\n".join([
        "def __call__(cls, *args, **fields):",
        "    if cls is _cls:",
        "        if not fields:",
        f"            if len(args) == {len(fields)}: return _make(*args)",
        f"        elif not args and len(fields) == {len(fields)}:",
        # (_make raises no KeyError: its failures are TypeError, OverflowError, GoPanic)
        f"            try: return _make({by_keyword})",
        "            except KeyError: pass",
        "    return _call(cls, *args, **fields)",
    ])
    namespace: dict[str, Any] = {"_cls": cls, "_make": make, "_call": type.__call__}
    exec(compile(source, f"<goext {cls.__name__}()>", "exec"), namespace)  # noqa: S102 - field names are Go identifiers
    type(cls).__call__ = namespace["__call__"]
