"""CI runs the whole test suite (unit and integration) on Linux, macOS and Windows."""

from __future__ import annotations

from ..helpers import REPO

TEST_WORKFLOW = (REPO / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8")


def test_every_os_runs_the_unit_and_integration_suites() -> None:
    assert "os: [ubuntu-latest, macos-latest, windows-latest]" in TEST_WORKFLOW
    # No path argument: pytest collects testpaths = ["tests"], both suites included.
    assert '      - run: python -m pytest -m "not slow"\n' in TEST_WORKFLOW
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'testpaths = ["tests"]' in pyproject
    for suite in ("unit", "integration"):
        assert (REPO / "tests" / suite / "__init__.py").is_file()
