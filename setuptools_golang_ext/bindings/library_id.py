"""Tying a library to its API description: an id of the bindings, compiled into the
library (``goext_library_id``) and written into the description, which also
carries a checksum of its own text. The runtime compares both at load, so an
edited, damaged or mismatched description is an ImportError, never a crash.

The id (``plan.library_id``) is a digest of what the build knows before Go runs (the exported
functions' Go signatures, classes, constants and the binding mode), so it is
the same for the same sources wherever they are built.
"""

from __future__ import annotations

import json
import zlib

from ..runtime.contract import DIGEST_KEY, DIGEST_PREFIX, LIBRARY_ID_SYMBOL
from .go_support import GENERATED_HEADER

ID_FILE = "zz_goext_library_id.go"


def library_id_source(identifier: str) -> str:
    """The Go file exporting ``identifier`` from the library (package main)."""
    return (
        f"{GENERATED_HEADER}package main\n\nimport \"C\"\n\n"
        f"// The id of the bindings this library was built with (see its _api.json).\n"
        f"//\n//export {LIBRARY_ID_SYMBOL}\n"
        f"func {LIBRARY_ID_SYMBOL}() uint64 {{ return 0x{identifier} }}\n"
    )


def with_digest(first_line: str, rest: str) -> str:
    """The description text: ``first_line`` (an opened JSON object ending in ``,``)
    gains the checksum of ``rest``, the text after it."""
    checksum = f"{DIGEST_PREFIX}{zlib.crc32(rest.encode()):08x}"
    return f"{first_line[:-1]}, {json.dumps(DIGEST_KEY)}: {json.dumps(checksum)},\n{rest}"
