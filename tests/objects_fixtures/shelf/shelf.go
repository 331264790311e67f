// Package shelf is a small store of books, shaped like a library with a
// constructor, methods, maps and constants.
package shelf

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
)

// SchemaVersion is the version of the stored format.
//
//python:export
const SchemaVersion = "3"

// Limits of a shelf.
//
//python:export
const (
	MaxBooks         = 1000
	Ratio            = 1.5
	Strict           = true
	Freezing Celsius = 0
	hidden           = 7
)

// Celsius is a temperature.
type Celsius float64

// Warm adds ten degrees.
//
//python:export
func Warm(c Celsius) Celsius { return c + 10 }

// Shelf holds books by title.
//
//python:export
type Shelf struct {
	// Label names the shelf.
	Label  string
	Rating float64
	Size   int32
	Open   bool
	At     Position
	books  map[string]int
	closed bool
}

// NewShelf makes an empty shelf.
//
//python:export
func NewShelf(label string) *Shelf { return &Shelf{Label: label, books: map[string]int{}} }

// Nothing returns no shelf.
//
//python:export
func Nothing() *Shelf { return nil }

// Add puts a book on the shelf.
//
//python:export
func (s *Shelf) Add(title string, year int) error {
	if s.closed {
		return errors.New("shelf is closed")
	}
	if _, ok := s.books[title]; ok {
		return errors.New("already there: " + title)
	}
	if s.books == nil {
		s.books = map[string]int{}
	}
	s.books[title] = year
	return nil
}

// Count is the number of books.
//
//python:export
func (s Shelf) Count() int { return len(s.books) }

// Titles are the titles, sorted.
//
//python:export
func (s *Shelf) Titles() []string {
	titles := make([]string, 0, len(s.books))
	for t := range s.books {
		titles = append(titles, t)
	}
	sort.Strings(titles)
	return titles
}

//python:export
func (s *Shelf) ByYear() map[string]int { return s.books }

//python:export
func (s *Shelf) Lookup(title string) (int, bool) {
	year, ok := s.books[title]
	return year, ok
}

//python:export
func (s *Shelf) Close() error {
	if s.closed {
		return errors.New("closed twice")
	}
	s.closed = true
	return nil
}

//python:export
func (s *Shelf) Closed() bool { return s.closed }

//python:export
func (s *Shelf) Sum(a, b int) int { return a + b }

//python:export
func Sum(a, b int) int { return a + b }

// Merge puts the books of both shelves on a new one; nil shelves are empty.
//
//python:export
func Merge(a, b *Shelf) *Shelf {
	out := NewShelf("merged")
	for _, s := range []*Shelf{a, b} {
		if s == nil {
			continue
		}
		for t, y := range s.books {
			out.books[t] = y
		}
	}
	return out
}

//python:export
func Join(parts []string, sep string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += sep
		}
		out += p
	}
	return out
}

//python:export
func Lengths(names map[int]string) map[int64]float64 {
	out := map[int64]float64{}
	for k, name := range names {
		out[int64(k)] = float64(len(name))
	}
	return out
}

//python:export
func NoMap() map[string]bool { return nil }

// Pieces returns parts (nil when empty); with odd, also strings that cannot
// cross as NUL-joined text (a NUL, invalid UTF-8), so the slice goes as JSON.
//
//python:export
func Pieces(parts []string, odd bool) []string {
	if len(parts) == 0 && !odd {
		return nil
	}
	if odd {
		parts = append(parts, "nul\x00inside", "bad\xffutf8")
	}
	return parts
}

// KeyLengths maps each key to minus its length; with odd, also a key holding a NUL.
//
//python:export
func KeyLengths(keys []string, odd bool) map[string]int8 {
	out := map[string]int8{}
	for _, key := range keys {
		out[key] = -int8(len(key))
	}
	if odd {
		out["k\x00"] = 1
	}
	return out
}

// Each calls visit with every book, in title order, and stops at the first error.
//
//python:export
func (s *Shelf) Each(visit func(title string, year int) error) error {
	for _, title := range s.Titles() {
		if err := visit(title, s.books[title]); err != nil {
			return fmt.Errorf("visiting %s: %w", title, err)
		}
	}
	return nil
}

//python:export
func Transform(words []string, f func(string) string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = f(w)
	}
	return out
}

// Parallel calls f from n goroutines at once and sums what it returns.
//
//python:export
func Parallel(n int, f func(int) int) int {
	results := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = f(i)
		}(i)
	}
	wg.Wait()
	total := 0
	for _, r := range results {
		total += r
	}
	return total
}

// Labels is a map of integer keys and string values: a plain map, which crosses
// packed in columns (no JSON) in both modes, as do the maps below.
//
//python:export
func Labels() map[int]string { return map[int]string{-1: "minus", 0: "", 7: "s\u00e9pt"} }

// Ratios has float64 values, infinity too (which JSON could not carry).
//
//python:export
func Ratios() map[string]float64 {
	return map[string]float64{"half": 0.5, "": -2, "inf": math.Inf(1)}
}

// Switches has the largest uint64 key.
//
//python:export
func Switches() map[uint64]bool { return map[uint64]bool{math.MaxUint64: true, 0: false} }

// Codes has narrow integer keys and values at their limits.
//
//python:export
func Codes() map[int8]uint16 { return map[int8]uint16{-128: 65535, 127: 0} }

// Relabel negates each key and upper-cases each value: a plain map both ways.
//
//python:export
func Relabel(labels map[int]string) map[int]string {
	out := make(map[int]string, len(labels))
	for k, v := range labels {
		out[-k] = strings.ToUpper(v)
	}
	return out
}

// Scale multiplies each value by k.
//
//python:export
func Scale(m map[string]float64, k float64) map[string]float64 {
	out := make(map[string]float64, len(m))
	for key, v := range m {
		out[key] = v * k
	}
	return out
}

// Toggle flips each bool, of keys up to 255.
//
//python:export
func Toggle(m map[uint8]bool) map[uint8]bool {
	out := make(map[uint8]bool, len(m))
	for k, v := range m {
		out[k] = !v
	}
	return out
}

// NoLabels is a nil map.
//
//python:export
func NoLabels() map[int]string { return nil }

// Odd holds a string that is not plain text: a NUL, or invalid UTF-8, which
// cross as JSON instead.
//
//python:export
func Odd(nul bool) map[string]string {
	if nul {
		return map[string]string{"a\x00b": "x"}
	}
	return map[string]string{"k": "h\xffi"}
}

// Numbers passes f numbers and a bool only, so that in both modes they cross
// as C values to a C trampoline, and answers what f answered.
//
//python:export
func Numbers(f func(a int8, b uint64, x float32, ok bool) uint64) uint64 {
	return f(-8, math.MaxUint64, 1.5, true)
}

// Hear passes f a string whose bytes are not valid UTF-8, and a number.
//
//python:export
func Hear(f func(s string, n int) bool) bool { return f("h\xffi", 2) }

// Answers calls each callable once, with n, and says what each answered.
//
//python:export
func Answers(n int64, small func(int64) int8, half func(int64) float64,
	even func(int64) bool) string {
	return fmt.Sprint(small(n), " ", half(n), " ", even(n))
}

// Relay passes f one value of each kind a callback takes in C, and what f
// answered, or the error Go saw, as text.
//
//python:export
func Relay(f func(n int8, u uint16, x float32, ok bool, s string) (int8, error)) string {
	answer, err := f(-3, 65535, 1.5, true, "h\xffi")
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprint(answer)
}

// Mix passes f four values of different kinds from the call's own goroutine and
// returns f's answer.
//
//python:export
func Mix(f func(s string, x float32, ok bool, n uint8) float64) float64 {
	return f("caf\u00e9", 1.5, true, 200)
}

// Announce calls f with each word (a callback without a result).
//
//python:export
func Announce(words []string, f func(string)) int {
	for _, w := range words {
		f(w)
	}
	return len(words)
}

// Shout answers with f's text and "!", Go's error as text.
//
//python:export
func Shout(f func(string) (string, error)) string {
	answer, err := f("a")
	if err != nil {
		return "error: " + err.Error()
	}
	return answer + "!"
}

// Weigh sums the weights and lists the names they were given for, sorted.
//
//python:export
func Weigh(weights map[string]int16) (int, []string) {
	total, names := 0, []string{}
	for name, weight := range weights {
		total += int(weight)
		names = append(names, name)
	}
	sort.Strings(names)
	return total, names
}

var kept func(string) error

// Kinds calls f with a value of each kind a callback takes with C types, a NaN
// (which JSON cannot carry) and a string that is not UTF-8 among them.
//
//python:export
func Kinds(f func(int8, uint64, float32, float64, bool, string) bool) bool {
	return f(-8, math.MaxUint64, 1.5, math.NaN(), true, "caf\xc3\xa9\xff")
}

// Keep holds on to f after it returns, which Go code may do.
//
//python:export
func Keep(f func(string) error) { kept = f }

//python:export
func CallKept() string {
	if err := kept("late"); err != nil {
		return err.Error()
	}
	return "ok"
}

// AddAll puts books of one year on the shelf, as many as given.
//
//python:export
func (s *Shelf) AddAll(year int, titles ...string) error {
	for _, title := range titles {
		if err := s.Add(title, year); err != nil {
			return err
		}
	}
	return nil
}

//python:export
func Total(values ...float64) float64 {
	total := 0.0
	for _, v := range values {
		total += v
	}
	return total
}

// Position is where a shelf stands.
//
//python:export
type Position struct {
	Row, Col int
}

// Shift moves p by rows, as a new value.
//
//python:export
func Shift(p Position, rows int) Position {
	p.Row += rows
	return p
}

// Settings of the package, read and set from Python.
//
//python:export
var (
	// Verbose makes the shelf talk.
	Verbose bool
	Owner   = "nobody"
	Aliases = map[string]string{"sf": "science fiction"}
	quiet   = true
)

//python:export
func Describe() string {
	if Verbose {
		return "verbose shelf of " + Owner
	}
	return Owner
}

// Grid is a slice of slices, by rows.
//
//python:export
func Grid(rows, cols int) [][]int64 {
	grid := make([][]int64, rows)
	for r := range grid {
		grid[r] = make([]int64, cols)
		for c := range grid[r] {
			grid[r][c] = int64(r*cols + c)
		}
	}
	return grid
}

//python:export
func Flags(names []string) map[string][]bool {
	out := map[string][]bool{}
	for _, n := range names {
		out[n] = []bool{len(n)%2 == 0, len(n) > 3}
	}
	return out
}

//python:export
func Corners(box [4]float64) [2]float64 { return [2]float64{box[0] + box[2], box[1] + box[3]} }

// Find is the year of a title; nil when it is not there.
//
//python:export
func (s *Shelf) Find(title string) *int {
	if year, ok := s.books[title]; ok {
		return &year
	}
	return nil
}

// OrDefault is *limit, or 10 for nil.
//
//python:export
func OrDefault(limit *int32) int32 {
	if limit == nil {
		return 10
	}
	return *limit
}

// Rotate multiplies z by i; Phase is a named complex type.
//
//python:export
func Rotate(z complex128, small complex64) (complex128, complex64) { return z * 1i, small * 2 }

type Phase complex128

//python:export
func Flip(p Phase) Phase { return -p }

// Split makes one shelf per book; a nil shelf in shelves is skipped.
//
//python:export
func (s *Shelf) Split() []*Shelf {
	out := []*Shelf{}
	for _, title := range s.Titles() {
		one := NewShelf(title)
		one.books[title] = s.books[title]
		out = append(out, one)
	}
	return out
}

// Gaps returns a nil shelf beside a real one, or no shelves.
//
//python:export
func Gaps(none bool) []*Shelf {
	if none {
		return nil
	}
	return []*Shelf{nil, NewShelf("g")}
}

//python:export
func CountAll(shelves []*Shelf) int {
	total := 0
	for _, s := range shelves {
		if s != nil {
			total += len(s.books)
		}
	}
	return total
}

// Path is a route of positions, each moved down one row.
//
//python:export
func Path(points []Position) []Position {
	out := make([]Position, len(points))
	for i, p := range points {
		out[i] = Shift(p, 1)
	}
	return out
}

// Item is anything a shelf can describe.
type Item interface{ Describe() string }

//python:export
func (p Position) Describe() string { return fmt.Sprintf("row %d col %d", p.Row, p.Col) }

func (s *Shelf) Describe() string { return "shelf " + s.Label }

type secret struct{ code int }

func (secret) Describe() string { return "secret" }

// Pick returns an item of the kind asked for, nil for an unknown kind.
//
//python:export
func Pick(kind string) Item {
	switch kind {
	case "shelf":
		return NewShelf("picked")
	case "position":
		return Position{Row: 1, Col: 2}
	case "secret":
		return secret{42}
	}
	return nil
}

//python:export
func Tell(item Item) string {
	if item == nil {
		return "nothing"
	}
	return item.Describe()
}

//python:export
func Echo(v any) any { return v }

// Book has no Describe method: it is not an Item.
//
//python:export
type Book struct{ Title string }

// Spot is the position at row, col: nil for a negative row; row 99 panics.
//
//python:export
func Spot(row, col int) *Position {
	if row == 99 {
		panic("no row 99")
	}
	if row < 0 {
		return nil
	}
	return &Position{Row: row, Col: col}
}
