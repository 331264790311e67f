"""``GoExtension``: what a user declares to build one Go package into one library."""

from __future__ import annotations

import keyword
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Union

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


def _string_list(owner: str, option: str, value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise GoExtensionConfigError(
            f"GoExtension {owner!r}: {option} must be a list of strings, got {value!r}"
        )
    items = list(value)
    bad = [item for item in items if not isinstance(item, str)]
    if bad:
        raise GoExtensionConfigError(
            f"GoExtension {owner!r}: {option} must be a list of strings, "
            f"but contains {bad[0]!r}"
        )
    return items


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


def _optional_bool(owner: str, option: str, value: object) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise GoExtensionConfigError(
            f"GoExtension {owner!r}: {option} must be True, False or None, got {value!r}"
        )
    return value


def _required_bool(owner: str, option: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise GoExtensionConfigError(
            f"GoExtension {owner!r}: {option} must be True or False, got {value!r}"
        )
    return value


class GoExtension(Extension):
    """A Go package built with ``go build -buildmode=c-shared`` into ``name``'s location.

    ``sources`` is a Go package directory (the usual case; its ``go.mod`` is
    found by ``go`` itself) or a list of ``.go`` files of one package, relative
    to the project root. The library lands at ``<package>/<leaf>{EXT_SUFFIX}``
    and ``setuptools_golang_ext.runtime.load(name)`` loads it.

    Build options:

    - ``build_tags``: passed as ``-tags``.
    - ``ldflags`` / ``gcflags``: extra linker/compiler flags (``-ldflags``,
      ``-gcflags``); release builds already use ``-s -w``.
    - ``cgo_cflags`` / ``cgo_ldflags``: appended to ``CGO_CFLAGS`` / ``CGO_LDFLAGS``.
    - ``env``: extra environment variables for the ``go`` commands.
    - ``go_build_args``: extra arguments for ``go build``, placed before ``-o``.
    - ``debug``: keep symbols (no ``-s -w``). ``None`` follows ``build_ext --debug``
      and the ``SETUPTOOLS_GOLANG_EXT_DEBUG=1`` environment variable.
    - ``optional``: a failed build is reported but does not fail the whole build.
    - ``zig``: use zig (from the ``ziglang`` package) as the C compiler: Linux
      libraries then link against glibc 2.17 and the wheel is tagged
      ``manylinux_2_17``; macOS and Windows libraries can be built on any machine. ``None``
      follows the ``SETUPTOOLS_GOLANG_EXT_ZIG=1`` environment variable.
    - ``editable_rebuild``: after ``pip install -e .`` (or ``build_ext --inplace``),
      importing the library rebuilds it when its Go sources changed.
    """

    def __init__(
        self,
        name: str,
        sources: SourcesArg,
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
        zig: bool | None = None,
        editable_rebuild: bool = True,
    ) -> None:
        # Raising here would show a traceback from the user's setup.py; instead
        # the error is kept and raised by our setuptools hook inside setup().
        self.config_error: GoExtensionConfigError | None = None
        try:
            validate_module_name(name)
            go_sources = _source_list(name, sources)
        except GoExtensionConfigError as exc:
            self.config_error = exc
            name, go_sources = str(name), ["<invalid>"]
        super().__init__(name, list(go_sources), optional=optional)
        self.go_sources: list[str] = go_sources
        self.build_tags: list[str] = []
        self.ldflags: list[str] = []
        self.gcflags: list[str] = []
        self.cgo_cflags: list[str] = []
        self.cgo_ldflags: list[str] = []
        self.go_build_args: list[str] = []
        self.go_env: dict[str, str] = {}
        self.debug: bool | None = None
        self.zig: bool | None = None
        self.editable_rebuild = True
        if self.config_error is None:
            try:
                self._set_options(build_tags, ldflags, gcflags, cgo_cflags, cgo_ldflags,
                                  env, go_build_args, debug, zig)
                self.editable_rebuild = _required_bool(name, "editable_rebuild",
                                                       editable_rebuild)
            except GoExtensionConfigError as exc:
                self.config_error = exc

    def _set_options(
        self,
        build_tags: Sequence[str] | None,
        ldflags: Sequence[str] | None,
        gcflags: Sequence[str] | None,
        cgo_cflags: Sequence[str] | None,
        cgo_ldflags: Sequence[str] | None,
        env: Mapping[str, str] | None,
        go_build_args: Sequence[str] | None,
        debug: bool | None,
        zig: bool | None,
    ) -> None:
        name = self.name
        self.build_tags = _string_list(name, "build_tags", build_tags)
        self.ldflags = _string_list(name, "ldflags", ldflags)
        self.gcflags = _string_list(name, "gcflags", gcflags)
        self.cgo_cflags = _string_list(name, "cgo_cflags", cgo_cflags)
        self.cgo_ldflags = _string_list(name, "cgo_ldflags", cgo_ldflags)
        self.go_build_args = _string_list(name, "go_build_args", go_build_args)
        if env is not None and (
            not isinstance(env, Mapping)
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())
        ):
            raise GoExtensionConfigError(
                f"GoExtension {name!r}: env must map variable names to string values, "
                f"got {env!r}"
            )
        self.go_env = dict(env or {})
        self.debug = _optional_bool(name, "debug", debug)
        self.zig = _optional_bool(name, "zig", zig)

    def check(self) -> None:
        """Raise the error found in the declaration, if any."""
        if self.config_error is not None:
            raise self.config_error

    def __repr__(self) -> str:
        return f"GoExtension({self.name!r}, {self.go_sources!r})"

    def keyword_arguments(self) -> dict[str, object]:
        """What ``GoExtension(**result)`` takes to declare this extension again
        (JSON-compatible: an editable install records it to rebuild at import)."""
        return {
            "name": self.name, "sources": list(self.go_sources),
            "build_tags": self.build_tags, "ldflags": self.ldflags, "gcflags": self.gcflags,
            "cgo_cflags": self.cgo_cflags, "cgo_ldflags": self.cgo_ldflags,
            "env": self.go_env, "go_build_args": self.go_build_args, "debug": self.debug,
            "optional": self.optional, "zig": self.zig,
            "editable_rebuild": self.editable_rebuild,
        }

    def package_source(self, project_root: Path) -> GoSourceSpec:
        """Resolve ``sources`` against the project root into one directory and its files."""
        self.check()
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
            f"GoExtension {name!r}: {not_go[0]!r} is not a .go file. List only the .go "
            f"files of the package (go build finds .c/.h files next to them), or give "
            f"the package directory."
        )
    parents = sorted({str(path.resolve().parent) for path in paths})
    if len(parents) > 1:
        raise GoExtensionConfigError(
            f"GoExtension {name!r}: the .go files span several directories "
            f"({', '.join(parents)}); a Go package lives in one directory. Give that "
            f"package directory instead, and import other packages from Go."
        )
    return GoSourceSpec(Path(parents[0]), [path.name for path in paths])
