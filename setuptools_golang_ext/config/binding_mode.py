"""The two ways //python:export functions reach Python, and all that differs between them.

``bindings = "ctypes"``: the Go library is loaded with ctypes by the runtime,
which converts every argument and result; the library has the plain (or the
Python-specific) suffix. ``bindings = "cpython"``: a generated limited-API C
module converts the function-level types itself and Python imports the library
as an extension module (``.abi3.so``, wheel ``cp311-abi3``). The option's string
becomes a ``BindingMode`` once, where ``GoExtension`` checks its options; code
asks the mode, never compares the string.
"""

from __future__ import annotations

from enum import Enum


class BindingMode(str, Enum):
    CTYPES = "ctypes"
    CPYTHON = "cpython"

    def __str__(self) -> str:
        return self.value

    @property
    def option_text(self) -> str:
        """How a user writes the mode: ``bindings = "cpython"``."""
        return f'bindings = "{self.value}"'

    @property
    def generates_c_module(self) -> bool:
        """A generated C module converts the function-level types (numbers, strings,
        buffers, errors, a context) in C; the runtime adds the rest of the API."""
        return self is BindingMode.CPYTHON

    @property
    def imported_as_module(self) -> bool:
        """The library is a CPython extension module that ``import`` loads (its
        API description says so), not a library the runtime opens with ctypes."""
        return self is BindingMode.CPYTHON

    @property
    def limited_api(self) -> tuple[int, int] | None:
        """The oldest Python whose limited API the library is built against (3.11, the
        first with the buffer protocol, which zero-copy buffers need); None: no C-API."""
        return (3, 11) if self is BindingMode.CPYTHON else None

    @property
    def limited_api_hex(self) -> str:
        """``Py_LIMITED_API`` for ``limited_api``: ``0x030B0000``."""
        if self.limited_api is None:
            raise ValueError(f"{self.option_text} uses no limited API")
        major, minor = self.limited_api
        return f"0x{major:02X}{minor:02X}0000"

    def wheel_tags(self) -> tuple[str, str] | None:
        """(python tag, abi tag) every wheel of this mode gets; None when they depend
        on the project (a Python-specific or a py3-none wheel)."""
        if self.limited_api is None:
            return None
        return "cp" + "".join(map(str, self.limited_api)), "abi3"

    def fixed_suffix(self, goos: str) -> str | None:
        """The library's file suffix when the mode decides it (a stable-ABI module,
        which every later CPython loads); None when the project and Python do."""
        if self.limited_api is None:
            return None
        return ".pyd" if goos == "windows" else ".abi3.so"
