package named

import (
	"fmt"
	"strings"
)

// KindList is a list of kinds: a named slice of a named type.
//
//python:export
type KindList []Kind

// Joined joins the kinds with commas.
//
//python:export
func (k KindList) Joined() string {
	parts := make([]string, len(k))
	for i, kind := range k {
		parts[i] = string(kind)
	}
	return strings.Join(parts, ",")
}

// LevelIndex maps names to levels.
//
//python:export
type LevelIndex map[string]Level

// Row is three levels.
//
//python:export
type Row [3]Level

// Upper returns the kinds upper-cased.
//
//python:export
func Upper(k KindList) KindList {
	out := make(KindList, len(k))
	for i, kind := range k {
		out[i] = Kind(strings.ToUpper(string(kind)))
	}
	return out
}

// Raise adds by to every level.
//
//python:export
func Raise(index LevelIndex, by Level) LevelIndex {
	out := LevelIndex{}
	for name, level := range index {
		out[name] = level + by
	}
	return out
}

// Grid is three rows: a named composite of named composites.
//
//python:export
type Grid [3]Row

// Diagonal is the grid's top-left to bottom-right diagonal.
//
//python:export
func (g Grid) Diagonal() Row { return Row{g[0][0], g[1][1], g[2][2]} }

// Names is a list of names.
//
//python:export
type Names []string

// Index maps an initial to the names it starts: a map of a named slice.
//
//python:export
type Index map[string]Names

// Count is how many names the index holds.
//
//python:export
func (i Index) Count() int {
	total := 0
	for _, names := range i {
		total += len(names)
	}
	return total
}

// Initials indexes words by their first letter.
//
//python:export
func Initials(words Names) Index {
	out := Index{}
	for _, word := range words {
		if word != "" {
			out[word[:1]] = append(out[word[:1]], word)
		}
	}
	return out
}

// Transposed returns the grid's columns as rows.
//
//python:export
func Transposed(g Grid) Grid {
	var out Grid
	for i := range g {
		for j := range g[i] {
			out[j][i] = g[i][j]
		}
	}
	return out
}

// Fill appends n copies of x to v through the pointer and returns the new length.
//
//python:export
func Fill(v *IntVector, n int, x int) int {
	for i := 0; i < n; i++ {
		*v = append(*v, x)
	}
	return len(*v)
}

// Reset replaces the index through the pointer.
//
//python:export
func Reset(index *LevelIndex) { *index = LevelIndex{"reset": 0} }

// Reversed returns the row backwards.
//
//python:export
func Reversed(r Row) Row { return Row{r[2], r[1], r[0]} }

// IntVector is a growable list of ints.
//
//python:export
type IntVector []int

// Push appends x: a pointer method, so it changes the Python object.
//
//python:export
func (v *IntVector) Push(x int) { *v = append(*v, x) }

// Pop removes and returns the last item.
//
//python:export
func (v *IntVector) Pop() (int, error) {
	if len(*v) == 0 {
		return 0, fmt.Errorf("pop from an empty IntVector")
	}
	last := (*v)[len(*v)-1]
	*v = (*v)[:len(*v)-1]
	return last, nil
}

// Sum adds the items.
//
//python:export
func (v IntVector) Sum() int {
	total := 0
	for _, x := range v {
		total += x
	}
	return total
}

// Add adds kind to the list.
//
//python:export
func (k *KindList) Add(kind Kind) { *k = append(*k, kind) }

// Set sets name to level.
//
//python:export
func (ix *LevelIndex) Set(name string, level Level) bool {
	if *ix == nil {
		*ix = LevelIndex{}
	}
	_, had := (*ix)[name]
	(*ix)[name] = level
	return had
}

// Cell is a grid cell; Python calls the class GridCell.
//
//python:export name=GridCell
type Cell struct {
	Row int
	Col int //python:export name=Column
}

// Below is the cell under c.
//
//python:export
func (c *Cell) Below() *Cell { return &Cell{Row: c.Row + 1, Col: c.Col} }

// Origin is the top left cell.
//
//python:export
func Origin() *Cell { return &Cell{} }

// Span is a range of columns; the extension's rename table calls it Interval.
//
//python:export
type Span struct{ From, To int }

// Width is To - From.
//
//python:export
func (s *Span) Width() int { return s.To - s.From }

// Covers reports whether the span covers the cell's column.
//
//python:export
func Covers(s *Span, c *Cell) bool { return s.From <= c.Col && c.Col < s.To }

// Cover is a span covering the cell.
//
//python:export
func Cover(c *Cell) *Span { return &Span{From: c.Col, To: c.Col + 1} }

// Cells is a path of cells: a named slice of a class.
//
//python:export
type Cells []*Cell

// Len is the number of cells.
//
//python:export
func (c Cells) Len() int { return len(c) }

// Path is the cells from the origin down n rows.
//
//python:export
func Path(n int) Cells {
	out := Cells{}
	for row := 0; row < n; row++ {
		out = append(out, &Cell{Row: row})
	}
	return out
}

// Deepest is the largest row in cells.
//
//python:export
func Deepest(cells Cells) int {
	deepest := -1
	for _, c := range cells {
		deepest = max(deepest, c.Row)
	}
	return deepest
}

// Board names cells: a named map of a class by value.
//
//python:export
type Board map[string]Cell

// Corners are the four corners of an n by n board.
//
//python:export
func Corners(n int) Board {
	return Board{"tl": {}, "tr": {Col: n - 1}, "bl": {Row: n - 1}, "br": {Row: n - 1, Col: n - 1}}
}

// Rows adds up the rows of the board's cells.
//
//python:export
func Rows(b Board) int {
	total := 0
	for _, c := range b {
		total += c.Row
	}
	return total
}
