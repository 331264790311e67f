// Package composite exercises maps of objects, embedded structs, callbacks
// with composite values and Python values passed as `any`.
package composite

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Point is a position on a plane.
//
//python:export
type Point struct {
	X, Y int
}

// Item is one line of an order.
//
//python:export
type Item struct {
	Name  string
	Count int
}

// Base holds what every record has.
//
//python:export
type Base struct {
	// ID identifies the record.
	ID    int
	Owner string
}

// Describe names the record.
//
//python:export
func (b *Base) Describe() string { return fmt.Sprintf("#%d of %s", b.ID, b.Owner) }

// Stamp is embedded by value.
type Stamp struct {
	Year int
}

// Book embeds Base (by value) and Stamp (not marked): their fields are Book's.
//
//python:export
type Book struct {
	Base
	Stamp
	Title string
	// Tags counts each tag.
	Tags  map[string]int
	Items []Item
	At    Point
}

// Rename is Book's own method.
//
//python:export
func (b *Book) Rename(title string) { b.Title = title }

// Owned embeds *Base by pointer, and shadows Owner.
//
//python:export
type Owned struct {
	*Base
	Owner string
}

// NewOwned makes an Owned over a fresh Base.
//
//python:export
func NewOwned(id int) *Owned { return &Owned{Base: &Base{ID: id, Owner: "base"}, Owner: "outer"} }

// NewBook makes a book.
//
//python:export
func NewBook(id int, title string) *Book {
	return &Book{Base: Base{ID: id, Owner: "lib"}, Title: title}
}

// Library maps titles to books.
//
//python:export
func Library(titles []string) map[string]*Book {
	out := map[string]*Book{}
	for i, t := range titles {
		out[t] = NewBook(i, t)
	}
	return out
}

// Titles reads a dict of books back; a nil book is "-".
//
//python:export
func Titles(books map[string]*Book) []string {
	out := []string{}
	for k, b := range books {
		if b == nil {
			out = append(out, k+"=-")
		} else {
			out = append(out, k+"="+b.Title)
		}
	}
	sort.Strings(out)
	return out
}

// Touch renames every book in place: Python sees it on its own objects.
//
//python:export
func Touch(books map[string]*Book) {
	for k, b := range books {
		b.Title = strings.ToUpper(k)
	}
}

// Corners are named points.
//
//python:export
func Corners(size int) map[string]Point {
	return map[string]Point{"origin": {0, 0}, "far": {size, size}}
}

// ByIndex moves each point by its key.
//
//python:export
func ByIndex(points map[int]Point) map[int]Point {
	out := map[int]Point{}
	for k, p := range points {
		out[k] = Point{p.X + k, p.Y + k}
	}
	return out
}

// Nothing is a nil map of objects.
//
//python:export
func Nothing() map[string]*Book { return nil }

// CountLetters calls f on every word, from one goroutine each.
//
//python:export
func CountLetters(words []string, f func([]string) map[string]int) (map[string]int, error) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := map[string]int{}
	for _, w := range words {
		wg.Add(1)
		go func(w string) {
			defer wg.Done()
			counts := f(strings.Split(w, ""))
			mu.Lock()
			defer mu.Unlock()
			for k, v := range counts {
				total[k] += v
			}
		}(w)
	}
	wg.Wait()
	return total, nil
}

// MovePoint asks Python where p goes.
//
//python:export
func MovePoint(p Point, f func(Point) (Point, error)) (Point, error) {
	moved, err := f(p)
	if err != nil {
		return Point{}, fmt.Errorf("move: %w", err)
	}
	return moved, nil
}

// Visit gives Python the book and takes the one it returns (nil allowed).
//
//python:export
func Visit(b *Book, f func(*Book) *Book) string {
	got := f(b)
	if got == nil {
		return "nil"
	}
	return got.Title
}

// Tally takes counts from Python and keeps the maximum of each.
//
//python:export
func Tally(f func(map[string]int, []string) error) (int, error) {
	if err := f(map[string]int{"a": 1, "b": 2}, nil); err != nil {
		return 0, err
	}
	return 3, nil
}

// Box wraps a Go value Python cannot see into.
type Box struct{ secret int }

// Opaque returns a value of a type Python has no class for.
//
//python:export
func Opaque(n int) any { return Box{n} }

// Unbox is the other way.
//
//python:export
func Unbox(v any) (int, error) {
	box, ok := v.(Box)
	if !ok {
		return 0, errors.New("not a box")
	}
	return box.secret, nil
}

// Kind says what Go received, with the value.
//
//python:export
func Kind(v any) string { return describe(v) }

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "nil"
	case []any:
		parts := make([]string, len(v))
		for i, item := range v {
			parts[i] = describe(item)
		}
		return "[]any{" + strings.Join(parts, ", ") + "}"
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + describe(v[k])
		}
		return "map[string]any{" + strings.Join(parts, ", ") + "}"
	case *Book:
		return "*Book " + v.Title
	}
	return fmt.Sprintf("%T(%v)", v, v)
}

// Shape is something with an area.
type Shape interface{ Area() int }

// Area of a book: its ID.
func (b *Book) Area() int { return b.ID }

// AreaOf takes any Shape.
//
//python:export
func AreaOf(s Shape) int {
	if s == nil {
		return -1
	}
	return s.Area()
}

// Echo round-trips a point (the benchmark compares it with Sum3).
//
//python:export
func Echo(p Point) Point { return p }

// Typo is marked with a misspelled directive: the build warns.
//
// python:export
func Typo() int { return 1 }

// Mixed returns values of several kinds: a []any result.
//
//python:export
func Mixed(b *Book, n int) []any { return []any{b, Box{n}, nil, Point{X: n}, n} }

// Shapes returns the books as Shapes: a slice of an interface of the package.
//
//python:export
func Shapes(books ...*Book) []Shape {
	shapes := make([]Shape, len(books))
	for i, b := range books {
		if b != nil {
			shapes[i] = b
		}
	}
	return shapes
}

// Chunks splits text into pieces of size bytes: a [][]byte result.
//
//python:export
func Chunks(text string, size int) [][]byte {
	var chunks [][]byte
	for len(text) > size {
		chunks = append(chunks, []byte(text[:size]))
		text = text[size:]
	}
	return append(chunks, []byte(text))
}

// Glue joins byte strings with a separator: a [][]byte parameter.
//
//python:export
func Glue(parts [][]byte, sep string) string {
	return string(bytes.Join(parts, []byte(sep)))
}

// Spell is the bytes given, as text: a variadic ...byte parameter.
//
//python:export
func Spell(prefix string, letters ...byte) string { return prefix + string(letters) }

// Settings is JSON-like data with a book and an opaque value inside: a
// map[string]any result (cast.ToStringMap's shape).
//
//python:export
func Settings(b *Book) map[string]any {
	return map[string]any{"name": "srv", "port": 8080, "ratio": 0.5, "on": true,
		"none": nil, "tags": []string{"a", "b"}, "raw": []byte{0, 255}, "big": uint64(1 << 63),
		"nested": map[string]any{"list": []any{int8(1), "x", []int{2, 3}}}, "book": b,
		"box": Box{7}, "id": [2]byte{1, 2}, "bad": "a\xff"}
}

// DescribeMap says what Go received in a map[string]any.
//
//python:export
func DescribeMap(m map[string]any) string {
	if m == nil {
		return "nil map"
	}
	return describe(m)
}

// Number numbers rows: []map[string]any both ways.
//
//python:export
func Number(rows []map[string]any) []map[string]any {
	for i, row := range rows {
		if row == nil {
			rows[i] = map[string]any{}
		}
		rows[i]["n"] = i
	}
	return rows
}

// Submatches is regexp.FindAllSubmatch's shape: [][][]byte both ways.
//
//python:export
func Submatches(groups [][][]byte) [][][]byte {
	for _, group := range groups {
		for j := range group {
			group[j] = bytes.ToUpper(group[j])
		}
	}
	return groups
}

// Grid is FindAllStringSubmatch's shape: [][]string both ways.
//
//python:export
func Grid(rows [][]string) [][]string { return append(rows, []string{"end"}) }

// Headers holds each header's values: map[string][]string both ways.
//
//python:export
func Headers(h map[string][]string, extra map[string]string) map[string][]string {
	for k, v := range extra {
		h[k] = append(h[k], v)
	}
	return h
}

// Counters holds sized integers in data: map[string][]int8 from Python ints.
//
//python:export
func Counters(c map[string][]int8, pairs [][2]uint8) int {
	total := 0
	for _, values := range c {
		for _, v := range values {
			total += int(v)
		}
	}
	for _, pair := range pairs {
		total += int(pair[0]) * int(pair[1])
	}
	return total
}

// Record has a map[string]any field, and slice fields a setter stores as Go
// copies (never views of the Python buffer).
//
//python:export
type Record struct {
	Meta    map[string]any
	Raw     []byte
	Weights []float64
	Named   Blob
}

// Blob is a named []byte without methods: it crosses as bytes.
type Blob []byte

// Stash is a []byte variable, stored as a Go copy when set from Python.
//
//python:export
var Stash []byte

// Upper maps text through a callback of bytes (regexp.ReplaceAllFunc's shape).
//
//python:export
func Upper(text []byte, f func([]byte) []byte) []byte { return f(text) }

// Rename maps a name through a callback of strings.
//
//python:export
func Rename(name string, f func(string) string) string { return f(name) }

// Doubler returns a Go func of bytes, which Python calls.
//
//python:export
func Doubler() func([]byte) []byte {
	return func(b []byte) []byte { return append(b, b...) }
}

// Cyclic returns a map that holds itself: Go refuses to walk it forever.
//
//python:export
func Cyclic() map[string]any {
	m := map[string]any{}
	m["self"] = m
	return m
}
