"""The bindings hooks of a Go build: what to build, and the API files written after it.

``scan_bindings`` picks the exported functions from the package's API model,
``prepare_package`` decides what ``go build`` builds (the package itself, the
package plus a generated file through ``-overlay``, or a generated ``package
main`` in a temporary workspace that imports a non-main package), and
``write_api_files`` installs the description the runtime reads and the typed
``<leaf>_api.py`` module beside the library. Nothing is written into the
user's source tree.
"""

from __future__ import annotations

import hashlib
import json
import keyword
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._install_file import GENERATED_MARKER, write_generated_file
from .._log import log
from ..config.binding_mode import BindingMode
from ..errors import GoPackageError
from ..go.go_list import GoPackage
from ..go.vendor import without_mod_flag
from ..goapi.exports import (
    FUNCTION,
    GET,
    METHOD,
    VALUE_METHOD,
    GoClass,
    GoConstant,
    GoFunction,
    GoNamedType,
    GoVariable,
    c_exports,
    import_alias,
    named_tag,
    option_values,
    python_classes,
    python_constants,
    python_exports,
    python_named_types,
    python_variables,
    unknown_options,
)
from ..goapi.foreign import ForeignClass
from ..goapi.func_values import (
    func_callers,
    func_shape_hint,
    func_type_tag,
    is_func_type,
    named_func_types,
    passes_funcs,
    spelling_clashes,
)
from ..goapi.instances import (
    TypeInstance,
    type_instances,
    unlisted_instance_hint,
    unlisted_problems,
)
from ..goapi.interfaces import GoInterface, is_constraint, python_interfaces
from ..goapi.model import GoApi, TypeDecl
from ..goapi.proxies import InterfaceProxy
from ..goapi.type_options import type_option_problems
from ..runtime.contract import (
    API_MODULE_SUFFIX,
    API_SUFFIX,
    ASYNC_OPTION,
    BINDINGS_KEY,
    BYTES,
    CONTEXT_TYPE,
    ERROR,
    FUNC_TYPES_KEY,
    GIL_HOLD,
    GIL_OPTION,
    GIL_RELEASE,
    KEEP_OPTION,
    LAYER_PYTHON_EXPORT,
    LIBRARY_ID_KEY,
    MINIMUM_GO,
    NAME_OPTION,
    NOCOPY_OPTION,
    NOCOPY_RESULT,
    builtin_name,
    callback_types,
    canonical,
    func_items,
    go_func_types,
    go_spelling,
    interface_name,
    is_supported,
    nocopy_slice,
    object_class,
    sink_item,
    stream_item_supported,
    stream_items,
    value_class,
)
from .api_module import api_module_source
from .cpython_module import MODULE_FILE
from .description import describe_functions, describe_objects
from .foreign_glue import (
    FOREIGN_FILE,
    INSTANCES_FILE,
    PROXIES_FILE,
    foreign_aliases_source,
    instance_aliases_source,
    proxies_source,
)
from .go_glue import exports_source
from .go_support import support_source
from .library_id import ID_FILE, library_id_source, with_digest
from .module_mirror import mirror_module
from .type_families import calls_python


@dataclass(frozen=True)
class Bindings:
    # Every wrapper to generate: functions, methods and field accessors.
    python_functions: list[GoFunction]
    c_functions: list[GoFunction] = field(default_factory=list)
    classes: list[GoClass] = field(default_factory=list)
    constants: list[GoConstant] = field(default_factory=list)
    variables: list[GoVariable] = field(default_factory=list)
    # Variables of type error: exception classes, in kind order (declaration order).
    sentinels: list[GoVariable] = field(default_factory=list)
    # Named basic types marked //python:export: Python names for built-in types.
    named_types: list[GoNamedType] = field(default_factory=list)
    doc: str = ""  # the package doc comment: the module's __doc__
    # Interface types marked //python:export: abstract classes for isinstance.
    interfaces: list[GoInterface] = field(default_factory=list)
    # Struct types of other packages bound as classes (goapi/foreign.py).
    foreign: tuple[ForeignClass, ...] = ()
    # A proxy class for each interface, for values of no class (goapi/proxies.py).
    proxies: tuple[InterfaceProxy, ...] = ()
    # Named func types marked //python:export: their func tag -> name.
    func_types: dict[str, str] = field(default_factory=dict)
    # Listed instantiations of generic types, declared by the glue as aliases.
    instances: tuple[TypeInstance, ...] = ()

    @property
    def bound_names(self) -> list[str]:
        """What Python gets, as logs name it: functions, methods, classes, constants,
        variables, exception classes and named types."""
        return ([f.label for f in self.python_functions if f.role in (FUNCTION, METHOD)]
                + self.class_names + [c.name for c in self.constants]
                + [v.value.name for v in (*self.variables, *self.sentinels)]
                + [t.name for t in self.named_types] + [i.name for i in self.interfaces]
                + list(self.func_types.values()))

    @property
    def declared_names(self) -> list[str]:
        """The classes the glue declares itself (foreign aliases, interface proxies,
        instantiations of generic types)."""
        return [c.name for c in self.foreign if not c.package_alias] \
            + [p.name for p in self.proxies] \
            + [i.name for i in self.instances]

    @property
    def class_names(self) -> list[str]:
        """The classes in id order (the glue and the description agree on it)."""
        return [go_class.name for go_class in self.classes]

    @property
    def sentinel_names(self) -> list[str]:
        """The sentinel errors in kind order (the glue and the description agree on it)."""
        return [sentinel.value.name for sentinel in self.sentinels]


@dataclass(frozen=True)
class BuildTarget:
    """Where ``go build`` runs, what it builds there, and extra environment."""

    cwd: Path
    package_args: list[str]
    env: dict[str, str]
    workspace: bool = False  # built through a generated go.work

    def environment(self, env: dict[str, str]) -> dict[str, str]:
        merged = {**env, **self.env}
        if self.workspace:
            # Workspaces reject -mod=mod (a user's GOFLAGS); they read go.work instead.
            merged["GOFLAGS"] = without_mod_flag(merged.get("GOFLAGS", ""))
        return merged


_SUPPORTED = (
    "Python bindings support these types: Go integer and float types, bool, string, "
    "[]byte, slices of numbers, []string, map[K]V with K string or an integer type and V "
    "one of those or string, named types of them (also of other packages: time.Duration "
    "is an int64; also inside slices, arrays, maps and pointers), complex64/128, "
    "time.Time (datetime), *T and T for a struct T marked "
    "//python:export (also in []T and map[K]T; of a generic struct, the instantiations "
    "listed with instantiate=), *T and T for a non-generic struct T of "
    "another package (opaque values: *bytes.Buffer), any and interfaces (of other "
    "packages too: io.Reader), func types over those (with at most one result besides error; "
    "a parameter takes a Python callable, a result, variable or field is a Go func Python "
    "calls), context.Context as the first parameter, error as a parameter (also "
    "[]error and ...error) and as the last result, and results of iter.Seq[T], "
    "iter.Seq2[K, V], <-chan T and chan T (Python iterators) with T a number, bool, "
    "string or a slice, array or map of those."
)


def scan_bindings(ext_name: str, api: GoApi) -> Bindings:
    """The functions to bind; every unsupported declaration is reported in one error."""
    for problem in api.directive_problems:
        if not problem.detached:
            log.warning("GoExtension %r: %s", ext_name, problem)
    python_functions = python_exports(api)
    classes = python_classes(api, python_functions)
    for c in classes:
        for method in c.unpromoted:
            log.warning("GoExtension %r: %s is marked //python:export, but Go does not "
                        "promote it to %s (two embedded types or a field have that name), "
                        "so class %s has no such method", ext_name, method, c.name, c.name)
    problems = binding_problems(api)
    if problems:
        raise unbindable_error(ext_name, [text for _, text in problems], "//python:export ")
    variables = python_variables(api)
    # A sentinel error (`var ErrNotFound = errors.New(...)`) becomes an exception class.
    sentinels = [v for v in variables if canonical(v.value.type) == ERROR]
    variables = [v for v in variables if canonical(v.value.type) != ERROR]
    accessors = [a for c in classes for a in (*c.promoted, *c.accessors)]
    accessors += [a for v in variables for a in (v.get, v.set)]
    func_types = named_func_types(api)
    callers = func_callers(python_functions + accessors, func_types)
    return Bindings(python_functions + accessors + callers, c_exports(api), classes,
                    python_constants(api), variables, sentinels,
                    python_named_types(api, python_functions), api.package.doc.strip(),
                    python_interfaces(api, [c.name for c in classes]), func_types=func_types,
                    instances=type_instances(api, import_alias))


def unbindable_error(ext_name: str, problems: list[str], marker: str) -> GoPackageError:
    """One error listing every declaration that cannot be bound."""
    listing = "\n".join(f"  {problem}" for problem in problems)
    types_note = f"\n{_SUPPORTED}" if " has type " in listing else ""
    return GoPackageError(
        f"GoExtension {ext_name!r}: {len(problems)} {marker}declaration(s) cannot be "
        f"bound:\n{listing}{types_note}"
    )


def binding_problems(api: GoApi) -> list[tuple[str, str]]:
    """Each marked declaration that cannot be bound: its Go name (``F``, ``T``,
    ``T.M``; "" for a stray marker) and a line saying where and why."""
    python_functions = python_exports(api)
    classes = python_classes(api, python_functions)
    names = frozenset(c.name for c in classes)
    problems = [("", str(problem)) for problem in api.directive_problems if problem.detached]
    named_types = python_named_types(api, python_functions)
    funcs = frozenset(t.name for t in api.types if is_func_type(t))
    generics = frozenset(t.name for t in api.types if t.type_params)
    problems += [
        (function.label, f"{function.where}: //python:export func {_spelled(function)}: "
                         f"{problem}")
        for function in python_functions
        for problem in [*_value_method_problems(function, named_types),
                        *_problems(function, api.package.name, names,
                                   funcs=funcs, generics=generics)]
    ]
    problems += unlisted_problems(api)
    problems += [(decl.name, problem) for decl in api.types
                 for problem in _type_problems(decl, api.package.import_path, names, funcs)]
    problems += [(decl.name, problem) for decl in api.types
                 for problem in type_option_problems(decl)]
    problems += [(f"{c.name}.{member}", f"{c.file}:{c.line}: //python:export type {c.name}: "
                                        f"{problem}")
                 for c in classes for member, problem in _field_problems(c, names, funcs)]
    variables = python_variables(api)
    problems += _func_clashes(python_functions, classes, variables)
    problems += [(v.value.name, f"{v.get.where}: //python:export var {v.value.name}: it has "
                                f"type {go_spelling(v.value.type)}"
                                f"{_stored_func_hint(v.value.type, funcs)}")
                 for v in variables
                 if canonical(v.value.type) != ERROR
                 and not _value_supported(v.value.type, names)]
    problems += [(v.value.name, f"{v.get.where}: //python:export var {v.value.name}: "
                                f"{v.value.name!r} is a Python keyword, so it cannot name an "
                                f"exception class; rename it")
                 for v in variables
                 if canonical(v.value.type) == ERROR and keyword.iskeyword(v.value.name)]
    return problems


def _func_clashes(functions: list[GoFunction], classes: list[GoClass],
                  variables: list[GoVariable]) -> list[tuple[str, str]]:
    """Func results of one converted type spelled with other named types inside."""
    getters = [a for c in classes for a in c.accessors if a.role == GET]
    getters += [v.get for v in variables]
    found = []
    for function, why in spelling_clashes([*functions, *getters]):
        if function.role != GET:
            found.append((function.label, f"{function.where}: //python:export func "
                                          f"{_spelled(function)}: {why}"))
        elif function.owner:
            found.append((f"{function.owner}.{function.name}", f"{function.where}: "
                          f"//python:export type {function.owner}: field {function.name}: "
                          f"{why}"))
        else:
            found.append((function.name, f"{function.where}: //python:export var "
                                         f"{function.name}: {why}"))
    return found


def _field_problems(go_class: GoClass, classes: frozenset[str],
                    funcs: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """Each field that cannot be bound: its name and why."""
    found = []
    for member in go_class.fields:
        if keyword.iskeyword(member.name):
            found.append((member.name, f"field {member.name} is a Python keyword; rename it"))
        elif not _value_supported(member.type, classes):
            found.append((member.name, f"field {member.name} has type "
                                       f"{go_spelling(member.type)}"
                                       f"{_stored_func_hint(member.type, funcs)}"))
    return found


def _value_supported(go_type: str, classes: frozenset[str]) -> bool:
    """Can a field or variable of this type be read and set? Not sequences or
    channels (reading one would consume it); funcs are Go func values when read."""
    items = func_items(canonical(go_type))
    callback = callback_types(items[1] if items and not items[0] else canonical(go_type))
    if callback is not None:  # Go keeps the callable set: it may not answer an object
        return is_supported(go_type, result=True, classes=classes) \
            and not any(map(_holds_go_value, callback[1]))
    return is_supported(go_type, result=False, classes=classes) \
        and is_supported(go_type, result=True, classes=classes) \
        and not calls_python(go_type) and stream_items(canonical(go_type)) is None


def _stored_func_hint(go_type: str, funcs: frozenset[str] = frozenset()) -> str:
    """Why a func-typed variable or field cannot be bound, when it can be said."""
    if func_shape_hint(go_type, funcs):
        return func_shape_hint(go_type, funcs)
    callback = callback_types(canonical(go_type))
    if callback is not None and any(map(_holds_go_value, callback[1])):
        return (": a Python callable stored there could not answer a Go object (Python "
                "may release it before Go reads it); return plain values")
    return ""


def _spelled(function: GoFunction) -> str:
    return f"({function.receiver}) {function.name}" if function.role in (METHOD, VALUE_METHOD) \
        else function.name


def _alias_problem(decl: TypeDecl, package: str) -> str:
    """Why a marked alias binds no class (an alias of another package's struct,
    interface, named collection or named basic type with methods does)."""
    target = decl.type
    if target.kind == "named" and target.package == package:
        return (f"it is an alias of {target.name}, a type of this package, and a class "
                f"has one name: use {target.name} (marked //python:export; rename it with name=)")
    return (f"it is an alias of {target.go}, which is no class here: an alias binds "
            f"under its name only another package's struct or interface type, named "
            f"slice, array or map, or named basic type with methods")


def _type_problems(decl: TypeDecl, package: str = "", classes: frozenset[str] = frozenset(),
                   funcs: frozenset[str] = frozenset()) -> list[str]:
    """A type marked //python:export must be an exported struct (a class) or a
    named basic type (a Python name for the built-in type its values convert to;
    unmarked, it still converts as its underlying type)."""
    if not decl.python_export:
        return []
    where = f"{decl.pos}: //python:export type {decl.name}"
    if not decl.exported:
        return [f"{where}: it is not exported, so give it a capitalised name"]
    if decl.alias:
        return [f"{where}: {_alias_problem(decl, package)}"]
    if decl.type_params:
        return []  # its listed instantiations bind (see instances.unlisted_problems)
    if decl.underlying.kind == "interface" and is_constraint(decl):
        return [f"{where}: it is a constraint ({decl.underlying.go}), which has no values, "
                f"so it has no Python name; remove //python:export"]
    if is_func_type(decl) and passes_funcs(decl.underlying, funcs) \
            and not go_func_types(func_type_tag(decl, package, classes) or ""):
        return [f"{where}: a func type taking or returning a func ({decl.underlying.go}) "
                f"cannot cross to Python yet; leave it unmarked, and bind Go functions of "
                f"that shape instead (func RequireUser(next Handler) Handler binds: Python "
                f"passes a callable and gets a Go func back)"]
    if is_func_type(decl) and decl.underlying.variadic:
        return [f"{where}: a variadic func type ({decl.underlying.go}) cannot cross to "
                f"Python; take a slice instead"]
    if is_func_type(decl) and func_type_tag(decl, package) is None:
        return [f"{where}: its func type {decl.underlying.go} has a parameter or result "
                f"that cannot cross to Python, or more than one result besides error"]
    if decl.underlying.kind not in ("struct", "basic", "interface", "func") \
            and named_tag(decl, package, classes) is None:
        return [f"{where}: only struct types become classes, and it is "
                f"{decl.underlying.go}"]
    if decl.underlying.kind == "basic" and builtin_name(canonical(decl.underlying.go)) is None:
        return [f"{where}: its underlying type {decl.underlying.go} has no Python type"]
    return []


def _problems(function: GoFunction, package_name: str, classes: frozenset[str], *,
              funcs: frozenset[str] = frozenset(),
              generics: frozenset[str] = frozenset()) -> list[str]:
    """``funcs``: the package's func types; ``generics``: its generic types."""
    if function.role == METHOD and function.owner not in classes:
        return [f"it is a method of {function.owner}, which is not a struct type marked "
                f"//python:export; mark `type {function.owner}` with //python:export"]
    if package_name != "main" and not function.name[0].isupper():
        return ["it is not exported (the generated main package calls it from outside), "
                "so give it a capitalised name"]
    if keyword.iskeyword(function.name):
        return [f"{function.name!r} is a Python keyword; rename it"]
    found = _option_problems(function)
    found += [
        f"readonly={name}: it has no []byte parameter of that name"
        for name in function.readonly
        if not any(p.name == name and canonical(p.type) == BYTES for p in function.params)
    ]
    for index, param in enumerate(function.params):
        if index == 0 and param.type == CONTEXT_TYPE:
            continue  # supplied by the bindings, cancelled on Ctrl-C
        if not is_supported(param.type, result=False, classes=classes):
            found.append(f"parameter {param.name or index + 1} has type "
                         f"{go_spelling(param.type)}"
                         + (_stream_hint(param.type, result=False)
                            or func_shape_hint(param.type, funcs))
                         + unlisted_instance_hint(param.type, generics))
    for index, result in enumerate(function.results):
        if not is_supported(result.type, result=True, classes=classes):
            found.append(f"result {index + 1} has type {go_spelling(result.type)}"
                         + (_stream_hint(result.type, result=True)
                            or func_shape_hint(result.type, funcs))
                         + unlisted_instance_hint(result.type, generics))
        if canonical(result.type) == ERROR and index != len(function.results) - 1:
            found.append("`error` may only be the last result")
    return found


def _value_method_problems(function: GoFunction, named_types: list[GoNamedType]
                           ) -> list[str]:
    """A method of a named basic type binds on its class: the type must be marked."""
    if function.role != VALUE_METHOD:
        return []
    if function.owner not in {t.name for t in named_types}:
        return [f"it is a method of {function.owner}, which is not marked //python:export; "
                f"mark `type {function.owner}` with //python:export (it becomes a class)"]
    return []


def _stream_hint(go_type: str, *, result: bool) -> str:
    """Why a sequence or channel type cannot cross, and what can."""
    sink = sink_item(canonical(go_type))
    items = stream_items(canonical(go_type)) or ((sink,) if sink else None)
    if items is None:
        return ""
    if sink is not None and result:
        return ": a send-only channel cannot be a result; return a <-chan"
    if not result and len(items) == 2:
        return ": an iter.Seq2 parameter is not supported; take an iter.Seq or a slice"
    bad = [item for item in items if not stream_item_supported(item)]
    return (f": its items ({', '.join(bad)}) cannot cross; a stream's items may be "
            f"numbers, bool, strings and slices, arrays or maps of those")


def _option_problems(function: GoFunction) -> list[str]:
    """Misspelled or contradictory words after ``//python:export``."""
    found = [f"unknown option {word!r} after //python:export (the options are "
             f"readonly=NAME[,NAME...], {KEEP_OPTION}=NAME[,NAME...], gil={GIL_HOLD} "
             f"or gil={GIL_RELEASE}, {NAME_OPTION}=python_name, "
             f"{NOCOPY_OPTION}={NOCOPY_RESULT} and {ASYNC_OPTION})"
             for word in unknown_options(function.options)]
    found += [f"gil={value}: say gil={GIL_HOLD} or gil={GIL_RELEASE}"
              for value in option_values(function.options, GIL_OPTION)
              if value not in (GIL_HOLD, GIL_RELEASE)]
    found += [f"name={value}: {value!r} is not a Python identifier or is a keyword; "
              f"choose another name" for value in option_values(function.options, NAME_OPTION)
              if not value.isidentifier() or keyword.iskeyword(value)]
    if function.hold_gil:
        params = function.params
        if params and params[0].type == CONTEXT_TYPE:
            found.append(f"gil={GIL_HOLD} with a context.Context: Ctrl-C cancels the "
                         f"context from Python, which cannot run while the call holds the "
                         f"GIL; drop gil={GIL_HOLD}")
        if any(calls_python(p.type) or func_items(canonical(p.type)) for p in params):
            found.append(f"gil={GIL_HOLD} with a callback parameter (a sequence or channel "
                         f"parameter is one: Go calls Python for its items): a goroutine "
                         f"calling back would wait for the GIL this call holds; drop "
                         f"gil={GIL_HOLD}")
    if function.is_async and not (function.params and function.params[0].type == CONTEXT_TYPE):
        found.append(f"{ASYNC_OPTION}: the function must take a context.Context first, which "
                     f"cancelling the Python task cancels; add `ctx context.Context` as its "
                     f"first parameter, or drop {ASYNC_OPTION}")
    return found + _keep_problems(function) + _nocopy_problems(function) \
        + _kept_list_problems(function)


def _kept_list_problems(function: GoFunction) -> list[str]:
    """A slice or array of funcs Python fills keeps each callable as keep= does:
    the same rule on what the callables may return."""
    found = []
    for param in function.params:
        items = func_items(canonical(param.type))
        types = callback_types(items[1]) if items and not items[0] else None
        if types and types[1] and _holds_go_value(types[1][0]):
            found.append(f"parameter {param.name}: the callables of a list Go keeps cannot "
                         f"return a Go object (Python may release it before Go reads it); "
                         f"return plain values")
    return found


def _nocopy_problems(function: GoFunction) -> list[str]:
    """``nocopy=result`` needs a []byte or numeric slice result to leave uncopied."""
    values = option_values(function.options, NOCOPY_OPTION)
    found = [f"{NOCOPY_OPTION}={value}: say {NOCOPY_OPTION}={NOCOPY_RESULT} (every []byte "
             f"and numeric slice result is then a view of Go's memory)"
             for value in values if value != NOCOPY_RESULT]
    if NOCOPY_RESULT in values and not any(nocopy_slice(r.type) for r in function.results):
        found.append(f"{NOCOPY_OPTION}={NOCOPY_RESULT}: it has no []byte or numeric slice "
                     f"result (of an unnamed slice type) to leave uncopied")
    return found


def _holds_go_value(go_type: str) -> bool:
    """An object, a struct by value or an interface: a handle Python may release."""
    return bool(object_class(go_type) or value_class(go_type)) \
        or interface_name(go_type) is not None


def _keep_problems(function: GoFunction) -> list[str]:
    """``keep=NAME`` names a func parameter whose result Go can use on its own."""
    found = []
    for name in function.keep:
        param = next((p for p in function.params if p.name == name), None)
        types = callback_types(canonical(param.type)) if param else None
        if types is None:
            found.append(f"{KEEP_OPTION}={name}: it has no func parameter of that name")
        elif types[1] and _holds_go_value(types[1][0]):
            found.append(f"{KEEP_OPTION}={name}: a callable Go keeps cannot return a Go "
                         f"object (Python may release it before Go reads it); return "
                         f"plain values, or drop {KEEP_OPTION}={name}")
    return found


def api_files(library: Path, ext_name: str) -> list[Path]:
    """The files installed beside ``library`` for ``ext_name``."""
    leaf = ext_name.rpartition(".")[2]
    return [library.parent / (leaf + API_SUFFIX), library.parent / (leaf + API_MODULE_SUFFIX)]


def prepare_package(
    ext_name: str,
    package: GoPackage,
    build_args: list[str],
    bindings: Bindings,
    scratch: Path,
    *,
    vendored: bool = False,
    module: str = "",
    identifier: str = "",
    extra_glue: dict[str, str] | None = None,
    bound_from: Path | None = None,
) -> BuildTarget:
    """``module``: the Go file of a ``bindings = "cpython"`` module, added to the glue;
    ``identifier``: the library id (``library_id``) the library exports;
    ``extra_glue``: more files of the generated main package, by name;
    ``bound_from``: the project module through which a package named by import path
    is built (the generated main package goes into a mirror of it)."""
    if not bindings.bound_names and bound_from is None:
        return BuildTarget(package.directory, build_args, {})
    generated = scratch / "goext"
    generated.mkdir()
    glue = {"zz_goext_support.go": support_source("main"), **(extra_glue or {})}
    if module:
        glue[MODULE_FILE] = module
    if identifier:
        glue[ID_FILE] = library_id_source(identifier)
    if bindings.foreign:
        glue[FOREIGN_FILE] = foreign_aliases_source(bindings.foreign)
    own_main = package.name == "main" and bound_from is None
    if bindings.instances:
        glue[INSTANCES_FILE] = instance_aliases_source(
            bindings.instances, None if own_main else package.import_path)
    if bindings.proxies:
        glue[PROXIES_FILE] = proxies_source(bindings.proxies, bindings.class_names,
                                            None if own_main else package.import_path)
    if bound_from is not None:
        return _main_in_module_mirror(package, bindings, generated, glue, bound_from)
    if package.name == "main":
        return _overlay_into_main(package, build_args, bindings, generated, glue)
    if build_args != ["."] or package.module_root is None:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: //python:export functions in package "
            f"{package.name!r} need a Go package directory inside a Go module as sources "
            f"(the generated main package imports it by its import path)."
        )
    if vendored:
        return _main_in_module_mirror(package, bindings, generated, glue)
    return _workspace_main(package, bindings, generated, glue)


def _write_glue(directory: Path, glue: dict[str, str]) -> None:
    for name, text in glue.items():
        (directory / name).write_text(text, encoding="utf-8")


def _overlay_into_main(
    package: GoPackage, build_args: list[str], bindings: Bindings, generated: Path,
    glue: dict[str, str],
) -> BuildTarget:
    """Add the glue to the user's main package in the build only, via ``-overlay``."""
    replace: dict[str, str] = {}
    for name, text in (
        *glue.items(),
        ("zz_goext_exports.go", exports_source(bindings.python_functions, None,
                                               bindings.class_names, bindings.sentinel_names)),
    ):
        (generated / name).write_text(text, encoding="utf-8")
        replace[str(package.directory / name)] = str(generated / name)
    overlay = generated / "overlay.json"
    overlay.write_text(json.dumps({"Replace": replace}), encoding="utf-8")
    extra = [] if build_args == ["."] else [Path(path).name for path in replace]
    return BuildTarget(package.directory, ["-overlay=" + str(overlay), *build_args, *extra], {})


def _workspace_main(
    package: GoPackage, bindings: Bindings, generated: Path, glue: dict[str, str]
) -> BuildTarget:
    """A throwaway main module that imports the package, joined to its module by go.work."""
    assert package.module_root is not None
    main = generated / "main"
    main.mkdir()
    go_version = _go_version(package.module_go_version)
    (main / "go.mod").write_text(
        f"module setuptools_golang_ext.generated/main\n\ngo {go_version}\n", encoding="utf-8"
    )
    _write_glue(main, glue)
    (main / "exports.go").write_text(
        exports_source(bindings.python_functions, package.import_path, bindings.class_names,
                       bindings.sentinel_names, declared=bindings.declared_names),
        encoding="utf-8",
    )
    work = generated / "go.work"
    work.write_text(
        f"go {go_version}\n\nuse (\n\t./main\n\t{json.dumps(str(package.module_root))}\n)\n",
        encoding="utf-8",
    )
    return BuildTarget(main, ["."], {"GOWORK": str(work)}, workspace=True)


def _main_in_module_mirror(
    package: GoPackage, bindings: Bindings, generated: Path, glue: dict[str, str],
    bound_from: Path | None = None,
) -> BuildTarget:
    """The generated main package inside a mirror of the module, so that its vendor
    directory is used (a go.work would ignore it). ``bound_from``: the module to
    mirror when it is not the package's own (a package named by import path)."""
    root = bound_from or package.module_root
    assert root is not None
    mirrored = mirror_module(root, bound_from or package.directory, generated / "module")
    main = mirrored / "zz_goext_main"
    main.mkdir()
    _write_glue(main, glue)
    (main / "exports.go").write_text(
        exports_source(bindings.python_functions, package.import_path, bindings.class_names,
                       bindings.sentinel_names, declared=bindings.declared_names,
                       keeps_slices=bound_from is not None),
        encoding="utf-8",
    )
    # The mirror lives in the project's build directory: a go.work above it is not ours.
    return BuildTarget(main, ["."], {"GOWORK": "off"})


def _go_version(module_version: str | None) -> str:
    parts = tuple(int(p) for p in (module_version or "").split(".")[:2] if p.isdigit())
    if len(parts) == 2 and parts > MINIMUM_GO:
        return module_version or ""
    return ".".join(map(str, MINIMUM_GO))


def library_id(ext_name: str, bindings: Bindings, mode: BindingMode) -> str:
    """16 hex digits (a uint64) naming these bindings of ``ext_name`` in ``mode``."""
    named = frozenset(t.name for t in bindings.named_types)
    c_signatures = [[f.name, [canonical(p.type) for p in f.params],
                     [canonical(r.type) for r in f.results]] for f in bindings.c_functions]
    parts = [
        mode,
        describe_functions(ext_name, bindings.python_functions, [], "", named),
        describe_objects(bindings.classes, bindings.constants, bindings.python_functions,
                         bindings.variables, bindings.named_types, bindings.interfaces),
        bindings.sentinel_names,
        c_signatures,
    ]
    text = json.dumps(parts, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def write_api_files(
    ext_name: str, bindings: Bindings, header: Path | None, library: Path,
    mode: BindingMode = BindingMode.CTYPES, identifier: str = "",
) -> list[Path]:
    """Install the API description and typed module beside ``library`` (atomically);
    ``identifier``: the id the library exports, if any."""
    header_text = header.read_text(encoding="utf-8") if header and header.is_file() else ""
    description = describe_bindings(ext_name, bindings, header_text, mode, identifier)
    for name, reason in description.pop("untyped", {}).items():
        log.warning("GoExtension %r: %s() stays untyped: %s", ext_name, name, reason)
    sidecar, module = api_files(library, ext_name)
    contents = {
        sidecar: marked_json(description),
        module: api_module_source(ext_name, description),
    }
    for path, text in contents.items():
        write_generated_file(text, path, ext_name)
    return [sidecar, module]


def describe_bindings(
    ext_name: str, bindings: Bindings, header_text: str,
    mode: BindingMode = BindingMode.CTYPES, identifier: str = "",
) -> dict[str, Any]:
    """The API description of ``bindings`` (``header_text``: cgo's header, for the
    C types of //export functions); its ``untyped`` entry lists what stays untyped."""
    description = describe_functions(ext_name, bindings.python_functions,
                                     bindings.c_functions, header_text,
                                     frozenset(t.name for t in bindings.named_types))
    description.update(describe_objects(bindings.classes, bindings.constants,
                                        bindings.python_functions, bindings.variables,
                                        bindings.named_types, bindings.interfaces))
    if bindings.doc:
        description["doc"] = bindings.doc
    if bindings.func_types:
        description[FUNC_TYPES_KEY] = [{"name": name, "type": tag}
                                       for tag, name in bindings.func_types.items()]
    description["class_ids"] = bindings.class_names
    description["errors"] = [{"name": s.value.name, "doc": s.doc} for s in bindings.sentinels]
    if identifier:
        description[LIBRARY_ID_KEY] = identifier
    if mode.imported_as_module:
        _only_module_functions(ext_name, description, mode)
    return description


def _only_module_functions(ext_name: str, description: dict[str, Any],
                           mode: BindingMode) -> None:
    """A cpython-mode module holds the //python:export functions only: the runtime
    imports it instead of typing symbols with ctypes."""
    functions = description["functions"]
    left_out = [entry["name"] for entry in functions if entry["layer"] != LAYER_PYTHON_EXPORT]
    if left_out:
        log.warning(
            "GoExtension %r: %s binds //python:export functions only; "
            "the //export functions %s stay reachable with ctypes.CDLL(module.__file__)",
            ext_name, mode.option_text, ", ".join(left_out))
    description["functions"] = [e for e in functions if e["layer"] == LAYER_PYTHON_EXPORT]
    description["structs"] = {}
    description[BINDINGS_KEY] = mode.value


def marked_json(description: dict[str, object]) -> str:
    """The description as JSON whose first line carries the generated-file marker
    and the checksum of the rest."""
    marker = json.dumps({"generated": f"{GENERATED_MARKER}; rebuilt with the library"})
    body = json.dumps(description, indent=1, sort_keys=True)
    return with_digest(marker[:-1] + ",", body[2:] + "\n")
