// Package named exercises named basic types inside slices, arrays, maps and
// pointers, of this package (Kind, Level) and of another (time.Duration), and
// named basic types marked //python:export (Python names).
package named

import (
	"fmt"
	"strings"
	"time"
)

// Kind is the kind of a token.
//
//python:export
type Kind string

// Level is a log level.
//
//python:export
type Level int

// Ratio is a share between 0 and 1.
//
//python:export
type Ratio float64

// Small is a byte-sized count (not marked: it behaves as uint8 only).
type Small uint8

//python:export
func Kinds(src string) []Kind {
	var out []Kind
	for _, word := range strings.Fields(src) {
		out = append(out, Kind(strings.ToLower(word)))
	}
	return out
}

//python:export
func JoinKinds(kinds []Kind) string {
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = string(k)
	}
	return strings.Join(parts, "+")
}

//python:export
func Counts() map[Level]int { return map[Level]int{1: 10, 2: 20} }

//python:export
func Total(counts map[Level]int) int {
	sum := 0
	for level, n := range counts {
		sum += int(level) * n
	}
	return sum
}

//python:export
func Levels(n int) []Level {
	out := make([]Level, n)
	for i := range out {
		out[i] = Level(i * 10)
	}
	return out
}

//python:export
func SumLevels(levels []Level) Level {
	var sum Level
	for _, l := range levels {
		sum += l
	}
	return sum
}

//python:export
func Bump(level *Level) *Level {
	if level == nil {
		return nil
	}
	up := *level + 1
	return &up
}

//python:export
func Four(kinds [4]Kind) [4]Kind {
	return [4]Kind{kinds[3], kinds[2], kinds[1], kinds[0]}
}

//python:export
func ByName(levels map[string][]Level) map[string][]Level {
	out := map[string][]Level{}
	for name, list := range levels {
		out[strings.ToUpper(name)] = append(list, Level(len(list)))
	}
	return out
}

//python:export
func Smalls(values []Small) []Small {
	out := make([]Small, len(values))
	for i, v := range values {
		out[i] = v * 2
	}
	return out
}

//python:export
func Waits(d []time.Duration) map[string]time.Duration {
	out := map[string]time.Duration{}
	for i, w := range d {
		out[fmt.Sprint(i)] = w * 2
	}
	return out
}

// Timeout is a time.Duration: another package's named int with methods.
//
//python:export
func Timeout(seconds float64) time.Duration { return time.Duration(seconds * float64(time.Second)) }

//python:export
func Twice(d time.Duration) time.Duration { return 2 * d }

//python:export
func Longest(waits map[string]time.Duration) time.Duration {
	var best time.Duration
	for _, w := range waits {
		if w > best {
			best = w
		}
	}
	return best
}

//python:export
func Describe(l Level, r Ratio) string { return fmt.Sprintf("%d@%.2f", l, r) }

//python:export
func Half(r Ratio) Ratio { return r / 2 }

// EachLevel calls visit with each level and its kinds; visit answers a weight.
//
//python:export
func EachLevel(levels []Level, visit func(Level, []Kind) Ratio) Ratio {
	var sum Ratio
	for _, l := range levels {
		sum += visit(l, []Kind{Kind(fmt.Sprint(l))})
	}
	return sum
}

//python:export
func Scale(waits []time.Duration, by func(time.Duration) time.Duration) []time.Duration {
	out := make([]time.Duration, len(waits))
	for i, w := range waits {
		out[i] = by(w)
	}
	return out
}

// Filter is a struct with named composites as fields.
//
//python:export
type Filter struct {
	Kinds  []Kind
	Limits map[Level]time.Duration
	Floor  *Level
}

//python:export
func (f *Filter) Allows(k Kind) bool {
	for _, want := range f.Kinds {
		if want == k {
			return true
		}
	}
	return false
}

// Defaults are the levels a new logger starts with.
//
//python:export
var Defaults = []Level{1, 2}

// Gate has a field named like its type: the typed module must still name the type.
//
//python:export
type Gate struct {
	Level Level
}

//python:export
func (g *Gate) Passes(l Level) bool { return l >= g.Level }
