"""Members of generated classes made on first use: making a wrapper compiles Python
source (about 0.3 ms). A placeholder on the class makes the real member and puts
it in its place (two threads may both make one: one is kept)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable

    Build = Callable[[dict[str, Any]], Callable[..., Any]]


class LazyMethod:
    """A method of ``cls`` (under ``names``: with the special method it serves)."""

    __slots__ = ("build", "cls", "entry", "names")

    def __init__(self, cls: type, entry: dict[str, Any], build: Build,
                 names: tuple[str, ...]) -> None:
        self.cls, self.entry, self.build, self.names = cls, entry, build, names

    def made(self) -> Any:
        wrapper = self.build(self.entry)
        wrapper.__qualname__ = f"{self.cls.__name__}.{self.entry['name']}"
        for name in self.names:
            setattr(self.cls, name, wrapper)
        return wrapper

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        wrapper = self.made()
        bind = getattr(type(wrapper), "__get__", None)  # a function binds
        return wrapper if bind is None else bind(wrapper, instance, owner)


class LazyField:
    """A field's property of ``cls``."""

    __slots__ = ("build", "cls", "entry")

    def __init__(self, cls: type, entry: dict[str, Any], build: Build) -> None:
        self.cls, self.entry, self.build = cls, entry, build

    def made(self) -> property:
        made = property(self.build(self.entry["get"]), self.build(self.entry["set"]),
                        doc=self.entry.get("doc") or None)
        setattr(self.cls, self.entry["name"], made)
        return made

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        made = self.made()
        return made if instance is None else made.__get__(instance, owner)

    def __set__(self, instance: object, value: object) -> None:
        self.made().__set__(instance, value)

    def __delete__(self, instance: object) -> None:
        self.made().__delete__(instance)


class LazyNew:
    """``cls._go_new``, the maker of a zero value."""

    __slots__ = ("build", "cls", "entry")

    def __init__(self, cls: type, entry: dict[str, Any], build: Build) -> None:
        self.cls, self.entry, self.build = cls, entry, build

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        made = self.build(self.entry)
        self.cls._go_new = staticmethod(made)  # type: ignore[attr-defined]
        return made


def install_on_first_call(cls: type, install: Callable[[], None]) -> None:
    """The first call of ``cls`` runs ``install`` (its metaclass's real ``__call__``)."""
    meta = type(cls)

    def __call__(called: type, *args: object, **fields: object) -> Any:
        if vars(meta).get("__call__") is __call__:  # (two threads may both install)
            install()
        return meta.__call__(called, *args, **fields)

    meta.__call__ = __call__  # type: ignore[method-assign,assignment]
