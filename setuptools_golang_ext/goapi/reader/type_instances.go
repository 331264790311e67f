package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strings"
)

// A generic type binds for the instantiations listed on it
// (//python:export instantiate=[string, int]) or by the -instantiate flag.
// Each one is described as a type of its own, named like Typed_string_int,
// and every reference to it in the API names that type; the glue declares the
// name as an alias of Typed[string, int].

type typeInstance struct {
	name string       // Typed_string_int
	inst *types.Named // Typed[string, int]
	info docInfo      // the generic type's doc comment
}

// collectTypeInstances instantiates what is listed for the package's generic
// types before anything is described, so that every reference finds them.
func (b *builder) collectTypeInstances(doc *apiDocument) {
	for _, f := range b.files {
		for _, decl := range f.Decls {
			d, ok := decl.(*ast.GenDecl)
			if !ok || d.Tok != token.TYPE {
				continue
			}
			group := b.doc(d.Doc)
			for _, spec := range d.Specs {
				s := spec.(*ast.TypeSpec)
				b.addTypeInstances(doc, s, b.specDoc(group, s.Doc))
			}
		}
	}
}

func (b *builder) addTypeInstances(doc *apiDocument, s *ast.TypeSpec, info docInfo) {
	obj, ok := b.info.Defs[s.Name].(*types.TypeName)
	if !ok {
		return
	}
	named, _ := obj.Type().(*types.Named)
	listed, misspelled := listedInstances(obj.Name(), info)
	report := func(text, message string) {
		doc.InstanceProblems = append(doc.InstanceProblems, directiveProblem{
			Pos: b.objPos(obj), Text: text, Message: message})
	}
	for _, word := range misspelled {
		report(word, fmt.Sprintf("//python:export type %s: %q: list instantiations as "+
			"//python:export instantiate=%s", obj.Name(), word, suggestedList(obj.Name(), word)))
	}
	if obj.IsAlias() || named == nil || named.TypeParams().Len() == 0 {
		// The -instantiate flag's names are checked by its caller.
		for _, spelled := range listed[:len(listed)-len(instanceRequests[obj.Name()])] {
			report(spelled, fmt.Sprintf("//python:export type %s: instantiate=[%s]: %s is not "+
				"a generic type, so it has no instantiations; remove instantiate=",
				obj.Name(), spelled, obj.Name()))
		}
		return
	}
	for _, spelled := range listed {
		inst, _, err := b.instantiate(named, spelled, obj.Pos())
		name := ""
		if err == nil {
			name = instanceTypeName(obj.Name(), inst.(*types.Named), b.qualifier)
			err = b.instanceNameFree(name, inst.(*types.Named))
		}
		if err != nil {
			report(obj.Name()+"["+spelled+"]", fmt.Sprintf("%s[%s]: %v", obj.Name(), spelled, err))
		} else if _, seen := b.typeInstanceName(inst.(*types.Named)); !seen {
			*b.instances = append(*b.instances, typeInstance{name, inst.(*types.Named), info})
		}
	}
}

// suggestedList turns Typed[string, int] into [string, int].
func suggestedList(name, word string) string {
	if rest, ok := strings.CutPrefix(word, name); ok && strings.HasPrefix(rest, "[") {
		return rest
	}
	return "[string, int]"
}

var notIdentifier = regexp.MustCompile(`\W+`)

// instanceTypeName spells the type arguments into a Go identifier:
// Typed_string_int, Stack_slice_time_Duration.
func instanceTypeName(origin string, inst *types.Named, q types.Qualifier) string {
	parts := []string{origin}
	for i := 0; i < inst.TypeArgs().Len(); i++ {
		spelled := types.TypeString(inst.TypeArgs().At(i), q)
		spelled = strings.NewReplacer("[]", "slice_", "map[", "map_", "*", "ptr_").Replace(spelled)
		parts = append(parts, strings.Trim(notIdentifier.ReplaceAllString(spelled, "_"), "_"))
	}
	return strings.Join(parts, "_")
}

// instanceNameFree: the name an instantiation binds as must not be a name the
// package declares, nor another instantiation's.
func (b *builder) instanceNameFree(name string, inst *types.Named) error {
	if b.pkg.Scope().Lookup(name) != nil {
		return fmt.Errorf("it would bind as %s, which the package declares too; rename "+
			"that declaration", name)
	}
	for _, other := range *b.instances {
		if other.name == name && !types.Identical(other.inst, inst) {
			return fmt.Errorf("it would bind as %s, as %s does", name, other.inst)
		}
	}
	return nil
}

// typeInstanceName is the name of a listed instantiation identical to t.
func (c typeConverter) typeInstanceName(t *types.Named) (string, bool) {
	if c.instances == nil || t.TypeArgs().Len() == 0 {
		return "", false
	}
	for _, listed := range *c.instances {
		if types.Identical(listed.inst, t) {
			return listed.name, true
		}
	}
	return "", false
}

// describeTypeInstances adds each instantiation as a type, and its methods
// (with the type arguments in place of the parameters) as functions.
func (b *builder) describeTypeInstances(doc *apiDocument) {
	for _, listed := range *b.instances {
		inst, origin := listed.inst, listed.inst.Origin().Obj()
		out := typeDeclOut{
			Name: listed.name, Doc: listed.info.text, Pos: b.objPos(origin),
			Directives: listed.info.directives, Exported: origin.Exported(),
			TypeParams: []typeParamOut{}, Type: b.ref(inst, true),
			Underlying: b.withNamedBasics(inst.Underlying()), Fields: []fieldOut{},
			Methods: b.methods(inst), InstanceOf: b.instantiationRef(inst),
		}
		for i := range out.Methods {
			out.Methods[i].TypeParams = []typeParamOut{}
		}
		if st, ok := inst.Underlying().(*types.Struct); ok {
			out.Fields = b.structFields(inst, st)
		}
		doc.Types = append(doc.Types, out)
		for i := 0; i < inst.NumMethods(); i++ {
			method := inst.Method(i)
			decl := b.funcDecls[method.Origin()]
			if decl == nil {
				continue
			}
			info := b.doc(decl.Doc)
			if !b.funcExported(method) && len(info.directives) == 0 {
				continue
			}
			out := b.function(method, nil, info)
			out.TypeParams = []typeParamOut{}
			doc.Functions = append(doc.Functions, out)
		}
	}
}

// instantiationRef is the instantiation as Go spells it (Typed[string, int]),
// which the glue's alias names.
func (b *builder) instantiationRef(inst *types.Named) *typeRef {
	obj := inst.Obj()
	path := obj.Pkg().Path()
	r := &typeRef{Kind: "named", Name: obj.Name(), Package: &path}
	spellings := []string{}
	for i := 0; i < inst.TypeArgs().Len(); i++ {
		arg := b.ref(inst.TypeArgs().At(i), false)
		r.TypeArgs = append(r.TypeArgs, arg)
		spellings = append(spellings, arg.Go)
	}
	r.Go = obj.Name() + "[" + strings.Join(spellings, ", ") + "]"
	return r
}
