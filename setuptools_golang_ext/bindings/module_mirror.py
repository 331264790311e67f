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
    try:
        os.link(entry, link)
    except OSError:
        shutil.copy2(entry, link)
