package main

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"strings"
)

// instantiateOption lists the instantiations of a generic function to bind:
// //python:export instantiate=[string,int],[int,float64]
const instantiateOption = "instantiate="

// instanceRequests are the instantiations asked for outside the source (the
// -instantiate flag: a pyproject table), by generic function name.
var instanceRequests = map[string][]string{}

// addInstances appends an instantiated copy of the generic function fn for
// each instantiation its directives or the -instantiate flag list. go/types
// checks the type arguments; a wrong one is an instance problem with Go's reason.
func (b *builder) addInstances(doc *apiDocument, fn *types.Func, info docInfo) {
	sig := fn.Type().(*types.Signature)
	if sig.TypeParams().Len() == 0 || sig.Recv() != nil {
		return
	}
	for _, spelled := range b.requestedInstances(fn, info) {
		out, err := b.instance(fn, info, spelled)
		if err != nil {
			doc.InstanceProblems = append(doc.InstanceProblems, directiveProblem{
				Pos: b.objPos(fn), Text: fn.Name() + "[" + spelled + "]",
				Message: fmt.Sprintf("%s[%s]: %v", fn.Name(), spelled, err)})
			continue
		}
		doc.Functions = append(doc.Functions, out)
	}
}

func (b *builder) requestedInstances(fn *types.Func, info docInfo) []string {
	found, _ := listedInstances(fn.Name(), info)
	return found
}

// listedInstances are the instantiations of the generic declaration name that
// its directives and the -instantiate flag list, and the words of its
// directives that look like an instantiation spelled another way (Typed[int]).
func listedInstances(name string, info docInfo) (found, misspelled []string) {
	for _, directive := range info.directives {
		if !isPythonExport(directive) {
			continue
		}
		for _, word := range optionWords(strings.TrimPrefix(directive, pythonExport)) {
			if list, ok := strings.CutPrefix(word, instantiateOption); ok {
				found = append(found, splitInstances(list)...)
			} else if !strings.Contains(word, "=") && strings.Contains(word, "[") {
				misspelled = append(misspelled, word)
			}
		}
	}
	return append(found, instanceRequests[name]...), misspelled
}

// optionWords splits the options at spaces outside brackets, so that
// instantiate=[string, int] is one word.
func optionWords(options string) []string {
	var words []string
	depth, word := 0, []rune{}
	for _, r := range options {
		switch {
		case r == '[' || r == '(' || r == '{':
			depth++
		case r == ']' || r == ')' || r == '}':
			depth--
		case (r == ' ' || r == '\t') && depth <= 0:
			if len(word) > 0 {
				words = append(words, string(word))
			}
			word, depth = word[:0], 0
			continue
		}
		word = append(word, r)
	}
	if len(word) > 0 { // brackets left open: the error quotes it
		words = append(words, string(word))
	}
	return words
}

// splitInstances splits "[string,int],[int,float64]" into "string,int" and
// "int,float64"; text outside brackets is kept whole, for the error to quote.
func splitInstances(list string) []string {
	var found []string
	depth, start := 0, 0
	for i, r := range list {
		switch {
		case r == '[' || r == '(' || r == '{':
			depth++
		case r == ']' || r == ')' || r == '}':
			depth--
		case r == ',' && depth == 0:
			found = append(found, unbracket(list[start:i]))
			start = i + 1
		}
	}
	return append(found, unbracket(list[start:]))
}

func unbracket(item string) string {
	if strings.HasPrefix(item, "[") && strings.HasSuffix(item, "]") {
		return item[1 : len(item)-1]
	}
	return item
}

// instance is fn instantiated with the type arguments spelled (Go syntax,
// comma-separated, resolved in the package scope).
func (b *builder) instance(fn *types.Func, info docInfo, spelled string) (funcOut, error) {
	inst, targs, err := b.instantiate(fn.Type(), spelled, fn.Pos())
	if err != nil {
		return funcOut{}, err
	}
	concrete := types.NewFunc(fn.Pos(), fn.Pkg(), fn.Name(), inst.(*types.Signature))
	out := b.function(concrete, nil, info)
	out.TypeArgs = []*typeRef{}
	for _, t := range targs {
		out.TypeArgs = append(out.TypeArgs, b.ref(t, false))
	}
	return out, nil
}

// instantiate checks the type arguments spelled against generic's type
// parameters; a wrong one is an error with Go's reason.
func (b *builder) instantiate(generic types.Type, spelled string, at token.Pos,
) (types.Type, []types.Type, error) {
	targs, err := b.typeArguments(spelled, at)
	if err != nil {
		return nil, nil, err
	}
	inst, err := types.Instantiate(types.NewContext(), generic, targs, true)
	if err != nil {
		var arg *types.ArgumentError
		if errors.As(err, &arg) {
			return nil, nil, fmt.Errorf("type argument %d: %v", arg.Index+1, arg.Err)
		}
		return nil, nil, err
	}
	return inst, targs, nil
}

// typeArguments resolves the types as the file declaring the function sees
// them (its imports too); at is a position in that file.
func (b *builder) typeArguments(spelled string, at token.Pos) ([]types.Type, error) {
	fset := token.NewFileSet()
	expr, err := parser.ParseExprFrom(fset, "", "F["+spelled+"]", 0)
	if err != nil {
		var list scanner.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			err = errors.New(list[0].Msg)
		}
		return nil, fmt.Errorf("not a list of Go types (%v); write them as in Go: [string, int]", err)
	}
	var exprs []ast.Expr
	switch e := expr.(type) {
	case *ast.IndexExpr:
		exprs = []ast.Expr{e.Index}
	case *ast.IndexListExpr:
		exprs = e.Indices
	default:
		return nil, fmt.Errorf("not a list of Go types; write them as in Go: [string, int]")
	}
	var targs []types.Type
	for _, e := range exprs {
		info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
		if err := types.CheckExpr(fset, b.pkg, b.fileScopePos(at), e, info); err != nil {
			var typeErr types.Error
			if errors.As(err, &typeErr) {
				err = errors.New(typeErr.Msg)
			}
			return nil, err
		}
		if tv := info.Types[e]; tv.IsType() {
			targs = append(targs, tv.Type)
		} else {
			return nil, fmt.Errorf("%s is not a type", types.ExprString(e))
		}
	}
	return targs, nil
}

// fileScopePos is the package clause of the file holding at: in that file's
// scope, outside any function.
func (b *builder) fileScopePos(at token.Pos) token.Pos {
	for _, f := range b.files {
		if f.FileStart <= at && at <= f.FileEnd {
			return f.Name.Pos()
		}
	}
	return token.NoPos
}
