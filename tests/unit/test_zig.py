"""zig as cgo's C compiler: the target triple for each wheel, and CC as Go splits it."""

from __future__ import annotations

from pathlib import Path

import pytest

from setuptools_golang_ext.errors import GoToolchainError
from setuptools_golang_ext.platforms import zig
from setuptools_golang_ext.platforms.target import Target, resolve_target
from setuptools_golang_ext.platforms.zig import go_quote, zig_compiler_environment, zig_triple


def target(plat: str) -> Target:
    return resolve_target(plat, {}, go_version=(1, 26, 8), zig=True, host=("linux", "amd64"))


@pytest.mark.parametrize(("plat", "triple"), [
    ("linux-x86_64", "x86_64-linux-gnu.2.17"),
    ("manylinux_2_28_aarch64", "aarch64-linux-gnu.2.28"),
    ("manylinux2014_i686", "x86-linux-gnu.2.17"),
    ("macosx-11.0-arm64", "aarch64-macos.12.0"),
    ("macosx-13.0-x86_64", "x86_64-macos.13.0"),
    ("win-amd64", "x86_64-windows-gnu"),
    ("win-arm64", "aarch64-windows-gnu"),
    ("win32", "x86-windows-gnu"),
])
def test_each_wheel_platform_has_its_zig_target(plat: str, triple: str) -> None:
    assert zig_triple(target(plat)) == triple


def test_a_platform_zig_cannot_compile_for_is_named() -> None:
    odd = Target("windows", ("riscv64",), "win_riscv64", cross=True)
    with pytest.raises(GoToolchainError) as info:
        zig_triple(odd)
    assert str(info.value) == ("zig cannot be the C compiler for windows/riscv64 "
                               "(wheel tag win_riscv64)")


@pytest.mark.parametrize(("word", "quoted"), [
    ("/usr/bin/zig", "/usr/bin/zig"),
    ("/My Tools/zig", "'/My Tools/zig'"),
    ("it's here/zig x", '"it\'s here/zig x"'),
    ("tab\there", "'tab\there'"),
    ('say "hi"', "'say \"hi\"'"),
])
def test_go_quoting_of_compiler_words(word: str, quoted: str) -> None:
    assert go_quote(word) == quoted


def test_a_word_with_both_quote_kinds_cannot_reach_go() -> None:
    with pytest.raises(GoToolchainError, match="it holds both quote kinds"):
        go_quote("""it's "odd" """)


def test_macos_cc_from_a_path_with_spaces_gets_a_corefoundation_stub(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zig, "find_zig", lambda environ: Path("/My Tools/zig"))
    env = zig_compiler_environment(target("macosx-11.0-arm64"), {}, tmp_path)
    frameworks = tmp_path / "zig-macos-stubs"
    assert env == {
        "CC": f"'/My Tools/zig' cc -target aarch64-macos.12.0 -F{frameworks} -L{frameworks}",
        "CXX": f"'/My Tools/zig' c++ -target aarch64-macos.12.0 -F{frameworks} -L{frameworks}",
    }
    stub = (frameworks / "CoreFoundation.framework" / "CoreFoundation.tbd").read_text()
    assert "install-name:    '/System/Library/Frameworks/CoreFoundation.framework" in stub


def test_linux_cc_needs_no_frameworks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zig, "find_zig", lambda environ: Path("/opt/zig/zig"))
    env = zig_compiler_environment(target("linux-aarch64"), {}, tmp_path)
    assert env == {"CC": "/opt/zig/zig cc -target aarch64-linux-gnu.2.17",
                   "CXX": "/opt/zig/zig c++ -target aarch64-linux-gnu.2.17"}
    assert list(tmp_path.iterdir()) == []
