package named

import "strings"

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

// Reversed returns the row backwards.
//
//python:export
func Reversed(r Row) Row { return Row{r[2], r[1], r[0]} }
