"""``bdist_wheel`` whose tag agrees with the Go library inside.

The platform tag comes from the build's target (cross builds, universal2,
manylinux via zig, the raised macOS minimum). Extensions built with
``bindings = "cpython"`` are limited-API modules: ``cp311-abi3-<platform>``. With the project switch
``python-independent`` the wheel is ``py3-none-<platform>``: the library never
touches the Python C API, so one wheel serves every Python 3.
"""

from __future__ import annotations

import importlib
import tempfile
import warnings
from pathlib import Path
from typing import Any

from ..config.project import python_independent
from ..extension import GoExtension
from .python_independent import check_python_independent


def _base_command() -> Any:
    """setuptools >= 70.1 carries the command; older ones use the wheel package's."""
    try:
        module = importlib.import_module("setuptools.command.bdist_wheel")
    except ImportError:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            module = importlib.import_module("wheel.bdist_wheel")
    return module.bdist_wheel


_base_bdist_wheel: Any = _base_command()


class bdist_wheel(_base_bdist_wheel):  # type: ignore[misc]
    def _go_extensions(self) -> list[Any]:
        return [e for e in self.distribution.ext_modules or [] if isinstance(e, GoExtension)]

    def finalize_options(self) -> None:
        if getattr(self, "bdist_dir", None) is None and self._go_extensions():
            # A directory of its own: two builds in one tree (parallel `pip wheel`)
            # would otherwise assemble their wheels in the same build/bdist.*/wheel.
            bdist_base = self.get_finalized_command("bdist").bdist_base
            Path(bdist_base).mkdir(parents=True, exist_ok=True)
            self.bdist_dir = tempfile.mkdtemp(prefix="wheel-", dir=bdist_base)
        super().finalize_options()
        check_python_independent(self.distribution)
        if self.plat_name_supplied and self._go_extensions():
            # --plat-name picks the target of the Go build too, not just the file name.
            build_ext = self.distribution.get_command_obj("build_ext", create=True)
            if not getattr(build_ext, "plat_name", None):
                build_ext.plat_name = self.plat_name

    def get_tag(self) -> tuple[str, str, str]:
        impl, abi, plat = super().get_tag()
        if not self._go_extensions():
            return str(impl), str(abi), str(plat)
        target = self.get_finalized_command("build_ext").go_target()
        mode_tags = self._binding_mode_tags()
        if mode_tags is not None:
            return (*mode_tags, target.platform_tag)
        if not python_independent(self.distribution):
            return str(impl), str(abi), target.platform_tag
        return "py3", "none", target.platform_tag

    def _binding_mode_tags(self) -> tuple[str, str] | None:
        """The tags the binding mode of every extension fixes: all bindings = "cpython"
        modules (limited API, .abi3.so) make one wheel for every later CPython. Other
        C extensions, or a mix, would not."""
        extensions = self.distribution.ext_modules or []
        tags = {e.bindings.wheel_tags() if isinstance(e, GoExtension) else None
                for e in extensions}
        return tags.pop() if len(tags) == 1 else None
