"""The Go package setuptools-golang-ext.dev/python, as users meet it: Go code in an
extension (both binding modes, one build of each) importing and calling Python,
and a Go program embedding Python (the go-python3 seed's hello.py example).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import sysconfig
from pathlib import Path

import pytest

from ..helpers import build_inplace, run, write_project

CALLS_GO = r"""package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"example.com/shared"
	"setuptools-golang-ext.dev/python"
)

func helper() (*python.Object, error) { return python.Import("mypkg.helper") }

// JSONRoundTrip: json.loads in Python, a change in Go, json.dumps(sort_keys=True).
//
//python:export
func JSONRoundTrip(text string) (string, error) {
	json, err := python.Import("json")
	if err != nil {
		return "", err
	}
	defer json.Close()
	value, err := python.CallMethodAs[map[string]any](json, "loads", text)
	if err != nil {
		return "", err
	}
	value["go"] = []int{1, 2}
	return python.CallMethodAs[string](json, "dumps", value, python.Kw{"sort_keys": true})
}

type Point struct {
	X, Y  int
	Label string `python:"label"`
}

//python:export
func UserModule(name string) (string, error) {
	m, err := helper()
	if err != nil {
		return "", err
	}
	defer m.Close()
	greeting, err := python.CallMethodAs[string](m, "greet", name, python.Kw{"punctuation": "!"})
	if err != nil {
		return "", err
	}
	if err := m.SetAttr("last", name); err != nil {
		return "", err
	}
	calls, err := python.AttrAs[int](m, "calls")
	if err != nil {
		return "", err
	}
	moved, err := python.CallMethodAs[Point](m, "move", Point{1, 2, "p"}, 10)
	if err != nil {
		return "", err
	}
	when, err := python.CallMethodAs[time.Time](m, "later", time.Unix(1700000000, 0), 90)
	if err != nil {
		return "", err
	}
	kinds, err := python.CallMethodAs[string](m, "kinds", nil, true, 1.5, []byte("b"),
		map[string]int{"k": 1}, errors.New("go failed"))
	return fmt.Sprintf("%s|%d|%+v|%d|%s", greeting, calls, moved, when.Unix(), kinds), err
}

//python:export
func Exception() (string, error) {
	m, err := helper()
	if err != nil {
		return "", err
	}
	defer m.Close()
	_, err = python.CallMethodAs[python.Ignore](m, "fail", "bad value")
	var raised *python.Error
	if !errors.As(err, &raised) {
		return "", fmt.Errorf("not a *python.Error: %v", err)
	}
	_, typeErr := python.CallMethodAs[int](m, "greet", "x", python.Kw{"punctuation": "?"})
	same, err := python.CallMethodAs[bool](m, "is_value_error", err)
	if err != nil || !same {
		return "", fmt.Errorf("the exception did not go back to Python: %v", err)
	}
	lines := []string{raised.Type, raised.Message, typeErr.Error(), raised.Traceback}
	return strings.Join(lines, "\n"), nil
}

// Median asks Python's statistics module (as docs/go_calls_python.md shows it).
//
//python:export
func Median(values []float64) (float64, error) {
	statistics, err := python.Import("statistics")
	if err != nil {
		return 0, err
	}
	defer statistics.Close()
	return python.CallMethodAs[float64](statistics, "median", values)
}

// Shared: a module of the user's go.work, beside the package from the build's.
//
//python:export
func Shared() string { return shared.Name }

// Fanout: goroutines each calling helper.add calls times; the sum of the results.
//
//python:export
func Fanout(goroutines, calls int) (int, error) {
	m, err := helper()
	if err != nil {
		return 0, err
	}
	defer m.Close()
	add, err := m.Attr("add")
	if err != nil {
		return 0, err
	}
	defer add.Close()
	var total atomic.Int64
	var failure atomic.Value
	var wait sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wait.Add(1)
		go func(g int) {
			defer wait.Done()
			for i := 0; i < calls; i++ {
				n, err := python.CallAs[int](add, i, g)
				if err != nil {
					failure.Store(err)
					return
				}
				total.Add(int64(n))
			}
		}(g)
	}
	python.WithoutGIL(wait.Wait)
	if err, _ := failure.Load().(error); err != nil {
		return 0, err
	}
	return int(total.Load()), nil
}

// FanoutHeld runs holding the GIL (gil=hold): WithoutGIL in Fanout lets its
// goroutines take it while it waits.
//
//python:export gil=hold
func FanoutHeld(goroutines, calls int) (int, error) { return Fanout(goroutines, calls) }

// Unclosed makes n references it never closes (finalizers release them) and one
// it closes twice.
//
//python:export
func Unclosed(n int) error {
	m, err := helper()
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if _, err := m.Attr("add"); err != nil {
			return err
		}
	}
	twice, err := m.Attr("add")
	twice.Close()
	twice.Close()
	return err
}

// Collect runs Go's garbage collector, whose finalizers take the GIL.
//
//python:export
func Collect() {
	runtime.GC()
	time.Sleep(10 * time.Millisecond)
}

// Buffers: a Go slice Python scales in place, and a Python array Go writes into.
//
//python:export
func Buffers() (string, error) {
	m, err := helper()
	if err != nil {
		return "", err
	}
	defer m.Close()
	data := []float64{1, 2, 3}
	shared, err := python.NewBuffer(data)
	if err != nil {
		return "", err
	}
	sum, err := python.CallMethodAs[float64](m, "scale", shared, 10)
	shared.Close()
	if err != nil {
		return "", err
	}
	array, err := python.CallMethodAs[*python.Object](m, "make_array")
	if err != nil {
		return "", err
	}
	defer array.Close()
	view, err := python.ViewOf[int64](array)
	if err != nil {
		return "", err
	}
	view.Data[0] = 99
	view.Close()
	seen, err := python.CallMethodAs[[]int64](array, "tolist")
	if err != nil {
		return "", err
	}
	_, wrong := python.ViewOf[float32](array)
	return fmt.Sprintf("%v %v %v %v", data, sum, seen, wrong), nil
}

// Numpy: numpy wraps a Go slice without copying; its writes show in Go.
//
//python:export
func Numpy() (string, error) {
	np, err := python.Import("numpy")
	if err != nil {
		return "", err
	}
	defer np.Close()
	data := []float64{1, 2, 3, 4}
	shared, err := python.NewBuffer(data)
	if err != nil {
		return "", err
	}
	defer shared.Close()
	array, err := python.CallMethodAs[*python.Object](np, "asarray", shared)
	if err != nil {
		return "", err
	}
	defer array.Close()
	if _, err := python.CallMethodAs[python.Ignore](array, "__imul__", 2); err != nil {
		return "", err
	}
	total, err := python.CallMethodAs[float64](array, "sum")
	dtype, _ := python.AttrAs[*python.Object](array, "dtype")
	return fmt.Sprintf("%v %v %s", data, total, dtype), err
}

// Shape is a class of the extension: Go calls give Python its objects, not dicts.
//
//python:export
type Shape struct {
	Name  string
	Sides int
}

// Classes: Shapes to Python and back, by value (copied), by pointer (shared), in a slice.
//
//python:export
func Classes() (string, error) {
	m, err := helper()
	if err != nil {
		return "", err
	}
	defer m.Close()
	kind, err := python.CallMethodAs[string](m, "kind", Shape{"triangle", 3})
	if err != nil {
		return "", err
	}
	grown, err := python.CallMethodAs[Shape](m, "grow", Shape{"triangle", 3})
	if err != nil {
		return "", err
	}
	square := &Shape{"square", 4}
	same, err := python.CallMethodAs[*Shape](m, "echo", square)
	if err != nil {
		return "", err
	}
	many, err := python.CallMethodAs[[]Shape](m, "echo", []Shape{{"a", 1}, {"b", 2}})
	return fmt.Sprintf("%s|%+v|%v|%+v", kind, grown, same == square, many), err
}

// Raises returns the exception helper.<function> raised, as it is or wrapped.
//
//python:export
func Raises(function string, wrap bool) error {
	m, err := helper()
	if err != nil {
		return err
	}
	defer m.Close()
	_, err = python.CallMethodAs[python.Ignore](m, function, "odd")
	if wrap {
		return fmt.Errorf("checking %q: %w", "odd", err)
	}
	return err
}

// Background: goroutines calling Python until it shuts down (each then writes
// marker), and objects left to finalizers; the Python process must exit cleanly.
//
//python:export
func Background(marker string) {
	for g := 0; g < 4; g++ {
		go func() {
			for {
				m, err := helper()
				if errors.Is(err, python.ErrFinalized) {
					// Renamed into place: Python polls and must never read it half-written.
					if os.WriteFile(marker+".tmp", []byte("ErrFinalized"), 0o644) == nil {
						_ = os.Rename(marker+".tmp", marker)
					}
					return
				}
				_, _ = python.CallMethodAs[int](m, "add", 1, 2)
				runtime.GC()
			}
		}()
	}
}

func main() {}
"""

HELPER_PY = """\
import array
import datetime

calls = 0
last = None

def greet(name, *, punctuation="."):
    global calls
    calls += 1
    return f"hello {name}{punctuation}"

def add(a, b):
    return a + b

def move(point, by):
    return {"X": point["X"] + by, "Y": point["Y"] + by, "label": point["label"].upper()}

def later(when, seconds):
    assert when.tzinfo is not None
    return when + datetime.timedelta(seconds=seconds)

def kinds(*values):
    return ",".join(type(v).__name__ for v in values) + f"|{values[4]}|{values[5]}"

def is_value_error(error):
    return isinstance(error, ValueError) and str(error) == "bad value rejected"

def fail(text):
    raise ValueError(f"{text} rejected")

STORED = ValueError("stored")

def kind(value):
    return f"{type(value).__module__}.{type(value).__name__} {value!r}"

def grow(shape):
    return type(shape)(Name=shape.Name + "+", Sides=shape.Sides + 1)

def echo(value):
    return value

def fail_stored(text):
    raise STORED

def scale(buffer, factor):
    view = memoryview(buffer)
    for i in range(len(view)):
        view[i] *= factor
    return sum(view)

def make_array():
    return array.array("q", [1, 2, 3])
"""

# A non-main package: the build generates its main package in a workspace of its own.
LIB_GO = """package lib

import "setuptools-golang-ext.dev/python"

//python:export
func Title(text string) (string, error) {
	str, err := python.Import("builtins")
	if err != nil {
		return "", err
	}
	defer str.Close()
	class, err := str.Attr("str")
	if err != nil {
		return "", err
	}
	defer class.Close()
	return python.CallMethodAs[string](class, "title", text)
}

// Box is generic: each listed instantiation is a class Go values cross as.
//
//python:export instantiate=[string]
type Box[T any] struct{ Value T }

// BoxRepr is what Python's repr says of a Box[string].
//
//python:export
func BoxRepr(value string) (string, error) {
	builtins, err := python.Import("builtins")
	if err != nil {
		return "", err
	}
	defer builtins.Close()
	return python.CallMethodAs[string](builtins, "repr", &Box[string]{value})
}
"""

CHECK_PY = """
import atexit, json, os, sys, tempfile, time, traceback
from setuptools_golang_ext.runtime import load
marker = os.path.join(tempfile.mkdtemp(), "finalized")

@atexit.register  # registered first, so it runs after the Go package's handler
def goroutines_see_the_exit():
    deadline = time.monotonic() + 20
    while not os.path.exists(marker) and time.monotonic() < deadline:
        time.sleep(0.01)
    print("at exit, Go got:", open(marker).read() if os.path.exists(marker) else None)

m = load("mypkg.{module}")

def raised(function, wrap):
    try:
        m.Raises(function, wrap)
    except ValueError as exc:
        frames = "".join(traceback.format_tb(exc.__traceback__))
        return [exc.args, getattr(exc, "__notes__", None), "in fail" in frames]

def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4

out = {{}}
out["median"] = m.Median([3.0, 1.0, 2.0])
out["shared"] = m.Shared()
out["json"] = m.JSONRoundTrip('{{"a": [1, 2.5, "x"], "b": null}}')
out["user"] = m.UserModule("go")
out["exception"] = m.Exception()
out["fanout"] = m.Fanout(8, 10000)
before = rss_kib()
for _ in range(3):
    m.Fanout(8, 10000)
out["rss_growth_kib"] = rss_kib() - before
out["held"] = m.FanoutHeld(4, 100)
import mypkg.helper as helper
base = sys.getrefcount(helper.add)
m.Unclosed(10000)
for _ in range(200):
    m.Collect()
    if sys.getrefcount(helper.add) <= base:
        break
out["refs_left"] = sys.getrefcount(helper.add) - base
out["buffers"] = m.Buffers()
out["classes"] = m.Classes()
out["raised"] = raised("fail", False)
out["raised_wrapped"] = raised("fail", True)
import mypkg.helper as helper
stored = sys.getrefcount(helper.STORED)
for _ in range(1000):
    try:
        m.Raises("fail_stored", False)
    except ValueError as exc:
        assert exc is helper.STORED
        exc.__traceback__ = None  # each raise would lengthen it
exc = None
for _ in range(200):
    m.Collect()
    if sys.getrefcount(helper.STORED) <= stored:
        break
out["exception_refs_left"] = sys.getrefcount(helper.STORED) - stored
try:
    import numpy
except ImportError:
    out["numpy"] = None
else:
    out["numpy"] = m.Numpy()
print(json.dumps(out))
m.Background(marker)
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project, built once: the same Go package in both binding modes."""
    project = write_project(tmp_path_factory.mktemp("gopy") / "p", {
        "mypkg/go/calls.go": CALLS_GO,
        "mypkg/helper.py": HELPER_PY,
        # The user's own workspace: its modules stay in the build's go.work.
        "go.work": "go 1.21\n\nuse (\n\t./mypkg/go\n\t./shared\n)\n",
        "mypkg/lib/go.mod": "module example.com/lib\n\ngo 1.21\n",
        "mypkg/lib/lib.go": LIB_GO,
        "shared/go.mod": "module example.com/shared\n\ngo 1.21\n",
        "shared/shared.go": 'package shared\n\nconst Name = "from the user\'s go.work"\n',
    }, ext_modules='GoExtension("mypkg.calls", "mypkg/go"), '
                   'GoExtension("mypkg.calls_c", "mypkg/go", bindings="cpython"), '
                   'GoExtension("mypkg.lib", "mypkg/lib")')
    build_inplace(project).check()
    return project


@pytest.mark.parametrize("module", ["calls", "calls_c"])
def test_go_calls_python_in_an_extension(built: Path, module: str) -> None:
    output = run([sys.executable, "-c", CHECK_PY.format(module=module)], cwd=built,
                 timeout=300).check().output
    out = json.loads(next(line for line in output.splitlines() if line.startswith("{")))
    assert (out["median"], out["shared"]) == (2.0, "from the user's go.work")
    assert json.loads(out["json"]) == {"a": [1, 2.5, "x"], "b": None, "go": [1, 2]}
    assert out["user"] == ("hello go!|1|{X:11 Y:12 Label:P}|1700000090|"
                           "NoneType,bool,float,bytes,dict,RuntimeError|{'k': 1}|go failed")
    kind, message, type_error, traceback = out["exception"].split("\n", 3)
    assert (kind, message) == ("ValueError", "bad value rejected")
    assert type_error.startswith("python: cannot convert a Python str to a Go int"), type_error
    assert traceback.startswith("Traceback (most recent call last):"), traceback
    assert 'helper.py", line' in traceback and "in fail" in traceback
    assert traceback.rstrip().endswith("ValueError: bad value rejected")
    assert out["fanout"] == 8 * sum(range(10000)) + 10000 * sum(range(8))
    assert out["rss_growth_kib"] < 4096, out["rss_growth_kib"]
    assert out["refs_left"] <= 0, out["refs_left"]  # finalizers released all 10,000
    assert out["held"] == 4 * sum(range(100)) + 100 * sum(range(4))
    assert out["buffers"].startswith("[10 20 30] 60 [99 2 3] python: the buffer holds "
                                     'format "q" items of 8 bytes, not Go float32'), out
    if out["numpy"] is not None:
        assert out["numpy"] == "[2 4 6 8] 20 float64"
    # Structs marked //python:export cross as objects of their classes.
    assert out["classes"] == (f"mypkg.{module}.Shape Shape(Name='triangle', Sides=3)|"
                              "{Name:triangle+ Sides:4}|true|[{Name:a Sides:1} {Name:b Sides:2}]")
    # A Go error carrying a Python exception raises that exception (traceback and all).
    assert out["raised"] == [["odd rejected"], None, True]
    assert out["raised_wrapped"] == [
        ["odd rejected"], ['Go error: checking "odd": ValueError: odd rejected'], True]
    assert out["exception_refs_left"] <= 0, out["exception_refs_left"]
    # Python's exit tells Go's goroutines so: their calls return ErrFinalized.
    assert output.rstrip().endswith("at exit, Go got: ErrFinalized"), output[-2000:]


SEED_HELLO_PY = """a = 10
def SayHello(xixi):
    return xixi + "haha"
"""

SEED_MAIN_GO = """package main

import (
	"fmt"
	"log"
	"os"
	"slices"
	"sync"

	"setuptools-golang-ext.dev/python"
)

func main() {
	if err := python.Initialize(); err != nil {
		log.Fatal(err)
	}
	if err := python.AddPath("."); err != nil {
		log.Fatal(err)
	}
	hello, err := python.Import("hello")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("[MODULE]", hello)
	sys, err := python.Import("sys")
	if err != nil {
		log.Fatal(err)
	}
	path, err := python.AttrAs[[]string](sys, "path")
	fmt.Println("[VENV]", slices.Contains(path, os.Getenv("VENV_SITE_PACKAGES")), err)
	a, err := python.AttrAs[int](hello, "a")
	fmt.Println("[VARS] a =", a, err)
	res, err := python.CallMethodAs[string](hello, "SayHello", "xwj")
	fmt.Println("[FUNC] res =", res, err)
	var wait sync.WaitGroup
	for g := 0; g < 4; g++ {
		wait.Add(1)
		go func() {
			defer wait.Done()
			for i := 0; i < 1000; i++ {
				if _, err := python.CallMethodAs[string](hello, "SayHello", "go"); err != nil {
					log.Fatal(err)
				}
			}
		}()
	}
	wait.Wait()
	hello.Close()
	fmt.Println("[FINALIZE]", python.Finalize())
	_, err = python.Import("hello")
	fmt.Println("[AFTER]", err)
}
"""


def test_a_non_main_package_calls_python(built: Path) -> None:
    code = ("from setuptools_golang_ext.runtime import load; lib = load('mypkg.lib'); "
            "print(lib.Title('go py')); print(lib.BoxRepr('x'))")
    assert run([sys.executable, "-c", code], cwd=built).check().output == \
        "Go Py\nBox_string(Value='x')\n"  # an instantiation's class, registered


def test_a_go_program_embeds_python_with_the_seed_example(tmp_path: Path) -> None:
    program = tmp_path / "seed"
    program.mkdir()
    (program / "go.mod").write_text("module example.com/seed\n\ngo 1.21\n")
    (program / "main.go").write_text(SEED_MAIN_GO)
    (program / "hello.py").write_text(SEED_HELLO_PY)
    tool = [sys.executable, "-m", "setuptools_golang_ext"]
    run([*tool, "gopath", "--go-work", str(program)]).check()
    plain = {k: v for k, v in os.environ.items() if not k.startswith("CGO_")}
    missing = run(["go", "build", "-o", "seed"], cwd=program, env=plain)
    assert missing.returncode != 0
    assert 'Python.h not found. In a Go program, set the flags first: eval \\"$(python -m ' \
           'setuptools_golang_ext cgo-env)\\"' in missing.output, missing.output
    settings = json.loads(run([*tool, "cgo-env", "--json"]).check().output)
    env = {**os.environ, **settings}
    run(["go", "vet", "."], cwd=program, env=env).check()
    run(["go", "build", "-o", "seed"], cwd=program, env=env).check()
    # An activated virtual environment's site-packages is on sys.path.
    venv = {**os.environ, "VIRTUAL_ENV": sys.prefix,
            "VENV_SITE_PACKAGES": sysconfig.get_paths()["purelib"]}
    output = run([str(program / "seed")], cwd=program, env=venv, timeout=120).check().output
    assert output.splitlines() == [
        f"[MODULE] <module 'hello' from '{program / 'hello.py'}'>",
        "[VENV] true <nil>",
        "[VARS] a = 10 <nil>",
        "[FUNC] res = xwjhaha <nil>",
        "[FINALIZE] <nil>",
        "[AFTER] python: the interpreter has shut down (python.Finalize was called, "
        "or the Python process is exiting)",
    ], output


def test_cgo_env_refuses_a_go_architecture_the_python_cannot_link() -> None:
    other = "arm64" if platform.machine().lower() in ("x86_64", "amd64") else "amd64"
    result = run([sys.executable, "-m", "setuptools_golang_ext", "cgo-env", "--goarch", other])
    assert result.returncode == 2
    assert f"Go builds for GOARCH={other}, but {sys.executable}" in result.output
    assert f"or run this command with a Python built for {other}." in result.output


def test_a_vendored_build_is_refused_with_the_fix(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {
        "mypkg/go/main.go": 'package main\n\nimport _ "setuptools-golang-ext.dev/python"\n\n'
                            "//export Nothing\nfunc Nothing() {}\n\nfunc main() {}\n",
        "mypkg/go/vendor/modules.txt": "",
    }, ext_modules='GoExtension("mypkg._native", "mypkg/go", vendor=True)')
    output = build_inplace(project).output
    assert ("GoExtension 'mypkg._native': its Go module imports setuptools-golang-ext.dev/"
            "python, which ships with setuptools-golang-ext and cannot be vendored") in output
    assert "Drop vendor = true for this extension" in output
