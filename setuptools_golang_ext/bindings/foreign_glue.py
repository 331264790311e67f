"""The Go files declaring the aliases under which other packages' struct types
are classes of the extension (``type Buffer = goextpkg_bytes.Buffer``), and
instantiations of generic types are (``type Typed_string_int = Typed[string, int]``),
and the interface proxies."""

from __future__ import annotations

from collections.abc import Sequence

from ..goapi.exports import LOCAL, import_alias
from ..goapi.foreign import ForeignClass
from ..goapi.instances import TypeInstance
from ..goapi.proxies import InterfaceProxy, proxy_new
from .go_support import GENERATED_HEADER
from .type_families import quote_go

FOREIGN_FILE = "zz_goext_foreign.go"


def foreign_aliases_source(classes: Sequence[ForeignClass]) -> str:
    """A file of the generated (or the user's) main package with one alias per class
    (but those the package declares itself)."""
    classes = [c for c in classes if not c.package_alias]
    paths = sorted({c.import_path for c in classes})
    lines = [GENERATED_HEADER + "package main", "", "import ("]
    lines += [f"\t{import_alias(path)} {quote_go(path)}" for path in paths]
    lines += [")", ""]
    lines += [f"type {c.name} = {import_alias(c.import_path)}.{c.go_name}" for c in classes]
    return "\n".join([*lines, ""])


INSTANCES_FILE = "zz_goext_instances.go"


def instance_aliases_source(instances: Sequence[TypeInstance], import_path: str | None
                            ) -> str:
    """A file of the main package with one alias per instantiation (``import_path``:
    the package, imported by a new main; None in its own main)."""
    imports = {path: import_alias(path) + " " for i in instances for path in i.imports}
    if import_path is not None:
        imports[import_path] = ". "  # names as exports.go names them
    lines = [GENERATED_HEADER + "package main", ""]
    if imports:
        lines += ["import (", *(f"\t{alias}{quote_go(path)}"
                                for path, alias in sorted(imports.items())), ")", ""]
    lines += [f"type {i.name} = {i.go.replace(LOCAL, '')}" for i in instances]
    return "\n".join([*lines, ""])


PROXIES_FILE = "zz_goext_proxies.go"


def proxies_source(proxies: Sequence[InterfaceProxy], classes: Sequence[str],
                   import_path: str | None) -> str:
    """The proxy structs of the interfaces, each registered with the function that
    wraps a value of its interface unless its type is one of the ``classes``
    (``import_path``: the package, imported by a new main; None in its own main)."""
    known = ", ".join(["nil", *(f"{pointer}{name}" for name in classes
                                if name not in {p.name for p in proxies}
                                for pointer in ("*", ""))])
    imports = {"errors": "", "reflect": ""}
    if import_path is not None:
        imports[import_path] = ". "  # names as exports.go names them
    lines = [GENERATED_HEADER + "package main", "", "import ("]
    lines += [f"\t{alias}{quote_go(path)}" for path, alias in sorted(imports.items())]
    lines += [")", ""]
    for proxy in proxies:
        lines += [f"type {proxy.name} struct{{ {proxy.interface} }}", "",
                  f"func (p *{proxy.name}) goextInner() any {{ return p.{proxy.interface} }}",
                  "", *_refusal(proxy)]
    lines.append("func init() {")
    for proxy in proxies:
        lines += [f"\tgoextProxies[reflect.TypeOf((*{proxy.interface})(nil)).Elem()] = "
                  "func(v any) any {", "\t\tswitch v.(type) {", f"\t\tcase {known}:",
                  "\t\t\treturn v", "\t\t}", f"\t\treturn &{proxy.name}{{v.({proxy.interface})}}",
                  "\t}"]
    return "\n".join([*lines, "}", ""])


def _refusal(proxy: InterfaceProxy) -> list[str]:
    """The proxy's constructor: an empty proxy's methods would call a nil interface
    (a bare GoPanic), so making one from Python is a TypeError saying where one comes
    from (the ctypes layer and the C class both prefix "Name() ")."""
    why = (f"cannot be made from Python: it holds a {proxy.interface} that Go returned "
           f"(of a type with no class here), and an empty one has nothing to call; take "
           f"one from a Go function that returns a {proxy.interface}")
    return [f"func {proxy_new(proxy.name)}() *{proxy.name} {{",
            f"\tpanic(goextBadArgument{{errors.New({quote_go(why)})}})", "}", ""]
