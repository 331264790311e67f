from setuptools import setup

from setuptools_golang_ext import GoExtension

setup(ext_modules=[GoExtension("gofilehash._native", "gofilehash/go")])
