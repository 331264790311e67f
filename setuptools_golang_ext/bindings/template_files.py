"""The fixed C and Go of the generated code, kept as real files in ``templates/``.

A placeholder is ``/*@NAME@*/`` followed by a sample value (``return
/*@STATUS_ERROR@*/1``, ``"/*@MODULE@*/example.module"``): the sample keeps the
file valid C or Go for compilers, ``gofmt`` and editors, and rendering
replaces the placeholder and its sample together.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import resources

PLACEHOLDER = re.compile(r"/\*@([A-Z][A-Z0-9_]*)@\*/[\w.]+")


class TemplateError(ValueError):
    """A template and the values given for it disagree (a bug of the generator)."""


@cache
def template_text(name: str) -> str:
    """The unrendered text of ``templates/<name>``, shipped as package data."""
    files = resources.files(__package__ or "setuptools_golang_ext.bindings")
    return files.joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def placeholders(name: str) -> set[str]:
    """The placeholder names ``templates/<name>`` uses."""
    return set(PLACEHOLDER.findall(template_text(name)))


def render(name: str, values: Mapping[str, object]) -> str:
    """``templates/<name>`` with every placeholder replaced by its value."""
    used = placeholders(name)
    if used != set(values):
        raise TemplateError(
            f"template {name}: placeholders without a value: {sorted(used - set(values))}; "
            f"values without a placeholder: {sorted(set(values) - used)}"
        )
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), template_text(name))
