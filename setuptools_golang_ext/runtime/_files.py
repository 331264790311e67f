"""The files beside a library and the keys of its description that ``load()``
reads at every import: apart from contract (which re-exports them), whose import
would cost every package that loads a Go library more than these lines."""

# The API description installed beside each library.
API_SUFFIX = "_api.json"

# The description of a library built with bindings = "cpython" says so under this
# key: the library is a CPython extension module, imported rather than loaded by ctypes.
BINDINGS_KEY = "bindings"
CPYTHON_MODE = "cpython"

# Written beside a library built in place (build_ext --inplace, pip install -e):
# what the runtime needs to notice changed sources and rebuild at import.
EDITABLE_SUFFIX = "_editable.json"
EDITABLE_FORMAT = 1

# Returns the id of the bindings the library was built with; its description holds
# the same id under LIBRARY_ID_KEY, and a digest of its own text under DIGEST_KEY.
LIBRARY_ID_SYMBOL = "goext_library_id"
LIBRARY_ID_KEY = "library_id"
DIGEST_KEY = "digest"
DIGEST_PREFIX = "crc32:"  # zlib's CRC-32 of the text after the first line, 8 hex digits
