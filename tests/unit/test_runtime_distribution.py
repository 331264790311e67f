"""setuptools-golang-ext-runtime (runtime-dist/) holds exactly the run-time files, and
those import only the standard library and each other (issue 17). The backend is
called in-process: no pip, no Go. tests/integration/test_runtime_distribution.py
installs the wheels."""

from __future__ import annotations

import ast
import importlib.util
import sys
import tarfile
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from ..helpers import REPO

PACKAGE = REPO / "setuptools_golang_ext"
# What the runtime distribution owns; the tool's wheel holds the rest of the folder.
OWNED = {"__init__.py", "_version.py", "py.typed"}
RUNTIME_MODULES = {"setuptools_golang_ext", "setuptools_golang_ext._version"}


def _backend(folder: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, folder / "runtime_backend.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _expected_files() -> set[str]:
    runtime = {path.relative_to(REPO).as_posix() for path in (PACKAGE / "runtime").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}
    return runtime | {f"setuptools_golang_ext/{name}" for name in OWNED}


def _wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return {name for name in archive.namelist() if ".dist-info/" not in name}


def _imports(path: Path) -> set[str]:
    """Absolute names of everything ``path`` imports (relative ones resolved)."""
    module = path.relative_to(REPO).with_suffix("").as_posix().replace("/", ".")
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            found.add(".".join(filter(None, [base, node.module])))
    return found


@pytest.mark.skipif(sys.version_info < (3, 10), reason="sys.stdlib_module_names is 3.10+")
@pytest.mark.parametrize("path", sorted((PACKAGE / "runtime").rglob("*.py")),
                         ids=lambda path: path.name)
def test_runtime_modules_import_the_standard_library_and_the_runtime_only(path: Path) -> None:
    outside = {name for name in _imports(path)
               if name.partition(".")[0] not in sys.stdlib_module_names
               and not name.startswith("setuptools_golang_ext.runtime")
               and name not in RUNTIME_MODULES}
    assert outside == set()


def test_the_runtime_wheel_holds_exactly_the_runtime_files(tmp_path: Path) -> None:
    backend = _backend(REPO / "runtime-dist", "runtime_backend_repo")
    wheel = tmp_path / backend.build_wheel(str(tmp_path))
    assert _wheel_files(wheel) == _expected_files()
    version = ast.literal_eval((PACKAGE / "_version.py").read_text().rpartition("= ")[2])
    assert wheel.name == f"setuptools_golang_ext_runtime-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        info = f"setuptools_golang_ext_runtime-{version}.dist-info"
        metadata = archive.read(f"{info}/METADATA").decode()
        assert archive.testzip() is None and f"{info}/RECORD,," in archive.read(
            f"{info}/RECORD").decode()
    assert f"Name: setuptools-golang-ext-runtime\nVersion: {version}\n" in metadata
    assert "Requires-Dist" not in metadata
    # README, "What your users install": about three dozen files, under 280 KB.
    with zipfile.ZipFile(wheel) as archive:
        sizes = [entry.file_size for entry in archive.infolist()
                 if ".dist-info/" not in entry.filename]
    assert 15 <= len(sizes) <= 45 and sum(sizes) < 280_000


def test_the_runtime_sdist_builds_the_same_wheel(tmp_path: Path) -> None:
    backend = _backend(REPO / "runtime-dist", "runtime_backend_repo")
    sdist = tmp_path / backend.build_sdist(str(tmp_path))
    safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "unpacked", **safe)  # type: ignore[arg-type]
    unpacked = only_child(tmp_path / "unpacked")
    from_sdist = _backend(unpacked, "runtime_backend_sdist")
    assert from_sdist.source_root() == unpacked
    (tmp_path / "out").mkdir()
    wheel = tmp_path / "out" / from_sdist.build_wheel(str(tmp_path / "out"))
    assert _wheel_files(wheel) == _expected_files()


def test_the_editable_wheel_puts_the_checkout_on_sys_path(tmp_path: Path) -> None:
    backend = _backend(REPO / "runtime-dist", "runtime_backend_repo")
    wheel = tmp_path / backend.build_editable(str(tmp_path))
    assert _wheel_files(wheel) == {"setuptools_golang_ext_runtime.pth"}
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("setuptools_golang_ext_runtime.pth").decode() == f"{REPO}\n"


def test_a_folder_without_the_runtime_is_refused_naming_what_is_missing(tmp_path: Path) -> None:
    backend = _backend(REPO / "runtime-dist", "runtime_backend_repo")
    (tmp_path / "setuptools_golang_ext").mkdir()
    (tmp_path / "setuptools_golang_ext" / "__init__.py").touch()
    with pytest.raises(FileNotFoundError) as refused:
        backend.runtime_files(tmp_path)
    assert str(refused.value) == (
        f"setuptools-golang-ext-runtime: setuptools_golang_ext/_version.py, "
        f"setuptools_golang_ext/py.typed, setuptools_golang_ext/runtime/__init__.py not found "
        f"in {tmp_path}. Build runtime-dist/ inside a checkout of setuptools-golang-ext (it "
        f"reads ../setuptools_golang_ext), or from its sdist.")
    (tmp_path / "setuptools_golang_ext" / "_version.py").write_text("VERSION = '1.0'\n")
    with pytest.raises(ValueError, match=r"no __version__ = '...' in .*_version\.py"):
        backend.version(tmp_path)


def only_child(folder: Path) -> Path:
    (child,) = folder.iterdir()
    return child
