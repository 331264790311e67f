"""Direct calls (``contract.direct_call``): a function of scalars returning one
integer or float gets a second export, ``goext_F__direct``, that returns the result
itself instead of filling a record the caller takes from a pool. A panic is kept
for the thread (``goextDirectFailed``) and the result is the failure sign, on which
the runtime looks for it; a real result equal to the sign costs that look only."""

from __future__ import annotations

from ..goapi.exports import FUNCTION, MAKE, METHOD, GoFunction
from ..runtime.contract import DIRECT_SUFFIX, INTEGERS, canonical, direct_call, object_class


def is_direct(function: GoFunction) -> bool:
    """Does ``function`` get a direct export? Plain functions and methods (the
    receiver crosses as its handle; not a method on a copy, which returns the copy
    too), not ``gil=hold`` (the runtime calls those through a function pointer type
    of their own), and the all-fields constructor of scalar fields (its handle is
    never 0, the sign)."""
    params = [canonical(p.type) for p in function.params]
    if function.role == MAKE:
        return direct_call(params, ["int"])
    results = [canonical(r.type) for r in function.results]
    handle = len(results) == 1 and object_class(results[0]) is not None  # 0: nil or failed
    plain = function.role == FUNCTION or (function.role == METHOD and not function.mutates)
    return plain and not function.hold_gil and not function.is_async \
        and not function.keep and direct_call(params, ["int"] if handle else results)


def direct_symbol(function: GoFunction) -> str:
    return function.symbol + DIRECT_SUFFIX


def direct_export(function: GoFunction, params: list[str], call: str) -> list[str]:
    """The lines of the direct export of ``function`` (``params``: its C-ABI
    parameters, ``call``: the Go call), or none."""
    if not is_direct(function):
        return []
    result = function.results[0]
    tag = canonical(result.type)
    sign = ("goextNaN" if tag not in INTEGERS else
            "goextHighest" if tag.startswith("u") else "goextLowest") + f"[{tag}]()"
    value = f"{tag}({call})" if result.convert else call
    if object_class(tag):
        tag, sign, value = "uintptr", "0", f"goextHandle({call})"
    return [
        f"//export {direct_symbol(function)}",
        f"func {direct_symbol(function)}({', '.join(params)}) (result {tag}) {{",
        "\tdefer func() {",
        "\t\tif value := recover(); value != nil {",
        "\t\t\tgoextDirectFailed(value)",
        f"\t\t\tresult = {sign}",
        "\t\t}",
        "\t}()",
        f"\treturn {value}",
        "}",
        "",
    ]
