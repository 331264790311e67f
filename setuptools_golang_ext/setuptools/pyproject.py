"""``[tool.setuptools-golang-ext]`` in pyproject.toml, read and validated strictly.

```toml
[tool.setuptools-golang-ext]
python-independent = false

[[tool.setuptools-golang-ext.ext-modules]]
name = "mypkg._native"
sources = "mypkg/go"
build-tags = ["fast"]
```

Each ``ext-modules`` entry takes exactly the keywords of ``GoExtension`` with
dashes for underscores. Every error names pyproject.toml, the entry and the key.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config.options import (
    EXT_MODULES_TABLE,
    EXTENSION_OPTIONS,
    PYTHON_INDEPENDENT,
    TABLE,
    TOOL_NAME,
    Option,
)
from ..errors import GoExtensionConfigError
from ..extension import GoExtension

if sys.version_info >= (3, 11):
    import tomllib
else:  # setuptools brings tomli (installed, or vendored by older versions)
    try:
        import tomli as tomllib
    except ImportError:
        from setuptools.extern import tomli as tomllib

TOP_LEVEL_KEYS = ("ext-modules", PYTHON_INDEPENDENT.key)


@dataclass(frozen=True)
class GoProjectConfig:
    ext_modules: list[GoExtension] = field(default_factory=list)
    python_independent: bool = False
    # For messages about one entry: "pyproject.toml [[...ext-modules]] #2"
    origins: dict[str, str] = field(default_factory=dict)


def load_pyproject_config(project_root: Path) -> GoProjectConfig:
    """The project's declarations, or an empty config without pyproject.toml or our table."""
    path = project_root / "pyproject.toml"
    if not path.is_file():
        return GoProjectConfig()
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise GoExtensionConfigError(f"{path} is not valid TOML: {exc}") from exc
    tools = data.get("tool", {})
    table = tools.get(TOOL_NAME) if isinstance(tools, dict) else None
    if table is None:
        _refuse_misspelled_table(tools, str(path))
        return GoProjectConfig()
    return parse_config(table, str(path))


def _normalized(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _refuse_misspelled_table(tools: object, where: str) -> None:
    """A ``[tool.setuptools_golang_ext]`` table would otherwise be ignored, and the
    wheel would be built without any Go library in it."""
    if not isinstance(tools, dict):
        return
    for name in tools:
        spelled = _normalized(str(name))
        if spelled == TOOL_NAME or difflib.SequenceMatcher(None, spelled, TOOL_NAME).ratio() >= 0.9:
            raise GoExtensionConfigError(
                f"{where}: the table [tool.{name}] is not read by setuptools-golang-ext; "
                f"did you mean {TABLE} (extensions: {EXT_MODULES_TABLE})? "
                f"Rename the table, with dashes."
            )


def parse_config(table: object, where: str = "pyproject.toml") -> GoProjectConfig:
    """Validate the ``[tool.setuptools-golang-ext]`` table and build its GoExtensions."""
    if not isinstance(table, dict):
        raise GoExtensionConfigError(
            f"{where}: {TABLE} must be a table, got {_toml_type(table)} ({table!r})"
        )
    _reject_unknown_keys(table, TOP_LEVEL_KEYS, f"{where}: {TABLE}")
    python_independent = table.get(PYTHON_INDEPENDENT.key, False)
    _check_type(python_independent, PYTHON_INDEPENDENT, f"{where}: {TABLE}")
    entries = table.get("ext-modules", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise GoExtensionConfigError(
            f"{where}: {TABLE} key 'ext-modules' must be an array of tables (write each "
            f"extension as a {EXT_MODULES_TABLE} section), got {_toml_type(entries)}"
        )
    options = list(EXTENSION_OPTIONS)
    extensions: list[GoExtension] = []
    origins: dict[str, str] = {}
    for number, entry in enumerate(entries, start=1):
        label = f"{where}: {EXT_MODULES_TABLE} #{number}"
        if isinstance(entry.get("name"), str):
            label += f" (name = {entry['name']!r})"
        ext = _extension(entry, options, label)
        if ext.name in origins:
            raise GoExtensionConfigError(
                f"{label}: the name {ext.name!r} is already used by entry "
                f"#{list(origins).index(ext.name) + 1}; each extension needs its own name."
            )
        origins[ext.name] = label
        extensions.append(ext)
    return GoProjectConfig(extensions, python_independent, origins)


def _extension(entry: Mapping[str, Any], options: list[Option], label: str) -> GoExtension:
    by_key = {option.key: option for option in options}
    _reject_unknown_keys(entry, list(by_key), label)
    missing = [o.key for o in options if o.required and o.key not in entry]
    if "sources" not in entry and "package" not in entry:
        missing.append("sources")
    if missing:
        raise GoExtensionConfigError(
            f"{label}: the required key {missing[0]!r} is missing "
            f"(required: {', '.join(o.key for o in options if o.required)}, and sources "
            f"or package)."
        )
    for key, value in entry.items():
        _check_type(value, by_key[key], label)
    kwargs = {by_key[key].parameter: value for key, value in entry.items()}
    ext = GoExtension(**kwargs)
    try:
        ext.check()  # GoExtension keeps its own errors for setup() to raise
    except GoExtensionConfigError as exc:
        raise GoExtensionConfigError(f"{label}: {exc}") from exc
    return ext


def _reject_unknown_keys(table: Mapping[str, Any], known: list[str] | tuple[str, ...],
                         label: str) -> None:
    for key in table:
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if not close and key.replace("_", "-") in known:
            close = [key.replace("_", "-")]
        hint = f"; did you mean {close[0]!r}?" if close else "."
        raise GoExtensionConfigError(
            f"{label}: unknown key {key!r}{hint} Known keys: {', '.join(known)}."
        )


def _check_type(value: object, option: Option, label: str) -> None:
    if not option.kind.accepts(value):
        raise GoExtensionConfigError(
            f"{label}: {option.key!r} must be {option.kind.expected}, "
            f"got {_toml_type(value)} ({value!r})"
        )


def _toml_type(value: object) -> str:
    names = {bool: "a boolean", str: "a string", int: "an integer", float: "a float",
             list: "an array", dict: "a table"}
    for python_type, name in names.items():
        if isinstance(value, python_type):
            return name
    return f"a {type(value).__name__}"
