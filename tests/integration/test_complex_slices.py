"""``[]complex64`` and ``[]complex128``: lists of complex numbers in Python, one
buffer of interleaved parts across the border. Built from real Go once per
binding mode and called for real."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ..helpers import build_inplace, load_built, write_project

GO = """\
package main

import "C"

// Scale multiplies every value (Go's writes are not seen: arguments are copies).
//
//python:export
func Scale(xs []complex128, by complex128) []complex128 {
	for i := range xs {
		xs[i] *= by
	}
	return xs
}

// Sum64 adds complex64 values.
//
//python:export
func Sum64(xs ...complex64) complex64 {
	var total complex64
	for _, x := range xs {
		total += x
	}
	return total
}

// Roots are the n-th roots of unity, rounded.
//
//python:export
func Roots(n int) []complex64 {
	out := []complex64{1, 1i, -1, -1i}
	return out[:n]
}

func main() {}
"""


@pytest.fixture(scope="module", params=["ctypes", "cpython"])
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Path:
    root = write_project(tmp_path_factory.mktemp(f"complex-{request.param}") / "project",
                         {"mypkg/go/go.mod": "module example.com/cx\n\ngo 1.21\n",
                          "mypkg/go/main.go": GO},
                         ext_modules=f'GoExtension("mypkg._native", "mypkg/go", '
                                     f'bindings="{request.param}")')
    build_inplace(root).check()
    return root


@pytest.fixture(scope="module")
def lib(project: Path) -> Any:
    return load_built(project, "mypkg._native")


def test_complex_slices_cross_both_ways(lib: Any) -> None:
    values = [1 + 2j, -3.5j, 4]
    assert lib.Scale(values, 2j) == [-4 + 2j, 7 + 0j, 8j]
    assert values == [1 + 2j, -3.5j, 4]  # a copy went to Go
    assert lib.Scale((), 1) == [] and lib.Scale(iter([1j]), 1j) == [-1 + 0j]
    assert lib.Sum64(1 + 1j, 2.5, 3) == 6.5 + 1j and lib.Sum64() == 0
    assert lib.Roots(4) == [1, 1j, -1, -1j] and lib.Roots(0) == []
    assert all(type(root) is complex for root in lib.Roots(2))


def test_bad_complex_slices_are_refused_with_the_argument_named(lib: Any) -> None:
    with pytest.raises(TypeError, match=r"Scale\(\) argument 'xs' must be a sequence of "
                                        r"complex numbers \(Go \[\]complex128\), not int"):
        lib.Scale(5, 1)
    with pytest.raises(TypeError, match=r"Scale\(\) argument 'xs': items must be complex "
                                        r"numbers \(Go complex128\), not str"):
        lib.Scale([1, "2"], 1)
    with pytest.raises(OverflowError, match=r"Sum64\(\) argument 'xs': 1e\+300 is out of "
                                            r"range for Go complex64"):
        lib.Sum64(1e300)


def test_the_typed_module_annotates_complex_slices(project: Path) -> None:
    typed = (project / "mypkg" / "_native_api.py").read_text(encoding="utf-8")
    assert ("def Scale(xs: Sequence[complex], by: complex) -> list[complex]:"
            in typed)
    assert "def Sum64(*xs: complex) -> complex:" in typed
