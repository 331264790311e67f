package main

import (
	"go/token"
	"runtime"
)

// The JSON document. Lists are never null (newDocument and the builder
// allocate them), so the reader of the JSON needs no special cases.

type apiDocument struct {
	Format            int                `json:"format"`
	Package           packageInfo        `json:"package"`
	Functions         []funcOut          `json:"functions"`
	Types             []typeDeclOut      `json:"types"`
	Constants         []valueOut         `json:"constants"`
	Variables         []valueOut         `json:"variables"`
	DirectiveProblems []directiveProblem `json:"directive_problems"`
	Errors            []apiError         `json:"errors"`
	// ForeignTypes are struct types of other packages the API reaches.
	ForeignTypes []typeDeclOut `json:"foreign_types"`
	// InstanceProblems: listed instantiations of generic functions that fail.
	InstanceProblems []directiveProblem `json:"instance_problems"`
}

type packageInfo struct {
	Name       string   `json:"name"`
	ImportPath string   `json:"import_path"`
	Dir        string   `json:"dir"`
	ModulePath *string  `json:"module_path"`
	ModuleGo   *string  `json:"module_go"`
	GoFiles    []string `json:"go_files"`
	CgoFiles   []string `json:"cgo_files"`
	Imports    []string `json:"imports"`
	GOOS       string   `json:"goos"`
	GOARCH     string   `json:"goarch"`
	GoVersion  string   `json:"go_version"`
	// Doc is the package doc comment (of every file that has one, in file order).
	Doc string `json:"doc"`
	// ReaderGoVersion is the Go that built this program (go/types' version).
	ReaderGoVersion string `json:"reader_go_version"`
}

type position struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

type apiError struct {
	Pos     *position `json:"pos"`
	Message string    `json:"message"`
	// Kind is where it comes from: "list" (go list on the package),
	// "dependency" (go list -export on its imports), "syntax" or "type".
	Kind string `json:"kind"`
	// Soft type errors (e.g. an unused variable) do not stop go/types.
	Soft bool `json:"soft,omitempty"`
}

type directiveProblem struct {
	Pos     *position `json:"pos"`
	Text    string    `json:"text"`
	Message string    `json:"message"`
}

type funcOut struct {
	Name       string         `json:"name"`
	Doc        string         `json:"doc"`
	Pos        *position      `json:"pos"`
	Directives []string       `json:"directives"`
	CExport    *string        `json:"c_export"`
	Exported   bool           `json:"exported"`
	Receiver   *receiverOut   `json:"receiver"`
	TypeParams []typeParamOut `json:"type_params"`
	Params     []paramOut     `json:"params"`
	Results    []paramOut     `json:"results"`
	Variadic   bool           `json:"variadic"`
	// TypeArgs is set on an instantiation of a generic function (see instances.go).
	TypeArgs []*typeRef `json:"type_args,omitempty"`
}

// methodOut is a method of a type's method set.
type methodOut struct {
	funcOut
	PointerReceiver bool `json:"pointer_receiver"`
	// PromotedVia names the embedded fields the method is promoted
	// through, outermost first; empty for the type's own methods.
	PromotedVia []string `json:"promoted_via"`
}

type receiverOut struct {
	Name    string   `json:"name"`
	Type    *typeRef `json:"type"`
	Pointer bool     `json:"pointer"`
}

type paramOut struct {
	Name   string   `json:"name"`
	Type   *typeRef `json:"type"`
	Syntax string   `json:"syntax"`
}

type typeParamOut struct {
	Name       string   `json:"name"`
	Constraint *typeRef `json:"constraint"`
}

type typeDeclOut struct {
	Name       string         `json:"name"`
	Doc        string         `json:"doc"`
	Pos        *position      `json:"pos"`
	Directives []string       `json:"directives"`
	Exported   bool           `json:"exported"`
	Alias      bool           `json:"alias"`
	TypeParams []typeParamOut `json:"type_params"`
	Type       *typeRef       `json:"type"`
	Underlying *typeRef       `json:"underlying"`
	Fields     []fieldOut     `json:"fields"`
	Methods    []methodOut    `json:"methods"`
	// InstanceOf is set on a listed instantiation of a generic type
	// (type_instances.go): the Go type its Name stands for.
	InstanceOf *typeRef `json:"instance_of,omitempty"`
}

type fieldOut struct {
	Name        string    `json:"name"`
	Type        *typeRef  `json:"type"`
	Doc         string    `json:"doc"`
	Pos         *position `json:"pos"`
	Directives  []string  `json:"directives"`
	Embedded    bool      `json:"embedded"`
	Exported    bool      `json:"exported"`
	Tag         string    `json:"tag"`
	PromotedVia []string  `json:"promoted_via"`
}

type valueOut struct {
	Name       string    `json:"name"`
	Doc        string    `json:"doc"`
	Pos        *position `json:"pos"`
	Directives []string  `json:"directives"`
	Exported   bool      `json:"exported"`
	Type       *typeRef  `json:"type"`
	// Constants only. Value is go/constant's ExactString (floats may be a
	// fraction such as "314159/100000"); ValueApprox is the short decimal.
	Value       *string `json:"value,omitempty"`
	StringValue *string `json:"string_value,omitempty"`
	ValueKind   string  `json:"value_kind,omitempty"`
	ValueApprox string  `json:"value_approx,omitempty"`
}

func newDocument(lp *listedPackage, target targetInfo) *apiDocument {
	doc := &apiDocument{
		Format:            formatVersion,
		Functions:         []funcOut{},
		Types:             []typeDeclOut{},
		Constants:         []valueOut{},
		Variables:         []valueOut{},
		DirectiveProblems: []directiveProblem{},
		Errors:            []apiError{},
		ForeignTypes:      []typeDeclOut{},
		InstanceProblems:  []directiveProblem{},
		Package: packageInfo{
			GoFiles: []string{}, CgoFiles: []string{}, Imports: []string{},
			GOOS: target.GOOS, GOARCH: target.GOARCH, GoVersion: target.GOVERSION,
			ReaderGoVersion: runtime.Version(),
		},
	}
	if lp == nil {
		return doc
	}
	p := &doc.Package
	p.Name, p.ImportPath, p.Dir = lp.Name, lp.ImportPath, lp.Dir
	p.GoFiles = append(p.GoFiles, lp.GoFiles...)
	p.CgoFiles = append(p.CgoFiles, lp.CgoFiles...)
	p.Imports = append(p.Imports, lp.Imports...)
	if lp.Module != nil {
		p.ModulePath = &lp.Module.Path
		if lp.Module.GoVersion != "" {
			p.ModuleGo = &lp.Module.GoVersion
		}
	}
	return doc
}

func newPosition(p token.Position) *position {
	if p.Filename == "" {
		return nil
	}
	return &position{File: p.Filename, Line: p.Line, Column: p.Column}
}
