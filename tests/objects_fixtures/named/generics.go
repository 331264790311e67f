package named

import (
	"sort"
	"time"
)

// Number is what Sum adds.
type Number interface{ ~int | ~int64 | ~float64 }

// The file imports time for the type argument time.Duration below.
var _ time.Duration

// Sum adds the numbers.
//
//python:export instantiate=[int],[float64],[Level],[time.Duration]
func Sum[T Number](xs []T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

// SortedKeys returns the keys of m in order.
//
//python:export instantiate=[string, int],[int, []string]
func SortedKeys[K int | string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

// Pair makes a two-item list.
//
//python:export instantiate=[Kind]
func Pair[T any](a, b T) []T { return []T{a, b} }

// Unlisted is generic and not instantiated: it is left out.
func Unlisted[T any](x T) T { return x }

// Table maps keys to values, in insertion order.
//
//python:export instantiate=[string, int],[int, Kind]
type Table[K comparable, V any] struct {
	Title  string
	keys   []K
	values map[K]V
}

// NewTable returns an empty table.
//
//python:export instantiate=[string, int],[int, Kind]
func NewTable[K comparable, V any](title string) *Table[K, V] {
	return &Table[K, V]{Title: title, values: map[K]V{}}
}

// Put sets the value of key.
//
//python:export
func (t *Table[K, V]) Put(key K, value V) {
	if t.values == nil { // a Table made in Python
		t.values = map[K]V{}
	}
	if _, ok := t.values[key]; !ok {
		t.keys = append(t.keys, key)
	}
	t.values[key] = value
}

// Get returns the value of key and whether it is there.
//
//python:export
func (t *Table[K, V]) Get(key K) (V, bool) {
	v, ok := t.values[key]
	return v, ok
}

// Keys returns the keys in insertion order.
//
//python:export
func (t *Table[K, V]) Keys() []K { return append([]K(nil), t.keys...) }

// Merge copies the entries of other into t.
//
//python:export
func (t *Table[K, V]) Merge(other *Table[K, V]) {
	for _, k := range other.keys {
		t.Put(k, other.values[k])
	}
}

// Size is the number of entries of a table.
//
//python:export
func Size(t *Table[string, int]) int { return len(t.keys) }

// Stack is a last-in, first-out list.
//
//python:export instantiate=[int],[string]
type Stack[T any] []T

// Push adds x on top.
//
//python:export
func (s *Stack[T]) Push(x T) { *s = append(*s, x) }

// Top is the item on top.
//
//python:export
func (s Stack[T]) Top() T { return s[len(s)-1] }
