"""The tool's wheel leaves out the files of setuptools-golang-ext-runtime.

That distribution (runtime-dist/) owns ``setuptools_golang_ext/__init__.py``,
``_version.py``, ``py.typed`` and ``runtime/``; this one owns the rest of the
folder and depends on it at the same version. pyproject.toml excludes
``runtime/`` and ``py.typed``; the two top-level modules are skipped here, since
setuptools copies every module of a listed package. The sdist keeps them: the
version is read from _version.py.
"""

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RUNTIME_MODULES = {"__init__", "_version"}
RUNTIME_FILES = ("__init__.py", "_version.py", "py.typed")
VERSION = runpy.run_path("setuptools_golang_ext/_version.py")["__version__"]


class BuildPyWithoutRuntime(build_py):
    def build_module(self, module: str, module_file: str, package: object) -> object:
        if package == "setuptools_golang_ext" and module in RUNTIME_MODULES:
            return None
        return super().build_module(module, module_file, package)

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # nothing is copied; build_lib is not ours to clean
            return
        # A build/ folder left by a build from before the split may still hold the
        # runtime's files, and bdist_wheel ships all of build_lib: never ship them twice.
        package = Path(self.build_lib, "setuptools_golang_ext")
        shutil.rmtree(package / "runtime", ignore_errors=True)
        for name in RUNTIME_FILES:
            (package / name).unlink(missing_ok=True)


setup(
    install_requires=[f"setuptools-golang-ext-runtime=={VERSION}"],
    cmdclass={"build_py": BuildPyWithoutRuntime},
)
