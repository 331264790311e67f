package main

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// builder turns the checked package into the output lists.
type builder struct {
	typeConverter
	fset    *token.FileSet
	files   []*ast.File
	sources map[string][]byte

	funcDecls  map[*types.Func]*ast.FuncDecl // functions and methods by object
	fieldDecls map[types.Object]*ast.Field   // struct fields and interface methods
	docs       map[*ast.CommentGroup]docInfo // parsed once, so problems are reported once
	problems   []directiveProblem
}

func newBuilder(c *checkedPackage) *builder {
	return &builder{
		typeConverter: typeConverter{pkg: c.pkg, info: c.info, instances: &[]typeInstance{}},
		fset:          c.fset,
		files:         c.files,
		sources:       c.sources,
		funcDecls:     map[*types.Func]*ast.FuncDecl{},
		fieldDecls:    map[types.Object]*ast.Field{},
		docs:          map[*ast.CommentGroup]docInfo{},
	}
}

func (b *builder) describe(doc *apiDocument) {
	b.index()
	b.collectTypeInstances(doc)
	for _, f := range b.files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				b.addFunc(doc, d)
			case *ast.GenDecl:
				b.addGenDecl(doc, d)
			}
		}
	}
	b.describeTypeInstances(doc)
	b.checkDetached()
	b.describeForeign(doc)
	doc.Package.Doc = b.packageDoc()
	sort.SliceStable(b.problems, func(i, j int) bool {
		return lessPos(b.problems[i].Pos, b.problems[j].Pos)
	})
	doc.DirectiveProblems = append(doc.DirectiveProblems, b.problems...)
}

// index finds the declarations behind function, method and field objects,
// so that methods and promoted fields, reached through go/types, get their
// doc comments and source text too.
func (b *builder) index() {
	for _, f := range b.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if fn, ok := b.info.Defs[n.Name].(*types.Func); ok {
					b.funcDecls[fn] = n
				}
				return false // local types in bodies are not API
			case *ast.GenDecl:
				return n.Tok == token.TYPE
			case *ast.Field:
				b.indexField(n)
			}
			return true
		})
	}
}

func (b *builder) indexField(field *ast.Field) {
	idents := field.Names
	if len(idents) == 0 { // embedded: go/types defines the field at the type's name
		if id := embeddedIdent(field.Type); id != nil {
			idents = []*ast.Ident{id}
		}
	}
	for _, id := range idents {
		if obj := b.info.Defs[id]; obj != nil {
			b.fieldDecls[obj] = field
		}
	}
	b.fieldDoc(field) // reports directive problems in field comments
}

func embeddedIdent(expr ast.Expr) *ast.Ident {
	switch e := expr.(type) {
	case *ast.Ident:
		return e
	case *ast.StarExpr:
		return embeddedIdent(e.X)
	case *ast.ParenExpr:
		return embeddedIdent(e.X)
	case *ast.SelectorExpr:
		return e.Sel
	case *ast.IndexExpr: // generic: Inner[T]
		return embeddedIdent(e.X)
	case *ast.IndexListExpr:
		return embeddedIdent(e.X)
	}
	return nil
}

func (b *builder) doc(group *ast.CommentGroup) docInfo {
	if info, ok := b.docs[group]; ok {
		return info
	}
	info := b.parseDoc(group)
	b.docs[group] = info
	b.problems = append(b.problems, info.problems...)
	return info
}

// fieldDoc is a field's doc comment, or else its line comment, which is
// how fields are often documented.
func (b *builder) fieldDoc(field *ast.Field) docInfo {
	if field.Doc == nil && field.Comment != nil {
		return b.doc(field.Comment)
	}
	return b.doc(field.Doc)
}

// specDoc combines a group's doc comment with one spec's: the spec's text
// wins if it has one, and the directives of both apply.
func (b *builder) specDoc(group docInfo, spec *ast.CommentGroup) docInfo {
	own := b.doc(spec)
	merged := docInfo{text: group.text, cExport: own.cExport,
		directives: append(append([]string{}, group.directives...), own.directives...)}
	if spec != nil {
		merged.text = own.text
	}
	return merged
}

func (b *builder) addFunc(doc *apiDocument, d *ast.FuncDecl) {
	info := b.doc(d.Doc)
	fn, ok := b.info.Defs[d.Name].(*types.Func)
	if !ok || (!b.funcExported(fn) && len(info.directives) == 0) {
		return
	}
	doc.Functions = append(doc.Functions, b.function(fn, d.Type, info))
	b.addInstances(doc, fn, info)
}

// funcExported: usable from another package by name, so a method also
// needs an exported receiver type.
func (b *builder) funcExported(fn *types.Func) bool {
	if !fn.Exported() {
		return false
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return true
	}
	if named, ok := derefNamed(recv.Type()); ok {
		return named.Obj().Exported()
	}
	return true
}

func derefNamed(t types.Type) (*types.Named, bool) {
	t = unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = unalias(p.Elem())
	}
	named, ok := t.(*types.Named)
	return named, ok
}

// function describes fn; ftype is its declaration's syntax if this package
// declares it (nil for methods promoted from other packages).
func (b *builder) function(fn *types.Func, ftype *ast.FuncType, info docInfo) funcOut {
	sig := fn.Type().(*types.Signature)
	out := funcOut{
		Name: fn.Name(), Doc: info.text, Pos: b.objPos(fn), Directives: info.directives,
		CExport: info.cExport, Exported: b.funcExported(fn), Variadic: sig.Variadic(),
		TypeParams: b.typeParams(sig.TypeParams()),
	}
	var params, results *ast.FieldList
	if ftype != nil {
		params, results = ftype.Params, ftype.Results
	}
	out.Params = b.params(params, sig.Params(), sig.Variadic())
	out.Results = b.params(results, sig.Results(), false)
	if recv := sig.Recv(); recv != nil {
		out.Receiver = b.receiver(recv)
		if len(out.TypeParams) == 0 {
			out.TypeParams = b.typeParams(sig.RecvTypeParams())
		}
	}
	return out
}

func (b *builder) receiver(recv *types.Var) *receiverOut {
	t, pointer := unalias(recv.Type()), false
	if p, ok := t.(*types.Pointer); ok {
		t, pointer = p.Elem(), true
	}
	// Not expanded: the receiver type is described by its own declaration.
	return &receiverOut{Name: recv.Name(), Type: b.ref(t, false), Pointer: pointer}
}

func (b *builder) typeParams(list *types.TypeParamList) []typeParamOut {
	out := []typeParamOut{}
	for i := 0; i < list.Len(); i++ {
		tp := list.At(i)
		out = append(out, typeParamOut{Name: tp.Obj().Name(), Constraint: b.ref(tp.Constraint(), true)})
	}
	return out
}

// params pairs the signature's parameters with their syntax: one field of
// the syntax may declare several parameters (a, b int).
func (b *builder) params(list *ast.FieldList, tuple *types.Tuple, variadic bool) []paramOut {
	var exprs []ast.Expr
	if list != nil {
		for _, field := range list.List {
			for n := max(len(field.Names), 1); n > 0; n-- {
				exprs = append(exprs, field.Type)
			}
		}
	}
	out := make([]paramOut, tuple.Len())
	for i := range out {
		v := tuple.At(i)
		var expr ast.Expr
		if len(exprs) == tuple.Len() {
			expr = exprs[i]
		}
		ref := b.refWithSyntax(v.Type(), expr, true)
		out[i] = paramOut{Name: v.Name(), Type: ref, Syntax: b.source(expr)}
		if expr == nil { // no syntax (another package's method): spell it
			out[i].Syntax = ref.Go
			if variadic && i == len(out)-1 && ref.Elem != nil {
				out[i].Syntax = "..." + ref.Elem.Go
			}
		}
	}
	return out
}

func (b *builder) addGenDecl(doc *apiDocument, d *ast.GenDecl) {
	if d.Tok == token.IMPORT {
		// The doc of `import "C"` is the cgo preamble, C code, not API.
		b.markNotAPI(d.Doc)
		for _, spec := range d.Specs {
			b.markNotAPI(spec.(*ast.ImportSpec).Doc)
		}
		return
	}
	group := b.doc(d.Doc)
	for _, spec := range d.Specs {
		switch s := spec.(type) {
		case *ast.ValueSpec:
			b.addValues(doc, s, b.specDoc(group, s.Doc))
		case *ast.TypeSpec:
			b.addType(doc, s, b.specDoc(group, s.Doc))
		}
	}
}

// markNotAPI keeps a comment out of the directive checks.
func (b *builder) markNotAPI(group *ast.CommentGroup) {
	if group != nil {
		b.docs[group] = docInfo{}
	}
}

func (b *builder) addValues(doc *apiDocument, s *ast.ValueSpec, info docInfo) {
	for _, id := range s.Names {
		obj := b.info.Defs[id]
		if obj == nil || id.Name == "_" || (!obj.Exported() && len(info.directives) == 0) {
			continue
		}
		v := valueOut{Name: obj.Name(), Doc: info.text, Pos: b.objPos(obj),
			Directives: info.directives, Exported: obj.Exported(),
			Type: b.refWithSyntax(obj.Type(), s.Type, true)}
		if c, ok := obj.(*types.Const); ok {
			setConstant(&v, c.Val())
			doc.Constants = append(doc.Constants, v)
		} else {
			doc.Variables = append(doc.Variables, v)
		}
	}
}

func setConstant(v *valueOut, val constant.Value) {
	kinds := map[constant.Kind]string{constant.Bool: "bool", constant.String: "string",
		constant.Int: "int", constant.Float: "float", constant.Complex: "complex"}
	v.ValueKind = kinds[val.Kind()]
	if v.ValueKind == "" { // constant.Unknown: the declaration has an error
		v.ValueKind = "unknown"
		return
	}
	exact := val.ExactString()
	v.Value = &exact
	switch val.Kind() {
	case constant.String:
		s := constant.StringVal(val)
		v.StringValue = &s
	case constant.Float, constant.Complex:
		v.ValueApprox = val.String()
	}
}

func (b *builder) addType(doc *apiDocument, s *ast.TypeSpec, info docInfo) {
	obj, ok := b.info.Defs[s.Name].(*types.TypeName)
	if !ok || (!obj.Exported() && len(info.directives) == 0) {
		return
	}
	// For an alias the compiler only sees the aliased type.
	target := unalias(obj.Type())
	out := typeDeclOut{
		Name: obj.Name(), Doc: info.text, Pos: b.objPos(obj), Directives: info.directives,
		Exported: obj.Exported(), Alias: obj.IsAlias(), TypeParams: []typeParamOut{},
		Type: b.ref(target, true), Underlying: b.withNamedBasics(target.Underlying()),
		Fields: []fieldOut{}, Methods: b.methods(target),
	}
	if named, ok := target.(*types.Named); ok && !obj.IsAlias() {
		out.TypeParams = b.typeParams(named.TypeParams())
	}
	if st, ok := target.Underlying().(*types.Struct); ok {
		out.Fields = b.structFields(target, st)
	}
	doc.Types = append(doc.Types, out)
}

// structFields lists the struct's own fields, then the exported fields
// promoted from embedded structs. go/types decides what is promoted, so
// shadowing and ambiguity follow the language rules.
func (b *builder) structFields(t types.Type, st *types.Struct) []fieldOut {
	out := []fieldOut{}
	own := map[string]bool{}
	for i := 0; i < st.NumFields(); i++ {
		own[st.Field(i).Name()] = true
		out = append(out, b.field(st.Field(i), st.Tag(i), nil))
	}
	for _, name := range embeddedFieldNames(st) {
		if own[name] || !token.IsExported(name) {
			continue
		}
		obj, index, _ := types.LookupFieldOrMethod(t, true, b.pkg, name)
		v, ok := obj.(*types.Var)
		if !ok || !v.IsField() || len(index) < 2 {
			continue // a method, ambiguous, or not reachable
		}
		path, last := followIndex(t, index)
		if last == nil {
			continue
		}
		out = append(out, b.field(v, last.Tag(index[len(index)-1]), path[:len(path)-1]))
	}
	return out
}

// embeddedFieldNames lists the names of fields inside embedded structs,
// shallowest first; a named type is entered once, so `type A struct{ *A }`
// ends.
func embeddedFieldNames(st *types.Struct) []string {
	var names []string
	seenName := map[string]bool{}
	entered := map[types.Type]bool{}
	queue := []*types.Struct{st}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for i := 0; i < s.NumFields(); i++ {
			f := s.Field(i)
			if s != st && !seenName[f.Name()] {
				seenName[f.Name()] = true
				names = append(names, f.Name())
			}
			if !f.Embedded() {
				continue
			}
			if named, ok := derefNamed(f.Type()); ok && !entered[named] {
				entered[named] = true
				if inner, ok := named.Underlying().(*types.Struct); ok {
					queue = append(queue, inner)
				}
			}
		}
	}
	return names
}

// followIndex walks a LookupFieldOrMethod index through struct fields and
// returns the field names on the way and the struct holding the last one.
func followIndex(t types.Type, index []int) ([]string, *types.Struct) {
	var path []string
	var st *types.Struct
	for _, i := range index {
		st = structOf(t)
		if st == nil || i >= st.NumFields() {
			return path, nil
		}
		path = append(path, st.Field(i).Name())
		t = st.Field(i).Type()
	}
	return path, st
}

func structOf(t types.Type) *types.Struct {
	t = unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = unalias(p.Elem())
	}
	st, _ := t.Underlying().(*types.Struct)
	return st
}

func (b *builder) field(v *types.Var, tag string, via []string) fieldOut {
	var info docInfo
	var expr ast.Expr
	if decl := b.fieldDecls[v.Origin()]; decl != nil {
		info, expr = b.fieldDoc(decl), decl.Type
	}
	if info.directives == nil {
		info.directives = []string{}
	}
	if via == nil {
		via = []string{}
	}
	return fieldOut{Name: v.Name(), Type: b.refWithSyntax(v.Type(), expr, true),
		Doc: info.text, Pos: b.objPos(v), Directives: info.directives,
		Embedded: v.Embedded(), Exported: v.Exported(), Tag: tag, PromotedVia: via}
}

// methods lists the method set of *T (of T for interfaces and pointers,
// whose pointer types have no methods): what a caller holding an
// addressable T can call.
func (b *builder) methods(t types.Type) []methodOut {
	recvType := t
	if _, isPointer := t.(*types.Pointer); !isPointer && !types.IsInterface(t) {
		recvType = types.NewPointer(t)
	}
	set := types.NewMethodSet(recvType)
	out := []methodOut{}
	for i := 0; i < set.Len(); i++ {
		sel := set.At(i)
		fn, ok := sel.Obj().(*types.Func)
		if !ok {
			continue
		}
		ftype, info := b.methodDecl(fn.Origin())
		if !fn.Exported() && len(info.directives) == 0 {
			continue
		}
		m := methodOut{funcOut: b.function(fn, ftype, info), PromotedVia: []string{}}
		m.Exported = fn.Exported()
		if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
			_, m.PointerReceiver = unalias(recv.Type()).(*types.Pointer)
		}
		if index := sel.Index(); len(index) > 1 {
			m.PromotedVia, _ = followIndex(t, index[:len(index)-1])
		}
		out = append(out, m)
	}
	return out
}

// methodDecl finds a method's syntax and doc: a FuncDecl for concrete
// methods, a field of an interface type for interface methods.
func (b *builder) methodDecl(fn *types.Func) (*ast.FuncType, docInfo) {
	if d := b.funcDecls[fn]; d != nil {
		return d.Type, b.doc(d.Doc)
	}
	if f := b.fieldDecls[fn]; f != nil {
		ftype, _ := f.Type.(*ast.FuncType)
		return ftype, b.fieldDoc(f)
	}
	return nil, docInfo{directives: []string{}}
}

// checkDetached reports //python:export lines outside any doc comment:
// they do nothing, most often because of a blank line before the func.
func (b *builder) checkDetached() {
	for _, f := range b.files {
		for _, group := range f.Comments {
			if _, attached := b.docs[group]; attached {
				continue
			}
			for _, c := range group.List {
				if line, ok := strings.CutPrefix(c.Text, "//"); ok && isPythonExport(line) {
					b.problems = append(b.problems, b.problem(c,
						"//python:export is not part of a declaration's doc comment "+
							"(is there a blank line before the declaration?); it has no effect"))
				}
			}
		}
	}
}

func (b *builder) objPos(obj types.Object) *position {
	if obj.Pkg() != b.pkg || !obj.Pos().IsValid() {
		return nil // declared elsewhere: the position would be from export data
	}
	return b.pos(obj.Pos())
}

// pos ignores //line directives: positions refer to the files as parsed.
func (b *builder) pos(p token.Pos) *position {
	return newPosition(b.fset.PositionFor(p, false))
}

// source is the text of a node as written in its file.
func (b *builder) source(n ast.Expr) string {
	if n == nil {
		return ""
	}
	start, end := b.fset.PositionFor(n.Pos(), false), b.fset.PositionFor(n.End(), false)
	src := b.sources[start.Filename]
	if src == nil || start.Offset > end.Offset || end.Offset > len(src) {
		return types.ExprString(n)
	}
	return string(src[start.Offset:end.Offset])
}

func lessPos(a, b *position) bool {
	switch {
	case a == nil || b == nil:
		return a != nil && b == nil
	case a.File != b.File:
		return a.File < b.File
	case a.Line != b.Line:
		return a.Line < b.Line
	}
	return a.Column < b.Column
}

// packageDoc is the package doc comment; by convention one file has it, but
// like go/doc every one found is kept.
func (b *builder) packageDoc() string {
	var parts []string
	for _, f := range b.files {
		if f.Doc != nil {
			parts = append(parts, strings.TrimSpace(f.Doc.Text()))
		}
	}
	return strings.Join(parts, "\n\n")
}
