"""Reading a library's API description, and refusing one that does not belong to it.

A description typed wrongly (edited by hand, cut short, left from another build)
would make ctypes pass a number where Go expects a string pointer: a crash, not
an error. So the build writes a checksum of the description's text into its
first line and compiles the id of the bindings into the library; both are
checked here, and any mismatch is an ImportError naming the file and the fix.
Descriptions written before these checks existed carry neither and are read as
they are.
"""

from __future__ import annotations

import os

from ._files import API_SUFFIX, DIGEST_KEY, DIGEST_PREFIX, LIBRARY_ID_KEY, LIBRARY_ID_SYMBOL

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    import ctypes
    from types import ModuleType
    from typing import Any

_FIX = ("Reinstall the package (pip install --force-reinstall <package>), or rebuild "
        "it (pip install . / python setup.py build_ext --inplace); the file is generated "
        "with the library and is not meant to be edited.")


def parse_description(text: str, path: str | os.PathLike[str]) -> dict[str, Any]:
    """The description in ``text`` (read from ``path``), checked against its checksum."""
    # Here, not at the top: a cpython-mode import as built never parses (unedited).
    from ._json_text import loads
    from .contract import READABLE_FORMATS

    try:
        description = loads(text)
    except ValueError as exc:  # json.JSONDecodeError, without importing json
        raise ImportError(f"the API description {os.fspath(path)} is not valid JSON "
                          f"({exc}): it is damaged or cut short. {_FIX}",
                          path=os.fspath(path)) from None
    if not isinstance(description, dict):
        raise ImportError(f"the API description {os.fspath(path)} is not a JSON object: "
                          f"it is damaged. {_FIX}", path=os.fspath(path))
    if description.get("format") not in READABLE_FORMATS:  # a newer format may check otherwise
        raise ImportError(
            f"{os.fspath(path)} has API description format {description.get('format')!r}; "
            f"this setuptools_golang_ext runtime reads formats {READABLE_FORMATS}. Upgrade "
            f"the runtime (pip install -U setuptools-golang-ext-runtime), or rebuild the "
            f"package with the installed setuptools-golang-ext.",
            path=os.fspath(path))
    recorded = description.get(DIGEST_KEY)
    if recorded is not None and recorded != checksum(text):
        raise ImportError(f"the API description {os.fspath(path)} was changed after the "
                          f"build (its checksum does not match its text), so it no longer "
                          f"describes the library beside it. {_FIX}", path=os.fspath(path))
    return description


def checksum(text: str) -> str:
    """The checksum the description's first line records of the text after it."""
    from binascii import crc32  # zlib's CRC-32; binascii costs less to import

    rest = text.partition("\n")[2]
    return f"{DIGEST_PREFIX}{crc32(rest.encode()):08x}"


def unedited(text: str) -> bool:
    """Is ``text`` whole and unedited, as its first line's checksum says? Read
    without JSON; False also for a description without a checksum."""
    recorded = text.partition("\n")[0].partition(f'"{DIGEST_KEY}": "')[2].partition('"')[0]
    return recorded == checksum(text)


def check_description_file(path: str, library_id: str, library: str) -> None:
    """Refuse the description at ``path`` unless it is whole, unedited and of the
    build of ``library``, whose id is ``library_id`` (16 hex digits). As the build
    wrote it, this reads no JSON (a cpython-mode module checks at every import)."""
    with open(path, encoding="utf-8") as file:
        text = file.read()
    if unedited(text) and f'\n "{LIBRARY_ID_KEY}": "{library_id}"' in text:
        return
    description = parse_description(text, path)  # damaged or edited: says which
    expected = description.get(LIBRARY_ID_KEY)
    if expected is not None and expected != library_id:
        raise ImportError(_other_build(path, expected, library, f"has id {library_id}"),
                          path=path)


def check_module_description(module: ModuleType, library_id: int, needed: bool) -> None:
    """``check_description_file`` for a cpython-mode module whose C check did not
    pass; without ``needed`` (C covers its whole API) a missing file is no error."""
    name, path = module.__name__, module.__file__ or ""
    description = os.path.join(os.path.dirname(path), name.rpartition(".")[2] + API_SUFFIX)
    try:
        check_description_file(description, f"{library_id:016x}", path)
    except FileNotFoundError:
        if not needed:
            return
        # Without it the module would silently lack its classes and constants.
        raise ImportError(
            f"cannot import {name!r}: its API description {description} is missing, and "
            f"it names the module's Go classes, constants and functions beyond the C "
            f"ones. It is installed beside the library by the build: reinstall the "
            f"package (or rebuild it in place).", name=name, path=path) from None


def check_built_together(library: ctypes.CDLL, description: dict[str, Any],
                         path: str | os.PathLike[str]) -> None:
    """Refuse ``description`` (read from ``path``) unless ``library`` exports the id it
    names: both must come from one build."""
    expected = description.get(LIBRARY_ID_KEY)
    if expected is None:
        return  # built before libraries carried an id, or without generated glue
    import ctypes

    try:
        exported = library._FuncPtr((LIBRARY_ID_SYMBOL, library))
    except AttributeError:
        found = "exports no id"
    else:
        exported.restype, exported.argtypes = ctypes.c_uint64, []
        value = exported()
        if f"{value:016x}" == expected:
            return
        found = f"has id {value:016x}"
    raise ImportError(_other_build(path, expected, library._name, found),
                      path=os.fspath(path))


def _other_build(path: str | os.PathLike[str], expected: str, library: str,
                 found: str) -> str:
    return (f"the API description {os.fspath(path)} (bindings id {expected}) does not "
            f"belong to the library {library} beside it, which {found}: the two come from "
            f"different builds. {_FIX}")
