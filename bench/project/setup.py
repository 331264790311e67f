from setuptools import setup

from setuptools_golang_ext import GoExtension

setup(ext_modules=[GoExtension("benchpkg._native", "benchpkg/go")])
