// Package loglevel is a levelled logger: a Level enum declared the Go way
// (a named int with iota constants), and a Logger that keeps its lines.
package loglevel

import (
	"fmt"
	"strings"
	"sync"
)

// Level is the severity of a log line.
//
//python:export
type Level int

// The levels, from least to most severe.
//
//python:export
const (
	Debug Level = iota - 1
	Info
	Warn
	Error
	Fatal
)

// Formats a Logger can write.
//
//python:export
const (
	FormatText = "text"
	FormatJSON = "json"
)

// DefaultLevel is the level of new loggers.
//
//python:export
var DefaultLevel = Info

// Names maps each level to its name.
//
//python:export
var Names = map[int]string{
	int(Debug): "DEBUG", int(Info): "INFO", int(Warn): "WARN", int(Error): "ERROR", int(Fatal): "FATAL",
}

// String returns the level's name, as in "WARN".
//
//python:export
func (l Level) String() string {
	if name, ok := Names[int(l)]; ok {
		return name
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// Name returns the name of level l.
//
//python:export
func Name(l Level) string { return l.String() }

// ParseLevel reads a level name, in any case.
//
//python:export
func ParseLevel(s string) (Level, error) {
	for l, name := range Names {
		if strings.EqualFold(s, name) {
			return Level(l), nil
		}
	}
	return 0, fmt.Errorf("loglevel: unknown level %q", s)
}

// Logger keeps the lines at or above its Level.
//
//python:export
type Logger struct {
	// Level is the least severe level written.
	Level Level
	// Prefix starts every line.
	Prefix string
	// Format is FormatText or FormatJSON.
	Format string
	mu     sync.Mutex
	lines  []string
	counts map[Level]int
}

// NewLogger returns a text logger at DefaultLevel.
//
//python:export
func NewLogger(prefix string) *Logger {
	return &Logger{Level: DefaultLevel, Prefix: prefix, Format: FormatText}
}

// Enabled reports whether lines at level l are written.
//
//python:export
func (g *Logger) Enabled(l Level) bool { return l >= g.Level }

// Log writes msg at level l, with fields in key order; it reports whether
// the line was written.
//
//python:export
func (g *Logger) Log(l Level, msg string, fields map[string]string) bool {
	if !g.Enabled(l) {
		return false
	}
	line := g.format(l, msg, fields)
	g.mu.Lock()
	defer g.mu.Unlock()
	g.lines = append(g.lines, line)
	if g.counts == nil {
		g.counts = map[Level]int{}
	}
	g.counts[l]++
	return true
}

// Infof writes a formatted line at Info.
//
//python:export
func (g *Logger) Infof(format string, args ...string) bool {
	values := make([]any, len(args))
	for i, a := range args {
		values[i] = a
	}
	return g.Log(Info, fmt.Sprintf(format, values...), nil)
}

// Lines returns what was written so far.
//
//python:export
func (g *Logger) Lines() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.lines...)
}

// Counts returns how many lines were written per level.
//
//python:export
func (g *Logger) Counts() map[Level]int {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make(map[Level]int, len(g.counts))
	for l, n := range g.counts {
		out[l] = n
	}
	return out
}

func (g *Logger) format(l Level, msg string, fields map[string]string) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sortStrings(keys)
	var b strings.Builder
	if g.Format == FormatJSON {
		fmt.Fprintf(&b, `{"level":%q,"msg":%q`, l.String(), g.Prefix+msg)
		for _, k := range keys {
			fmt.Fprintf(&b, ",%q:%q", k, fields[k])
		}
		b.WriteString("}")
		return b.String()
	}
	fmt.Fprintf(&b, "%-5s %s%s", l, g.Prefix, msg)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%s", k, fields[k])
	}
	return b.String()
}

// sortStrings is an insertion sort: field lists are short.
func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
