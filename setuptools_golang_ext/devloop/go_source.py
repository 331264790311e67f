"""What the import hook found for an import, handed to the build behind it."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..go.cache_dirs import tool_cache_dir


@dataclass(frozen=True)
class GoSource:
    """A Go module found for an import: a ``.go`` file or a package directory."""

    origin: Path  # what the user wrote: mymodule.go, or the package directory
    directory: Path  # where go runs
    sources: list[str]  # GoExtension sources relative to ``directory``

    def index_file(self, fullname: str) -> Path:
        """Where the last build of this source for this module name is recorded."""
        key = hashlib.sha256(f"{fullname}\0{self.origin}".encode()).hexdigest()[:32]
        return tool_cache_dir(os.environ) / "imports" / (key + ".json")
