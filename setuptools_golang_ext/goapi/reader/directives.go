package main

import (
	"fmt"
	"go/ast"
	"strings"
	"unicode"
)

const pythonExport = "python:export"

// docInfo is what a doc comment says: its text for people, and the
// directives and cgo export line for tools.
type docInfo struct {
	text       string
	directives []string // "python:export", "go:noinline", ... (no slashes)
	cExport    *string  // Name of a cgo `//export Name` line
	problems   []directiveProblem
}

// parseDoc reads a doc comment. CommentGroup.Text already drops directive
// lines (and //export) from the text, by the same rules used here.
func (b *builder) parseDoc(group *ast.CommentGroup) docInfo {
	info := docInfo{directives: []string{}}
	if group == nil {
		return info
	}
	info.text = group.Text()
	for _, c := range group.List {
		line, ok := strings.CutPrefix(c.Text, "//")
		if !ok {
			continue // a /* */ comment holds no directives
		}
		switch {
		case isDirective(line):
			info.directives = append(info.directives, strings.TrimRightFunc(line, unicode.IsSpace))
			if msg := pythonDirectiveProblem(line); msg != "" {
				info.problems = append(info.problems, b.problem(c, msg))
			}
		case strings.HasPrefix(line, "export "):
			if fields := strings.Fields(line); len(fields) == 2 {
				info.cExport = &fields[1]
			}
		default:
			if reason := nearPythonExport(line); reason != "" {
				info.problems = append(info.problems, b.problem(c,
					fmt.Sprintf("%q is not a directive (%s); did you mean //%s?",
						c.Text, reason, pythonExport)))
			}
		}
	}
	return info
}

func (b *builder) problem(c *ast.Comment, msg string) directiveProblem {
	return directiveProblem{Pos: b.pos(c.Slash), Text: c.Text, Message: msg}
}

// isDirective applies Go's convention for directive comments (the one
// go/ast uses): "//" directly followed by a lower-case name, a colon and a
// lower-case letter or digit, as in //go:noinline or //python:export.
func isDirective(line string) bool {
	name, arg, ok := strings.Cut(line, ":")
	if !ok || name == "" || arg == "" {
		return false
	}
	return strings.IndexFunc(name, notLowerAlnum) < 0 && !notLowerAlnum(rune(arg[0]))
}

func notLowerAlnum(r rune) bool {
	return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
}

// isPythonExport reports whether a directive is //python:export, which may
// be followed by a space and options.
func isPythonExport(directive string) bool {
	rest, ok := strings.CutPrefix(directive, pythonExport)
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// pythonDirectiveProblem catches well-formed directives in the python
// namespace that are not python:export, such as //python:exprot.
func pythonDirectiveProblem(line string) string {
	if !strings.HasPrefix(line, "python:") || isPythonExport(line) {
		return ""
	}
	return fmt.Sprintf("unknown directive //%s; did you mean //%s?",
		strings.TrimSpace(line), pythonExport)
}

// nearPythonExport says why a comment line that is not a directive looks
// like a mistyped //python:export ("" if it does not). It compares the
// first word, or the first two joined where a space split the directive
// ("// python: export"), with python:export, tolerating two typos.
func nearPythonExport(line string) string {
	words := strings.Fields(line)
	if len(words) == 0 {
		return ""
	}
	token, joined := words[0], false
	if len(words) > 1 && (strings.HasSuffix(token, ":") || strings.HasPrefix(words[1], ":") ||
		strings.EqualFold(token, "python")) {
		token, joined = token+words[1], true
	}
	lower := strings.ToLower(token)
	// Prose like "// Python: exported names..." must not match once joined.
	limit := 2
	if joined {
		limit = 1
	}
	if editDistance(lower, pythonExport) > limit {
		return ""
	}
	switch {
	case line != "" && unicode.IsSpace(rune(line[0])):
		return "a directive has no space after //"
	case joined:
		return "a directive has no spaces inside"
	case lower != token:
		return "a directive is lower case"
	}
	return "misspelled"
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of neighbours each cost one.
func editDistance(a, b string) int {
	// Three rolling rows: two back is needed for swaps.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
