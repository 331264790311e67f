"""The release workflow publishes sdist and wheel on a version tag with trusted
publishing (no stored token); actionlint checks its syntax (test_workflows)."""

from __future__ import annotations

from ..helpers import REPO

RELEASE = (REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")


def test_release_runs_on_version_tags_only() -> None:
    assert 'on:\n  push:\n    tags: ["v*"]\n\n' in RELEASE


def test_release_builds_sdist_and_wheel_and_publishes_with_trusted_publishing() -> None:
    assert "python -m build --sdist --wheel --outdir dist\n" in RELEASE
    assert "python -m build --sdist --wheel --outdir dist runtime-dist\n" in RELEASE
    assert "uses: pypa/gh-action-pypi-publish@release/v1" in RELEASE
    assert "id-token: write" in RELEASE
    assert "password:" not in RELEASE and "secrets." not in RELEASE
    # The publish job gets the build job's files, and only it may mint the token.
    publish = RELEASE.split("\n  publish:\n", 1)[1]
    assert "needs: build" in publish and "id-token: write" in publish
    assert "id-token" not in RELEASE.split("\n  publish:\n", 1)[0]


def test_only_the_release_workflow_publishes() -> None:
    # Two workflows uploading the same files on one tag: the second upload fails.
    workflows = (REPO / ".github" / "workflows").glob("*.yml")
    publishers = sorted(w.name for w in workflows
                        if "pypa/gh-action-pypi-publish" in w.read_text(encoding="utf-8"))
    assert publishers == ["release.yml"]
