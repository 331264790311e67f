package main

import (
	"go/types"
	"strings"
)

// foreignDepth is how many steps from the package's own API a struct type of
// another package is described: 1 for types its declarations name, 2 for
// types those types' fields and methods name. Beyond it types stay opaque, so
// that binding net/http does not describe the whole standard library.
const foreignDepth = 2

// foreignType is a struct (or interface) type of another package reached from the API.
type foreignType struct {
	named *types.Named
	depth int
}

// describeForeign lists the struct types of other packages that the exported
// declarations reach, within foreignDepth, with their exported fields and
// method sets (the bindings decide which of them become classes).
func (b *builder) describeForeign(doc *apiDocument) {
	seen := map[*types.Named]bool{}
	var queue []foreignType
	visit := func(t types.Type, depth int) {
		for _, named := range b.foreignStructs(t, map[types.Type]bool{}) {
			if !seen[named] && depth <= foreignDepth {
				seen[named] = true
				queue = append(queue, foreignType{named, depth})
			}
		}
	}
	scope := b.pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		visit(obj.Type(), 1)
		if tn, ok := obj.(*types.TypeName); ok {
			visitMembers(tn.Type(), func(t types.Type) { visit(t, 1) })
		}
	}
	for len(queue) > 0 {
		next := queue[0]
		queue = queue[1:]
		doc.ForeignTypes = append(doc.ForeignTypes, b.foreignDecl(next.named))
		visitMembers(next.named, func(t types.Type) { visit(t, next.depth+1) })
	}
}

// visitMembers calls visit with the types of t's fields and its exported
// methods' signatures.
func visitMembers(t types.Type, visit func(types.Type)) {
	if st, ok := t.Underlying().(*types.Struct); ok {
		for i := 0; i < st.NumFields(); i++ {
			if st.Field(i).Exported() {
				visit(st.Field(i).Type())
			}
		}
	}
	set := types.NewMethodSet(methodSetOf(t))
	for i := 0; i < set.Len(); i++ {
		if set.At(i).Obj().Exported() {
			visit(set.At(i).Type())
		}
	}
}

// methodSetOf is *t, whose method set holds all of t's methods, but for an
// interface, whose pointer has none.
func methodSetOf(t types.Type) types.Type {
	if types.IsInterface(t) {
		return t
	}
	return types.NewPointer(t)
}

// foreignStructs finds the named struct (and composite) types of other packages
// inside t.
func (b *builder) foreignStructs(t types.Type, entered map[types.Type]bool) []*types.Named {
	t = unalias(t)
	if entered[t] {
		return nil
	}
	entered[t] = true
	switch t := t.(type) {
	case *types.Named:
		if b.isForeignStruct(t) {
			return []*types.Named{t}
		}
		return nil
	case *types.Pointer:
		return b.foreignStructs(t.Elem(), entered)
	case *types.Slice:
		return b.foreignStructs(t.Elem(), entered)
	case *types.Array:
		return b.foreignStructs(t.Elem(), entered)
	case *types.Map:
		return append(b.foreignStructs(t.Key(), entered), b.foreignStructs(t.Elem(), entered)...)
	case *types.Signature:
		var found []*types.Named
		for _, tuple := range []*types.Tuple{t.Params(), t.Results()} {
			for i := 0; i < tuple.Len(); i++ {
				found = append(found, b.foreignStructs(tuple.At(i).Type(), entered)...)
			}
		}
		return found
	}
	return nil
}

// isForeignStruct: an exported, non-generic struct, slice, array or map type,
// basic type with methods, or interface with methods (not a constraint), of
// another importable package; not time.Time or context.Context.
func (b *builder) isForeignStruct(t *types.Named) bool {
	obj := t.Obj()
	if obj.Pkg() == nil || obj.Pkg() == b.pkg || !obj.Exported() || t.TypeArgs().Len() > 0 ||
		t.TypeParams().Len() > 0 {
		return false
	}
	path := obj.Pkg().Path()
	if path == "time" && obj.Name() == "Time" || path == "context" && obj.Name() == "Context" {
		return false // a datetime, and the context the bindings supply (Ctrl-C cancels it)
	}
	for _, part := range strings.Split(path, "/") {
		if part == "internal" {
			return false
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Struct, *types.Slice, *types.Array, *types.Map:
		return true // a named composite binds if its items are basic (uuid.UUID)
	case *types.Basic: // with methods, a class like the package's own (time.Duration)
		return u.Info()&(types.IsBoolean|types.IsNumeric|types.IsString) != 0 &&
			hasExportedMethods(t)
	case *types.Interface: // a Python name with a proxy class for its values (fs.DirEntry)
		return u.IsMethodSet() && hasExportedMethods(t)
	}
	return false
}

// hasExportedMethods: t or *t has an exported method.
func hasExportedMethods(t *types.Named) bool {
	set := types.NewMethodSet(methodSetOf(t))
	for i := 0; i < set.Len(); i++ {
		if set.At(i).Obj().Exported() {
			return true
		}
	}
	return false
}

func (b *builder) foreignDecl(t *types.Named) typeDeclOut {
	out := typeDeclOut{
		Name: t.Obj().Name(), Directives: []string{}, Exported: true,
		TypeParams: []typeParamOut{}, Type: b.ref(t, true),
		Underlying: b.ref(t.Underlying(), false), Fields: []fieldOut{}, Methods: b.methods(t),
	}
	if st, ok := t.Underlying().(*types.Struct); ok {
		out.Fields = b.structFields(t, st)
	}
	return out
}
