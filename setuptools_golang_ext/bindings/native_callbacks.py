"""Callbacks that cross with C argument types (``contract.native_callback``):
Go calls the Python callable's ctypes function pointer with its scalars and
strings as they are and takes a scalar back, through one small C function per
signature (cgo cannot call a C function pointer itself). No JSON, no reply call
into Go: the runtime's thunk (runtime/_native_callbacks.py) has the same C type.
"""

from __future__ import annotations

from ..goapi.exports import GoFunction
from ..runtime.contract import STRING, canonical, native_callback
from .type_table import SCALAR_C, CScalar, type_kind

VALUES_MAX = 4  # GOEXT_VALUES_MAX of templates/glue_support.go


def _c_type(tag: str) -> str:
    scalar = type_kind(tag)
    assert scalar is not None and isinstance(scalar.c, CScalar), tag
    return scalar.c.c_type


def _cgo(tag: str) -> str:
    """The cgo spelling of the C type of a scalar tag: ``C.int64_t``, ``C.uchar``."""
    return "C." + _c_type(tag).replace("unsigned ", "u")


def trampoline_name(params: list[str], result: str | None) -> str:
    """The C function calling a function pointer of this signature: one per signature."""
    return "goext_call_" + "_".join(params or ["void"]) + "__" + (result or "void")


def _c_params(params: list[str]) -> list[str]:
    return [part for index, tag in enumerate(params) for part in (
        [f"const char *p{index}", f"size_t p{index}n"] if tag == STRING
        else [f"{_c_type(tag)} p{index}"])]


def _owned_name(params: list[str], result: str | None) -> str:
    """The C function calling a function pointer of this signature from the thread
    of the call that passed it only (see goextCallback.callValues)."""
    return trampoline_name(params, result).replace("goext_call_", "goext_owned_", 1)


def _trampoline(params: list[str], result: str | None) -> list[str]:
    c_result = _c_type(result) if result else "void"
    c_params = _c_params(params)
    names = [part.rpartition(" ")[2].lstrip("*") for part in c_params]
    prototype = ", ".join(c_params) or "void"
    call = f"(({c_result} (*)({prototype}))f)({', '.join(names)})"
    owned, answer = _owned_name(params, result), f"{_owned_name(params, result)}_answer"
    # f as an integer: cgo checks every pointer argument of a call (about 100
    # instructions), and this one is a C function's, never Go memory.
    return [f"static inline {c_result} {trampoline_name(params, result)}"
            f"({', '.join(['uintptr_t f', *c_params])}) {{",
            f"\t{'return ' if result else ''}{call};", "}",
            # The same from the owner's thread only: ran is 0 elsewhere.
            f"typedef struct {{ {c_result + ' r; ' if result else ''}int ran; }} {answer};",
            f"static inline {answer} {owned}"
            f"({', '.join(['uintptr_t f', 'uintptr_t owner', *c_params])}) {{",
            f"\t{answer} out = {{0}};",
            "\tif (goext_thread() != owner) return out;",
            f"\t{'out.r = ' if result else ''}{call};",
            "\tout.ran = 1;", "\treturn out;", "}"]


def trampolines(functions: list[GoFunction]) -> list[str]:
    """The C preamble lines of the trampolines ``functions`` use (static inline:
    the preamble of a file with //export is compiled twice)."""
    seen: dict[str, list[str]] = {}
    for function in functions:
        for param in function.params:
            native = None if param.name in function.keep else native_callback(
                canonical(param.type))
            if native is not None:
                seen.setdefault(trampoline_name(*native), _trampoline(*native))
    if not seen:
        return []
    return ["#include <stddef.h>", "#include <stdint.h>",
            "extern uintptr_t goext_thread(void);  // the glue's",
            *(line for lines in seen.values() for line in lines)]


def native_closure(index: int, tag: str, spelled: list[str], result_spelled: str) -> str:
    """The Go func literal calling callback ``goextCb<index>`` through its trampoline;
    ``spelled``: the parameter types as the glue writes them."""
    native = native_callback(tag)
    assert native is not None
    params, result = native
    callback = f"goextCb{index}"
    args = []
    for i, param in enumerate(params):
        if param == STRING:
            args += [f"(*C.char)(unsafe.Pointer(unsafe.StringData(string(p{i}))))",
                     f"C.size_t(len(p{i}))"]
        elif param == "bool":
            args.append(f"goextCBool(bool(p{i}))")
        else:
            args.append(f"{_cgo(param)}(p{i})")
    function = f"C.uintptr_t(uintptr({callback}.function))"
    call = _answer(result, result_spelled,
                   f"C.{trampoline_name(params, result)}({', '.join([function, *args])})")
    owned = [f"out := C.{_owned_name(params, result)}({function}, "
             f"C.uintptr_t({callback}.owner){''.join(', ' + a for a in args)})",
             "goextLeavePython()", "if out.ran != 0 {",
             *([f"\t{_answer(result, result_spelled, 'out.r')}"] if result else []),
             "\treturn", "}"]
    signature = ", ".join(f"p{i} {spelling}" for i, spelling in enumerate(spelled))
    returns = f" (r0 {result_spelled})" if result else ""
    # A cpython-mode module passes its C trampoline's record (tagged: bit 0); a
    # ctypes function pointer is called directly.
    body = [f"if uintptr({callback}.function)&1 != 0 {{",
            *(f"\t{line}" for line in _tagged_call(callback, params, result, result_spelled)),
            "\treturn", "}",
            f"if {callback}.owned() {{", *(f"\t{line}" for line in owned), "}",
            f"if {callback}.enter() {{", f"\t{call}", f"\t{callback}.leave()", "}"]
    body += ["return"] if result else []
    return "\n".join([f"func({signature}){returns} {{", *(f"\t\t{line}" for line in body),
                      "\t}"])


def _answer(result: str | None, result_spelled: str, value: str) -> str:
    """The Go statement taking a typed call's C ``value`` as the result (or the call)."""
    if result == "bool":
        return f"r0 = {value} != 0"
    return f"r0 = {result_spelled}({value})" if result else value


def _kind(tag: str) -> str:
    """The trampoline's conversion of a scalar: 's' signed, 'u' unsigned, 'f'
    float, 'b' bool (the type table's check of its C conversion)."""
    return SCALAR_C[tag].check


def _bits(tag: str, value: str) -> str:
    """Go's expression of a scalar as the 64 bits a goext_value carries."""
    kind = _kind(tag)
    if kind == "b":
        return f"goextBoolBits(bool({value}))"
    if kind == "f":
        return f"goextFloatBits(float64({value}))"
    return f"uint64({'uint64' if kind == 'u' else 'int64'}({value}))"


def _tagged_call(callback: str, params: list[str], result: str | None,
                 result_spelled: str) -> list[str]:
    """Go lines calling a cpython-mode module's trampoline with typed values on
    the stack (``goextCallArgs``); more arguments than it holds go through ``call``."""
    n = len(params)
    if n > VALUES_MAX:
        passed = "".join(f", p{i}" for i in range(n))
        return [f"_ = {callback}.call({'&r0' if result else 'nil'}{passed})"]
    if STRING not in (*params, result):
        return _bits_call(callback, params, result, result_spelled)
    lines = ["var values goextCallArgs"]
    for i, tag in enumerate(params):
        lines.append(f"values.setString({i}, string(p{i}))" if tag == STRING
                     else f"values.set({i}, {_bits(tag, f'p{i}')}, '{_kind(tag)}')")
    if result:
        lines.append(f"values.set({n}, 0, '{_kind(result)}')")
    answer = f"values.bits({n})"
    read = {"b": f"{answer} != 0",
            "f": f"{result_spelled}(values.float({n}))",
            "u": f"{result_spelled}({answer})",
            "s": f"{result_spelled}(int64({answer}))"}
    if not result:
        return [*lines, f"{callback}.callValues(&values, {n})"]
    return [*lines, f"if {callback}.callValues(&values, {n}) {{",
            f"\tr0 = {read[_kind(result)]}", "}"]


def _packed(params: list[str], result: str | None) -> str:
    """``callBits``' arguments after the callback: n, the kinds a byte each (the
    answer's at byte n), and the 64 bits of each value."""
    n = len(params)
    kinds = sum(ord(_kind(tag)) << (8 * i) for i, tag in enumerate(params))
    kinds |= ord(_kind(result)) << (8 * n) if result else 0
    bits = [_bits(tag, f"p{i}") for i, tag in enumerate(params)] + ["0"] * (VALUES_MAX - n)
    return f"{n}, {kinds:#x}, {', '.join(bits)}"


def _read(result: str, result_spelled: str) -> str:
    """Go's value of the answer's 64 bits (``answer``)."""
    return {"b": "answer != 0", "f": f"{result_spelled}(goextFloatOf(answer))",
            "u": f"{result_spelled}(answer)",
            "s": f"{result_spelled}(int64(answer))"}[_kind(result)]


def _bits_call(callback: str, params: list[str], result: str | None,
               result_spelled: str) -> list[str]:
    """Go lines calling a trampoline with numbers and bools only (``callBits``)."""
    call = f"{callback}.callBits({_packed(params, result)})"
    if not result:
        return [call]
    return [f"if answer, ok := {call}; ok {{", f"\tr0 = {_read(result, result_spelled)}",
            "}"]


def owned_error_call(index: int, params: list[str], result: str | None,
                     result_spelled: str) -> list[str]:
    """Go lines trying a cpython-mode callable from its caller's thread without
    JSON, for a callback with an error result whose other values are numbers and
    bools (``callOwned``); none for other callbacks. The lines return when it ran."""
    if len(params) > VALUES_MAX or any(t not in SCALAR_C for t in params) or (
            result is not None and result not in SCALAR_C):
        return []
    callback = f"goextCb{index}"
    read = [f"\t\tr0 = {_read(result, result_spelled)}"] if result else []
    return [f"if answer, ran, raised := {callback}.callOwned({_packed(params, result)}); ran {{",
            *(["\tif raised == nil {", *read, "\t}"] if read else ["\t_ = answer"]),
            "\terr = raised", "\treturn", "}"]
