// Package lexer splits source text of a small C-like language into tokens.
package lexer

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
//
//python:export
type Kind string

// Token kinds.
//
//python:export
const (
	Ident   Kind = "ident"
	Number  Kind = "number"
	String  Kind = "string"
	Punct   Kind = "punct"
	Keyword Kind = "keyword"
	EOF     Kind = "eof"
)

// Keywords lists the words lexed as Keyword rather than Ident.
//
//python:export
var Keywords = []string{"if", "else", "for", "return", "func", "var"}

// Token is one lexeme with its position.
//
//python:export
type Token struct {
	Kind Kind
	Text string
	// Line and Col are 1-based.
	Line int
	Col  int
}

// Lexer reads tokens one at a time.
//
//python:export
type Lexer struct {
	src  string
	pos  int
	line int
	col  int
}

// New returns a lexer over src.
//
//python:export
func New(src string) *Lexer { return &Lexer{src: src, line: 1, col: 1} }

// Next returns the next token; at the end it returns a token of kind EOF.
//
//python:export
func (l *Lexer) Next() (Token, error) {
	l.skipSpace()
	tok := Token{Line: l.line, Col: l.col}
	if l.pos >= len(l.src) {
		tok.Kind = EOF
		return tok, nil
	}
	start := l.pos
	r, _ := utf8.DecodeRuneInString(l.src[l.pos:])
	switch {
	case unicode.IsLetter(r) || r == '_':
		l.advanceWhile(func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' })
		tok.Kind = Ident
		if isKeyword(l.src[start:l.pos]) {
			tok.Kind = Keyword
		}
	case unicode.IsDigit(r):
		l.advanceWhile(func(r rune) bool { return unicode.IsDigit(r) || r == '.' })
		tok.Kind = Number
	case r == '"':
		l.advance()
		l.advanceWhile(func(r rune) bool { return r != '"' && r != '\n' })
		if l.pos >= len(l.src) || l.src[l.pos] != '"' {
			return Token{}, fmt.Errorf("lexer: %d:%d: unterminated string", tok.Line, tok.Col)
		}
		l.advance()
		tok.Kind = String
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		l.advance()
		if l.pos < len(l.src) && isTwoCharOp(l.src[start:l.pos+1]) {
			l.advance()
		}
		tok.Kind = Punct
	default:
		return Token{}, fmt.Errorf("lexer: %d:%d: unexpected %q", tok.Line, tok.Col, r)
	}
	tok.Text = l.src[start:l.pos]
	return tok, nil
}

// Tokenize lexes all of src, without the final EOF token.
//
//python:export
func Tokenize(src string) ([]Token, error) {
	l := New(src)
	var out []Token
	for {
		tok, err := l.Next()
		if err != nil {
			return nil, err
		}
		if tok.Kind == EOF {
			return out, nil
		}
		out = append(out, tok)
	}
}

// CountKinds tells how many tokens of each kind src has.
//
//python:export
func CountKinds(src string) (map[string]int, error) {
	toks, err := Tokenize(src)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, t := range toks {
		counts[string(t.Kind)]++
	}
	return counts, nil
}

// Kinds lists the kinds of the tokens of src.
//
//python:export
func Kinds(src string) ([]Kind, error) {
	toks, err := Tokenize(src)
	if err != nil {
		return nil, err
	}
	out := make([]Kind, len(toks))
	for i, t := range toks {
		out[i] = t.Kind
	}
	return out, nil
}

func isKeyword(word string) bool {
	for _, k := range Keywords {
		if k == word {
			return true
		}
	}
	return false
}

func isTwoCharOp(s string) bool {
	switch s {
	case "==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=", "-=":
		return true
	}
	return false
}

func (l *Lexer) advance() {
	r, size := utf8.DecodeRuneInString(l.src[l.pos:])
	l.pos += size
	if r == '\n' {
		l.line++
		l.col = 1
	} else {
		l.col++
	}
}

func (l *Lexer) advanceWhile(ok func(rune) bool) {
	for l.pos < len(l.src) {
		r, _ := utf8.DecodeRuneInString(l.src[l.pos:])
		if !ok(r) {
			return
		}
		l.advance()
	}
}

func (l *Lexer) skipSpace() {
	l.advanceWhile(unicode.IsSpace)
}
