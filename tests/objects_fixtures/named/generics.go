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
