"""Go errors Python catches by kind: sentinel error variables marked
``//python:export`` become GoError subclasses, and an error whose chain holds an
object of an exported class carries it as ``go_error``. Built from real Go
(tests/objects_fixtures/errs) once per binding mode, in place, and called: in
cpython mode the functions are C functions (raising through ``goext_fail``) and
the methods come from the attached ctypes layer, so both paths are covered.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from setuptools_golang_ext.runtime import GoError

from ..helpers import REPO, build_inplace, load_built, run, write_project

FIXTURE = Path(__file__).parent.parent / "objects_fixtures" / "errs"
MODES = ["ctypes", "cpython"]
MODULE = "mypkg._errs"


@pytest.fixture(scope="module", params=MODES)
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    mode: str = request.param
    ext = f'GoExtension("{MODULE}", "mypkg/go", bindings="{mode}")'
    root = write_project(tmp_path_factory.mktemp(f"errors-{mode}") / "project", {},
                         ext_modules=ext)
    shutil.rmtree(root / "mypkg" / "go")
    shutil.copytree(FIXTURE, root / "mypkg" / "go")
    build_inplace(root).check()
    return root


@pytest.fixture(scope="module")
def lib(project: Path) -> Any:
    return load_built(project, MODULE)


def test_sentinels_are_go_error_subclasses_with_the_go_doc(lib: Any) -> None:
    assert issubclass(lib.ErrNotFound, GoError) and issubclass(lib.ErrClosed, GoError)
    assert lib.ErrNotFound is not lib.ErrClosed
    assert lib.ErrNotFound.__doc__ == "ErrNotFound is returned when a key is missing."
    assert lib.ErrClosed.__doc__ == "ErrClosed is returned after Close."
    assert (lib.ErrNotFound.__name__, lib.ErrNotFound.__module__) == ("ErrNotFound", MODULE)
    assert lib.variables.Retries == 3  # the marked group's other variable stays one
    assert not hasattr(lib, "errQuiet")  # unexported, though in the marked group


def test_the_description_lists_the_sentinels(project: Path) -> None:
    description = json.loads((project / "mypkg" / "_errs_api.json").read_text())
    assert [e["name"] for e in description["errors"]] == ["ErrNotFound", "ErrClosed"]
    assert "ErrNotFound" not in [v["name"] for v in description["variables"]]


def test_a_sentinel_returned_directly_or_wrapped_raises_its_class(lib: Any) -> None:
    with pytest.raises(lib.ErrNotFound) as direct:
        lib.Get("")
    assert str(direct.value) == "not found" and type(direct.value) is lib.ErrNotFound
    with pytest.raises(lib.ErrNotFound, match=r'^get "missing": not found$'):
        lib.Get("missing")
    assert lib.Get("k") == "value of k"


def test_the_first_declared_sentinel_that_matches_wins(lib: Any) -> None:
    with pytest.raises(GoError) as both:
        lib.Both()  # errors.Join(ErrClosed, ErrNotFound): both match
    assert type(both.value) is lib.ErrNotFound and str(both.value) == "closed\nnot found"
    with pytest.raises(GoError) as closed:
        lib.Closed()
    assert type(closed.value) is lib.ErrClosed and str(closed.value) == "store: closed"


def test_a_plain_error_stays_go_error(lib: Any) -> None:
    for key in ("plain", "quiet"):  # quiet: an unexported sentinel has no class
        with pytest.raises(GoError) as caught:
            lib.Get(key)
        assert type(caught.value) is GoError and caught.value.go_error is None


def test_error_types_are_carried_as_go_error(lib: Any) -> None:
    with pytest.raises(GoError, match=r"^parse: line 3: empty$") as parsed:
        lib.Parse("")
    assert type(parsed.value) is GoError
    value = parsed.value.go_error
    assert type(value) is lib.ParseError and (value.Line, value.Msg) == (3, "empty")
    with pytest.raises(GoError) as by_value:
        lib.Fail(7)  # a Code by value in the chain
    assert type(by_value.value.go_error) is lib.Code and by_value.value.go_error.N == 7
    assert lib.Parse("abc") == 3


def test_a_sentinel_and_an_error_type_together(lib: Any) -> None:
    with pytest.raises(lib.ErrNotFound) as caught:
        lib.Lookup(12)
    assert str(caught.value) == "not found: line 12: no such line"
    assert caught.value.go_error.Line == 12


def test_methods_raise_sentinels(lib: Any) -> None:
    store = lib.NewStore()
    assert store.Get("a") == "value of a"
    with pytest.raises(lib.ErrNotFound):
        store.Get("")
    store.Close()
    with pytest.raises(lib.ErrClosed, match=r'^store get "a": closed$'):
        store.Get("a")
    with pytest.raises(lib.ErrClosed, match=r"^closed$"):
        store.Close()


def test_go_reassigning_a_sentinel_is_seen_at_call_time(lib: Any) -> None:
    with pytest.raises(lib.ErrNotFound):
        lib.Stale()  # the first value of ErrNotFound
    lib.RenameNotFound("gone")
    try:
        with pytest.raises(GoError) as old:
            lib.Stale()  # errors.Is compares with the variable's value now
        assert type(old.value) is GoError
        with pytest.raises(lib.ErrNotFound, match=r"^gone$"):
            lib.Get("")
    finally:
        lib.RestoreNotFound()
    with pytest.raises(lib.ErrNotFound, match=r"^not found$"):
        lib.Get("")


def test_exceptions_pickle_and_print(lib: Any) -> None:
    with pytest.raises(GoError) as caught:
        lib.Lookup(4)
    error = caught.value
    assert str(error) == "not found: line 4: no such line"
    assert repr(error) == "ErrNotFound('not found: line 4: no such line')"
    copy = pickle.loads(pickle.dumps(error))
    # The class comes back (from the library, loaded where unpickled); the Go
    # value does not cross: it lives in this process's Go runtime.
    assert type(copy) is lib.ErrNotFound and copy.args == error.args
    assert copy.go_error is None and error.go_error is not None
    with pytest.raises(GoError) as plain:
        lib.Parse("")
    plain_copy = pickle.loads(pickle.dumps(plain.value))
    assert type(plain_copy) is GoError and str(plain_copy) == "parse: line 3: empty"


def _raised(call: Any, *args: Any) -> GoError:
    with pytest.raises(GoError) as caught:
        call(*args)
    return caught.value


def test_a_go_error_passed_back_to_go_is_that_very_error(lib: Any) -> None:
    """errors.Is and errors.As see through an error Python hands back, wrapped or not."""
    missing, parsed = _raised(lib.Get, ""), _raised(lib.Parse, "")
    wrapped = _raised(lib.Wrap, missing, "lookup")
    assert type(wrapped) is lib.ErrNotFound and str(wrapped) == "lookup: not found"
    assert lib.Is(wrapped, missing) and lib.Is(missing, missing)
    assert not lib.Is(missing, wrapped) and not lib.Is(wrapped, parsed)
    assert lib.Text(missing) == "not found"
    assert lib.LineOf(parsed) == 3 and lib.LineOf(_raised(lib.Wrap, parsed, "again")) == 3
    assert lib.Wrap(None, "nil stays nil") is None and lib.Text(None) == "<nil>"


def test_other_exceptions_reach_go_as_their_text(lib: Any) -> None:
    missing = _raised(lib.Get, "")
    assert lib.Text(ValueError("bad")) == "ValueError: bad" and lib.Text(KeyError()) == "KeyError"
    assert lib.Text(GoError("made in Python")) == "made in Python"  # a GoError: its message
    assert lib.Text(ValueError("\ud800 lone")) == "ValueError: ? lone"
    copy = pickle.loads(pickle.dumps(missing))  # the copy does not hold the Go error
    assert lib.Text(copy) == "not found" and not lib.Is(copy, missing)
    assert lib.LineOf(ValueError("line 3")) == -1


def test_error_lists_and_variadics(lib: Any) -> None:
    missing = _raised(lib.Get, "")
    joined = _raised(lib.Join, missing, None, ValueError("v"))
    assert type(joined) is lib.ErrNotFound and str(joined) == "not found\nValueError: v"
    assert lib.Is(joined, missing) and lib.Join() is None and lib.Join(None) is None
    assert lib.Failed([None, missing, RuntimeError()]) == 2
    assert lib.Failed(()) == 0 and lib.Failed(None) == 0


def test_an_error_list_result_is_a_list_of_exceptions_not_raised(lib: Any) -> None:
    found = lib.Check("k", "", "missing", "plain")
    assert [type(e) for e in found] == [type(None), lib.ErrNotFound, lib.ErrNotFound, GoError]
    assert [str(e) for e in found[1:]] == ["not found", 'get "missing": not found',
                                           "plain failure"]
    assert lib.Is(found[2], found[1]) and lib.Check() == []


def test_anything_else_is_a_type_error_naming_the_parameter(lib: Any) -> None:
    must = "must be an exception (a GoError gives Go back its error, any other its text) " \
        "or None, not"
    for call, args, where, got in (
            (lib.Text, (5,), "Text() argument 'err'", "int"),
            (lib.Text, ("bad",), "Text() argument 'err'", "str"),
            (lib.Is, (None, ValueError), "Is() argument 'target'", "type"),
            (lib.Failed, ([None, 1],), "Failed() argument 'errs'[1]", "int"),
            (lib.Join, (None, b"x"), "Join() argument 'errs'[1]", "bytes")):
        with pytest.raises(TypeError) as caught:
            call(*args)
        assert str(caught.value) == f"{where} {must} {got}"
    with pytest.raises(TypeError, match=r"^Failed\(\) argument 'errs' must be a list or "
                                        r"tuple, not str$"):
        lib.Failed("ab")


def test_an_error_field_reads_as_the_exception_and_takes_one(lib: Any) -> None:
    missing = _raised(lib.Get, "")
    attempt = lib.Attempt(Try=1, Err=missing)
    assert type(attempt.Err) is lib.ErrNotFound and str(attempt.Err) == "not found"
    assert lib.Is(attempt.Err, missing)  # the field holds that very Go error
    retried = _raised(lib.Retry, attempt)
    assert type(retried) is lib.ErrNotFound and str(retried) == "try 2: not found"
    attempt.Err = ValueError("x")
    assert type(attempt.Err) is GoError and str(attempt.Err) == "ValueError: x"
    attempt.Err = None
    assert attempt.Err is None and lib.Retry(attempt) is None and attempt.Try == 3
    assert repr(lib.Attempt()) == "Attempt(Try=0, Err=None)"
    with pytest.raises(TypeError, match=r"^Err\(\) argument 'value' must be an exception "):
        attempt.Err = 5


def test_pickled_in_one_process_unpickled_in_another(project: Path, lib: Any) -> None:
    code = textwrap.dedent(f"""
        import pickle, sys
        sys.path.insert(0, {str(project)!r})
        from mypkg._errs_api import ErrClosed, Closed
        try:
            Closed()
        except ErrClosed as exc:
            sys.stdout.write(pickle.dumps(exc).hex())
    """)
    data = bytes.fromhex(run([sys.executable, "-c", code]).check().output.strip())
    copy = pickle.loads(data)
    assert type(copy) is lib.ErrClosed and str(copy) == "store: closed"


def test_mypy_strict_accepts_catching_a_sentinel(project: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(textwrap.dedent("""
        from mypkg._errs_api import ErrClosed, ErrNotFound, Get, ParseError, Parse, Text, Wrap
        from setuptools_golang_ext.runtime import GoError

        def value(key: str) -> str:
            try:
                return Get(key)
            except ErrNotFound as exc:
                base: GoError = exc
                return str(base)
            except (ErrClosed, GoError):
                return ""

        def annotated(error: Exception) -> str:
            try:
                Wrap(error, "note")
            except GoError as exc:
                return Text(exc) + Text(None) + Text(ValueError("v"))
            return ""

        def line(text: str) -> int:
            try:
                return Parse(text)
            except GoError as exc:
                if isinstance(exc.go_error, ParseError):
                    return exc.go_error.Line
                raise
    """))
    bad = tmp_path / "bad.py"
    bad.write_text("from mypkg._errs_api import ErrNotFound, Get\n"
                   "try:\n    Get('')\nexcept ErrNotFound as exc:\n    number: int = exc\n")
    mypy = [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10",
            "--no-incremental"]
    env = {**os.environ, "MYPYPATH": str(project)}
    assert run([*mypy, str(good)], env=env).check().returncode == 0
    result = run([*mypy, str(bad)], env=env)
    assert result.returncode == 1, result.output
    assert 'expression has type "ErrNotFound", variable has type "int"' in result.output
    bad.write_text("from mypkg._errs_api import Text\nText('not an exception')\n")
    result = run([*mypy, str(bad)], env=env)
    assert result.returncode == 1, result.output
    assert 'has incompatible type "str"; expected "BaseException | None"' in result.output



def test_in_cpython_mode_c_functions_raise_the_kinds(lib: Any) -> None:
    """The functions above are C functions there (goext_fail raises), the methods
    come from the ctypes layer: both paths raised the sentinel classes."""
    c_function = type(lib.Get).__name__ == "builtin_function_or_method"
    assert c_function == (type(lib).__name__ == "module")



def test_the_typed_module_with_exception_classes_is_lint_clean(project: Path) -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"
    typed = project / "mypkg" / "_errs_api.py"
    for config in (["--config", str(REPO / "pyproject.toml")],
                   ["--isolated", "--select", "E,F,W,I,RUF022"]):
        result = run([ruff, "check", "--no-cache", *config, str(typed)])
        assert result.returncode == 0, result.output

MAIN_PACKAGE = """package main

import "C"

import "errors"

// Division by zero.
//
//python:export
var {name} = errors.New("division by zero")

//python:export
func Div(a, b int) (int, error) {{
	if b == 0 {{
		return 0, {name}
	}}
	return a / b, nil
}}

func main() {{}}
"""


def test_a_main_package_sentinel_and_one_named_like_a_keyword(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"mypkg/go/main.go": MAIN_PACKAGE.format(
        name="None")})
    result = build_inplace(project)
    assert result.returncode != 0
    assert "main.go:10: //python:export var None: 'None' is a Python keyword, so it " \
           "cannot name an exception class; rename it" in result.output
    assert not list(project.rglob("*.so"))
    (project / "mypkg" / "go" / "main.go").write_text(MAIN_PACKAGE.format(name="ErrZero"))
    build_inplace(project).check()
    out = run([sys.executable, "-c", textwrap.dedent("""
        from mypkg._native_api import Div, ErrZero
        try:
            Div(1, 0)
        except ErrZero as exc:
            print(type(exc).__name__, exc, Div(6, 3))
    """)], cwd=project).check().output
    assert out.strip() == "ErrZero division by zero 2"
