"""Interface types as Python names: ``lib.Shape`` is an abstract class, and every
class whose Go type implements ``Shape`` (as the build found with Go's rules) is
registered as its virtual subclass, so ``isinstance(square, lib.Shape)`` works."""

from __future__ import annotations

from abc import ABCMeta  # imported by Python's own startup: free here

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any


def _no_instances(cls: type, *args: object, **kwargs: object) -> object:
    raise TypeError(f"{cls.__name__} is a Go interface: it has no instances of its own; "
                    f"isinstance(value, {cls.__name__}) tells which values implement it")


def make_interfaces(entries: list[dict[str, Any]], classes: dict[str, Any],
                    module: str) -> dict[str, type]:
    """One abstract class per entry, by name, with its implementing classes registered."""
    made: dict[str, type] = {}
    for entry in entries:
        doc = entry["doc"] or f"The Go interface {entry['name']}: " \
            f"{', '.join(entry['methods']) or 'no methods'}."
        interface = ABCMeta(entry["name"], (), {"__doc__": doc, "__module__": module,
                                                "__slots__": (), "__new__": _no_instances,
                                                "go_methods": tuple(entry["methods"])})
        for name in entry["classes"]:
            interface.register(classes[name])
        made[entry["name"]] = interface
    return made
