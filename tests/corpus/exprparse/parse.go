// Package exprparse parses arithmetic expressions such as "2 * (x + 1.5)"
// into a tree of nodes, which can be printed, inspected and evaluated.
package exprparse

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Kinds of node.
//
//python:export
const (
	KindNumber = "number"
	KindVar    = "var"
	KindBinary = "binary"
	KindNeg    = "neg"
)

// MaxDepth bounds the nesting of parentheses.
//
//python:export
const MaxDepth = 64

// ErrEmpty is returned for an expression with nothing in it.
//
//python:export
var ErrEmpty = errors.New("exprparse: empty expression")

// SyntaxError tells where parsing stopped.
//
//python:export
type SyntaxError struct {
	Offset int
	Msg    string
}

// Error says where parsing stopped and why.
//
//python:export
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("exprparse: offset %d: %s", e.Offset, e.Msg)
}

// Node is one node of the tree: a number, a variable, a negation (one child)
// or a binary operator (two children).
//
//python:export
type Node struct {
	Kind string
	// Op is the operator of a binary node: one of + - * /.
	Op string
	// Value is the number of a number node.
	Value float64
	// Name is the name of a variable node.
	Name     string
	Children []*Node
}

// Parse parses src into a tree.
//
//python:export
func Parse(src string) (*Node, error) {
	p := &parser{src: src}
	p.skipSpace()
	if p.pos == len(p.src) {
		return nil, ErrEmpty
	}
	n, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(p.src) {
		return nil, p.fail("unexpected %q", p.src[p.pos])
	}
	return n, nil
}

// MustParse is Parse for expressions known to be valid; it panics otherwise.
//
//python:export
func MustParse(src string) *Node {
	n, err := Parse(src)
	if err != nil {
		panic(err)
	}
	return n
}

// String prints the tree fully parenthesised.
//
//python:export
func (n *Node) String() string {
	switch n.Kind {
	case KindNumber:
		return strconv.FormatFloat(n.Value, 'g', -1, 64)
	case KindVar:
		return n.Name
	case KindNeg:
		return "(-" + n.Children[0].String() + ")"
	default:
		return "(" + n.Children[0].String() + " " + n.Op + " " + n.Children[1].String() + ")"
	}
}

// Eval computes the value of the tree with the variables in vars.
//
//python:export
func (n *Node) Eval(vars map[string]float64) (float64, error) {
	switch n.Kind {
	case KindNumber:
		return n.Value, nil
	case KindVar:
		v, ok := vars[n.Name]
		if !ok {
			return 0, fmt.Errorf("exprparse: undefined variable %q", n.Name)
		}
		return v, nil
	case KindNeg:
		v, err := n.Children[0].Eval(vars)
		return -v, err
	}
	a, err := n.Children[0].Eval(vars)
	if err != nil {
		return 0, err
	}
	b, err := n.Children[1].Eval(vars)
	if err != nil {
		return 0, err
	}
	switch n.Op {
	case "+":
		return a + b, nil
	case "-":
		return a - b, nil
	case "*":
		return a * b, nil
	}
	if b == 0 {
		return 0, errors.New("exprparse: division by zero")
	}
	return a / b, nil
}

// Vars lists the variables the tree uses, in order of first use.
//
//python:export
func (n *Node) Vars() []string {
	var out []string
	seen := map[string]bool{}
	n.Walk(func(kind, text string, depth int) bool {
		if kind == KindVar && !seen[text] {
			seen[text] = true
			out = append(out, text)
		}
		return true
	})
	return out
}

// Walk visits the tree depth first, parents before children, calling visit
// with each node's kind, its text and its depth; visit returns false to skip
// the children of that node.
//
//python:export
func (n *Node) Walk(visit func(kind, text string, depth int) bool) {
	n.walk(visit, 0)
}

func (n *Node) walk(visit func(kind, text string, depth int) bool, depth int) {
	text := n.Op
	switch n.Kind {
	case KindNumber:
		text = strconv.FormatFloat(n.Value, 'g', -1, 64)
	case KindVar:
		text = n.Name
	case KindNeg:
		text = "-"
	}
	if !visit(n.Kind, text, depth) {
		return
	}
	for _, c := range n.Children {
		c.walk(visit, depth+1)
	}
}

// Depth is the height of the tree: 1 for a leaf.
//
//python:export
func (n *Node) Depth() int {
	d := 0
	for _, c := range n.Children {
		d = max(d, c.Depth())
	}
	return d + 1
}

type parser struct {
	src   string
	pos   int
	depth int
}

var precedence = map[byte]int{'+': 1, '-': 1, '*': 2, '/': 2}

func (p *parser) fail(format string, args ...any) error {
	return &SyntaxError{Offset: p.pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
}

// expr parses operators of at least the given precedence (precedence climbing).
func (p *parser) expr(minPrec int) (*Node, error) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		p.skipSpace()
		if p.pos == len(p.src) {
			return left, nil
		}
		op := p.src[p.pos]
		prec, ok := precedence[op]
		if !ok || prec < minPrec {
			return left, nil
		}
		p.pos++
		right, err := p.expr(prec + 1)
		if err != nil {
			return nil, err
		}
		left = &Node{Kind: KindBinary, Op: string(op), Children: []*Node{left, right}}
	}
}

func (p *parser) unary() (*Node, error) {
	p.skipSpace()
	if p.pos == len(p.src) {
		return nil, p.fail("unexpected end of input")
	}
	switch c := p.src[p.pos]; {
	case c == '-':
		p.pos++
		child, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: KindNeg, Children: []*Node{child}}, nil
	case c == '(':
		if p.depth++; p.depth > MaxDepth {
			return nil, p.fail("nested deeper than %d", MaxDepth)
		}
		p.pos++
		n, err := p.expr(0)
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos == len(p.src) || p.src[p.pos] != ')' {
			return nil, p.fail("missing )")
		}
		p.pos++
		p.depth--
		return n, nil
	case c >= '0' && c <= '9' || c == '.':
		start := p.pos
		for p.pos < len(p.src) && (p.src[p.pos] >= '0' && p.src[p.pos] <= '9' || p.src[p.pos] == '.') {
			p.pos++
		}
		text := p.src[start:p.pos]
		v, err := strconv.ParseFloat(text, 64)
		if err != nil {
			p.pos = start
			return nil, p.fail("bad number %q", text)
		}
		return &Node{Kind: KindNumber, Value: v}, nil
	case unicode.IsLetter(rune(c)) || c == '_':
		start := p.pos
		for p.pos < len(p.src) && (unicode.IsLetter(rune(p.src[p.pos])) ||
			unicode.IsDigit(rune(p.src[p.pos])) || p.src[p.pos] == '_') {
			p.pos++
		}
		return &Node{Kind: KindVar, Name: strings.Clone(p.src[start:p.pos])}, nil
	default:
		return nil, p.fail("unexpected %q", c)
	}
}
