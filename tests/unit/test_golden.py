"""The generated code for a fixture of every supported kind, pinned as golden files.

A change in what the generators write shows here as a diff to review. When the
change is intended, refresh the files with one command and commit them:

    .venv/bin/python -m tests.unit.golden.refresh

(``--reader`` also re-reads ``tests/unit/golden/fixture`` with Go, needed after
changing the fixture or the Go API reader.)
"""

from __future__ import annotations

import difflib

import pytest

from .golden.render import GOLDEN, rendered

REFRESH = "python -m tests.unit.golden.refresh"
RENDERED = rendered()


def test_every_golden_file_is_rendered() -> None:
    stored = sorted(path.name for path in GOLDEN.iterdir())
    assert stored == sorted(RENDERED), f"golden files out of step; run {REFRESH}"


@pytest.mark.parametrize("name", sorted(RENDERED))
def test_generated_code_matches_golden_file(name: str) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    actual = RENDERED[name]
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(keepends=True),
                                    actual.splitlines(keepends=True),
                                    f"golden/files/{name}", f"generated {name}", n=2)
        pytest.fail(f"{name} differs from its golden file (if intended: {REFRESH}):\n"
                    + "".join(diff), pytrace=False)
