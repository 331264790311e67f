"""Go inputs travel in sdists for every tag and platform, and never in wheels.

A file behind a build tag or for another GOOS may import an in-module package
no other file imports; the sdist must carry it, so a wheel built from the
extracted sdist (not from the checkout) is the proof.
"""

from __future__ import annotations

import sys
import tarfile
from pathlib import Path

import pytest

from ..helpers import build, only_file, run, wheel_names, write_project
from ..platform_tools import require_program

MAIN_GO = """package main

import "C"

//export Speed
func Speed() C.int { return C.int(speed()) }

func main() {}
"""

NOT_FAST_GO = "//go:build !fast\n\npackage main\n\nfunc speed() int { return 1 }\n"

FAST_GO = """//go:build fast

package main

import "example.com/native/internal/fastpath"

func speed() int { return fastpath.Speed() }
"""

FASTPATH_GO = ("package fastpath\n\n// Speed is only reachable with -tags=fast.\n"
               "func Speed() int { return 42 }\n")


def unpacked_sdist(project: Path, tmp_path: Path) -> tuple[Path, set[str]]:
    build(project, sdist=True).check()
    sdist = only_file(project / "dist", "*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        archive.extractall(tmp_path / "unpacked", filter="data")
    return only_file(tmp_path / "unpacked", "mypkg-*"), names


def test_package_imported_only_behind_a_build_tag_is_in_the_sdist(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {
        "mypkg/go/main.go": MAIN_GO,
        "mypkg/go/fast.go": FAST_GO,
        "mypkg/go/slow.go": NOT_FAST_GO,
        "mypkg/go/internal/fastpath/fastpath.go": FASTPATH_GO,
    }, ext_modules='GoExtension("mypkg._native", "mypkg/go", build_tags=["fast"])')
    unpacked, names = unpacked_sdist(project, tmp_path)
    assert "mypkg/go/internal/fastpath/fastpath.go" in names, sorted(names)

    build(unpacked, outdir=tmp_path / "wheels").check()
    wheel = only_file(tmp_path / "wheels", "*.whl")
    run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target",
         tmp_path / "site", wheel]).check()
    code = ("from setuptools_golang_ext.runtime import load; "
            "print(load('mypkg._native').Speed())")
    out = run([sys.executable, "-c", code], cwd=tmp_path / "site").check().output
    assert out.split() == ["42"]


WINDOWS_GO = """package main

import "example.com/native/internal/winonly"

func speed() int { return winonly.Speed() }
"""

OTHERS_GO = "//go:build !windows\n\npackage main\n\nfunc speed() int { return 1 }\n"


@pytest.mark.slow  # MinGW-w64: the Debian job of CI has it
def test_package_imported_only_on_windows_is_in_the_sdist(tmp_path: Path) -> None:
    require_program("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64")
    project = write_project(tmp_path / "p", {
        "mypkg/go/main.go": MAIN_GO,
        "mypkg/go/speed_windows.go": WINDOWS_GO,
        "mypkg/go/speed_others.go": OTHERS_GO,
        "mypkg/go/internal/winonly/winonly.go": FASTPATH_GO.replace("fastpath", "winonly"),
    })
    unpacked, names = unpacked_sdist(project, tmp_path)
    assert "mypkg/go/internal/winonly/winonly.go" in names, sorted(names)

    result = run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                  "-C--build-option=--plat-name=win_amd64", "--outdir", tmp_path / "wheels",
                  unpacked], cwd=unpacked).check()
    assert "GOOS=windows" in result.output
    assert only_file(tmp_path / "wheels", "*.whl").name.endswith("-win_amd64.whl")


EMBED_GO = """package main

import "C"

import _ "embed"

//go:embed assets/data.txt
var data string

//export DataLength
func DataLength() C.int { return C.int(len(data)) }

func main() {}
"""


def test_embedded_files_stay_out_of_the_wheel(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {
        "mypkg/go/main.go": EMBED_GO,
        "mypkg/go/assets/data.txt": "embedded\n",
        "mypkg/data/kept.txt": "package data Python reads\n",
        "pyproject.toml": (
            '[build-system]\nrequires = ["setuptools>=64"]\n'
            'build-backend = "setuptools.build_meta"\n\n'
            '[project]\nname = "mypkg"\nversion = "1.0"\n\n'
            '[tool.setuptools.package-data]\nmypkg = ["**/*.txt"]\n'
        ),
    })
    build(project).check()
    names = wheel_names(only_file(project / "dist", "*.whl"))
    assert "mypkg/data/kept.txt" in names, names  # other package data still ships
    assert not [n for n in names if "/go/" in n], names
    # The sdist still carries the embedded file: the rebuild needs it.
    build(project, sdist=True).check()
    with tarfile.open(only_file(project / "dist", "*.tar.gz")) as archive:
        assert any(n.endswith("mypkg/go/assets/data.txt") for n in archive.getnames())
