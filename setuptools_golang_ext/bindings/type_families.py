"""The type kinds whose tags are built of other types (``map[string][]int``,
``*Shelf``, ``[]Part``, ``func(string) error``, ``interface:Shape``): one object
per family, with its Go glue conversion, its stub annotation and the name of its
runtime converter. ``kind_of`` finds the kind of any tag, by-value kinds of
``type_table`` first; generators ask it instead of testing tags.

These families have no C conversion: a cpython-mode module leaves functions
using them to the runtime.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..runtime.contract import (
    BYTES,
    ERROR,
    ERROR_PARAM,
    FUNC_VALUE_PREFIX,
    INTERFACE_PREFIX,
    PACKED_INTEGER_MAP,
    PACKED_PLAIN_MAP,
    PACKED_STRINGS,
    any_data,
    callback_types,
    canonical,
    func_items,
    func_parts,
    go_func_types,
    go_spelling,
    interface_name,
    interface_slice,
    is_json,
    json_parts,
    map_types,
    native_callback,
    object_class,
    object_map,
    object_slice,
    packed_kind,
    plain_kind,
    sink_item,
    stream_items,
    value_class,
)
from .native_callbacks import native_closure, owned_error_call
from .type_table import SCALAR_C, CBuffer, CValue, GlueArg, TypeKind, type_kind

# What an ``error`` parameter takes: None (nil), a GoError, any other exception.
ERROR_ANNOTATION = "BaseException | None"
_BUFFER_FIELDS = ("unsafe.Pointer", "uintptr")  # a C copy and its length: ``r0``, ``r0n``
# Results that cross packed (the glue's helpers), read by the runtime without JSON.
_PACKED_HELPERS = {PACKED_STRINGS: "goextStrings", PACKED_INTEGER_MAP: "goextIntegerMap",
                   PACKED_PLAIN_MAP: "goextPlainMap"}


def _plain_type(tag: str) -> str:
    """The C ``goext_integer_type`` of a plain map's key or value type (its kind,
    and an integer's limits), as a conversion template spells it."""
    kind = plain_kind(tag)
    c = SCALAR_C.get(tag)
    low, high = (c.low if kind == "s" else "0", c.high) if kind in "su" and c else ("0", "0")
    # (braces doubled: the conversion is a format template)
    return f"(&(const goext_integer_type){{{{'{kind}', {low}, {high}, \"{tag}\"}}}})"


def quote_go(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class Family:
    """What every family shares; each family overrides what differs."""

    name: str
    runtime: str  # the ctypes runtime's converter, as runtime/_layer2.py registers it
    owns_c_memory: bool = True  # a result is C memory the glue frees on a late panic
    # A Python callable Go calls back: a parameter only (no field, variable or
    # result), never with gil=hold (a goroutine calling back would wait for the GIL).
    calls_python: bool = False
    # A value may be an opaque Go value Python holds by handle (and releases).
    opaque: bool = False
    c = None  # no family has a C conversion

    def matches(self, tag: str) -> bool:
        raise NotImplementedError

    def c_of(self, tag: str) -> CValue | None:
        """The conversion of a cpython-mode module: None, the runtime's."""
        return None

    def annotate(self, tag: str, *, result: bool) -> str:
        raise NotImplementedError

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        """The C-ABI parameters, and the Go expression of the argument."""
        raise NotImplementedError

    def kept_view(self, arg: GlueArg, copy: str) -> tuple[str, str] | None:
        """No family's argument is a view of Python memory (as ``TypeKind``)."""
        return None

    def fields(self, index: int, tag: str) -> list[str]:
        return [f"\tr{index} {_BUFFER_FIELDS[0]}", f"\tr{index}n {_BUFFER_FIELDS[1]}"]

    def store(self, index: int, tag: str, value: str) -> str:
        raise NotImplementedError


def _buffer_params(arg: GlueArg) -> list[str]:
    return [f"{arg.name} unsafe.Pointer", f"{arg.name}n uintptr"]


class _Json(Family):
    """Slices, arrays, maps and pointers of JSON values: JSON both ways."""

    def matches(self, tag: str) -> bool:
        return is_json(tag)

    def annotate(self, tag: str, *, result: bool) -> str:
        """Lists, dicts and Optionals all the way down (inner number slices too)."""
        parts = json_parts(tag)
        if parts is None:
            return python_type(tag, result=True)
        kind, element = parts
        item = self.annotate(element, result=True)
        if kind == "map":
            key = map_types(tag)[0]  # type: ignore[index]
            return f"dict[{python_type(key, result=True)}, {item}]"
        if kind == "pointer":
            return f"{item} | None"
        return f"list[{item}]" if result else f"list[{item}] | tuple[{item}, ...]"

    def c_of(self, tag: str) -> CValue | None:
        """Packed values in C (templates/module_collections.c), both ways: []string,
        map[string]<integer> and other plain maps."""
        packed = packed_kind(tag)
        if packed == PACKED_PLAIN_MAP:
            key, value = map_types(tag)  # type: ignore[misc]
            return CBuffer(f"goext_plain_map_arg({{argument}}, {{where}}, \"{tag}\", "
                           f"{_plain_type(key)}, {_plain_type(value)}, &{{value}})",
                           f"goext_plain_map_result({{field}}, {{field}}n, "
                           f"'{plain_kind(key)}', '{plain_kind(value)}', \"{tag}\")")
        if packed == PACKED_STRINGS:
            return CBuffer(f"goext_strings_arg({{argument}}, {{where}}, \"{tag}\", &{{value}})",
                           f"goext_strings_result({{field}}, {{field}}n, \"{tag}\")")
        if packed == PACKED_INTEGER_MAP:
            value = map_types(tag)[1]  # type: ignore[index]
            c = SCALAR_C[value]
            low = c.low if c.check == "s" else "0"
            element = (f"(&(const goext_integer_type){{{{'{c.check}', {low}, {c.high}, "
                       f"\"{value}\"}}}})")
            return CBuffer(f"goext_integer_map_arg({{argument}}, {{where}}, \"{tag}\", "
                           f"{element}, &{{value}})",
                           f"goext_integer_map_result({{field}}, {{field}}n, '{c.check}', "
                           f"sizeof({c.c_type}), \"{tag}\")")
        return None

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        return _buffer_params(arg), arg.converted(
            f"goextDecode[{arg.spelled or arg.tag}]({arg.name}, {arg.name}n, "
            f"{quote_go(arg.param_name)})")

    def store(self, index: int, tag: str, value: str) -> str:
        packed = _PACKED_HELPERS.get(packed_kind(tag) or "")
        if packed is not None:  # split in one call by the runtime, no JSON parser
            return f"\tout.r{index}, out.r{index}n = {packed}({value})"
        kind = json_parts(tag)[0]  # type: ignore[index]
        empty = {"slice": "[]", "map": "{}"}.get(kind, "null")
        return f"\tout.r{index}, out.r{index}n = goextEncode({value}, {quote_go(empty)})"


class _Object(Family):
    """``*T`` of an exported struct: a cgo.Handle, 0 for nil."""

    def matches(self, tag: str) -> bool:
        return object_class(tag) is not None

    def annotate(self, tag: str, *, result: bool) -> str:
        return f"{object_class(tag)} | None"

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        return [f"{arg.name} uintptr"], arg.converted(
            f"goextObject[{arg.qualifier}{object_class(arg.tag)}]({arg.name})")

    def fields(self, index: int, tag: str) -> list[str]:
        return [f"\tr{index} uintptr"]

    def store(self, index: int, tag: str, value: str) -> str:
        return f"\tout.r{index} = goextHandle({value})"


class _Value(Family):
    """``T`` of an exported struct by value: a handle to a copy."""

    def matches(self, tag: str) -> bool:
        return value_class(tag) is not None

    def annotate(self, tag: str, *, result: bool) -> str:
        return tag

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        return [f"{arg.name} uintptr"], arg.converted(
            f"goextValue[{arg.qualifier}{arg.tag}]({arg.name}, {quote_go(arg.param_name)})")

    def fields(self, index: int, tag: str) -> list[str]:
        return [f"\tr{index} uintptr"]

    def store(self, index: int, tag: str, value: str) -> str:
        # A copy on the heap, owned by its Python object.
        return f"\tout.r{index} = goextHandle(&r{index})"


class _Interface(Family):
    """``any`` or a named interface: an object by handle, a plain value as tagged JSON;
    a result comes back as a handle and the class id of its value."""

    def matches(self, tag: str) -> bool:
        return interface_name(tag) is not None

    def annotate(self, tag: str, *, result: bool) -> str:
        return ERROR_ANNOTATION if tag == ERROR_PARAM else "Any"  # any class, or a GoValue

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        target = interface_name(arg.tag) or arg.convert  # "*Buffer": a foreign struct
        name = arg.name
        pointer = "*" if target.startswith("*") else ""
        interface = pointer + arg.qualifier + target.lstrip("*") if target else "any"
        interface = ERROR if arg.tag == ERROR_PARAM else interface  # Go's own, unqualified
        return [f"{name} uintptr", f"{name}j unsafe.Pointer", f"{name}jn uintptr"], \
            f"goextInterface[{interface}]({name}, {name}j, {name}jn, {quote_go(arg.param_name)})"

    def fields(self, index: int, tag: str) -> list[str]:
        message = [f"\tr{index}m unsafe.Pointer", f"\tr{index}mn uintptr"]
        return [f"\tr{index} uintptr", f"\tr{index}k int32",
                *(message if tag == ERROR_PARAM else ())]

    def store(self, index: int, tag: str, value: str) -> str:
        if tag == ERROR_PARAM:  # an error field read: its handle, sentinel and message
            return f"\tout.r{index}, out.r{index}k, out.r{index}m, out.r{index}mn = " \
                f"goextErrorOut({value})"
        # An interface of the package: a value of no class comes in its proxy class.
        class_of = "goextClassOfAs" if interface_name(tag) else "goextClassOf"
        return f"\tout.r{index}, out.r{index}k = {class_of}({value})"


class _InterfaceSlice(Family):
    """``[]any`` or ``[]Shape`` (a variadic ``...any``): a parameter's list crosses
    as one ``any`` argument (its Go objects by handle, plain values as tagged JSON),
    and the glue checks every item against the interface; a result is an array of
    a handle and a class id per item, each as an interface result."""

    def matches(self, tag: str) -> bool:
        return interface_slice(tag) is not None

    def annotate(self, tag: str, *, result: bool) -> str:
        item = ERROR_ANNOTATION if interface_slice(tag) == ERROR else "Any"
        return f"list[{item}]" if result else f"list[{item}] | tuple[{item}, ...]"

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        target = interface_slice(arg.tag) or arg.convert  # []fs.DirEntry: DirEntry
        name = arg.name
        interface = arg.qualifier + target if target else "any"
        interface = ERROR if target == ERROR else interface
        return [f"{name} uintptr", f"{name}j unsafe.Pointer", f"{name}jn uintptr"], \
            f"goextInterfaces[{interface}]({name}, {name}j, {name}jn, {quote_go(arg.param_name)})"

    def store(self, index: int, tag: str, value: str) -> str:
        helper = "goextErrorList" if interface_slice(tag) == ERROR else "goextInterfaceList"
        return f"\tout.r{index}, out.r{index}n = {helper}({value})"


class _ObjectSlice(Family):
    """``[]*T`` and ``[]T`` of exported structs: an array of handles."""

    def matches(self, tag: str) -> bool:
        return object_slice(tag) is not None

    def annotate(self, tag: str, *, result: bool) -> str:
        cls, by_pointer = object_slice(tag)  # type: ignore[misc]
        item = f"{cls} | None" if by_pointer else cls
        return f"list[{item}]" if result else f"list[{item}] | tuple[{item}, ...]"

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        cls, by_pointer = object_slice(arg.tag)  # type: ignore[misc]
        name, target = arg.name, arg.qualifier + cls
        return _buffer_params(arg), arg.converted(
            f"goextObjects[{target}]({name}, {name}n)" if by_pointer else
            f"goextValues[{target}]({name}, {name}n, {quote_go(arg.param_name)})")

    def store(self, index: int, tag: str, value: str) -> str:
        helper = "goextHandles" if object_slice(tag)[1] else "goextValueHandles"  # type: ignore[index]
        return f"\tout.r{index}, out.r{index}n = {helper}({value})"


class _ObjectMap(Family):
    """``map[K]*T`` and ``map[K]T`` of exported structs: a JSON object of handles."""

    def matches(self, tag: str) -> bool:
        return object_map(tag) is not None

    def annotate(self, tag: str, *, result: bool) -> str:
        key, cls, by_pointer = object_map(tag)  # type: ignore[misc]
        item = f"{cls} | None" if by_pointer else cls
        # Mapping for parameters: a dict[str, Book] is one, though not a dict[str, Book | None].
        return f"{'dict' if result else 'Mapping'}[{python_type(key, result=True)}, {item}]"

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        key, cls, by_pointer = object_map(arg.tag)  # type: ignore[misc]
        helper = "goextObjectMap" if by_pointer else "goextValueMap"
        return _buffer_params(arg), arg.converted(
            f"{helper}[{key}, {arg.qualifier}{cls}]({arg.name}, {arg.name}n, "
            f"{quote_go(arg.param_name)})")

    def store(self, index: int, tag: str, value: str) -> str:
        helper = "goextHandleMap" if object_map(tag)[2] else "goextValueHandleMap"  # type: ignore[index]
        return f"\tout.r{index}, out.r{index}n = {helper}({value})"


class _AnyData(Family):
    """Slices, arrays and string-keyed maps holding `any` or ``[]byte``
    (``map[string]any``, ``[]map[string]any``, ``[][][]byte``): as an `any`
    argument (tagged JSON, which the glue fits into the Go type, naming the place
    of a misfit) and as tagged JSON results, Go objects inside by handle."""

    def matches(self, tag: str) -> bool:
        return any_data(tag)

    def annotate(self, tag: str, *, result: bool) -> str:
        if tag == INTERFACE_PREFIX:
            return "Any"
        if tag == BYTES:
            return "bytes"
        if tag.startswith("map["):
            value = self.annotate(tag[tag.index("]") + 1 :], result=result)
            return f"dict[str, {value}]" if result else f"Mapping[str, {value}]"
        if tag.startswith("["):
            item = self.annotate(tag[tag.index("]") + 1 :], result=result)
            return f"list[{item}]" if result else f"Sequence[{item}]"
        return python_type(tag, result=result)

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        name = arg.name
        target = arg.spelled or go_spelling(arg.tag)
        return [f"{name} uintptr", f"{name}j unsafe.Pointer", f"{name}jn uintptr"], \
            arg.converted(f"goextData[{target}]({name}, {name}j, {name}jn, "
                          f"{quote_go(arg.param_name)})")

    def store(self, index: int, tag: str, value: str) -> str:
        return f"\tout.r{index}, out.r{index}n = goextDataOut({value})"


class _Callback(Family):
    """As a parameter, a Python callable Go calls back: a C function pointer, and
    for ``keep=`` the function releasing it (the Go func literal: go_glue._closure).
    As a result, a Go func value: a handle Python calls through its type's caller."""

    def matches(self, tag: str) -> bool:
        return callback_types(tag) is not None or go_func_types(tag) is not None

    def annotate(self, tag: str, *, result: bool) -> str:
        params, results = callback_types(tag) or go_func_types(tag)  # type: ignore[misc]
        # A parameter: Python receives what Go passes, and answers. A result: the
        # other way round, and None for a nil func.
        taken = ", ".join(python_type(t, result=not result) for t in params)
        values = [python_type(t, result=result) for t in results if t != "error"]
        answer = values[0] if values else "None" if result else "object"
        return f"Callable[[{taken}], {answer}]" + (" | None" if result else "")

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        release = [f"{arg.name}release unsafe.Pointer"] if arg.kept else []
        # A Go func Python got from Go comes back as itself (its handle, else 0).
        return [f"{arg.name} unsafe.Pointer", *release, f"{arg.name}h uintptr"], \
            f"goextFuncOr({arg.name}h, {_closure(arg)})"

    def fields(self, index: int, tag: str) -> list[str]:
        return [f"\tr{index} uintptr"]

    def store(self, index: int, tag: str, value: str) -> str:
        return f"\tout.r{index} = goextFuncHandle({value})"


class _FuncItems(Family):
    """A slice, array or map of Go funcs, as a result: an array of handles, or a
    JSON object of them; Python wraps each as its func type's caller."""

    def matches(self, tag: str) -> bool:
        return func_items(tag) is not None

    def annotate(self, tag: str, *, result: bool) -> str:
        key, func = func_items(tag)  # type: ignore[misc]
        if not result and not key:  # Python callables (or None) in a list or tuple
            return f"Sequence[{CALLBACK.annotate(func, result=False)} | None]"
        item = CALLBACK.annotate(func, result=True)
        return f"dict[{python_type(key, result=True)}, {item}]" if key else f"list[{item}]"

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        """A slice or array of Python callables, each kept as keep= keeps one (Go
        may store the funcs); maps are results only."""
        key, func = func_items(arg.tag)  # type: ignore[misc]
        if key or arg.tag.startswith("map["):
            raise ValueError(f"the glue has no parameter conversion for Go type {arg.tag}")
        length, _, item = (arg.spelled or arg.tag)[1:].partition("]")
        if not arg.spelled or item.startswith("func("):
            item = go_func_type(func, item if arg.spelled else "", arg.qualifier)
        closure = _closure(GlueArg(arg.index, func, arg.param_name, arg.qualifier,
                                   "", kept=True)).replace("\n", "\n\t")  # one deeper
        name = arg.name
        made = (f"goextFuncList[{item}]({name}, {name}release, {name}h, {name}n, "
                f"{quote_go(arg.param_name)}, func(goextCb{arg.index} *goextCallback) "
                f"{item} {{\n\t\treturn {closure}\n\t}})")
        return [f"{name} unsafe.Pointer", f"{name}release unsafe.Pointer",
                f"{name}h unsafe.Pointer", f"{name}n uintptr"], \
            f"([{length}]{item})({made})" if length else made

    def store(self, index: int, tag: str, value: str) -> str:
        helper = "goextFuncHandleMap" if tag.startswith("map[") else "goextFuncHandles"
        return f"\tout.r{index}, out.r{index}n = {helper}({value})"


class _FuncValue(Family):
    """The Go func value a caller calls (its first parameter): by handle."""

    def matches(self, tag: str) -> bool:
        return tag.startswith(FUNC_VALUE_PREFIX)

    def annotate(self, tag: str, *, result: bool) -> str:
        return "Any"

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        func = go_func_type(arg.tag[len(FUNC_VALUE_PREFIX):], arg.spelled, arg.qualifier)
        return [f"{arg.name} uintptr"], f"goextFuncOf[{func}]({arg.name})"

    def store(self, index: int, tag: str, value: str) -> str:
        raise ValueError(f"the glue has no result conversion for Go type {tag}")


def go_func_type(tag: str, spelled: str, qualifier: str) -> str:
    """The func type of ``tag`` as the glue writes it; ``spelled``: the glue's
    spelling when named basic types are inside (else "")."""
    params, results = func_parts(tag)  # type: ignore[misc]
    params_go, results_go = (func_parts(spelled) if spelled else None) or (params, results)

    def spelling(tags: list[str], glue: list[str]) -> list[str]:
        return [g if g != t else _go_spelling(t, qualifier) for t, g in zip(tags, glue)]

    outs = spelling(results, results_go)
    returns = "" if not outs else f" {outs[0]}" if len(outs) == 1 else f" ({', '.join(outs)})"
    return f"func({', '.join(spelling(params, params_go))}){returns}"


def _closure(arg: GlueArg) -> str:
    """A Go func literal calling the Python callable of the parameter: objects among
    its arguments cross as handles, and so does an object result. ``arg.spelled``
    is the func type as the glue writes it, when named basic types are inside."""
    params, results = callback_types(arg.tag)  # type: ignore[misc]
    params_go, results_go = (func_parts(arg.spelled) if arg.spelled else None) or (
        params, results)

    def spelling(tag: str, glue: str) -> str:
        return glue if glue != tag else _go_spelling(tag, arg.qualifier)

    has_error = bool(results) and results[-1] == ERROR
    value = results[0] if results and results[0] != ERROR else None
    if not arg.kept and native_callback(arg.tag) is not None:
        return native_closure(arg.index, arg.tag,
                              [spelling(t, params_go[i]) for i, t in enumerate(params)],
                              spelling(value, results_go[0]) if value else "")
    outs = ([f"r0 {spelling(value, results_go[0])}"] if value else []) + (
        ["err error"] if has_error else [])
    args = "".join(f", {_handle_of(f'p{i}', t)}" for i, t in enumerate(params))
    handle = value is not None and _handle_of("", value) != ""
    answer = value is not None and interface_name(value) is not None
    target = "&h" if handle else "&j" if answer else "&r0" if value else "nil"
    call = f"goextCb{arg.index}.call({target}{args})"
    signature = ", ".join(f"p{i} {spelling(t, params_go[i])}" for i, t in enumerate(params))
    returns = f" ({', '.join(outs)})" if outs else ""
    body = [f"err = {call}" if has_error else f"_ = {call}"]
    if has_error and not arg.kept:  # numbers: first the cpython-mode way without JSON
        body[:0] = owned_error_call(arg.index, params, value,
                                    spelling(value, results_go[0]) if value else "")
    if answer:  # an interface: tagged JSON, checked against the interface
        assert value is not None
        failed = "err" if has_error else "e"
        body = ["var j goextRaw", f"{failed} {'=' if has_error else ':='} {call}",
                f"r0, {failed if has_error else '_'} = goextAnswer["
                f"{spelling(value, results_go[0])}](goextCb{arg.index}, j, {failed})"]
    if handle:
        assert value is not None
        cls = object_class(value)
        convert = (f"goextObject[{arg.qualifier}{cls}](h)" if cls else
                   f"goextValue[{arg.qualifier}{value}](h, \"result\")")
        body = ["var h uintptr", *body, "if h != 0 {", f"\tr0 = {convert}", "}"]
    body += ["return"] if outs else []
    # One statement a line, as gofmt writes it: the literal sits in a call at depth 1.
    return "\n".join([f"func({signature}){returns} {{", *(f"\t\t{line}" for line in body),
                      "\t}"])


def _go_spelling(tag: str, qualifier: str) -> str:
    """A type tag as the generated main package writes the type."""
    interface = interface_name(tag)
    if interface is not None:
        return qualifier + interface if interface else "any"
    if object_class(tag):
        return f"*{qualifier}{object_class(tag)}"
    if func_parts(tag) is not None:  # a func inside a func: its objects qualified too
        return go_func_type(tag, "", qualifier)
    return qualifier + tag if value_class(tag) else tag


def _handle_of(name: str, tag: str) -> str:
    """The expression sending ``name`` to Python: a handle for objects; "" for
    ``name`` "" and a tag that is no object."""
    if object_class(tag):
        return f"goextHandle({name})" if name else "h"
    if value_class(tag):
        return f"goextHandle(&{name})" if name else "h"
    if interface_name(tag) is not None:
        return f"goextAnyOut({name})" if name else ""
    return name


CALLBACK = _Callback("callback", "_callback_param", owns_c_memory=False, calls_python=True)
INTERFACE = _Interface("interface", "_interface_arg", owns_c_memory=False, opaque=True)
# A result: C memory.
INTERFACE_SLICE = _InterfaceSlice("interface_slice", "_interface_list_arg", opaque=True)
# In the order tags are tried (they do not overlap; the order is the cheapest first).
FAMILIES: tuple[Family, ...] = (
    CALLBACK,
    _FuncValue("func_value", "_handle_param", owns_c_memory=False),
    INTERFACE,
    _Object("object", "_object_arg", owns_c_memory=False),
    _Value("value", "_value_arg", owns_c_memory=False),
    _Json("json", "_json_arg"),
    _ObjectMap("object_map", "_object_map_converter"),
    _ObjectSlice("object_slice", "_handles_converter"),
    INTERFACE_SLICE,
    _FuncItems("func_items", "_func_items_result"),
    _AnyData("any_data", "_data_param", opaque=True),  # Go objects inside, by handle
)


def kind_of(tag: str) -> TypeKind | Family | None:
    """The kind of a canonical type tag; None for a tag no kind takes."""
    kind = type_kind(tag)
    if kind is not None:
        return kind
    return next((family for family in FAMILIES if family.matches(tag)), None)


def calls_python(go_type: str) -> bool:
    """Does Go call back into Python for a parameter of this type? A callable does,
    an iterable for a sequence or channel (Go pulls its items), and the receiver of
    a send-only channel (Go hands over what it sends)."""
    go_type = canonical(go_type)
    kind = kind_of(go_type)
    return kind is not None and (kind.calls_python or stream_items(go_type) is not None
                                 or sink_item(go_type) is not None)


def holds_opaque(go_type: str) -> bool:
    """May a value of this type be an opaque Go value Python holds by handle?"""
    kind = kind_of(canonical(go_type))
    return kind is not None and kind.opaque


def python_type(go_type: str, *, result: bool) -> str:
    """The annotation a type checker sees for a parameter or result of ``go_type``."""
    go_type = canonical(go_type)
    kind = kind_of(go_type)
    return "None" if kind is None else kind.annotate(go_type, result=result)
