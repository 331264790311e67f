"""Every option of ``GoExtension``, defined once.

This table is the single source of: the keywords ``GoExtension`` checks and
stores, the keys of ``[[tool.setuptools-golang-ext.ext-modules]]``, the
environment variables that override an unset option, ``schema.json`` and the
options table of docs/configuration.md. Unit tests compare each of those
with this table, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .binding_mode import BindingMode


@dataclass(frozen=True)
class Kind:
    """The type of an option value, as Python checks it and as users read it."""

    expected: str  # for pyproject.toml errors: "an array of strings"
    docs: str  # for the docs table: "array of strings"
    python: str  # for setup.py errors: "a list of strings"
    accepts: Callable[[object], bool]
    schema: dict[str, Any]


def _is_string_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_string_table(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(key, str) and isinstance(item, str) for key, item in value.items()
    )


_STRING_LIST_SCHEMA: dict[str, Any] = {"type": "array", "items": {"type": "string"}}

STRING = Kind("a string", "string", "a string", lambda v: isinstance(v, str), {"type": "string"})
SOURCES = Kind(
    "a string (a Go package directory) or a non-empty array of strings (.go files)",
    "string, or non-empty array of strings",
    "a Go package directory or a non-empty list of .go files of one package",
    lambda v: isinstance(v, str) or (_is_string_list(v) and bool(v)),
    {"oneOf": [{"type": "string"}, {**_STRING_LIST_SCHEMA, "minItems": 1}]},
)
STRING_LIST = Kind("an array of strings", "array of strings", "a list of strings", _is_string_list,
                   _STRING_LIST_SCHEMA)
STRING_TABLE = Kind("a table of strings", "table of strings",
                    "a mapping of variable names to string values", _is_string_table,
                    {"type": "object", "additionalProperties": {"type": "string"}})
LIST_TABLE = Kind("a table of arrays of strings", "table of arrays of strings",
                  "a mapping of names to lists of strings",
                  lambda v: isinstance(v, dict) and all(
                      isinstance(key, str) and _is_string_list(item) for key, item in v.items()),
                  {"type": "object", "additionalProperties": _STRING_LIST_SCHEMA})
BOOLEAN = Kind("a boolean (true or false)", "boolean", "True or False",
               lambda v: isinstance(v, bool),
               {"type": "boolean"})

# `bindings`: how //python:export functions reach Python.
BINDING_MODES = tuple(mode.value for mode in BindingMode)
BINDINGS = Kind('"ctypes" or "cpython"', '`"ctypes"` or `"cpython"`', "'ctypes' or 'cpython'",
                lambda v: v in BINDING_MODES, {"enum": list(BINDING_MODES)})

_TRUE_WORDS = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Option:
    """One option: its setup.py keyword, its TOML key, its type and meaning."""

    parameter: str  # GoExtension's keyword: "build_tags"
    kind: Kind
    description: str
    required: bool = False
    default: object = None  # for lists and tables, None stands for empty
    attribute: str = ""  # the GoExtension attribute, when it differs from `parameter`
    environment: str = ""  # a variable that decides when the option is left unset
    # GoExtension's positional parameters (name, sources): checked by hand, not stored
    # by the option loop.
    positional: bool = False

    @property
    def key(self) -> str:
        """As written in pyproject.toml: ``build-tags``."""
        return self.parameter.replace("_", "-")

    @property
    def attribute_name(self) -> str:
        return self.attribute or self.parameter

    def from_environment(self, environ: Mapping[str, str]) -> bool:
        """For boolean options with an environment override: is it switched on?"""
        return environ.get(self.environment, "").strip().lower() in _TRUE_WORDS


EXTENSION_OPTIONS: tuple[Option, ...] = (
    Option("name", STRING, "Dotted module path of the library, e.g. `\"mypkg._native\"`.",
           required=True, positional=True),
    Option("sources", SOURCES, "A Go package directory (usual), or the `.go` files of one "
           "package (all of them; a package with C or assembly files needs its directory); "
           "relative to the project root. The directory must be inside a Go module "
           "(a `go.mod` in it or above it). Give `sources` or `package`, not both.",
           positional=True),
    Option("build_tags", STRING_LIST, "Build tags, passed as `go build -tags=a,b`."),
    Option("ldflags", STRING_LIST, "Extra linker flags (`-ldflags`); release builds already "
           "use `-s -w`."),
    Option("gcflags", STRING_LIST, "Extra compiler flags (`-gcflags`)."),
    Option("cgo_cflags", STRING_LIST, "Appended to `CGO_CFLAGS`; when that variable is "
           "unset, to `go env CGO_CFLAGS` (Go's default `-O2 -g`), so C code stays "
           "optimised."),
    Option("cgo_ldflags", STRING_LIST, "Appended to `CGO_LDFLAGS` (or to `go env "
           "CGO_LDFLAGS` when unset)."),
    Option("env", STRING_TABLE, "Extra environment variables for the `go` commands, e.g. "
           "`env = { GOAMD64 = \"v3\" }`.", attribute="go_env"),
    Option("go_build_args", STRING_LIST, "Extra arguments for `go build`, placed before "
           "`-o`."),
    Option("debug", BOOLEAN, "`true` keeps symbols (no `-s -w`, no `-trimpath`). Unset: "
           "follows `build_ext --debug` and the environment variable.",
           environment="SETUPTOOLS_GOLANG_EXT_DEBUG"),
    Option("optional", BOOLEAN, "A failed build of this extension is reported but does not "
           "fail the whole build.", default=False),
    Option("vendor", BOOLEAN, "The sdist carries the module's dependencies (`go mod "
           "vendor`, run when the sdist is made; your tree stays as it is), and builds from "
           "it use them (`-mod=vendor`), so an sdist builds offline.", default=False),
    Option("zig", BOOLEAN, "Use zig (from the `ziglang` package) as the C compiler: Linux "
           "libraries link against glibc 2.17 and the wheel is tagged `manylinux_2_17`; "
           "Windows and macOS libraries can be built from Linux. Unset: follows the "
           "environment variable.", environment="SETUPTOOLS_GOLANG_EXT_ZIG"),
    Option("editable_rebuild", BOOLEAN, "After `pip install -e .` (or `build_ext --inplace`), "
           "importing the library rebuilds it when its Go sources changed.", default=True),
    Option("bindings", BINDINGS, "How `//python:export` functions reach Python: "
           "`\"ctypes\"` (a py3-none-compatible library loaded with ctypes) or "
           "`\"cpython\"` (a generated limited-API extension module, about 5x faster per "
           "call, wheel tagged `cp311-abi3`; needs Python 3.11+ headers at build time).",
           default=BindingMode.CTYPES.value),
    Option("package", STRING, "Bind a Go package by import path instead of `sources` "
           "(`\"github.com/google/uuid\"`, `\"strings\"`): every exported declaration "
           "binds without `//python:export`; the version comes from the `go.mod` next to "
           "pyproject.toml."),
    Option("include", STRING_LIST, "With `package`: bind only these Go names (functions, "
           "types, constants, variables)."),
    Option("strict", BOOLEAN, "With `package`: a declaration that cannot be bound fails "
           "the build instead of being left out with a warning.", default=False),
    Option("rename", STRING_TABLE, "Python names for Go names of functions, methods "
           "(`\"Type.Method\"`), struct types, fields (`\"Type.Field\"`), constants and "
           "variables: a table such as "
           "`{ NewString = \"new_string\" }`."),
    Option("instantiate", LIST_TABLE, "The instantiations of generic functions and types "
           "to bind, each a list of type arguments as Go writes them: `{ Map = [\"string, "
           "int\", \"int, int\"] }` binds `Map_string_int` and `Map_int_int` (a generic "
           "type's become classes: `Table_string_int`; in your own package, "
           "`//python:export instantiate=[string,int]` does the same)."),
)

TOOL_NAME = "setuptools-golang-ext"  # pyproject.toml's [tool.setuptools-golang-ext]
TABLE = f"[tool.{TOOL_NAME}]"
EXT_MODULES_TABLE = f"[[tool.{TOOL_NAME}.ext-modules]]"

# The one key of `[tool.setuptools-golang-ext]` besides `ext-modules`.
PYTHON_INDEPENDENT = Option(
    "python_independent", BOOLEAN, "The extensions do not use the Python C API, so one "
    "wheel tagged `py3-none-<platform>` serves every Python 3. In setup.py: "
    "`setup(go_python_independent=True)`.", default=False,
)


def option_named(parameter: str) -> Option:
    for option in EXTENSION_OPTIONS:
        if option.parameter == parameter:
            return option
    raise KeyError(parameter)


def enabled(option: Option, chosen: bool | None, environ: Mapping[str, str]) -> bool:
    """A tri-state boolean option: the user's choice, else its environment variable."""
    if chosen is not None:
        return chosen
    return option.from_environment(environ)
