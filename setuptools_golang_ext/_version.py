"""The tool's version, the one place it is written (pyproject.toml reads it).

Its own module at the bottom floor: the build and run sides record it without
importing the package face above them."""

__version__ = "0.1.0"
