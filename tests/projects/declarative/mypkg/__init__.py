from setuptools_golang_ext.runtime import load

_lib = load("._native", __package__)


def add(a: int, b: int) -> int:
    return _lib.Add(a, b)
