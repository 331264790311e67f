"""One table of the Go type kinds that cross by value: each kind is defined once,
with its Go glue conversion, its C conversion in a cpython-mode module, its
stub annotation and its description tag. The generators ask the table; a kind
not here is still dispatched by the older per-generator chains.

In the table: every scalar (integers, floats, bool), complex64/128, time.Time,
string, []byte, the numeric slices and []complex64/128; and, made per item type,
the streams (``iter.Seq[T]``, ``iter.Seq2[K, V]``, ``<-chan T`` results).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from ..runtime.contract import (
    BYTES,
    NOCOPY_PREFIX,
    SCALAR_CTYPES,
    SLICE_PREFIX,
    STRING,
    TIME,
    builtin_name,
    nocopy_slice,
    sink_item,
    stream_items,
    stream_raw_items,
)


@dataclass(frozen=True)
class CScalar:
    """How a cpython-mode module converts a scalar: the C type of the //export
    parameter and record field, and the support function that checks it."""

    c_type: str
    check: str  # "s" signed, "u" unsigned, "f" float, "b" bool: goext_signed ...
    low: str = ""  # the C limits of an integer type
    high: str = ""

    def declaration(self, value: str) -> str:
        """The C variable the argument is converted into."""
        return {"s": "long long", "u": "unsigned long long", "f": "double",
                "b": "unsigned char"}[self.check] + f" {value};"

    def convert(self, argument: str, where: str, go_type: str, value: str) -> str:
        """The call converting the Python ``argument`` (negative on failure)."""
        return {
            "s": f"goext_signed({argument}, {self.low}, {self.high}, {where}, \"{go_type}\", "
                 f"&{value})",
            "u": f"goext_unsigned({argument}, {self.high}, {where}, \"{go_type}\", &{value})",
            "f": f"goext_float({argument}, {where}, \"{go_type}\", &{value})",
            "b": f"goext_bool({argument}, {where}, &{value})",
        }[self.check]

    def answer_fields(self, go_type: str) -> str:
        """The check fields of the ``goext_answer_type`` of a callback's answer."""
        low, high = (self.low, self.high) if self.check == "s" else ("0", "0")
        return f"'{self.check}', {low}, {high}, {self.high if self.check == 'u' else '0'}, " \
            f"\"{go_type}\""

    def make(self, field: str) -> str:
        """The C expression making the Python object of a result ``field``."""
        return {"s": f"PyLong_FromLongLong((long long){field})",
                "u": f"PyLong_FromUnsignedLongLong((unsigned long long){field})",
                "f": f"PyFloat_FromDouble((double){field})",
                "b": f"PyBool_FromLong({field})"}[self.check]


@dataclass(frozen=True)
class CBuffer:
    """How a cpython-mode module converts a value Go sees as a pointer and a length:
    a ``goext_arg`` the argument is held in for the call, and the result's maker."""

    convert: str  # the call filling goext_arg {value} from {argument}, {where}: its name
    make: str  # the C expression making the Python object of the result {field}
    # A callback's trampoline passes and takes it ("t": a string), else "".
    callback: str = ""
    # A slice: the length carries goext_arg's go_copy bit (the glue's goextGoCopy).
    go_copy: bool = False

    def answer_fields(self, go_type: str) -> str:
        """The check fields of the ``goext_answer_type`` of a callback's answer."""
        return f"'{self.callback}', 0, 0, 0, \"{go_type}\""


@dataclass(frozen=True)
class CParts:
    """How a cpython-mode module converts a value Go takes as several C values
    (time.Time: seconds, nanoseconds, offset): a C record the argument is
    converted into, one //export parameter and record field per part."""

    record: str  # the C type of the record: goext_time
    parts: tuple[tuple[str, str], ...]  # (field of the record and suffix, C type)
    convert: str  # the call filling {value} from {argument}, {where}
    make: str  # the C expression making the Python object of the result {field}
    template: str  # the templates/ file defining them


CValue = Union[CScalar, CBuffer, CParts]  # a kind's C conversion (3.9: no | at run time)


@dataclass(frozen=True)
class GlueArg:
    """One Go parameter as the glue takes it: ``a0`` of a tag, for a parameter."""

    index: int
    tag: str  # canonical
    param_name: str  # as Go names it, in error messages
    qualifier: str = ""  # of the package declaring the named types: "goextuser."
    spelled: str = ""  # the type as the glue spells it, when named types are inside
    convert: str = ""  # the named type the function takes, made from the value
    kept: bool = False  # a callback Go keeps (keep=)

    @property
    def name(self) -> str:
        return f"a{self.index}"

    def converted(self, expression: str) -> str:
        """``expression`` as the named type the function takes (``Level(...)``)."""
        return f"{self.qualifier}{self.convert}({expression})" if self.convert else expression


@dataclass(frozen=True)
class TypeKind:
    tag: str  # the canonical Go spelling, which the API description carries
    annotation: str  # for results in <leaf>_api.py
    # The C-ABI values of the glue, as (name suffix, Go type): a0r float32, a0i float32.
    parts: tuple[tuple[str, str], ...]
    # The Go expression of the argument from its parts, {a}: "complex({a}r, {a}i)";
    # {elem}: the slice element as the Go function spells it ([]Level: Level).
    rebuild: str
    store_text: str  # the Go assignment of a result {v} to its record fields {r}
    c: CValue | None = None  # None: a cpython-mode module leaves it to the runtime
    param_annotation: str = ""  # when a parameter takes more than a result gives
    # Of a slice viewing the Python buffer (made by _view_slice), as Go spells it
    # without a named type: "byte"; "" for every other kind.
    element: str = ""
    # The ctypes runtime's conversion, as runtime/_layer2.py registers it by tag.
    runtime: str = ""
    calls_python = False  # (as type_families.Family says it: no by-value kind does)
    opaque = False

    @property
    def owns_c_memory(self) -> bool:
        """A result is C memory the glue frees when the call panics after storing it."""
        return self.parts[0][1] == "unsafe.Pointer"

    def annotation_of(self, *, result: bool) -> str:
        return self.annotation if result else self.param_annotation or self.annotation

    def glue_params(self, name: str) -> list[str]:
        return [f"{name}{suffix} {go_type}" for suffix, go_type in self.parts]

    def glue_fields(self, index: int) -> list[str]:
        return [f"\tr{index}{suffix} {go_type}" for suffix, go_type in self.parts]

    # What type_families.Family has too, so that generators ask any kind alike.
    def annotate(self, tag: str, *, result: bool) -> str:
        return self.annotation_of(result=result)

    def argument(self, arg: GlueArg) -> tuple[list[str], str]:
        """The C-ABI parameters, and the Go expression of the argument."""
        return self.glue_params(arg.name), arg.converted(self._spelled(self.rebuild, arg))

    def kept_view(self, arg: GlueArg, copy: str) -> tuple[str, str] | None:
        """A view of Python memory that Go keeps (a bound package's argument, a
        setter's value): the call making its Go copy and the writable buffer (else
        nil), and the argument made of ``copy``; None for any other kind."""
        if not self.element:
            return None
        return self._spelled(_KEPT_VIEW, arg), arg.converted(copy)

    def _spelled(self, template: str, arg: GlueArg) -> str:
        # []Level: a view of the same memory as []int, spelled as the function does.
        element = arg.spelled[len(SLICE_PREFIX):] if arg.spelled and self.element \
            else self.element
        return template.format(a=arg.name, elem=element)

    def fields(self, index: int, tag: str) -> list[str]:
        return self.glue_fields(index)

    def c_of(self, tag: str) -> CValue | None:
        """The conversion of a cpython-mode module (as ``type_families.Family``)."""
        return self.c

    def store(self, index: int, tag: str, value: str) -> str:
        return "\t" + self.store_text.format(r=f"out.r{index}", v=value)


def _scalar(tag: str, annotation: str, c: CScalar) -> TypeKind:
    return TypeKind(tag, annotation, (("", tag),), "{a}", "{r} = {v}", c,
                    runtime="_scalar_check")


_BUFFER = (("", "unsafe.Pointer"), ("n", "uintptr"))
# A []T viewing the Python buffer: in place when writable, else a Go copy.
_VIEW = "goextView[{elem}]({a}, {a}n)"
# Where Go keeps it: always a Go copy, and the writable buffer (else nil).
_KEPT_VIEW = "goextKeptView[{elem}]({a}, {a}n)"


def _view_slice(element: str, annotation: str, c: CValue | None, param_annotation: str,
                runtime: str) -> TypeKind:
    """``[]element`` crossing as a view of the Python buffer, returned as a C copy."""
    return TypeKind(SLICE_PREFIX + element, annotation, _BUFFER, _VIEW,
                    "{r}, {r}n = goextSlice({v})", c, param_annotation, element, runtime)


def _numeric_slice(element: str) -> TypeKind:
    """``[]T`` of a number type T: a buffer both ways, not copied when writable."""
    c = SCALAR_C[element]
    item = "float" if element.startswith("float") else "int"
    convert = (f"goext_numeric({{argument}}, {{where}}, \"{element}\", '{c.check}', "
               f"sizeof({c.c_type}), &{{value}})")
    make = f"goext_numeric_result({{field}}, {{field}}n, '{c.check}', sizeof({c.c_type}))"
    return _view_slice(element, f"array.array[{item}]", CBuffer(convert, make, go_copy=True),
                       f"Sequence[{item}] | memoryview | array.array[{item}]",
                       "_numeric_converter")


def _buffer_slice(element: str, item: str) -> TypeKind:
    """``[]T`` that crosses as one buffer but is a list of ``item`` in Python, converted
    by the runtime's BUFFER_KINDS: copied both ways, no C conversion."""
    return _view_slice(element, f"list[{item}]", None, f"Sequence[{item}]", "BUFFER_KINDS")


def _complex(tag: str, part: str) -> TypeKind:
    return TypeKind(tag, "complex", (("r", part), ("i", part)), "complex({a}r, {a}i)",
                    "{r}r, {r}i = real({v}), imag({v})", runtime="_complex_arg")


_SCALARS = (
    _scalar("int8", "int", CScalar("int8_t", "s", "INT8_MIN", "INT8_MAX")),
    _scalar("int16", "int", CScalar("int16_t", "s", "INT16_MIN", "INT16_MAX")),
    _scalar("int32", "int", CScalar("int32_t", "s", "INT32_MIN", "INT32_MAX")),
    _scalar("int64", "int", CScalar("int64_t", "s", "INT64_MIN", "INT64_MAX")),
    _scalar("int", "int", CScalar("ptrdiff_t", "s", "PTRDIFF_MIN", "PTRDIFF_MAX")),
    _scalar("uint8", "int", CScalar("uint8_t", "u", "0", "UINT8_MAX")),
    _scalar("uint16", "int", CScalar("uint16_t", "u", "0", "UINT16_MAX")),
    _scalar("uint32", "int", CScalar("uint32_t", "u", "0", "UINT32_MAX")),
    _scalar("uint64", "int", CScalar("uint64_t", "u", "0", "UINT64_MAX")),
    _scalar("uint", "int", CScalar("size_t", "u", "0", "SIZE_MAX")),
    _scalar("uintptr", "int", CScalar("uintptr_t", "u", "0", "UINTPTR_MAX")),
    _scalar("float32", "float", CScalar("float", "f")),
    _scalar("float64", "float", CScalar("double", "f")),
    _scalar("bool", "bool", CScalar("unsigned char", "b")),
)
SCALAR_C = {kind.tag: kind.c for kind in _SCALARS if isinstance(kind.c, CScalar)}
_KINDS = (
    *_SCALARS,
    _complex("complex64", "float32"),
    _complex("complex128", "float64"),
    # Unix seconds, nanoseconds and the UTC offset: every year 1..9999 fits.
    TypeKind(TIME, "datetime.datetime", (("s", "int64"), ("ns", "int32"), ("off", "int32")),
             "goextTime({a}s, {a}ns, {a}off)", "{r}s, {r}ns, {r}off = goextTimeParts({v})",
             CParts("goext_time", (("s", "int64_t"), ("ns", "int32_t"), ("off", "int32_t")),
                    "goext_time_arg({argument}, {where}, &{value})",
                    "goext_time_result({field}s, {field}ns, {field}off)", "module_time.c"),
             runtime="_time_arg"),
    TypeKind(STRING, "str", _BUFFER, "goextGoString({a}, {a}n)", "{r}, {r}n = goextString({v})",
             CBuffer("goext_string({argument}, {where}, &{value})",
                     "goext_string_result({field}, {field}n)", "t"), "str | bytes",
             runtime="_string_arg"),
    # Writable buffers are passed in place (Go's writes are seen), others copied.
    _view_slice("byte", "bytes",
                CBuffer("goext_bytes({argument}, {where}, &{value})",
                        "goext_bytes_result({field}, {field}n)", go_copy=True),
                "bytes | bytearray | memoryview", "_bytes_arg"),
    *(_numeric_slice(element) for element in SCALAR_CTYPES
      if element not in ("bool", "uint8")),
    _buffer_slice("complex64", "complex"),
    _buffer_slice("complex128", "complex"),
    # The count, each item's length, then the bytes: one buffer, copied both ways.
    TypeKind(SLICE_PREFIX + BYTES, "list[bytes]", _BUFFER, "goextUnpackBytes({a}, {a}n)",
             "{r}, {r}n = goextPackBytes({v})",
             param_annotation="Sequence[bytes | bytearray | memoryview]",
             runtime="BUFFER_KINDS"),
)
TYPE_KINDS: dict[str, TypeKind] = {kind.tag: kind for kind in _KINDS}


# A stream result crosses as a cgo.Handle of the glue's stream (goextEnd: the call's
# context ends with the stream, not with the call); Python iterates it as a GoIterator.
STREAM_ITERATOR = "GoIterator"
_STREAM_STORES = {"iter.Seq[": "goextSeqStream", "iter.Seq2": "goextSeq2Stream"}


def _stream(go_type: str) -> TypeKind | None:
    items = stream_items(go_type)
    if items is None:
        return None
    helper = _STREAM_STORES.get(go_type[:len("iter.Seq[")], "goextChanHandle")
    python = [builtin_name(item) or "Any" for item in items]
    item = python[0] if len(python) == 1 else f"tuple[{', '.join(python)}]"
    # Numbers cross as their memory, other items as a JSON array (pairs always).
    encode = "nil" if len(items) == 2 else \
        "goextRawItems" if stream_raw_items(items) else "goextJSONItems"
    # A parameter takes any iterable (go_glue passes its items as JSON).
    return TypeKind(go_type, f"{STREAM_ITERATOR}[{item}]", (("", "uintptr"),), "",
                    f"{{r}} = {helper}({{v}}, goextEnd, {encode})",
                    param_annotation=f"Iterable[{item}]")


def _sink(go_type: str) -> TypeKind | None:
    """A send-only channel parameter: Python receives what Go sends on it during
    the call, into a list (any object with ``append``) or a callable."""
    item = sink_item(go_type)
    if item is None:
        return None
    python = builtin_name(item) or "Any"
    return TypeKind(go_type, "None", (("", "unsafe.Pointer"),), "", "",
                    param_annotation=f"list[{python}] | Callable[[{python}], object]")


def _view(go_type: str) -> TypeKind | None:
    """A nocopy= result: the address and size of the slice's own memory, pinned by
    the glue until Python drops the memoryview and unpins it through the handle."""
    if nocopy_slice(go_type) is None:
        return None
    return TypeKind(go_type, "memoryview", (("", "uintptr"), ("n", "uintptr"), ("h", "uintptr")),
                    "", "{r}, {r}n, {r}h = goextPinned({v})")


def type_kind(go_type: str) -> TypeKind | None:
    """The table's entry for a canonical Go type, or None (not migrated yet)."""
    if go_type.startswith(NOCOPY_PREFIX):
        return _view(go_type)
    return TYPE_KINDS.get(go_type) or _stream(go_type) or _sink(go_type)
