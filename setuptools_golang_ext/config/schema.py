"""The JSON schema of ``[tool.setuptools-golang-ext]``, made from the same option list
the validator uses. ``schema.json`` is this output; regenerate it with
``python -m setuptools_golang_ext.config.schema > setuptools_golang_ext/config/schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from .options import EXT_MODULES_TABLE, EXTENSION_OPTIONS, PYTHON_INDEPENDENT, TOOL_NAME, Option

SCHEMA_ID = f"urn:{TOOL_NAME}:pyproject-tool-table"


def _property(option: Option) -> dict[str, Any]:
    schema = dict(option.kind.schema)
    if option.description:
        schema["description"] = option.description
    return schema


def tool_schema() -> dict[str, Any]:
    options = EXTENSION_OPTIONS
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": f"[tool.{TOOL_NAME}]",
        "description": "Go packages built into this project's wheels by setuptools-golang-ext.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "ext-modules": {
                "description": f"One {EXT_MODULES_TABLE} table per Go extension; the keys "
                "are the keyword arguments of GoExtension with dashes for underscores.",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [option.key for option in options if option.required],
                    # Own Go sources, or a Go package by import path.
                    "oneOf": [{"required": ["sources"]}, {"required": ["package"]}],
                    "properties": {option.key: _property(option) for option in options},
                },
            },
            PYTHON_INDEPENDENT.key: _property(PYTHON_INDEPENDENT),
        },
    }


def schema_text() -> str:
    return json.dumps(tool_schema(), indent=2) + "\n"


def validate_pyproject_plugin(tool_name: str) -> dict[str, Any]:
    """Entry point for validate-pyproject (``validate_pyproject.tool_schema``)."""
    return tool_schema()


if __name__ == "__main__":
    print(schema_text(), end="")
