"""macOS libraries linked with zig from Linux, for packages using the standard
library's macOS-only links (CoreFoundation, Security, libresolv), not only "C"."""

from __future__ import annotations

import os
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from setuptools_golang_ext.go.toolchain import find_go
from setuptools_golang_ext.platforms.binary_check import read_binary_info
from setuptools_golang_ext.platforms.zig import MACOS_LINK_STUBS

from ..helpers import build_inplace, only_file, run, write_project
from ..platform_tools import require_module

IMPORT_RE = re.compile(r'^//go:cgo_import_dynamic \S+ (\S+) "(/System/Library/Frameworks/[^"]+|'
                       r'/usr/lib/[^"]+\.dylib)"', re.MULTILINE)


def test_stubs_cover_every_macos_library_the_go_in_use_imports() -> None:
    go = find_go()
    goroot = Path(run([go.executable, "env", "GOROOT"]).check().output.strip())
    imported: dict[str, set[str]] = defaultdict(set)
    for path in (goroot / "src").rglob("*.go"):
        if path.is_file() and "/testdata/" not in path.as_posix():
            for symbol, library in IMPORT_RE.findall(path.read_text(errors="replace")):
                imported[library].add(symbol)
    imported.pop("/usr/lib/libSystem.B.dylib")  # zig ships libSystem
    stubs = {name: set(symbols) for name, symbols in MACOS_LINK_STUBS.values()}
    assert set(imported) == set(stubs), "a new macOS library: add a stub to platforms/zig.py"
    for library, symbols in imported.items():
        assert symbols <= stubs[library], (library, sorted(symbols - stubs[library]))


MAIN_GO = """package main

import "C"

import (
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"os"
)

//export Probe
func Probe() C.int {
	var certificate x509.Certificate
	_, err := certificate.Verify(x509.VerifyOptions{}) // Security + CoreFoundation
	_, _ = net.DefaultResolver.LookupHost(context.Background(), "localhost") // -lresolv
	fmt.Fprintln(os.Stderr, err)
	return 1
}

func main() {}
"""


@pytest.mark.slow
@pytest.mark.parametrize("arch", ["x86_64", "arm64"])
def test_package_using_fmt_os_net_x509_links_for_macos(tmp_path: Path, arch: str) -> None:
    require_module("ziglang")
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": MAIN_GO},
                            ext_modules='GoExtension("mypkg._native", "mypkg/go", zig=True)')
    env = {k: v for k, v in os.environ.items() if k not in ("GOOS", "GOARCH", "CC")}
    env["_PYTHON_HOST_PLATFORM"] = f"macosx-12.0-{arch}"
    build_inplace(project, env=env).check()
    library = only_file(project / "mypkg", "_native.*")
    info = read_binary_info(library)
    assert (info.format, info.archs) == ("Mach-O", ("amd64" if arch == "x86_64" else "arm64",))
    data = library.read_bytes()
    for install_name, _ in MACOS_LINK_STUBS.values():
        assert install_name.encode() in data, install_name  # loaded by dyld on the Mac
    nm = shutil.which("llvm-nm")
    if nm is None:
        return
    # Each imported symbol is bound to the library that really exports it.
    undefined = run([nm, "-m", library]).check().output
    assert "_SecTrustEvaluateWithError (from Security)" in undefined
    assert "_CFRelease (from CoreFoundation)" in undefined
    assert "(from libresolv)" not in undefined or "_res_9_n" in undefined
