"""``GoExtension``: what a user declares to build one Go package into one library."""

from __future__ import annotations

import keyword
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Union

from .config.binding_mode import BindingMode
from .config.bound_options import bound_package_error, require_project_module
from .config.options import (
    BINDINGS,
    BOOLEAN,
    EXTENSION_OPTIONS,
    LIST_TABLE,
    STRING_LIST,
    STRING_TABLE,
    Option,
)
from .errors import GoExtensionConfigError

if TYPE_CHECKING:
    from setuptools import Extension
else:
    try:
        from setuptools import Extension
    except ImportError:
        # Without setuptools (a run-time venv rebuilding an editable install or
        # running the import hook) a GoExtension only needs these attributes.
        class Extension:
            def __init__(self, name, sources, optional=False):
                self.name, self.sources, self.optional = name, sources, optional

SourcesArg = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]]


def validate_module_name(name: object) -> str:
    """Return ``name`` if it is a dotted Python module path, else raise a clear error."""
    if not isinstance(name, str) or not name:
        raise GoExtensionConfigError(
            f"GoExtension name must be a dotted module path such as 'mypkg._native', "
            f"got {name!r}"
        )
    for part in name.split("."):
        if not part.isidentifier() or keyword.iskeyword(part):
            raise GoExtensionConfigError(
                f"GoExtension name {name!r} is not a valid dotted module path: "
                f"{part!r} is not a Python identifier. Use names like 'mypkg._native'."
            )
    return name


def _coerce(owner: str, option: Option, value: object) -> object:
    """``value`` of a setup.py keyword, checked against the option's kind and copied."""
    if option.kind is BINDINGS:
        value = option.default if value is None else value
    if value is None:
        if option.kind is STRING_LIST:
            return []
        if option.kind in (STRING_TABLE, LIST_TABLE):
            return {}
        return option.default
    if option.kind is STRING_LIST and isinstance(value, Sequence) and not isinstance(
        value, (str, bytes)
    ):
        value = list(value)
    elif option.kind is STRING_TABLE and isinstance(value, Mapping):
        value = dict(value)
    elif option.kind is LIST_TABLE and isinstance(value, Mapping):
        value = {key: list(items) if isinstance(items, (list, tuple)) else items
                 for key, items in value.items()}
    if not option.kind.accepts(value):
        expected = option.kind.python
        if option.kind is BOOLEAN and option.default is None:
            expected = "True, False or None"  # None: decided by build_ext or the environment
        raise GoExtensionConfigError(
            f"GoExtension {owner!r}: {option.parameter} must be {expected}, got {value!r}"
        )
    return BindingMode(value) if option.kind is BINDINGS else value


def _source_list(owner: str, sources: object) -> list[str]:
    if isinstance(sources, (str, os.PathLike)):
        return [os.fspath(sources)]
    if isinstance(sources, Sequence) and sources:
        items: list[str] = []
        for item in sources:
            if not isinstance(item, (str, os.PathLike)):
                break
            items.append(os.fspath(item))
        else:
            return items
    raise GoExtensionConfigError(
        f"GoExtension {owner!r}: sources must be a Go package directory or a non-empty "
        f"list of .go files of one package, got {sources!r}"
    )


def _cgo_disabled_error(owner: str, go_env: Mapping[str, str]) -> GoExtensionConfigError | None:
    value = go_env.get("CGO_ENABLED")
    if value is None or value.strip() == "1":
        return None
    return GoExtensionConfigError(
        f"GoExtension {owner!r}: env sets CGO_ENABLED={value!r}, but a "
        f"-buildmode=c-shared library is built with cgo. Remove CGO_ENABLED from env "
        f"(builds turn cgo on themselves)."
    )


class GoExtension(Extension):
    """A Go package built with ``go build -buildmode=c-shared`` into ``name``'s location.

    ``sources`` is a Go package directory (the usual case; its ``go.mod`` is
    found by ``go`` itself) or a list of ``.go`` files of one package, relative
    to the project root. The library lands at ``<package>/<leaf>{EXT_SUFFIX}``
    and ``setuptools_golang_ext.runtime.load(name)`` loads it.

    Every keyword option is described in ``config/options.py`` (``EXTENSION_OPTIONS``)
    and in docs/configuration.md; each is also a key of the pyproject.toml table.
    """

    # Set from EXTENSION_OPTIONS by _set_options; declared for type checkers.
    build_tags: list[str]
    ldflags: list[str]
    gcflags: list[str]
    cgo_cflags: list[str]
    cgo_ldflags: list[str]
    go_env: dict[str, str]
    go_build_args: list[str]
    debug: bool | None
    vendor: bool
    zig: bool | None
    editable_rebuild: bool
    bindings: BindingMode  # the option's string, converted once here
    package: str | None
    include: list[str]
    strict: bool
    rename: dict[str, str]
    instantiate: dict[str, list[str]]

    def __init__(
        self,
        name: str,
        sources: SourcesArg | None = None,
        *,
        build_tags: Sequence[str] | None = None,
        ldflags: Sequence[str] | None = None,
        gcflags: Sequence[str] | None = None,
        cgo_cflags: Sequence[str] | None = None,
        cgo_ldflags: Sequence[str] | None = None,
        env: Mapping[str, str] | None = None,
        go_build_args: Sequence[str] | None = None,
        debug: bool | None = None,
        optional: bool = False,
        vendor: bool = False,
        zig: bool | None = None,
        editable_rebuild: bool = True,
        bindings: str | BindingMode = "ctypes",
        package: str | None = None,
        include: Sequence[str] | None = None,
        strict: bool = False,
        rename: Mapping[str, str] | None = None,
        instantiate: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        # The keywords by name, as EXTENSION_OPTIONS names them (a unit test checks
        # that this signature and the table agree).
        given = {key: value for key, value in locals().items() if key != "self"}
        # Raising here would show a traceback from the user's setup.py; instead
        # the error is kept and raised by our setuptools hook inside setup().
        self.config_error: GoExtensionConfigError | None = None
        try:
            validate_module_name(name)
            go_sources = [] if sources is None else _source_list(name, sources)
        except GoExtensionConfigError as exc:
            self.config_error = exc
            name, go_sources = str(name), ["<invalid>"]
        super().__init__(name, list(go_sources), optional=bool(optional))
        self.go_sources: list[str] = go_sources
        self._set_options(given)
        self.config_error = (self.config_error or _cgo_disabled_error(self.name, self.go_env)
                             or bound_package_error(self.name, self.go_sources, self.package,
                                                    self.include, self.strict, self.rename))

    def _set_options(self, given: Mapping[str, object]) -> None:
        """Check each keyword against its option and store it (defaults when invalid)."""
        for option in EXTENSION_OPTIONS:
            if option.positional:
                continue
            try:
                value = _coerce(self.name, option, given.get(option.parameter))
            except GoExtensionConfigError as exc:
                self.config_error = self.config_error or exc
                value = _coerce(self.name, option, None)
            setattr(self, option.attribute_name, value)

    def check(self) -> None:
        """Raise the error found in the declaration, if any."""
        if self.config_error is not None:
            raise self.config_error

    def __repr__(self) -> str:
        return f"GoExtension({self.name!r}, {self.go_sources!r})"

    def keyword_arguments(self) -> dict[str, object]:
        """What ``GoExtension(**result)`` takes to declare this extension again
        (JSON-compatible: an editable install records it to rebuild at import)."""
        arguments: dict[str, object] = {"name": self.name, "sources": list(self.go_sources)
                                        if self.go_sources else None}
        for option in EXTENSION_OPTIONS:
            if not option.positional:
                arguments[option.parameter] = getattr(self, option.attribute_name)
        return arguments

    def package_source(self, project_root: Path) -> GoSourceSpec:
        """Resolve ``sources`` against the project root into one directory and its files
        (for ``package``: the project's module, asked for the package by import path)."""
        self.check()
        if self.package is not None:
            require_project_module(self.name, self.package, project_root)
            return GoSourceSpec(project_root.resolve(), [self.package])
        return resolve_sources(self.name, self.go_sources, project_root)


class GoSourceSpec:
    """Where ``go build`` runs and what it is told to build there."""

    def __init__(self, directory: Path, build_args: list[str]) -> None:
        self.directory = directory
        self.build_args = build_args  # "." for a package directory, else file names

    def __repr__(self) -> str:
        return f"GoSourceSpec({self.directory!s}, {self.build_args!r})"


def resolve_sources(name: str, sources: Sequence[str], project_root: Path) -> GoSourceSpec:
    paths = [(project_root / source) for source in sources]
    missing = [source for source, path in zip(sources, paths) if not path.exists()]
    if missing:
        raise GoExtensionConfigError(
            f"GoExtension {name!r}: source {missing[0]!r} does not exist "
            f"(looked in {project_root}). Give a Go package directory or .go files, "
            f"relative to the directory of setup.py/pyproject.toml."
        )
    if len(paths) == 1 and paths[0].is_dir():
        return GoSourceSpec(paths[0].resolve(), ["."])
    directories = [path for path in paths if path.is_dir()]
    if directories:
        raise GoExtensionConfigError(
            f"GoExtension {name!r}: give either one package directory or a list of .go "
            f"files, not a mix ({[str(d) for d in directories]} are directories)."
        )
    not_go = [source for source in sources if not source.endswith(".go")]
    if not_go:
        raise GoExtensionConfigError(
            f"GoExtension {name!r}: {not_go[0]!r} is not a .go file. Give the package "
            f"directory (go build then compiles its C and assembly files too), or list "
            f"only .go files."
        )
    parents = sorted({str(path.resolve().parent) for path in paths})
    if len(parents) > 1:
        raise GoExtensionConfigError(
            f"GoExtension {name!r}: the .go files span several directories "
            f"({', '.join(parents)}); a Go package lives in one directory. Give that "
            f"package directory instead, and import other packages from Go."
        )
    directory = Path(parents[0])
    _refuse_unlisted_files(name, directory, {path.name for path in paths}, project_root)
    return GoSourceSpec(directory, [path.name for path in paths])


# Files `go build` compiles into a package beside its .go files; building listed
# .go files alone leaves them out and the library lacks their symbols.
_PACKAGE_FILE_SUFFIXES = {".c", ".h", ".s", ".S", ".cc", ".cpp", ".cxx", ".m", ".syso"}
_PACKAGE_RE = re.compile(r"^package\s+(\w+)", re.MULTILINE)


def _go_package_name(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8", errors="replace")
    # A constrained file may be left out on purpose: a file list is how a user picks
    # one of several alternatives (tag_on.go / tag_off.go).
    if re.search(r"^//go:build\s", text, re.MULTILINE):
        return None
    match = _PACKAGE_RE.search(text)
    return match.group(1) if match else None


def _refuse_unlisted_files(
    name: str, directory: Path, listed: set[str], project_root: Path
) -> None:
    """A list of .go files must be the whole package: refuse when the directory holds
    more of it (C, assembly, other .go files of the same package)."""
    packages = {_go_package_name(directory / file) for file in listed} - {None}
    unlisted = []
    for path in sorted(directory.iterdir()):
        if path.name in listed or not path.is_file():
            continue
        if path.suffix in _PACKAGE_FILE_SUFFIXES or (
            path.suffix == ".go" and not path.name.endswith("_test.go")
            and _go_package_name(path) in packages
        ):
            unlisted.append(path.name)
    if unlisted:
        raise GoExtensionConfigError(
            f"GoExtension {name!r}: sources lists some files of the Go package in "
            f"{directory}, but {', '.join(unlisted)} there would be left out of the build "
            f"(the library would miss their symbols). Give the package directory as "
            f"sources instead: {Path(os.path.relpath(directory, project_root)).as_posix()!r}."
        )
