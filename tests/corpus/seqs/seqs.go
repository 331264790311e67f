// Package seqs is a small generic collections library, shaped like
// golang.org/x/exp/slices and samber/lo: generic helpers bound for the
// instantiations Python needs, and named slices and maps with methods,
// some of which change the value (pointer receivers).
package seqs

import (
	"cmp"
	"sort"
	"strings"
)

// Map applies f to every item.
//
//python:export instantiate=[int,string],[string,int]
func Map[T, U any](items []T, f func(T) U) []U {
	out := make([]U, len(items))
	for i, item := range items {
		out[i] = f(item)
	}
	return out
}

// Uniq drops repeated items, keeping the first of each.
//
//python:export instantiate=[string],[int]
func Uniq[T comparable](items []T) []T {
	seen := map[T]bool{}
	out := make([]T, 0, len(items))
	for _, item := range items {
		if !seen[item] {
			seen[item] = true
			out = append(out, item)
		}
	}
	return out
}

// MaxOf is the largest item, or zero and false for no items.
//
//python:export instantiate=[float64],[Tag]
func MaxOf[T cmp.Ordered](items []T) (T, bool) {
	var best T
	if len(items) == 0 {
		return best, false
	}
	best = items[0]
	for _, item := range items[1:] {
		best = max(best, item)
	}
	return best, true
}

// Keys returns the keys of m, sorted.
//
//python:export instantiate=[string,int]
func Keys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

// Tag is a lower-case label.
//
//python:export
type Tag string

// Tags is a set of labels kept in order: a named slice of a named type.
//
//python:export
type Tags []Tag

// Add appends tag unless it is there already; reports whether it was added.
//
//python:export
func (t *Tags) Add(tag Tag) bool {
	tag = Tag(strings.ToLower(string(tag)))
	for _, have := range *t {
		if have == tag {
			return false
		}
	}
	*t = append(*t, tag)
	return true
}

// String joins the tags with commas.
//
//python:export
func (t Tags) String() string {
	parts := make([]string, len(t))
	for i, tag := range t {
		parts[i] = string(tag)
	}
	return strings.Join(parts, ",")
}

// Counter counts words.
//
//python:export
type Counter map[string]int

// Feed counts the words of text.
//
//python:export
func (c *Counter) Feed(text string) int {
	if *c == nil {
		*c = Counter{}
	}
	words := strings.Fields(text)
	for _, w := range words {
		(*c)[w]++
	}
	return len(words)
}

// Top is the most counted word ("" for none).
//
//python:export
func (c Counter) Top() string {
	best, count := "", 0
	for w, n := range c {
		if n > count || (n == count && w < best) {
			best, count = w, n
		}
	}
	return best
}

// Stack is a stack of ints.
//
//python:export
type Stack []int

// Push puts x on top.
//
//python:export
func (s *Stack) Push(x int) { *s = append(*s, x) }

// Pop takes the top item; false when empty.
//
//python:export
func (s *Stack) Pop() (int, bool) {
	if len(*s) == 0 {
		return 0, false
	}
	top := (*s)[len(*s)-1]
	*s = (*s)[:len(*s)-1]
	return top, true
}
