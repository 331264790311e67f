from setuptools import setup

from setuptools_golang_ext import GoExtension

# The same Go package twice: ctypes bindings, and a generated CPython module
# (without objects.go: the cpython module compares function calls, all of them in C).
# And the package of the issue-19 table (bench/table.py), in both modes.
setup(ext_modules=[
    GoExtension("benchpkg._native", "benchpkg/go"),
    GoExtension("benchpkg._fast", "benchpkg/go", bindings="cpython", build_tags=["cpythonbench"]),
    GoExtension("benchpkg._table", "benchpkg/table"),
    GoExtension("benchpkg._table_fast", "benchpkg/table", bindings="cpython",
                build_tags=["cpythontable"]),
])
