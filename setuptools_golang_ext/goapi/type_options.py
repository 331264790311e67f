"""The words after ``//python:export`` on a type or on a struct field.

A type takes ``name=`` (its class's Python name; a generic type also takes
``instantiate=``) and a field ``name=``. A misspelled word (``nmae=Box``) would
otherwise be dropped without a word, so it is refused as a function's is.
"""

from __future__ import annotations

from ..runtime.contract import INSTANTIATE_OPTION, NAME_OPTION
from .exports import unknown_options
from .model import TypeDecl


def type_option_problems(decl: TypeDecl) -> list[str]:
    """A line for each unknown word after the ``//python:export`` of a marked type
    or of one of its fields."""
    if not decl.python_export:
        return []
    # instantiate= on a type that is not generic has its own message (goapi.instances);
    # an instantiation carries its generic type's words.
    generic = bool(decl.type_params) or decl.instance_of is not None
    known: tuple[str, ...] = (NAME_OPTION, INSTANTIATE_OPTION)
    marks = [("", decl.python_export_options, known)]
    marks += [(f"field {f.name}: ", f.python_export_options, (NAME_OPTION,))
              for f in decl.fields]
    return [f"{decl.pos}: //python:export type {decl.name}: {what}unknown option {word!r} "
            f"after //python:export (the options of a {'type' if not what else 'field'} "
            f"are {NAME_OPTION}=python_name"
            f"{f' and {INSTANTIATE_OPTION}=[...]' if generic and not what else ''})"
            for what, options, known_words in marks
            for word in unknown_options(options, known_words)]
