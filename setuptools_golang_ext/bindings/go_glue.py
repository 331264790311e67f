"""Generating the cgo glue for ``//python:export`` functions.

Each Go function ``F`` gets a C-ABI wrapper ``goext_F``:

- a ``string``/``[]byte``/``[]T`` parameter arrives as (pointer, byte length)
  of Python-owned memory; strings are copied into Go memory, slices alias it
  for the duration of the call only;
- scalars travel as themselves;
- results, the error message and a panic's value and stack go into a record
  the caller passes (``goextOut_F``); strings and slices there are copies in
  C ``malloc`` memory that the caller releases with ``goext_free`` from the
  same library (same C runtime);
- the return value is a status: 0 ok, 1 the function returned an error
  (the head also says which exported sentinel error it matched with
  ``errors.Is``, and holds a handle to its value when that is an object of an
  exported class),
  2 it panicked (recovered; the process keeps running), 3 C memory for a
  result ran out (cgo's ``C.malloc`` would abort the process instead);
- a first ``context.Context`` parameter is not passed from Python: the caller
  passes the id of a context made by ``goext_context_new`` and cancels it
  with ``goext_cancel`` on Ctrl-C.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple, Optional

from ..goapi.exports import (
    CALL,
    FUNCTION,
    GET,
    LOCAL,
    MAKE,
    METHOD,
    NEW,
    SET,
    VALUE_METHOD,
    GoFunction,
    GoParam,
    import_alias,
    keeps_callables,
)
from ..runtime.contract import (
    CALLBACK_REPLY_SYMBOL,
    CANCEL_SYMBOL,
    CONTEXT_NEW_SYMBOL,
    CONTEXT_TYPE,
    ERROR,
    ERROR_PARAM,
    HANDLE_RELEASE_SYMBOL,
    PYTHON_EXIT_SYMBOL,
    READY_SYMBOL,
    RELEASE_SYMBOL,
    SLICE_PREFIX,
    STATUS_OK,
    STREAM_CLOSE_SYMBOL,
    STREAM_NEXT_SYMBOL,
    UNPIN_SYMBOL,
    canonical,
    go_func_types,
    native_callback,
    sink_item,
    stream_items,
)
from .direct_calls import direct_export
from .go_support import GENERATED_HEADER
from .native_callbacks import trampolines
from .type_families import (
    CALLBACK,
    INTERFACE,
    INTERFACE_SLICE,
    Family,
    calls_python,
    go_func_type,
    kind_of,
    quote_go,
)
from .type_table import GlueArg, TypeKind

# The exported entry points of the context table: //export may not live in a
# file whose C preamble defines functions, so they go with the wrappers.
CONTEXT_EXPORTS = f"""\
//export {CONTEXT_NEW_SYMBOL}
func {CONTEXT_NEW_SYMBOL}() uint64 {{ return goextNewContext() }}

//export {CANCEL_SYMBOL}
func {CANCEL_SYMBOL}(id uint64) {{ goextCancelContext(id) }}

//export {READY_SYMBOL}
func {READY_SYMBOL}() {{}}

//export {RELEASE_SYMBOL}
func {RELEASE_SYMBOL}(handle uintptr) {{ cgo.Handle(handle).Delete() }}

//export {HANDLE_RELEASE_SYMBOL}
func {HANDLE_RELEASE_SYMBOL}(handle uintptr) {{ cgo.Handle(handle).Delete() }}

//export {PYTHON_EXIT_SYMBOL}
func {PYTHON_EXIT_SYMBOL}() {{ goextPythonExit() }}

//export {STREAM_NEXT_SYMBOL}
func {STREAM_NEXT_SYMBOL}(handle uintptr, n int, record unsafe.Pointer) (status C.int) {{
	out := (*goextStreamOut)(record)
	defer func() {{
		if value := recover(); value != nil {{
			status = goextRecovered(&out.goextHead, value)
		}}
	}}()
	data, size, done := cgo.Handle(handle).Value().(goextStreamer).fill(n)
	out.data, out.n = data, size
	if done {{
		out.done = 1
	}}
	return {STATUS_OK}
}}

//export {UNPIN_SYMBOL}
func {UNPIN_SYMBOL}(handle uintptr) {{
	cgo.Handle(handle).Value().(*runtime.Pinner).Unpin()
	cgo.Handle(handle).Delete()
}}

//export {STREAM_CLOSE_SYMBOL}
func {STREAM_CLOSE_SYMBOL}(handle uintptr) {{
	cgo.Handle(handle).Value().(goextStreamer).stop()
	cgo.Handle(handle).Delete()
}}

//export {CALLBACK_REPLY_SYMBOL}
func {CALLBACK_REPLY_SYMBOL}(reply uintptr, data unsafe.Pointer, n uintptr) {{
	goextSetReply(reply, C.GoBytes(data, C.int(n)))
}}
"""


class _View(NamedTuple):
    """An argument viewing Python memory, as Go keeps it: a Go copy ``goextKept<number>``
    and the writable buffer ``goextPython<number>`` (else nil) that ``making`` returns,
    and the argument made of the copy."""

    number: int  # of the parameter: a<number>
    making: str  # goextKeptView[T](aN, aNn)
    on_copy: str  # goextKept<number>, converted to the named type the function takes


_Argument = tuple[list[str], str, Optional[_View]]  # (3.9: no | at run time)


def _argument(index: int, param: GoParam, qualifier: str, kept: bool = False) -> _Argument:
    """C-ABI parameters for one Go parameter, the Go expression that rebuilds it, and
    its view of Python memory, if any; a ``kept`` callback comes with the function
    that releases it."""
    go_type = canonical(param.type)
    spelled = param.glue.replace(LOCAL, qualifier)  # "" unless named types are inside
    if param.convert_import:
        qualifier = import_alias(param.convert_import) + "."
    items = stream_items(go_type)
    if items is not None:  # a callback pulling the items from the Python iterable
        if go_type.startswith("iter.Seq"):
            return [f"a{index} unsafe.Pointer"], f"goextSeqFrom[{items[0]}](goextCb{index})", None
        return [f"a{index} unsafe.Pointer"], f"goextFeed{index}.ch", None
    if sink_item(go_type) is not None:  # a callback receiving what Go sends
        return [f"a{index} unsafe.Pointer"], f"goextSink{index}.ch", None
    kind = kind_of(go_type)
    if kind is None:
        raise ValueError(f"the glue has no conversion for Go type {go_type}")
    arg = GlueArg(index, go_type, param.name, qualifier, spelled, param.convert, kept)
    abi, expression = kind.argument(arg)
    view = kind.kept_view(arg, f"goextKept{index}")
    return abi, expression, _View(index, *view) if view else None


def _callback_setup(function_params: list[GoParam], kept: tuple[str, ...]) -> list[str]:
    """Each callback parameter's table entry, expired when the wrapper returns
    unless it is ``kept``."""
    lines = []
    for index, param in enumerate(function_params):
        if not calls_python(param.type):
            continue
        name = quote_go(param.name)
        if param.name in kept:
            lines.append(f"\tgoextCb{index} := goextKeep(a{index}, a{index}release, {name})")
        else:
            typed = "true" if native_callback(canonical(param.type)) is not None else "false"
            lines += [f"\tgoextCb{index} := goextPassed(a{index}, {name}, {typed})",
                      f"\tdefer goextCb{index}.expire()"]
        lines += _channel_setup(index, canonical(param.type))
    return lines


def _channel_setup(index: int, go_type: str) -> list[str]:
    """The goroutine feeding a channel parameter, or draining a send-only one,
    stopped when the wrapper returns."""
    items, sink = stream_items(go_type), sink_item(go_type)
    if items is not None and not go_type.startswith("iter.Seq"):
        return [f"\tgoextFeed{index} := goextChanFrom[{items[0]}](goextCb{index})",
                f"\tdefer goextFeed{index}.stop()"]
    if sink is not None:
        return [f"\tgoextSink{index} := goextChanTo[{sink}](goextCb{index})",
                f"\tdefer goextSink{index}.stop()"]
    return []


def _callback_checks(function_params: list[GoParam], kept: tuple[str, ...]) -> list[str]:
    """After the call: a callback result Go could not decode fails the call (a kept
    callback's error goes to its Go caller)."""
    return [f"\tgoextCb{index}.check({quote_go(param.name)})"
            for index, param in enumerate(function_params)
            if calls_python(param.type) and param.name not in kept]


def _kind(go_type: str) -> TypeKind | Family:
    kind = kind_of(go_type)
    if kind is None:
        raise ValueError(f"the glue has no result conversion for Go type {go_type}")
    return kind


def _aligned(fields: list[str]) -> list[str]:
    """Struct fields ("\tname type") with their types in one column, as gofmt aligns them."""
    pairs = [field.strip().split(" ", 1) for field in fields]
    width = max((len(name) for name, _ in pairs), default=0)
    return [f"\t{name.ljust(width)} {go_type}" for name, go_type in pairs]


def _store_result(index: int, result: GoParam, qualifier: str) -> str:
    go_type = canonical(result.type)
    kind = _kind(go_type)
    if kind is CALLBACK and go_func_types(go_type):  # funcs of funcs: as they are
        return kind.store(index, go_type, f"r{index}")  # (goextFuncOf adapts them)
    if kind is CALLBACK:  # a Go func value, held as its unnamed func type
        spelled = go_func_type(go_type, result.glue.replace(LOCAL, qualifier), qualifier)
        return kind.store(index, go_type, f"({spelled})(r{index})")
    # A named basic type becomes its underlying type (a named slice of named types,
    # `type Kinds []Kind`, becomes []Kind); an interface value stays as it is.
    converts = result.convert and kind not in (INTERFACE, INTERFACE_SLICE)
    target = result.glue.replace(LOCAL, qualifier) or go_type
    return kind.store(index, go_type, f"{target}(r{index})" if converts else f"r{index}")


def _call(function: GoFunction, qualifier: str, args: list[str]) -> str:
    """The Go call (or statement) a wrapper makes; receivers come first in ``args``."""
    if function.role == NEW:  # an interface's proxy calls the glue's refusal instead
        return f"{function.go_call}()" if function.go_call else f"new({qualifier}{function.owner})"
    if function.role == CALL:  # the func value comes first
        return f"{args[0]}({', '.join(args[1:])})"
    if function.role == MAKE:  # the fields by name: the Go zero value of none is made first
        fields = ", ".join(f"{p.name}: {a}" for p, a in zip(function.params, args))
        return f"&{qualifier}{function.owner}{{{fields}}}"
    if function.role in (GET, SET) and not function.owner:  # a package variable
        variable = qualifier + function.name
        return variable if function.role == GET else f"{variable} = {args[0]}"
    if function.role == GET:
        return f"{args[0]}.{function.name}"
    if function.role == SET:
        return f"{args[0]}.{function.name} = {args[1]}"
    if function.variadic:  # the last argument is a slice: spread it
        args = [*args[:-1], args[-1] + "..."]
    if function.role in (METHOD, VALUE_METHOD):  # a value receiver: `$.Level(a0).String()`
        return f"{args[0]}.{function.name}({', '.join(args[1:])})"
    callee = function.go_call.replace(LOCAL, qualifier) or function.name
    return f"{qualifier}{callee}({', '.join(args)})"


def _call_lines(function: GoFunction, qualifier: str, args: list[str], names: list[str]
                ) -> list[str]:
    """The call, its results assigned to ``names``; a pointer method of a named
    composite is called on an addressable copy of the value, returned first (so is
    a function given a pointer to a named composite: the copy's address)."""
    if not function.mutates:
        call = _call(function, qualifier, args)
        return [f"\t{', '.join(names)} := {call}" if names else f"\t{call}"]
    at = function.written  # a function's parameter is a pointer: Go gets the copy's address
    copied = "goextSelf" if function.role != FUNCTION else "&goextSelf"
    call = _call(function, qualifier, [*args[:at], copied, *args[at + 1:]])
    called = names[1:]
    return [f"\tgoextSelf := {args[at]}",
            f"\t{', '.join(called)} := {call}" if called else f"\t{call}",
            "\tr0 := goextSelf"]


def _set_value(param: GoParam, index: int, expression: str) -> str:
    """The value a setter stores: None sets a nil func."""
    if calls_python(param.type):
        return f"goextNilOr(a{index}, a{index}h, {expression})"
    return expression


def _kept_views(call_args: list[str], views: list[_View | None], *, copy_back: bool
                ) -> tuple[list[str], list[str], list[str]]:
    """The arguments viewing Python memory as Go copies: the arguments, the lines
    making the copies, and (``copy_back``) the lines copying them back into writable
    Python buffers after the call (min of the lengths; the original copy, whatever
    Go re-sliced)."""
    args, before, after = [], [], []
    for expression, view in zip(call_args, views):
        if view is None:
            args.append(expression)
            continue
        python = f"goextPython{view.number}" if copy_back else "_"
        before.append(f"\tgoextKept{view.number}, {python} := {view.making}")
        after += [f"\tcopy({python}, goextKept{view.number})"] if copy_back else []
        args.append(view.on_copy)
    return args, before, after


def _calling(function: GoFunction, qualifier: str, call: tuple[list[str], list[_View | None]],
             names: list[str], keeps_slices: bool) -> list[str]:
    """The call lines; where Go keeps slices, on Go copies made before it: a bound
    package's copied back into writable buffers after it, a setter's stored."""
    call_args, views = call
    if not keeps_slices and function.role != SET:
        return _call_lines(function, qualifier, call_args, names)
    kept_args, copies, copies_back = _kept_views(call_args, views,
                                                 copy_back=function.role != SET)
    return [*copies, *_call_lines(function, qualifier, kept_args, names), *copies_back]


def wrapper_source(function: GoFunction, qualifier: str, *, keeps_slices: bool = False) -> str:
    """The exported wrapper and result record of one function; ``keeps_slices``: its
    Go may keep slice arguments (a package bound by import path), so it gets copies."""
    params: list[str] = []
    call_args: list[str] = []
    views: list[_View | None] = []  # of the call_args
    takes_context = has_context(function)
    if takes_context:
        params.append("goextID uint64")
        call_args.append("goextCtx")
        views.append(None)
    receiver = [GoParam("self", "*" + function.owner)] if function.role == METHOD else []
    go_params = function.params[1:] if takes_context else function.params
    for index, param in enumerate([*receiver, *go_params]):
        abi, expression, view = _argument(index, param, qualifier, param.name in function.keep)
        params.extend(abi)
        call_args.append(expression)
        views.append(view)
    if function.role == SET:
        call_args[-1] = _set_value(go_params[-1], len(call_args) - 1, call_args[-1])
    if receiver and takes_context:  # the receiver comes before the context
        call_args[0], call_args[1] = call_args[1], call_args[0]
        views[0], views[1] = views[1], views[0]
    results = [canonical(result.type) for result in function.results]
    has_error = bool(results) and results[-1] == ERROR
    values = results[:-1] if has_error else results
    names = [f"r{index}" for index in range(len(values))] + (["err"] if has_error else [])
    record = f"goextOut_{function.symbol}"
    fields = _aligned([field for index, go_type in enumerate(values)
                       for field in _kind(go_type).fields(index, go_type)])
    frees = [line for index, go_type in enumerate(values) if _kind(go_type).owns_c_memory
             for line in (f"\t\t\tC.free(out.r{index})", f"\t\t\tout.r{index} = nil")]
    lines = [
        f"type {record} struct {{",
        "\tgoextHead",
        *fields,
        "}",
        "",
        f"//export {function.symbol}",
        f"func {function.symbol}({', '.join([*params, 'record unsafe.Pointer'])})"
        " (status C.int) {",
        f"\tout := (*{record})(record)",
        *_RECOVERING,
        *frees,
        "\t\t}",
        "\t}()",
    ]
    streams = any(stream_items(go_type) is not None for go_type in values)
    lines += _context_lines(takes_context, streams)
    lines += _callback_setup([*receiver, *go_params], function.keep)
    lines += _calling(function, qualifier, (call_args, views), names, keeps_slices)
    lines += _callback_checks([*receiver, *go_params], function.keep)
    if has_error:
        lines += ["\tif err != nil {", "\t\treturn goextError(&out.goextHead, err)", "\t}"]
    lines += [_store_result(index, result, qualifier)
              for index, result in enumerate(function.results[: len(values)])]
    lines += _CONTEXT_HANDED_OVER if streams and takes_context else []
    lines += [f"\treturn {STATUS_OK}", "}", ""]
    lines += direct_export(function, params, _call(function, qualifier, call_args))
    return "\n".join(lines)


# Every return sets the status, a panic leaves it at -1: only then is recover()
# called (it costs as much as the rest of the wrapper's own work).
_RECOVERING = [
    "\tstatus = -1",
    "\tdefer func() {",
    "\t\tif status == -1 {",
    "\t\t\tstatus = goextRecovered(&out.goextHead, recover())",
]

_CONTEXT_HANDED_OVER = ["\tgoextEnd = nil // the streams end the context now"]


def _context_lines(takes_context: bool, streams: bool) -> list[str]:
    """The call's context, cancelled when the wrapper returns, or, once a stream
    result is made, when the stream ends (goextEnd)."""
    if not streams:
        return ["\tgoextCtx, goextDone := goextTakeContext(goextID)", "\tdefer goextDone()"] \
            if takes_context else []
    if not takes_context:
        return ["\tvar goextEnd func()"]
    return ["\tgoextCtx, goextEnd := goextTakeContext(goextID)",
            "\tdefer func() {", "\t\tif goextEnd != nil {", "\t\t\tgoextEnd()", "\t\t}",
            "\t}()"]


def has_context(function: GoFunction) -> bool:
    """Does the function take a ``context.Context`` first, supplied by the bindings?"""
    return bool(function.params) and function.params[0].type == CONTEXT_TYPE


def _class_cases(classes: list[str], qualifier: str) -> list[str]:
    """Type-switch cases for ``v`` of each exported class, by pointer or by value:
    a handle and the class id (1 + its index in ``classes``)."""
    cases = []
    for index, name in enumerate(classes, 1):
        cases += [f"\tcase *{qualifier}{name}:", f"\t\treturn goextHandle(v), {index}",
                  f"\tcase {qualifier}{name}:", f"\t\treturn goextHandle(&v), {index}"]
    return cases


def class_of_source(classes: list[str], qualifier: str) -> str:
    """``goextClassOf``: a handle for an interface result, and the id of its class
    (1 + its index in ``classes``; -1 for an opaque value; 0 for nil)."""
    cases = _class_cases(classes, qualifier)
    return "\n".join([
        "// goextProxies wraps a value of an interface of the package whose type has",
        "// no class in the interface's proxy class (zz_goext_proxies.go fills it).",
        "var goextProxies = map[reflect.Type]func(any) any{}",
        "",
        "func goextClassOfAs[I any](value I) (uintptr, int32) {",
        "\tif wrap := goextProxies[reflect.TypeOf((*I)(nil)).Elem()]; wrap != nil {",
        "\t\treturn goextClassOf(wrap(value))",
        "\t}",
        "\treturn goextClassOf(value)",
        "}",
        "",
        "func goextClassOf(value any) (uintptr, int32) {",
        f"\tswitch {'v := ' if classes else ''}value.(type) {{",
        "\tcase nil:",
        "\t\treturn 0, 0",
        *cases,
        "\t}",
        "\tif v := reflect.ValueOf(value); v.Kind() == reflect.Pointer && v.IsNil() {",
        "\t\treturn 0, 0 // a nil pointer of a type with no class: None, as for a class",
        "\t}",
        "\treturn uintptr(cgo.NewHandle(value)), -1",
        "}",
        "",
    ])


def error_kind_source(sentinels: list[str], qualifier: str) -> str:
    """``goextErrorKind``: 1 + the index of the first sentinel error ``err`` matches
    with ``errors.Is`` (against the variable's value at the time of the call), or 0."""
    cases = [line for index, name in enumerate(sentinels, 1)
             for line in (f"\tif errors.Is(err, {qualifier}{name}) {{",
                          f"\t\treturn {index}", "\t}")]
    return "\n".join(["func goextErrorKind(err error) int32 {", *cases, "\treturn 0", "}", ""])


def error_handle_source(functions: list[GoFunction]) -> str:
    """``goextErrorHandle``: a handle to a failed call's error itself, which its
    GoError carries so that an ``error`` parameter gives Go that very error back
    (``errors.Is`` then holds); 0, no handle to release, when nothing takes one."""
    if not any(p.type in (ERROR_PARAM, SLICE_PREFIX + ERROR_PARAM)
               for f in functions for p in f.params):
        return "func goextErrorHandle(err error) uintptr { return 0 }\n"
    return "func goextErrorHandle(err error) uintptr { return uintptr(cgo.NewHandle(err)) }\n"


def error_value_source(classes: list[str], qualifier: str) -> str:
    """``goextErrorValue``: a handle to the first error in ``err``'s chain (depth
    first, as errors.As walks it) whose value is ``*T`` or ``T`` of an exported
    class, and its class id (as goextClassOf numbers them); else 0, 0."""
    if not classes:
        return "func goextErrorValue(err error) (uintptr, int32) { return 0, 0 }\n"
    cases = _class_cases(classes, qualifier)
    return "\n".join([
        "func goextErrorValue(err error) (uintptr, int32) {",
        "\tswitch v := any(err).(type) {",  # any: T need not implement error
        "\tcase nil:",
        "\t\treturn 0, 0",
        *cases,
        "\t}",
        "\tswitch wrapper := err.(type) {",
        "\tcase interface{ Unwrap() error }:",
        "\t\treturn goextErrorValue(wrapper.Unwrap())",
        "\tcase interface{ Unwrap() []error }:",
        "\t\tfor _, inner := range wrapper.Unwrap() {",
        "\t\t\tif handle, id := goextErrorValue(inner); id != 0 {",
        "\t\t\t\treturn handle, id",
        "\t\t\t}",
        "\t\t}",
        "\t}",
        "\treturn 0, 0",
        "}",
        "",
    ])


def _names_package(functions: list[GoFunction], classes: list[str] | None,
                   sentinels: list[str] | None, declared: Collection[str]) -> bool:
    """Do the wrappers name a declaration of the package (a function, a package
    variable, a class or named type of its own, a sentinel error)? Go refuses an
    unused import."""
    named_types = any((p.convert and not p.convert_import) or LOCAL in p.glue
                      for f in functions for p in (*f.params, *f.results))
    return named_types or bool(sentinels) or any(name not in declared for name in classes or ()) \
        or any(f.role == FUNCTION or (f.role in (GET, SET) and not f.owner) for f in functions)


def exports_source(functions: list[GoFunction], import_path: str | None,
                   classes: list[str] | None = None, sentinels: list[str] | None = None,
                   *, declared: Collection[str] = (), keeps_slices: bool = False) -> str:
    """The file of wrappers: in the user's package (``import_path`` None) or a new main;
    ``declared``: classes the glue declares itself (other packages' types, interface
    proxies: foreign_glue.py), which a new main names unqualified, as it then names
    the package's own declarations (a dot import); ``keeps_slices``: a package bound
    by import path, whose slice arguments Go gets as copies (``wrapper_source``)."""
    header = [GENERATED_HEADER + "package main", ""]
    preamble = ["#include <stdlib.h>", *trampolines(functions)]
    header += [f"// {line}".rstrip() for line in preamble]
    header += ["import \"C\"", "", "import ("]
    imports = {"reflect": "", "runtime": "", "runtime/cgo": "", "unsafe": ""} | (
        {"errors": ""} if sentinels else {})
    qualifier = ""
    # Only parameters name another package's types (results convert to basic types
    # or are encoded as they are); Go refuses an import the file does not use.
    imports.update({path: import_alias(path) + " " for f in functions for p in f.params
                    for path in (p.convert_import, *p.glue_imports) if path})
    # A func result is spelled as its func type, which may name other packages' types.
    imports.update({path: import_alias(path) + " " for f in functions for r in f.results
                    if kind_of(canonical(r.type)) is CALLBACK for path in r.glue_imports})
    imports.update({path: import_alias(path) + " " for f in functions
                    for path in f.go_call_imports})
    listed = list(imports.items())
    if import_path is not None:
        # A package of constants alone has nothing to call: import it for its init only.
        # Bound "errors" is imported twice: as goextuser, and as the glue's errors.
        used = bool(functions or classes or sentinels)
        alias = "goextuser " if used else "_ "
        qualifier = "goextuser."
        if declared:  # the glue declares classes: it names the package's own unqualified
            qualifier = ""
            alias = ". " if _names_package(functions, classes, sentinels, declared) else "_ "
        listed.append((import_path, alias))
    # gofmt sorts a block of imports by path.
    header += [f"\t{alias}{quote_go(path)}" for path, alias in sorted(listed)]
    header += [")", ""]
    watches = "true" if keeps_callables(functions) else "false"
    body = [CONTEXT_EXPORTS, f"const goextWatchesExit = {watches}\n",
            class_of_source(classes or [], qualifier),
            error_kind_source(sentinels or [], qualifier),
            error_value_source(classes or [], qualifier), error_handle_source(functions),
            *(wrapper_source(function, qualifier, keeps_slices=keeps_slices)
              for function in functions)]
    footer = ["func main() {}", ""] if import_path is not None else []
    return "\n".join([*header, *body, *footer])


