"""Checks of one scalar or string argument: converted, or refused with an error
naming the function and parameter (``where``)."""

from __future__ import annotations

import operator

from .contract import INT_RANGES, LONE_SURROGATE

# The widest int CPython keeps in one digit: only such ints compare without a
# call into the general comparison (the interpreter's fast path).
ONE_DIGIT = (1 << 30) - 1


def int_check(name: str, go_type: str, where: str) -> str:
    """A statement of generated code taking the int ``name`` of ``go_type`` (``where``:
    the source of its label): a plain int within one digit costs a class test and
    two fast comparisons; anything else goes through ``_int_arg``, which takes it,
    converts it or refuses it."""
    low, high = (max(bound, -ONE_DIGIT) if bound < 0 else min(bound, ONE_DIGIT)
                 for bound in INT_RANGES[go_type])
    return (f"if {name}.__class__ is not _int or {low} > {name} or {name} > {high}: "
            f"{name} = _int_arg({name}, {go_type!r}, {where})")


def is_int(name: str, value: int) -> str:
    """An expression: is the int ``name`` equal to ``value``, with a fast comparison
    first when ``value`` is wider than one digit."""
    if -ONE_DIGIT <= value <= ONE_DIGIT:
        return f"{name} == {value}"
    return f"{name} {'<' if value < 0 else '>'} {ONE_DIGIT if value > 0 else -ONE_DIGIT} " \
        f"and {name} == {value}"


def string_arg(value: object, where: str) -> bytes:
    """A str as UTF-8 (bytes escaped with surrogateescape go back to those bytes),
    or bytes as they are."""
    if isinstance(value, str):
        try:
            return value.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raise ValueError(f"{where}: the str {LONE_SURROGATE}") from None
    if isinstance(value, bytes):
        return bytes(value)
    raise TypeError(f"{where} must be str or bytes, not {type(value).__name__}")


def int_arg(value: object, go_type: str, where: str) -> int:
    """A Go integer argument that is not a plain in-range ``int``: converted or refused."""
    if value.__class__ is not int:
        try:
            value = operator.index(value)  # type: ignore[arg-type]
        except TypeError:
            raise TypeError(
                f"{where} must be an int (Go {go_type}), not {type(value).__name__}"
            ) from None
    low, high = INT_RANGES[go_type]
    if not low <= value <= high:
        raise OverflowError(f"{where}: {value} is out of range for {go_type} ({low}..{high})")
    return value


def float_arg(value: object, go_type: str, where: str) -> float:
    if isinstance(value, (str, bytes, bytearray)):
        raise TypeError(f"{where} must be a float (Go {go_type}), not {type(value).__name__}")
    try:
        return float(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(
            f"{where} must be a float (Go {go_type}), not {type(value).__name__}"
        ) from None
    except OverflowError:  # an int past float's range: 10**400
        raise OverflowError(f"{where}: the int is too large for a float (Go {go_type})") \
            from None
