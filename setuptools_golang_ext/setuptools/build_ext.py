"""``build_ext`` that builds GoExtensions with Go and every other extension as usual."""

from __future__ import annotations

import filecmp
import importlib.machinery
import os
import sysconfig
from pathlib import Path
from typing import Any

from setuptools.command.build_ext import build_ext as _setuptools_build_ext

from .._install_file import refuse_user_file, replace_file
from .._log import log
from ..bindings.plan import api_files
from ..builder.go_build import build_go_extension, wants_debug
from ..builder.input_hash import BuildInputs, recorded_digest, write_stamp
from ..builder.preflight import check_before_build
from ..builder.stale_outputs import remove_generated, remove_other_libraries
from ..config.binding_mode import BindingMode
from ..config.project import python_independent
from ..devloop.editable import remove_record, write_record
from ..errors import naming_extension
from ..extension import GoExtension
from ..go.go_mod import find_go_for
from ..platforms.arch_builds import wants_zig
from ..platforms.target import Target, library_suffix, resolve_target
from .python_independent import check_python_independent
from .sdist_files import SDIST_MARK, go_extension_source_files


class build_ext(_setuptools_build_ext):
    """Use it in ``cmdclass`` only when you already override ``build_ext``; otherwise
    declaring a GoExtension is enough (the entry point wires this command in)."""

    def _project_root(self) -> Path:
        return Path(self.distribution.src_root or os.curdir).resolve()

    def _go_extensions(self) -> list[GoExtension]:
        return [e for e in self.extensions or [] if isinstance(e, GoExtension)]

    def go_target(self) -> Target:
        """The platform every GoExtension of this build is for (see ``_target``)."""
        cached: Target | None = getattr(self, "_go_target", None)
        if cached is None:
            # The Go that will build them decides the macOS minimum.
            directories = [ext.package_source(self._project_root()).directory
                           for ext in self._go_extensions()]
            go = find_go_for(directories, os.environ)
            cached = self._resolve_target(go.version)
            self._go_target = cached
        return cached

    def _resolve_target(self, go_version: tuple[int, ...] | None) -> Target:
        return resolve_target(
            self.plat_name,
            os.environ,
            go_version=go_version,
            zig=self._all_use_zig(),
        )

    def _all_use_zig(self) -> bool:
        """A manylinux tag only when every GoExtension links with zig's old glibc: a
        library linked against the host's glibc makes the wheel host-only."""
        choices = [wants_zig(ext, os.environ) for ext in self._go_extensions()]
        # Asked once per file name: say it once per build.
        if any(choices) and not all(choices) and not getattr(self, "_warned_zig", False):
            self._warned_zig = True
            log.warning(
                "only some GoExtensions use zig, so the wheel gets this machine's linux "
                "tag, not manylinux; set zig the same for every extension to get manylinux"
            )
        return bool(choices) and all(choices)

    def get_ext_filename(self, ext_name: str) -> str:
        """GoExtensions get the suffix of the target (or the plain one, py3-none)."""
        # distutils passes the last name component, setuptools the full name.
        matching = [e for e in self._go_extensions()
                    if ext_name in (e.name, e.name.rpartition(".")[2])]
        if not matching:
            return str(super().get_ext_filename(ext_name))  # type: ignore[no-untyped-call]
        # Called while options are finalized, before Go is needed (even for an sdist):
        # the suffix depends on the platform only, not on the Go version.
        target = self._resolve_target(None)
        suffix = matching[0].bindings.fixed_suffix(target.goos) or library_suffix(
            target,
            python_independent=python_independent(self.distribution),
            host_suffix=str(sysconfig.get_config_var("EXT_SUFFIX")),
        )
        return str(Path(*ext_name.split("."))) + suffix

    def run(self) -> None:
        # Also for --inplace and editable installs, and before anything compiles.
        check_python_independent(self.distribution)
        super().run()

    def build_extension(self, ext: Any) -> None:
        if not isinstance(ext, GoExtension):
            super().build_extension(ext)
            return
        library = Path(self.get_ext_fullpath(ext.name)).resolve()
        build_temp = Path(self.build_temp).resolve()
        # Beside the build tree, never in the user's sources.
        stamp = build_temp / (ext.name + ".inputs.json")
        debug = wants_debug(ext, bool(self.debug), os.environ)
        with naming_extension(ext.name):
            check_before_build(ext, self._source_package_dir(ext), library.name)
            inputs = build_go_extension(
                ext,
                library,
                project_root=self._project_root(),
                build_temp=build_temp,
                debug=debug,
                target=self.go_target(),
                # --force: build even when nothing changed.
                previous_digest=None if self.force else recorded_digest(stamp, library),
            )
        write_stamp(stamp, library, inputs.digest)
        remove_other_libraries(library, self._library_names(ext))
        self._go_builds()[ext.name] = (inputs, debug)

    def _library_names(self, ext: GoExtension) -> set[str]:
        """Every name a library of ``ext`` may have here, in either binding mode."""
        leaf = ext.name.rpartition(".")[2]
        target = self._resolve_target(None)
        host = str(sysconfig.get_config_var("EXT_SUFFIX"))
        suffixes = {str(BindingMode.CPYTHON.fixed_suffix(target.goos)),
                    *importlib.machinery.EXTENSION_SUFFIXES}
        suffixes.update(library_suffix(target, python_independent=independent,
                                       host_suffix=host) for independent in (True, False))
        return {leaf + suffix for suffix in suffixes}

    def _go_builds(self) -> dict[str, tuple[BuildInputs, bool]]:
        """What each GoExtension built in this run read, for the in-place record."""
        builds: dict[str, tuple[BuildInputs, bool]] | None = getattr(self, "_go_built", None)
        if builds is None:
            builds = {}
            self._go_built = builds
        return builds

    def _source_package_dir(self, ext: GoExtension) -> Path:
        """Where the extension's package lives in the source tree (``package_dir`` aware)."""
        build_py = self.get_finalized_command("build_py")
        package = ext.name.rpartition(".")[0]
        directory: str = build_py.get_package_dir(package)  # type: ignore[attr-defined]
        return self._project_root() / directory

    def copy_extensions_to_source(self) -> None:
        go_extensions = self._go_extensions()
        others = [ext for ext in self.extensions if not isinstance(ext, GoExtension)]
        build_py = self.get_finalized_command("build_py")
        for ext in go_extensions:
            inplace_file, regular_file = self._get_inplace_equivalent(build_py, ext)  # type: ignore[attr-defined]
            if Path(regular_file).exists() or not ext.optional:
                _copy_if_changed(Path(regular_file), Path(inplace_file), ext.name)
                remove_other_libraries(Path(inplace_file), self._library_names(ext))
                for api_file in api_files(Path(regular_file), ext.name):
                    in_source = Path(inplace_file).parent / api_file.name
                    if api_file.is_file():
                        refuse_user_file(in_source, ext.name)
                        _copy_if_changed(api_file, in_source, ext.name)
                    else:
                        remove_generated([in_source])
                self._record_editable(ext, Path(inplace_file))
        if others:
            all_extensions, self.extensions = self.extensions, others
            try:
                super().copy_extensions_to_source()
            finally:
                self.extensions = all_extensions

    def _record_editable(self, ext: GoExtension, library: Path) -> None:
        built = self._go_builds().get(ext.name)
        if built is None:
            return  # failed optional extension: nothing to watch
        inputs, debug = built
        if ext.editable_rebuild:
            write_record(ext, library, self._project_root(), inputs, debug)
        else:
            remove_record(ext.name, library)

    def get_outputs(self) -> list[str]:
        outputs: list[str] = list(super().get_outputs())
        for ext in self._go_extensions():
            library = Path(self.get_ext_fullpath(ext.name))
            outputs.extend(str(path) for path in api_files(library, ext.name))
        return outputs

    def get_source_files(self) -> list[str]:
        """Sources for the sdist: Go packages expand to every file a rebuild needs."""
        go_extensions = self._go_extensions()
        all_extensions = self.extensions
        self.extensions = [ext for ext in all_extensions if not isinstance(ext, GoExtension)]
        try:
            files: list[str] = list(super().get_source_files())
        finally:
            self.extensions = all_extensions
        root = self._project_root()
        # Set by our sdist: there a file outside the project is an error, not a warning.
        for_sdist = bool(getattr(self.distribution, SDIST_MARK, False))
        for ext in go_extensions:
            files.extend(go_extension_source_files(ext, root, for_sdist))
        return files


def _copy_if_changed(source: Path, destination: Path, owner: str) -> None:
    """Leave an identical file alone, so a no-op build changes nothing in the tree."""
    if destination.is_file() and filecmp.cmp(source, destination, shallow=False):
        return
    replace_file(source, destination, owner)
    log.info("copied %s -> %s", source, destination)
