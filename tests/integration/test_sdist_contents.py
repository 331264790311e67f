"""An sdist carries every file a Go rebuild needs, found with `go list`, no MANIFEST.in."""

from __future__ import annotations

import sys
import tarfile
from pathlib import Path

from ..helpers import GO_MOD, build, build_inplace, only_file, run, write_project

MAIN_GO = """package main

/*
#include "helper.h"
*/
import "C"

import (
	_ "embed"

	"example.com/native/internal/words"
)

//go:embed greeting.txt
var greeting string

//export GreetingWords
func GreetingWords() C.int { return C.int(words.Count(greeting)) }

//export Tripled
func Tripled(v C.int) C.int { return C.triple(v) }

//export PlatformID
func PlatformID() C.int { return platformID }

func main() {}
"""

FILES = {
    "mypkg/go/go.mod": GO_MOD,
    # Pins of the module's dependencies: without it an sdist build cannot verify them.
    "mypkg/go/go.sum": "github.com/google/uuid v1.6.0/go.mod "
                       "h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=\n",
    "mypkg/go/main.go": MAIN_GO,
    "mypkg/go/helper.h": "int triple(int v);\n",
    "mypkg/go/helper.c": '#include "helper.h"\nint triple(int v) { return 3 * v; }\n',
    "mypkg/go/greeting.txt": "hello from an embedded file\n",
    "mypkg/go/platform_linux.go": "package main\n\nconst platformID = 1\n",
    "mypkg/go/platform_windows.go": "package main\n\nconst platformID = 2\n",
    "mypkg/go/platform_darwin.go": "package main\n\nconst platformID = 3\n",
    "mypkg/go/internal/words/words.go":
        'package words\n\nimport "strings"\n\n'
        "// Count counts words.\nfunc Count(s string) int { return len(strings.Fields(s)) }\n",
    "mypkg/go/internal/words/words_test.go": "package words\n",
    "mypkg/go/NOTES.md": "not needed to build\n",
}

EXPECTED = {
    "mypkg/go/go.mod", "mypkg/go/go.sum", "mypkg/go/main.go", "mypkg/go/helper.h",
    "mypkg/go/helper.c",
    "mypkg/go/greeting.txt", "mypkg/go/platform_linux.go", "mypkg/go/platform_windows.go",
    "mypkg/go/platform_darwin.go", "mypkg/go/internal/words/words.go",
}


def test_sdist_holds_everything_and_rebuilds_from_itself(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", FILES)
    build(project, sdist=True).check()
    sdist = only_file(project / "dist", "*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        archive.extractall(tmp_path / "unpacked", filter="data")
    assert names >= EXPECTED, sorted(EXPECTED - names)
    assert "mypkg/go/internal/words/words_test.go" not in names

    unpacked = only_file(tmp_path / "unpacked", "mypkg-*")
    build_inplace(unpacked).check()
    code = ("from setuptools_golang_ext.runtime import load; lib = load('mypkg._native'); "
            "print(lib.GreetingWords(), lib.Tripled(14), lib.PlatformID())")
    out = run([sys.executable, "-c", code], cwd=unpacked).check().output.split()
    assert out == ["5", "42", "1"]


def test_a_workspace_module_outside_the_project_fails_the_sdist(tmp_path: Path) -> None:
    """A go.work above the project brings in a module the sdist cannot carry."""
    (tmp_path / "go.work").write_text("go 1.21\n\nuse (\n\t./p/mypkg/go\n\t./shared\n)\n")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "go.mod").write_text("module example.com/shared\n\ngo 1.21\n")
    (tmp_path / "shared" / "shared.go").write_text(
        "package shared\n\nfunc Twice(n int) int { return 2 * n }\n")
    project = write_project(tmp_path / "p", {
        "mypkg/go/go.mod": GO_MOD + "\nrequire example.com/shared v0.0.0\n",
        "mypkg/go/main.go": 'package main\n\nimport "C"\n\nimport "example.com/shared"\n\n'
                            "//python:export\nfunc Twice(n int) int { return shared.Twice(n) }"
                            "\n\nfunc main() {}\n",
    })
    # Metadata for a wheel built from this tree only warns: the wheel can be built.
    metadata = run([sys.executable, "setup.py", "egg_info"], cwd=project).check().output
    assert "which is outside the project root" in metadata
    result = run([sys.executable, "setup.py", "sdist"], cwd=project)
    assert result.returncode != 0 and "Traceback" not in result.output, result.output
    shared = (tmp_path / "shared").resolve()
    assert (f"error: GoExtension 'mypkg._native': an sdist carries only files inside the "
            f"project ({project.resolve()}), but the Go build also reads {shared / 'go.mod'}, "
            f"{shared / 'shared.go'}") in result.output, result.output
    assert not (project / "dist").exists()
