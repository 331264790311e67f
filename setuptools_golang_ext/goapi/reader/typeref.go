package main

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"
	"strings"
)

// typeRef describes a type as the compiler sees it. Which fields are set
// depends on Kind; pointers and omitempty keep the JSON small.
type typeRef struct {
	Kind string `json:"kind"`
	// Go spells the type relative to the package being read ("Celsius",
	// "time.Duration", "map[string]*Book").
	Go      string  `json:"go"`
	Name    string  `json:"name,omitempty"`
	Package *string `json:"package,omitempty"`
	// Alias is the alias name the type was written with, if any.
	Alias string `json:"alias,omitempty"`
	// Cgo is the C type name for `C.name` (go/types leaves those invalid).
	Cgo        string            `json:"cgo,omitempty"`
	Untyped    bool              `json:"untyped,omitempty"`
	Elem       *typeRef          `json:"elem,omitempty"`
	Key        *typeRef          `json:"key,omitempty"`
	Len        *int64            `json:"len,omitempty"`
	Dir        string            `json:"dir,omitempty"`
	Params     *[]paramRef       `json:"params,omitempty"`
	Results    *[]paramRef       `json:"results,omitempty"`
	Variadic   bool              `json:"variadic,omitempty"`
	Methods    *[]string         `json:"methods,omitempty"`
	Fields     *[]structFieldRef `json:"fields,omitempty"`
	Underlying *typeRef          `json:"underlying,omitempty"`
	TypeArgs   []*typeRef        `json:"type_args,omitempty"`
	Constraint string            `json:"constraint,omitempty"`
}

type paramRef struct {
	Name string   `json:"name"`
	Type *typeRef `json:"type"`
}

type structFieldRef struct {
	Name     string   `json:"name"`
	Type     *typeRef `json:"type"`
	Embedded bool     `json:"embedded"`
	Exported bool     `json:"exported"`
	Tag      string   `json:"tag,omitempty"`
}

// typeConverter turns go/types types into typeRefs for one package.
//
// A named type carries its underlying type only when expand is set, and the
// types inside that underlying type are converted with expand unset: every
// named type is described one level deep, which keeps recursive types such
// as `type Node struct{ Next *Node }` finite.
type typeConverter struct {
	pkg  *types.Package
	info *types.Info
	// instances are the listed instantiations of generic types, which
	// references name as types of their own (type_instances.go).
	instances *[]typeInstance
}

// qualifier names other packages by package name, as Go source does.
func (c typeConverter) qualifier(p *types.Package) string {
	if p == c.pkg {
		return ""
	}
	return p.Name()
}

func (c typeConverter) objectName(obj types.Object) string {
	if obj.Pkg() == nil || obj.Pkg() == c.pkg {
		return obj.Name()
	}
	return obj.Pkg().Name() + "." + obj.Name()
}

func (c typeConverter) ref(t types.Type, expand bool) *typeRef {
	if obj, ok := aliasName(t); ok {
		r := c.ref(unalias(t), expand)
		if obj.Pkg() != nil { // not the universe's `any`
			r.Alias = c.objectName(obj)
		}
		return r
	}
	switch t := t.(type) {
	case *types.Basic:
		return c.basic(t)
	case *types.Named:
		return c.named(t, expand)
	case *types.Pointer:
		return spelled(&typeRef{Kind: "pointer", Elem: c.ref(t.Elem(), expand)})
	case *types.Slice:
		return spelled(&typeRef{Kind: "slice", Elem: c.ref(t.Elem(), expand)})
	case *types.Array:
		n := t.Len()
		return spelled(&typeRef{Kind: "array", Len: &n, Elem: c.ref(t.Elem(), expand)})
	case *types.Map:
		return spelled(&typeRef{Kind: "map", Key: c.ref(t.Key(), expand),
			Elem: c.ref(t.Elem(), expand)})
	case *types.Chan:
		return spelled(&typeRef{Kind: "chan", Dir: chanDir(t.Dir()),
			Elem: c.ref(t.Elem(), expand)})
	case *types.Signature:
		params, results := c.tuple(t.Params(), expand), c.tuple(t.Results(), expand)
		return spelled(&typeRef{Kind: "func", Params: &params, Results: &results,
			Variadic: t.Variadic()})
	case *types.Interface:
		return c.iface(t)
	case *types.Struct:
		return c.structRef(t, expand)
	case *types.TypeParam:
		name := t.Obj().Name()
		return &typeRef{Kind: "typeparam", Name: name, Go: name,
			Constraint: types.TypeString(t.Constraint(), c.qualifier)}
	}
	return invalidRef(types.TypeString(t, c.qualifier))
}

func invalidRef(spelling string) *typeRef {
	return &typeRef{Kind: "invalid", Go: spelling}
}

func (c typeConverter) basic(t *types.Basic) *typeRef {
	if t.Kind() == types.Invalid {
		return invalidRef("invalid type")
	}
	// types.Typ is indexed by kind, so byte and rune map to uint8 and int32;
	// "go" keeps the spelling the source used.
	name := types.Typ[t.Kind()].Name()
	if t.Kind() == types.UnsafePointer {
		name = "unsafe.Pointer"
	}
	return &typeRef{Kind: "basic", Name: name, Go: types.TypeString(t, c.qualifier),
		Untyped: t.Info()&types.IsUntyped != 0}
}

func (c typeConverter) named(t *types.Named, expand bool) *typeRef {
	obj := t.Obj()
	path := "" // the universe's error and comparable have no package
	if obj.Pkg() != nil {
		path = obj.Pkg().Path()
	}
	r := &typeRef{Kind: "named", Name: obj.Name(), Package: &path, Go: c.objectName(obj)}
	if name, ok := c.typeInstanceName(t); ok {
		r.Name, r.Go = name, name
	} else if args := t.TypeArgs(); args.Len() > 0 {
		spellings := make([]string, args.Len())
		for i := range spellings {
			arg := c.ref(args.At(i), expand)
			r.TypeArgs = append(r.TypeArgs, arg)
			spellings[i] = arg.Go
		}
		r.Go += "[" + strings.Join(spellings, ", ") + "]"
	}
	if expand {
		r.Underlying = c.withNamedBasics(t.Underlying())
	}
	return r
}

// withNamedBasics is ref(t, false), but the named basic types inside a slice,
// array, map or pointer carry their underlying type, so that a named slice of
// a named type (type Kinds []Kind) says what its items are; so do named slices,
// arrays and maps inside (type Grid [3]Row), each once on a path, which keeps
// recursive types (type List []List) finite.
func (c typeConverter) withNamedBasics(t types.Type) *typeRef {
	return c.withNamedInside(t, map[*types.Named]bool{})
}

func (c typeConverter) withNamedInside(t types.Type, entered map[*types.Named]bool) *typeRef {
	r := c.ref(t, false)
	switch u := unalias(t).(type) {
	case *types.Slice:
		r.Elem = c.withNamedInside(u.Elem(), entered)
	case *types.Array:
		r.Elem = c.withNamedInside(u.Elem(), entered)
	case *types.Pointer:
		r.Elem = c.withNamedInside(u.Elem(), entered)
	case *types.Map:
		r.Key, r.Elem = c.withNamedInside(u.Key(), entered), c.withNamedInside(u.Elem(), entered)
	case *types.Named:
		switch u.Underlying().(type) {
		case *types.Basic:
			return c.ref(t, true)
		case *types.Slice, *types.Array, *types.Map:
			if !entered[u] && u.TypeArgs().Len() == 0 {
				entered[u] = true
				r.Underlying = c.withNamedInside(u.Underlying(), entered)
				delete(entered, u)
			}
		}
	}
	return r
}

func (c typeConverter) tuple(t *types.Tuple, expand bool) []paramRef {
	refs := make([]paramRef, t.Len())
	for i := range refs {
		v := t.At(i)
		refs[i] = paramRef{Name: v.Name(), Type: c.ref(v.Type(), expand)}
	}
	return refs
}

func (c typeConverter) iface(t *types.Interface) *typeRef {
	names := make([]string, t.NumMethods())
	for i := range names {
		names[i] = t.Method(i).Name()
	}
	r := &typeRef{Kind: "interface", Methods: &names, Go: types.TypeString(t, c.qualifier)}
	// `any` and `interface{}` are the same type; spell them one way whatever
	// the source said or the go/types version prints.
	if t.NumMethods() == 0 && t.NumEmbeddeds() == 0 {
		r.Go = "any"
	}
	return r
}

func (c typeConverter) structRef(t *types.Struct, expand bool) *typeRef {
	fields := make([]structFieldRef, t.NumFields())
	for i := range fields {
		f := t.Field(i)
		fields[i] = structFieldRef{Name: f.Name(), Type: c.ref(f.Type(), expand),
			Embedded: f.Embedded(), Exported: f.Exported(), Tag: t.Tag(i)}
	}
	return spelled(&typeRef{Kind: "struct", Fields: &fields})
}

func chanDir(d types.ChanDir) string {
	switch d {
	case types.SendOnly:
		return "send"
	case types.RecvOnly:
		return "recv"
	}
	return "both"
}

// spelled sets r.Go from its parts. Spelling composite types ourselves,
// rather than with types.TypeString, resolves aliases inside them the same
// way on every Go version (go/types prints alias names since Go 1.23) and
// lets C types found in the syntax show up in the spelling.
func spelled(r *typeRef) *typeRef {
	switch r.Kind {
	case "pointer":
		r.Go = "*" + r.Elem.Go
	case "slice":
		r.Go = "[]" + r.Elem.Go
	case "array":
		r.Go = fmt.Sprintf("[%d]%s", *r.Len, r.Elem.Go)
	case "map":
		r.Go = "map[" + r.Key.Go + "]" + r.Elem.Go
	case "chan":
		r.Go = spellChan(r)
	case "func":
		r.Go = "func" + spellSignature(*r.Params, *r.Results, r.Variadic)
	case "struct":
		r.Go = spellStruct(*r.Fields)
	}
	return r
}

func spellChan(r *typeRef) string {
	switch r.Dir {
	case "send":
		return "chan<- " + r.Elem.Go
	case "recv":
		return "<-chan " + r.Elem.Go
	}
	// `chan <-chan T` would parse as `chan<- chan T`.
	if r.Elem.Kind == "chan" && r.Elem.Dir == "recv" {
		return "chan (" + r.Elem.Go + ")"
	}
	return "chan " + r.Elem.Go
}

func spellSignature(params, results []paramRef, variadic bool) string {
	s := spellTuple(params, variadic)
	switch {
	case len(results) == 0:
	case len(results) == 1 && results[0].Name == "":
		s += " " + results[0].Type.Go
	default:
		s += " " + spellTuple(results, false)
	}
	return s
}

func spellTuple(params []paramRef, variadic bool) string {
	parts := make([]string, len(params))
	for i, p := range params {
		t := p.Type.Go
		if variadic && i == len(params)-1 && p.Type.Elem != nil {
			t = "..." + p.Type.Elem.Go
		}
		if p.Name != "" {
			t = p.Name + " " + t
		}
		parts[i] = t
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func spellStruct(fields []structFieldRef) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		s := f.Type.Go
		if !f.Embedded {
			s = f.Name + " " + s
		}
		if f.Tag != "" {
			s += " " + strconv.Quote(f.Tag)
		}
		parts[i] = s
	}
	return "struct{" + strings.Join(parts, "; ") + "}"
}

// refWithSyntax converts the type of a declared parameter or field. With
// FakeImportC, go/types gives `C.int` an invalid type and turns `*C.char`
// into an invalid type as a whole; the source expression still says what
// was meant, so an invalid part is rebuilt from it.
func (c typeConverter) refWithSyntax(t types.Type, expr ast.Expr, expand bool) *typeRef {
	r := c.ref(t, expand)
	if expr == nil || !hasInvalid(r) {
		return r
	}
	return c.exprRef(expr, expand)
}

func (c typeConverter) exprRef(expr ast.Expr, expand bool) *typeRef {
	if tv, ok := c.info.Types[expr]; ok && tv.IsType() {
		if r := c.ref(tv.Type, expand); !hasInvalid(r) {
			return r
		}
	}
	switch e := expr.(type) {
	case *ast.ParenExpr:
		return c.exprRef(e.X, expand)
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok && x.Name == "C" {
			return &typeRef{Kind: "invalid", Go: "C." + e.Sel.Name, Cgo: e.Sel.Name}
		}
	case *ast.StarExpr:
		return spelled(&typeRef{Kind: "pointer", Elem: c.exprRef(e.X, expand)})
	case *ast.Ellipsis:
		return spelled(&typeRef{Kind: "slice", Elem: c.exprRef(e.Elt, expand)})
	case *ast.ArrayType:
		return c.arrayExprRef(e, expand)
	case *ast.MapType:
		return spelled(&typeRef{Kind: "map", Key: c.exprRef(e.Key, expand),
			Elem: c.exprRef(e.Value, expand)})
	case *ast.ChanType:
		dir := map[ast.ChanDir]string{ast.SEND: "send", ast.RECV: "recv"}[e.Dir]
		if dir == "" {
			dir = "both"
		}
		return spelled(&typeRef{Kind: "chan", Dir: dir, Elem: c.exprRef(e.Value, expand)})
	}
	return invalidRef(types.ExprString(expr))
}

func (c typeConverter) arrayExprRef(e *ast.ArrayType, expand bool) *typeRef {
	elem := c.exprRef(e.Elt, expand)
	if e.Len == nil {
		return spelled(&typeRef{Kind: "slice", Elem: elem})
	}
	if tv, ok := c.info.Types[e.Len]; ok && tv.Value != nil {
		if n, exact := constant.Int64Val(constant.ToInt(tv.Value)); exact {
			return spelled(&typeRef{Kind: "array", Len: &n, Elem: elem})
		}
	}
	return invalidRef(types.ExprString(e))
}

// hasInvalid reports whether r or a part of it is an invalid type. Named
// types stop the search: their underlying type is described separately.
func hasInvalid(r *typeRef) bool {
	if r == nil {
		return false
	}
	if r.Kind == "invalid" {
		return true
	}
	if hasInvalid(r.Elem) || hasInvalid(r.Key) {
		return true
	}
	for _, list := range []*[]paramRef{r.Params, r.Results} {
		if list == nil {
			continue
		}
		for _, p := range *list {
			if hasInvalid(p.Type) {
				return true
			}
		}
	}
	return false
}
