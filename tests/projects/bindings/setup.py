from setuptools import setup

from setuptools_golang_ext import GoExtension

setup(ext_modules=[
    GoExtension("typed._kinds", "typed/gokinds"),
    GoExtension("typed._mixed", "typed/gomixed"),
])
