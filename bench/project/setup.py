from setuptools import setup

from setuptools_golang_ext import GoExtension

# The same Go package twice: ctypes bindings, and a generated CPython module
# (without objects.go: the cpython module compares function calls, all of them in C).
setup(ext_modules=[
    GoExtension("benchpkg._native", "benchpkg/go"),
    GoExtension("benchpkg._fast", "benchpkg/go", bindings="cpython", build_tags=["cpythonbench"]),
])
