"""Reading the C header ``go build -buildmode=c-shared`` writes: the ``//export`` signatures.

Every C type is reduced to a type name the runtime knows (a ``ctypes`` name,
``GoString``, ``GoSlice`` or ``struct:<name>``); structs from the cgo preamble
and the generated ``struct F_return`` become field lists. A function with a
type this reader does not understand is left untyped (plain ctypes), with a
note in the build log, rather than typed wrongly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_C_BASE: dict[str, str] = {
    "char": "c_char",
    "signed char": "c_byte",
    "unsigned char": "c_ubyte",
    "short": "c_short",
    "unsigned short": "c_ushort",
    "int": "c_int",
    "unsigned int": "c_uint",
    "unsigned": "c_uint",
    "long": "c_long",
    "unsigned long": "c_ulong",
    "long long": "c_longlong",
    "unsigned long long": "c_ulonglong",
    "float": "c_float",
    "double": "c_double",
    "size_t": "c_size_t",
    "ptrdiff_t": "c_ssize_t",
    "ssize_t": "c_ssize_t",
    "_Bool": "c_bool",
    "bool": "c_bool",
    "_GoString_": "GoString",
    "GoSlice": "GoSlice",
    **{f"int{bits}_t": f"c_int{bits}" for bits in (8, 16, 32, 64)},
    **{f"uint{bits}_t": f"c_uint{bits}" for bits in (8, 16, 32, 64)},
}
# cgo's names for Go values C cannot use: typing them as plain structs or pointers
# would invite Python to build values Go then trusts.
_GO_OPAQUE = {"GoInterface": "an interface", "GoMap": "a map", "GoChan": "a channel"}
_QUALIFIERS = re.compile(r"\b(const|volatile|restrict|__restrict|extern)\b")
_TYPEDEF_RE = re.compile(r"typedef\s+([^;{}]+?)\s+(\w+)\s*;")
_STRUCT_RE = re.compile(
    r"(typedef\s+)?struct\s*(\w*)\s*\{([^{}]*)\}\s*(\w*)\s*;", re.MULTILINE
)
_EXTERN_RE = re.compile(r"^extern\s+(.+?)\s*\b(\w+)\s*\(([^)]*)\)\s*;", re.MULTILINE)
_ARRAY_RE = re.compile(r"^(.*?)(\w+)\s*\[(\d+)\]$")


class UnsupportedCType(ValueError):
    pass


@dataclass
class CHeader:
    typedefs: dict[str, str] = field(default_factory=dict)
    structs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # resolved later

    def resolve(self, c_type: str) -> str:
        """A C type spelling into a runtime type name."""
        text = " ".join(_QUALIFIERS.sub(" ", c_type).split())
        text = text.replace(" *", "*")
        if text in _GO_OPAQUE:
            raise UnsupportedCType(f"{text} ({_GO_OPAQUE[text]})")
        if text.endswith("*"):
            pointee = text[:-1].strip()
            return "c_char_p" if pointee == "char" else "c_void_p"
        if text.startswith("struct "):
            tag = text[len("struct ") :]
            if tag in self.structs:
                return "struct:" + tag
            raise UnsupportedCType(text)
        text = _integer_spelling(text)
        if text in _C_BASE:
            return _C_BASE[text]
        if text in self.structs:
            return "struct:" + text
        if text in self.typedefs:
            return self.resolve(self.typedefs[text])
        raise UnsupportedCType(text)


def _integer_spelling(text: str) -> str:
    """``long int``, ``long unsigned int``, ``short signed`` ... in one spelling each."""
    words = text.split()
    if len(words) < 2 or not set(words) <= {"signed", "unsigned", "short", "long", "int", "char"}:
        return text
    if "char" in words:
        return "unsigned char" if "unsigned" in words else "signed char"
    size = "short" if "short" in words else " ".join(["long"] * words.count("long")) or "int"
    return ("unsigned " if "unsigned" in words else "") + size


@dataclass(frozen=True)
class CFunction:
    name: str
    params: list[tuple[str, str]]  # (name, runtime type)
    result: str | None


def _strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.DOTALL)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r"^\s*#[^\n]*", " ", text, flags=re.MULTILINE)


def _declaration(text: str) -> tuple[str, str]:
    """``unsigned int x`` into (``unsigned int``, ``x``); ``char *p`` into (``char*``, ``p``)."""
    text = " ".join(text.split())
    match = re.match(r"^(.*?[\s*])(\w+)$", text)
    if match is None:
        return text, ""
    return match.group(1).strip(), match.group(2)


def parse_header(text: str) -> tuple[CHeader, list[CFunction], dict[str, str]]:
    """Structs and typedefs, the ``extern`` functions, and per function why it is untyped."""
    code = _strip_comments(text)
    header = CHeader()
    raw_structs: dict[str, str] = {}
    for match in _STRUCT_RE.finditer(code):
        is_typedef, tag, body, alias = match.groups()
        for name in {tag, alias if is_typedef else ""} - {""}:
            raw_structs[name] = body
            header.structs[name] = []
    for match in _TYPEDEF_RE.finditer(_STRUCT_RE.sub(" ", code)):
        header.typedefs[match.group(2)] = match.group(1)
    for name, body in raw_structs.items():
        header.structs[name] = _struct_fields(header, body)
    functions: list[CFunction] = []
    untyped: dict[str, str] = {}
    for match in _EXTERN_RE.finditer(code):
        result_text, name, params_text = match.groups()
        try:
            functions.append(_function(header, name, result_text, params_text))
        except UnsupportedCType as exc:
            untyped[name] = f"C type {exc} is not supported"
    return header, functions, untyped


def _struct_fields(header: CHeader, body: str) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    for member in body.split(";"):
        member = member.strip()
        if not member:
            continue
        array = _ARRAY_RE.match(member)
        count = ""
        if array is not None:
            member = array.group(1) + array.group(2)
            count = f"[{array.group(3)}]"
        c_type, name = _declaration(member)
        try:
            fields.append((name, header.resolve(c_type) + count))
        except UnsupportedCType:
            fields.append((name, "unsupported:" + c_type))
    return fields


def _function(header: CHeader, name: str, result_text: str, params_text: str) -> CFunction:
    params: list[tuple[str, str]] = []
    for index, param in enumerate(p.strip() for p in params_text.split(",")):
        if not param or param == "void":
            continue
        c_type, param_name = _declaration(param)
        param_name = param_name or f"p{index}"
        try:
            params.append((param_name, header.resolve(c_type)))
        except UnsupportedCType as exc:
            raise UnsupportedCType(f"{exc}, of parameter {param_name!r},") from exc
    result = None if result_text.strip() == "void" else header.resolve(result_text)
    for _, type_name in params + ([("", result)] if result else []):
        if type_name.startswith("struct:"):
            fields = header.structs[type_name[len("struct:") :]]
            bad = [t for _, t in fields if t.startswith("unsupported:")]
            if bad:
                raise UnsupportedCType(bad[0][len("unsupported:") :])
    return CFunction(name, params, result)
