"""Types of other packages in a bound API, as real Go libraries use them:
``time.Duration`` and other named basic types (their underlying type), ``time.Time``
(an aware ``datetime``), and interfaces such as ``io.Reader`` (opaque values that
go back to Go as they came). Built once, in place, and loaded here.
"""

from __future__ import annotations

import datetime
import os
import sys
from typing import Any

import pytest

from setuptools_golang_ext.runtime import GoError

from ..helpers import build_inplace, load_built, run, write_project

MODES = ["ctypes", "cpython"]

CLOCK_GO = """package clock

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"time"

	"example.com/clock/span"
)

// Event is something that happened at a time, for a while.
//
//python:export
type Event struct {
	Name  string
	At    time.Time
	Took  time.Duration
	Perms os.FileMode
}

// String is how Go prints an event; Python's str() shows it too.
//
//python:export
func (e *Event) String() string { return e.Name + " (" + e.Took.String() + ")" }

// Timeline is events in order.
//
//python:export
type Timeline struct{ events []*Event }

// Add appends an event.
//
//python:export
func (t *Timeline) Add(e *Event) { t.events = append(t.events, e) }

// Len is the number of events; Python's len() calls it.
//
//python:export
func (t *Timeline) Len() int { return len(t.events) }

// Longer returns d times n.
//
//python:export
func Longer(d time.Duration, n int) time.Duration { return d * time.Duration(n) }

// NextDay is t plus 24 hours, in t's own zone.
//
//python:export
func NextDay(t time.Time) time.Time { return t.Add(24 * time.Hour) }

// Epoch is the Unix epoch in UTC; Never is Go's zero time.
//
//python:export
func Epoch() (time.Time, time.Time) { return time.Unix(0, 0).UTC(), time.Time{} }

// Open returns a reader of text.
//
//python:export
func Open(text string) io.Reader { return strings.NewReader(text) }

// Drain reads r to its end.
//
//python:export
func Drain(r io.Reader) (string, error) {
	data, err := io.ReadAll(r)
	return string(data), err
}

// Entries lists a directory: a slice of another package's interface.
//
//python:export
func Entries(dir string) ([]fs.DirEntry, error) { return os.ReadDir(dir) }

// Info is this package's name for another package's interface.
//
//python:export
type Info = fs.FileInfo

// Stat describes a file: an interface of another package under the alias's name.
//
//python:export
func Stat(path string) (Info, error) { return os.Stat(path) }

// TypesOf names the Go types of vs: a proxy inside a list gives Go the value it holds.
//
//python:export
func TypesOf(vs []any) []string {
	names := []string{}
	for _, v := range vs {
		names = append(names, reflect.TypeOf(v).String())
	}
	return names
}

// AsReader returns b as an io.Reader: a value whose type has a class here.
//
//python:export
func AsReader(b *bytes.Buffer) io.Reader { return b }

// Names are the entries' names (a nil entry is "-"): the slice goes back to Go.
//
//python:export
func Names(entries []fs.DirEntry) []string {
	names := []string{}
	for _, entry := range entries {
		name := "-"
		if entry != nil {
			name = entry.Name()
		}
		names = append(names, name)
	}
	return names
}

// Chain reads the readers one after the other: a variadic of another package's interface.
//
//python:export
func Chain(readers ...io.Reader) (string, error) {
	data, err := io.ReadAll(io.MultiReader(readers...))
	return string(data), err
}

// NewBuffer returns a buffer holding text.
//
//python:export
func NewBuffer(text string) *bytes.Buffer { return bytes.NewBufferString(text) }

// Contents appends more to b and returns all of b; a nil b is empty.
//
//python:export
func Contents(b *bytes.Buffer, more string) string {
	if b == nil {
		return ""
	}
	b.WriteString(more)
	return b.String()
}

// Stringer is anything that prints itself; Event is one.
//
//python:export
type Stringer interface{ String() string }

// Counter counts in int64: Timeline's Len() int does not implement it.
//
//python:export
type Counter interface{ Len() int64 }

// Printable returns e as a Stringer.
//
//python:export
func Printable(e *Event) Stringer { return e }

// secret has no class: returned as a Stringer it comes in Stringer's proxy class.
type secret struct{ n int }

func (s secret) String() string { return "secret " + strings.Repeat("*", s.n) }

// Hidden returns a Stringer whose type Python has no class for.
//
//python:export
func Hidden(n int) Stringer { return secret{n} }

// Reveal says whether s is the very secret value Hidden returned.
//
//python:export
func Reveal(s Stringer) string {
	if value, ok := s.(secret); ok {
		return "a secret of " + strings.Repeat("*", value.n)
	}
	return "not a secret: " + s.String()
}

// Note keeps its body in a buffer of the standard library.
//
//python:export
type Note struct{ Body *bytes.Buffer }

// Scratch is a package variable of another package's struct type.
//
//python:export
var Scratch = bytes.NewBufferString("scratch")

// Window is the span from start to end (a struct of a sibling package, by value).
//
//python:export
func Window(start, end time.Time) span.Span { return span.Span{From: start, To: end} }

// Length is how long s lasts.
//
//python:export
func Length(s span.Span) time.Duration { return s.To.Sub(s.From) }

// NewBuilder returns an empty builder of the standard library.
//
//python:export
func NewBuilder() *strings.Builder { return &strings.Builder{} }

// Config is this package's own Config: span.Config is bound as span_Config.
//
//python:export
type Config struct{ Name string }

// Configure returns the sibling package's Config of the same name.
//
//python:export
func Configure(c Config) span.Config { return span.Config{Label: c.Name} }

// Record makes an event that started at start and ends now.
//
//python:export
func Record(name string, start, end time.Time) *Event {
	return &Event{Name: name, At: start, Took: end.Sub(start), Perms: 0o640}
}
"""


SPAN_GO = """// Package span is a sibling package whose struct the clock package returns.
package span

import "time"

// Span is a stretch of time.
type Span struct {
	From, To time.Time
	Meta     *Meta
}

// Hours is how many hours the span lasts.
func (s Span) Hours() float64 { return s.To.Sub(s.From).Hours() }

// Shift moves the span by d.
func (s *Span) Shift(d time.Duration) { s.From, s.To = s.From.Add(d), s.To.Add(d) }

// Watch cannot be bound: Python has no form for a channel of spans.
func (s *Span) Watch(c chan Span) {}

// Meta is reached from Span (two steps from the clock package: a class).
type Meta struct {
	Note string
	Deep *Deep
}

// Deep is three steps away: an opaque value.
type Deep struct{ Level int }

// Dig returns a Deep (opaque: three steps from the clock package).
func (m *Meta) Dig() *Deep { return &Deep{Level: 3} }

// Config has the name of the clock package's own Config.
type Config struct{ Label string }
"""


@pytest.fixture(scope="module", params=MODES)
def clock(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    mode: str = request.param
    root = tmp_path_factory.mktemp(f"clock-{mode}")
    project = write_project(root / "p", {
        "mypkg/go/go.mod": "module example.com/clock\n\ngo 1.21\n",
        "mypkg/go/clock.go": CLOCK_GO,
        "mypkg/go/span/span.go": SPAN_GO,
    }, ext_modules=f'GoExtension("mypkg._native", "mypkg/go", bindings={mode!r})')
    output = build_inplace(project).check().output
    # Afresh: earlier test modules loaded other libraries named mypkg._native.
    library = load_built(project, "mypkg._native")
    library.project, library.build_output = project, output
    return library


UTC = datetime.timezone.utc


def test_named_basic_types_of_other_packages_are_their_underlying_type(clock: Any) -> None:
    second = 1_000_000_000
    assert clock.Longer(2 * second, 3) == 6 * second
    with pytest.raises(TypeError, match=r"Longer\(\) argument 'd'"):
        clock.Longer("2s", 3)


def test_times_are_aware_datetimes_in_both_directions(clock: Any) -> None:
    moment = datetime.datetime(2024, 2, 28, 23, 30, 0, 123456, tzinfo=UTC)
    assert clock.NextDay(moment) == datetime.datetime(2024, 2, 29, 23, 30, 0, 123456, tzinfo=UTC)
    tokyo = datetime.timezone(datetime.timedelta(hours=9))
    shifted = clock.NextDay(moment.astimezone(tokyo))
    assert shifted.utcoffset() == datetime.timedelta(hours=9)  # Go kept the zone
    assert shifted == datetime.datetime(2024, 2, 29, 23, 30, 0, 123456, tzinfo=UTC)
    epoch, never = clock.Epoch()
    assert epoch == datetime.datetime(1970, 1, 1, tzinfo=UTC)
    assert never == datetime.datetime(1, 1, 1, tzinfo=UTC)  # Go's zero time fits
    naive = datetime.datetime(2020, 1, 1, 12, 0)  # local time, as .timestamp() says
    assert clock.NextDay(naive).timestamp() == naive.timestamp() + 86400
    with pytest.raises(TypeError, match=r"NextDay\(\) argument 't' must be a "
                                        r"datetime.datetime \(Go time.Time\), not str"):
        clock.NextDay("2024-02-28")
    # cpython mode converts time.Time in C: the functions are the module's own.
    in_c = type(clock.NextDay).__name__ == "builtin_function_or_method"
    assert in_c == (type(clock).__name__ == "module")


NAIVE_IN_CHILD = """import datetime, sys
sys.path.insert(0, sys.argv[1])
from setuptools_golang_ext.runtime import load
naive = datetime.datetime(2020, 1, 1, 12, 0)
print(naive.astimezone().utcoffset())
print(load("mypkg._native").NextDay(naive).astimezone(datetime.timezone.utc).isoformat())
"""


def test_a_naive_datetime_is_local_time(clock: Any) -> None:
    """Tests run in UTC, where local time and UTC agree: a child five hours west of
    Greenwich tells them apart (a POSIX TZ string needs no zone database)."""
    env = {**os.environ, "TZ": "XYZ+5"}
    output = run([sys.executable, "-c", NAIVE_IN_CHILD, str(clock.project)], env=env)
    assert output.check().output.split() == ["-1", "day,", "19:00:00",
                                             "2020-01-02T17:00:00+00:00"], output.output


def test_interfaces_of_other_packages_are_opaque_values_go_takes_back(clock: Any) -> None:
    reader = clock.Open("hello, reader")
    assert clock.Drain(reader) == "hello, reader"
    assert clock.Drain(reader) == ""  # the same Go value, now read to its end
    event = clock.Record("x", datetime.datetime(2024, 1, 1, tzinfo=UTC),
                         datetime.datetime(2024, 1, 1, 0, 0, 2, tzinfo=UTC))
    with pytest.raises(TypeError, match=r"does not implement io.Reader"):
        clock.Drain(event)


def test_slices_of_other_packages_interfaces_both_ways(clock: Any, tmp_path: Any) -> None:
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(name)
    entries = clock.Entries(str(tmp_path))  # os.ReadDir: []fs.DirEntry, sorted by name
    assert len(entries) == 2 and all(type(e).__name__ == "DirEntry_value" for e in entries)
    assert clock.Names(entries) == ["a.txt", "b.txt"] and clock.Names([]) == []
    assert clock.Names((entries[1], None)) == ["b.txt", "-"]
    assert clock.Chain(clock.Open("ab"), clock.Open("c")) == "abc" and clock.Chain() == ""
    with pytest.raises(TypeError, match=r"Names\(\) argument 'entries\[0\]': a "
                                        r"\*strings.Reader does not implement fs.DirEntry"):
        clock.Names([clock.Open("x")])
    with pytest.raises(TypeError, match=r"Chain\(\) argument 'readers\[1\]': a string "
                                        r"does not implement io.Reader"):
        clock.Chain(clock.Open("x"), "y")
    with pytest.raises(GoError, match=r"no such file or directory"):
        clock.Entries(str(tmp_path / "missing"))


def test_other_packages_interface_values_have_their_methods(clock: Any, tmp_path: Any) -> None:
    """Before: opaque GoValues (``e.Name()`` raised AttributeError)."""
    (tmp_path / "b.txt").write_text("bee")
    (tmp_path / "a").mkdir()
    entries = clock.Entries(str(tmp_path))
    assert [(e.Name(), e.IsDir()) for e in entries] == [("a", True), ("b.txt", False)]
    assert all(isinstance(e, clock.DirEntry) for e in entries)
    info = entries[1].Info()  # a method's result of another interface (fs.FileInfo)
    assert isinstance(info, clock.Info) and (info.Name(), info.Size()) == ("b.txt", 3)
    assert info.ModTime().tzinfo is not None and not info.IsDir()
    assert entries[0].Type() == 0o20000000000 == entries[0].Info().Mode() & 0o20000000000
    reader = clock.Open("hello")
    assert type(reader).__name__ == "Reader_value" and isinstance(reader, clock.Reader)
    buffer = bytearray(3)
    assert reader.Read(buffer) == 3 and buffer == b"hel"  # io.Reader's Read fills it
    assert clock.Drain(reader) == "lo"  # the same Go reader goes back
    # Inside a list too (before: ['*main.Reader_value']).
    assert clock.TypesOf([reader]) == ["*strings.Reader"]
    back = clock.AsReader(clock.NewBuffer("buf"))
    assert type(back) is clock.Buffer and back.String() == "buf"  # its class, not a proxy
    assert isinstance(back, clock.Reader) and not isinstance(clock.NewBuilder(), clock.Reader)
    with pytest.raises(TypeError, match=r"cannot be made from Python: it holds a DirEntry"):
        clock.DirEntry_value()


def test_an_alias_of_another_packages_type_binds_under_its_name(clock: Any,
                                                                tmp_path: Any) -> None:
    """Before: ``//python:export type Info = fs.FileInfo`` was refused ("aliases cannot
    be classes")."""
    (tmp_path / "f").write_text("12345")
    info = clock.Stat(str(tmp_path / "f"))
    assert type(info).__name__ == "Info_value" and isinstance(info, clock.Info)
    assert (info.Name(), info.Size()) == ("f", 5)
    assert clock.Info.__doc__ == "Info is this package's name for another package's interface."
    assert not hasattr(clock, "FileInfo_value")
    with pytest.raises(GoError, match=r"no such file or directory"):
        clock.Stat(str(tmp_path / "missing"))


def test_structs_of_other_packages_are_classes_go_takes_back(clock: Any) -> None:
    """``*bytes.Buffer`` and a sibling package's ``span.Span`` (by value) in
    signatures: classes whose values go back to Go, checked for their type."""
    buffer = clock.NewBuffer("a")
    assert isinstance(buffer, clock.Buffer) and type(buffer).__name__ == "Buffer"
    assert clock.Contents(buffer, "b") == "ab"
    assert clock.Contents(buffer, "c") == "abc"  # the same Go buffer, changed in place
    assert clock.Contents(None, "x") == ""  # None is a nil pointer
    start = datetime.datetime(2024, 1, 1, tzinfo=UTC)
    window = clock.Window(start, start + datetime.timedelta(seconds=3))
    assert isinstance(window, clock.Span)
    assert clock.Length(window) == 3_000_000_000
    with pytest.raises(TypeError, match=r"argument 'b' must be Buffer or None, not Span"):
        clock.Contents(window, "x")
    with pytest.raises(TypeError, match=r"argument 's' must be Span, not str"):
        clock.Length("3s")
    with pytest.raises(TypeError, match=r"argument 's' must be Span, not None"):
        clock.Length(None)  # no silent zero value
    note = clock.Note(Body=clock.NewBuffer("n"))  # a field of such a type
    assert clock.Contents(note.Body, "!") == "n!" and clock.Contents(note.Body, "") == "n!"
    with pytest.raises(TypeError, match=r"must be Buffer or None, not str"):
        note.Body = "text"
    assert clock.Contents(clock.variables.Scratch, "") == "scratch"  # and a variable


def test_other_packages_classes_have_their_methods(clock: Any) -> None:
    buffer = clock.Buffer()  # a zero bytes.Buffer is ready to use
    assert buffer.Write(b"abc") == (3) and buffer.WriteString("de") == 2
    assert (buffer.String(), buffer.Len(), len(buffer)) == ("abcde", 5, 5)
    assert str(buffer) == "abcde" and clock.Contents(buffer, "f") == "abcdef"
    builder = clock.NewBuilder()
    builder.WriteString("x")
    builder.WriteByte(ord("y"))
    assert (builder.String(), builder.Len()) == ("xy", 2)
    assert type(builder).__name__ == "Builder"


def test_other_packages_classes_have_their_fields(clock: Any) -> None:
    start = datetime.datetime(2024, 1, 1, tzinfo=UTC)
    window = clock.Window(start, start + datetime.timedelta(hours=3))
    assert (window.From, window.To, window.Meta) == (start, start + datetime.timedelta(hours=3),
                                                     None)
    assert window.Hours() == 3.0  # a value method
    window.Shift(3600 * 10**9)  # a pointer method changes the Python object's value
    assert window.From == start + datetime.timedelta(hours=1) and window.Hours() == 3.0
    window.To = start + datetime.timedelta(hours=5)  # fields are settable
    assert clock.Length(window) == 4 * 3600 * 10**9
    assert repr(window).startswith("Span(From=datetime.datetime(2024, 1, 1, 1, 0")
    made = clock.Span(From=start, To=start)
    assert clock.Length(made) == 0 and isinstance(made, clock.Span)
    assert not hasattr(window, "Watch")  # a chan parameter cannot be bound: left out
    assert "GoExtension 'mypkg._native': left out span.Span.Watch: parameter c has type " \
           "chan span.Span: its items (span.Span) cannot cross" in clock.build_output


def test_types_two_steps_away_are_classes_three_steps_opaque(clock: Any) -> None:
    meta = clock.Meta(Note="n")  # Span.Meta: two steps from the package's API
    start = datetime.datetime(2024, 1, 1, tzinfo=UTC)
    window = clock.Window(start, start)
    window.Meta = meta
    assert window.Meta.Note == "n"
    assert not hasattr(clock, "Deep")  # Meta.Deep is three steps away: opaque
    assert meta.Deep is None  # a nil *Deep (before: a non-None opaque value)
    deep = meta.Dig()
    assert repr(deep).startswith("<Go value") and not hasattr(deep, "Level")
    meta.Deep = deep  # opaque values go back to Go
    assert repr(meta.Deep).startswith("<Go value")


def test_a_clash_of_names_qualifies_the_other_packages_type(clock: Any) -> None:
    config = clock.Configure(clock.Config(Name="own"))
    assert type(config).__name__ == "span_Config" and config.Label == "own"
    assert isinstance(config, clock.span_Config) and not isinstance(config, clock.Config)


def test_interfaces_are_abstract_classes_their_implementers_are_instances_of(
        clock: Any) -> None:
    start = datetime.datetime(2024, 1, 1, tzinfo=UTC)
    event = clock.Record("x", start, start)
    timeline = clock.Timeline()
    assert isinstance(event, clock.Stringer) and isinstance(clock.Printable(event),
                                                            clock.Stringer)
    assert not isinstance(timeline, clock.Stringer) and not isinstance("x", clock.Stringer)
    assert not isinstance(timeline, clock.Counter)  # Len() int is not Len() int64
    assert issubclass(clock.Event, clock.Stringer)
    assert clock.Stringer.__doc__ == "Stringer is anything that prints itself; Event is one."
    with pytest.raises(TypeError, match=r"Stringer is a Go interface: it has no instances"):
        clock.Stringer()


def test_interface_results_of_no_class_have_the_interfaces_methods(clock: Any) -> None:
    value = clock.Hidden(3)
    assert type(value).__name__ == "Stringer_value" and isinstance(value, clock.Stringer)
    assert value.String() == "secret ***" == str(value)
    assert clock.Reveal(value) == "a secret of ***"  # Go gets the very value back
    start = datetime.datetime(2024, 1, 1, tzinfo=UTC)
    event = clock.Printable(clock.Record("x", start, start))
    assert type(event) is clock.Event  # a value of a class still comes as that class
    assert clock.Reveal(event) == "not a secret: x (0s)"
    assert isinstance(clock.Buffer(), clock.Stringer)  # bytes.Buffer has String() string
    assert clock.Reveal(clock.NewBuffer("buf")) == "not a secret: buf"
    assert clock.Hidden.__doc__ and not isinstance(value, clock.Counter)


def test_an_empty_proxy_cannot_be_made(clock: Any) -> None:
    # Before: made, and its String() raised GoPanic "invalid memory address or nil
    # pointer dereference".
    with pytest.raises(TypeError) as made:
        clock.Stringer_value()
    assert str(made.value) == (
        "Stringer_value() cannot be made from Python: it holds a Stringer that Go returned "
        "(of a type with no class here), and an empty one has nothing to call; take one "
        "from a Go function that returns a Stringer")


def test_struct_fields_of_other_packages_types(clock: Any) -> None:
    start = datetime.datetime(2024, 1, 1, tzinfo=UTC)
    event = clock.Record("build", start, start + datetime.timedelta(seconds=2))
    assert (event.Name, event.At, event.Took, event.Perms) == ("build", start, 2 * 10**9, 0o640)
    event.At = start + datetime.timedelta(days=1)
    event.Took = 5
    assert (event.At.day, event.Took) == (2, 5)


def test_string_and_len_methods_serve_str_and_len(clock: Any) -> None:
    start = datetime.datetime(2024, 1, 1, tzinfo=UTC)
    event = clock.Record("build", start, start + datetime.timedelta(seconds=2))
    assert str(event) == "build (2s)" == event.String()
    assert repr(event).startswith("Event(Name='build'")  # repr still shows the fields
    timeline = clock.Timeline()
    assert len(timeline) == 0
    timeline.Add(event)
    timeline.Add(event)
    assert len(timeline) == 2 == timeline.Len()


def test_typed_module_names_datetime(clock: Any) -> None:
    typed = (clock.project / "mypkg" / "_native_api.py").read_text()
    assert "import datetime" in typed
    assert "def NextDay(t: datetime.datetime) -> datetime.datetime:" in typed
    assert "def __len__(self) -> int: ..." in typed and "def __str__(self) -> str: ..." in typed
    result = run([sys.executable, "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())",
                  str(clock.project / "mypkg" / "_native_api.py")])
    result.check()
    assert "    class Stringer:" in typed and "    class Event(Stringer):" in typed
    (clock.project / "use.py").write_text(
        "from mypkg import _native_api as c\n"
        "s: c.Stringer = c.Event()\n"  # an implementer is a Stringer to mypy too
        "n: c.Counter = c.Timeline()\n"  # Len() int is not Len() int64
        "b = c.Buffer()\n"  # other packages' types are typed classes too
        "written: int = b.WriteString('x') + b.Len()\n"
        "hours: float = c.Window(c.NextDay(c.Epoch()[0]), c.Epoch()[0]).Hours()\n"
        "label: str = c.Configure(c.Config(Name='n')).Label\n"
        "proxy: c.Stringer = c.Stringer_value()\n")
    checked = run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "use.py"],
                  cwd=clock.project)
    assert 'Incompatible types in assignment (expression has type "Timeline", variable ' \
           'has type "Counter")' in checked.output and checked.output.count("error:") == 1, \
        checked.output
