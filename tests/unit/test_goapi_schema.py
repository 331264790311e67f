"""The reader's JSON schema is written once: the dataclasses of goapi/model.py.
The Go structs that print it (goapi/reader/*.go) must use exactly their field
names, with matching types, and the decoder reads the dataclass fields
themselves (issue 17)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from setuptools_golang_ext.goapi import model

READER = Path(model.__file__).parent / "reader"

# Each Go struct the reader prints, and the dataclass it is decoded into.
PRINTED_AS = {
    "apiDocument": model.GoApi, "packageInfo": model.PackageInfo,
    "position": model.Position, "apiError": model.PackageError,
    "directiveProblem": model.DirectiveProblem, "funcOut": model.Function,
    "methodOut": model.Function, "receiverOut": model.Receiver, "paramOut": model.Param,
    "typeParamOut": model.TypeParam, "typeDeclOut": model.TypeDecl, "fieldOut": model.Field,
    "valueOut": model.Value, "typeRef": model.TypeRef, "paramRef": model.Param,
    "structFieldRef": model.Field,
}
# The document's format number is checked before decoding; no dataclass holds it.
ENVELOPE = {("apiDocument", "format")}
_GO_SCALARS = {"string": "str", "bool": "bool", "int": "int", "int64": "int"}

_STRUCT = re.compile(r"^type (\w+) struct \{\n(.*?)^\}", re.M | re.S)
_FIELD = re.compile(r"^\t(?:\w+\s+)?(\S+)\s+`json:\"(\w+)[,\"]", re.M)
_EMBEDDED = re.compile(r"^\t(\w+)$", re.M)


def go_structs() -> dict[str, dict[str, str]]:
    """Go struct name -> {JSON key: Go type} for every struct of reader/*.go with
    json tags, embedded structs' keys included."""
    bodies = {name: body for path in sorted(READER.glob("*.go"))
              for name, body in _STRUCT.findall(path.read_text(encoding="utf-8"))}

    def keys(name: str) -> dict[str, str]:
        found = {key: go_type for go_type, key in _FIELD.findall(bodies[name])}
        for embedded in _EMBEDDED.findall(bodies[name]):
            found.update(keys(embedded))
        return found

    return {name: keys(name) for name in bodies if "`json:" in bodies[name]}


def go_shape(go_type: str) -> str:
    """``*[]paramRef`` -> ``tuple[Param]``: the type as the dataclasses spell it,
    leaving out whether it may be null."""
    go_type = go_type.lstrip("*")
    if go_type.startswith("[]"):
        return f"tuple[{go_shape(go_type[2:])}]"
    return _GO_SCALARS.get(go_type) or PRINTED_AS[go_type].__name__


def python_shape(annotation: str) -> str:
    """``tuple[Param, ...] | None`` -> ``tuple[Param]``."""
    return annotation.removesuffix(" | None").replace(", ...]", "]")


def test_every_printed_struct_is_decoded_into_a_dataclass() -> None:
    assert set(go_structs()) == set(PRINTED_AS)


@pytest.mark.parametrize("struct", sorted(PRINTED_AS))
def test_go_struct_prints_the_fields_of_its_dataclass(struct: str) -> None:
    fields = {f.name: python_shape(str(f.type)) for f in dataclasses.fields(PRINTED_AS[struct])}
    printed = {key: go_shape(go_type) for key, go_type in go_structs()[struct].items()
               if (struct, key) not in ENVELOPE}
    assert {key: fields.get(key) for key in printed} == printed


@pytest.mark.parametrize("cls", sorted(set(PRINTED_AS.values()), key=lambda c: c.__name__))
def test_every_dataclass_field_is_printed_by_some_go_struct(cls: type) -> None:
    printed = set().union(*(go_structs()[s] for s, c in PRINTED_AS.items() if c is cls))
    assert {f.name for f in dataclasses.fields(cls)} - printed == set()


def test_the_decoder_reads_each_field_by_its_annotation() -> None:
    api = model.GoApi.from_json({
        "format": model.FORMAT, "package": {"name": "p", "go_files": ["a.go"]},
        "functions": [{"name": "F", "pos": {"file": "a.go", "line": 3},
                       "params": [{"name": "x", "type": {"kind": "basic", "go": "int"}}]}],
    })
    (function,) = api.functions
    assert api.package.go_files == ("a.go",) and api.package.module_path is None
    assert str(function.pos) == "a.go:3:0" and function.receiver is None
    assert function.params[0].type.go == "int" and function.params[0].type.len is None
    with pytest.raises(model.GoApiReadError, match="'line' is not an integer"):
        model.GoApi.from_json({"format": model.FORMAT, "package": {},
                               "errors": [{"pos": {"line": True}}]})
    with pytest.raises(model.GoApiReadError, match="'type' is not an object"):
        model.GoApi.from_json({"format": model.FORMAT, "package": {},
                               "functions": [{"params": [{"name": "x"}]}]})


@dataclasses.dataclass(frozen=True)
class _NewlyPrinted:
    name: str
    tags: tuple[str, ...] = ()
    size: int | None = None


def test_a_field_added_to_a_dataclass_is_decoded_without_more_code() -> None:
    decoded = model._decode(_NewlyPrinted, {"name": "n", "tags": ["a"], "size": 2}, "new")
    assert decoded == _NewlyPrinted("n", ("a",), 2)
    with pytest.raises(model.GoApiReadError, match="'tags' is not a list"):
        model._decode(_NewlyPrinted, {"tags": "a"}, "new")
