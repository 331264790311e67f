"""A mirror of the user's Go module in the build's scratch directory.

A non-main package needs a generated ``package main`` that imports it. A
workspace (go.work) joins a generated module to the user's, but workspaces
ignore a module's ``vendor`` directory. So for vendored modules the generated
package goes inside a mirror of the module: real directories from the module
root down to the package, links to everything else. Go then sees the same
module, the same go.mod and the same vendor directory; nothing is written into
the user's tree.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path


def mirror_module(root: Path, package_dir: Path, into: Path) -> Path:
    """Mirror the module at ``root`` into ``into``; return the mirrored ``package_dir``."""
    steps = package_dir.relative_to(root).parts
    source, target = root, into
    target.mkdir(parents=True)
    for step in (*steps, None):
        for entry in source.iterdir():
            if entry.name != step:
                _link(entry, target / entry.name)
        if step is None:
            break
        source, target = source / step, target / step
        target.mkdir()
    return target


def _link(entry: Path, link: Path) -> None:
    if entry.is_dir():
        link.symlink_to(entry, target_is_directory=True)
        return
    # A hard link (or copy) keeps files regular: //go:embed refuses symbolic links.
    # setuptools' sdist deletes os.link while it makes the release tree.
    hard_link = getattr(os, "link", None)
    try:
        if hard_link is None:
            raise OSError("no os.link")
        hard_link(entry, link)
    except OSError:
        shutil.copy2(entry, link)


def importing_mirror(root: Path, into: Path, imports: list[str]) -> Path:
    """A mirror of the module at ``root`` with one more package that imports
    ``imports`` (packages bound by import path, which the module's own files need
    not import), so that ``go mod vendor`` there keeps them. go.mod and go.sum are
    copies: whatever Go writes stays in the mirror."""
    mirrored = into / "module"
    mirror_module(root, root, mirrored)
    for name in ("go.mod", "go.sum"):
        if (root / name).is_file():
            (mirrored / name).unlink()
            shutil.copy2(root / name, mirrored / name)
    package = mirrored / "zz_goext_bound"
    package.mkdir()
    lines = "".join(f"\t_ {json.dumps(path)}\n" for path in sorted(set(imports)))
    (package / "imports.go").write_text(
        f"// Package zz_goext_bound imports the packages bound by import path.\n"
        f"package zz_goext_bound\n\nimport (\n{lines})\n", encoding="utf-8")
    return mirrored
