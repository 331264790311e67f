"""PEP 517 backend of setuptools-golang-ext-runtime (standard library only).

The distribution owns these files of the ``setuptools_golang_ext`` folder: the
package face ``__init__.py``, ``_version.py``, ``py.typed`` and ``runtime/``. The
tool's wheel (../setup.py) leaves exactly these out, so both install into one
folder and ``pip uninstall`` of either leaves the other's files in place.

In the repository the files are read from ``../setuptools_golang_ext``; an
unpacked sdist carries its own copy next to this file.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import io
import tarfile
import zipfile
from pathlib import Path

NAME = "setuptools-golang-ext-runtime"
PACKAGE = "setuptools_golang_ext"
OWNED_AT_TOP = ("__init__.py", "_version.py", "py.typed")
HERE = Path(__file__).resolve().parent
# Zip and tar entries get a fixed time: the same sources give the same archive.
_EPOCH = (2020, 1, 1, 0, 0, 0)
_SUMMARY = "Run-time loader for Go libraries built by setuptools-golang-ext"


def source_root() -> Path:
    """The folder that holds ``setuptools_golang_ext/``."""
    return HERE if (HERE / PACKAGE).is_dir() else HERE.parent


def runtime_files(root: Path) -> list[str]:
    """The distribution's files, as paths relative to ``root`` with ``/``."""
    package = root / PACKAGE
    found = [f"{PACKAGE}/{name}" for name in OWNED_AT_TOP]
    found += sorted(path.relative_to(root).as_posix()
                    for path in (package / "runtime").rglob("*")
                    if path.is_file() and "__pycache__" not in path.parts)
    required = [*found, f"{PACKAGE}/runtime/__init__.py"]
    missing = [name for name in dict.fromkeys(required) if not (root / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{NAME}: {', '.join(missing)} not found in {root}. Build runtime-dist/ inside a "
            f"checkout of setuptools-golang-ext (it reads ../{PACKAGE}), or from its sdist.")
    return found


def version(root: Path) -> str:
    """``__version__`` of _version.py, read without importing it."""
    tree = ast.parse((root / PACKAGE / "_version.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__version__":
            return str(ast.literal_eval(node.value))
    raise ValueError(f"{NAME}: no __version__ = '...' in {root / PACKAGE / '_version.py'}")


def metadata(root: Path) -> str:
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    return (
        f"Metadata-Version: 2.4\nName: {NAME}\nVersion: {version(root)}\n"
        f"Summary: {_SUMMARY}\nLicense-Expression: MIT\nRequires-Python: >=3.9\n"
        f"Classifier: Programming Language :: Python :: 3\n"
        f"Description-Content-Type: text/markdown\n\n{readme}"
    )


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}\n"


def _write_wheel(wheel_directory: str, contents: dict[str, bytes]) -> str:
    """A py3-none-any wheel of ``contents`` (path -> bytes) plus its dist-info."""
    root = source_root()
    stem = f"{NAME.replace('-', '_')}-{version(root)}"
    info = f"{stem}.dist-info"
    contents = {
        **contents,
        f"{info}/METADATA": metadata(root).encode(),
        f"{info}/WHEEL": (b"Wheel-Version: 1.0\nGenerator: runtime_backend\n"
                          b"Root-Is-Purelib: true\nTag: py3-none-any\n"),
    }
    record = "".join(_record_line(name, data) for name, data in contents.items())
    contents[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    filename = f"{stem}-py3-none-any.whl"
    with zipfile.ZipFile(Path(wheel_directory) / filename, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in contents.items():
            entry = zipfile.ZipInfo(name, _EPOCH)
            entry.external_attr = 0o644 << 16
            wheel.writestr(entry, data, zipfile.ZIP_DEFLATED)
    return filename


def build_wheel(wheel_directory: str, config_settings: object = None,
                metadata_directory: object = None) -> str:
    root = source_root()
    return _write_wheel(wheel_directory,
                        {name: (root / name).read_bytes() for name in runtime_files(root)})


def build_editable(wheel_directory: str, config_settings: object = None,
                   metadata_directory: object = None) -> str:
    """A wheel whose .pth puts the source folder on sys.path: edits show at once."""
    root = source_root()
    runtime_files(root)  # the same check as a real build
    return _write_wheel(wheel_directory,
                        {"setuptools_golang_ext_runtime.pth": f"{root}\n".encode()})


def build_sdist(sdist_directory: str, config_settings: object = None) -> str:
    """The backend, its pyproject.toml and README, PKG-INFO and the runtime files."""
    root = source_root()
    stem = f"{NAME.replace('-', '_')}-{version(root)}"
    members = {name: (HERE / name).read_bytes()
               for name in ("pyproject.toml", "runtime_backend.py", "README.md")}
    members["PKG-INFO"] = metadata(root).encode()
    members.update((name, (root / name).read_bytes()) for name in runtime_files(root))
    filename = f"{stem}.tar.gz"
    with tarfile.open(Path(sdist_directory) / filename, "w:gz", format=tarfile.PAX_FORMAT) as sdist:
        for name, data in members.items():
            entry = tarfile.TarInfo(f"{stem}/{name}")
            entry.size, entry.mode, entry.mtime = len(data), 0o644, 1577836800
            sdist.addfile(entry, io.BytesIO(data))
    return filename
