package main

import (
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// checkedPackage is the parsed and type-checked target package.
type checkedPackage struct {
	fset    *token.FileSet
	files   []*ast.File
	sources map[string][]byte // file contents by file name, for source text
	pkg     *types.Package    // nil when there was nothing to check
	info    *types.Info
	errors  []apiError
}

// loadPackage fails only if go/types crashes, which happens when the
// export data comes from a Go version whose format this program's go/types
// does not know: the reader must be built by the go command that lists.
func loadPackage(lp *listedPackage, exports map[string]string, target targetInfo) (c *checkedPackage, err error) {
	c = &checkedPackage{fset: token.NewFileSet(), sources: map[string][]byte{}}
	c.parse(lp)
	if len(c.files) == 0 {
		return c, nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("type-checking %s crashed: %v (goapi was built with %s, the export data comes from %s)",
				lp.ImportPath, r, runtime.Version(), target.GOVERSION)
		}
	}()
	c.check(lp, exports, target)
	return c, nil
}

// parse reads the files the build would compile. Files with syntax errors
// are kept: the parser recovers, and a partial API is more helpful to the
// caller than none (the errors are reported anyway).
func (c *checkedPackage) parse(lp *listedPackage) {
	names := append(append([]string(nil), lp.GoFiles...), lp.CgoFiles...)
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(lp.Dir, name)
		src, err := os.ReadFile(path)
		if err != nil {
			c.errors = append(c.errors, apiError{Kind: "syntax", Message: err.Error(),
				Pos: &position{File: path}})
			continue
		}
		mode := parser.ParseComments | parser.AllErrors | parser.SkipObjectResolution
		f, err := parser.ParseFile(c.fset, path, src, mode)
		c.addSyntaxErrors(err)
		if f != nil {
			c.files = append(c.files, f)
			c.sources[path] = src
		}
	}
}

func (c *checkedPackage) addSyntaxErrors(err error) {
	var list scanner.ErrorList
	switch {
	case err == nil:
	case errors.As(err, &list):
		for _, e := range list {
			c.errors = append(c.errors, apiError{Kind: "syntax", Message: e.Msg,
				Pos: newPosition(e.Pos)})
		}
	default:
		c.errors = append(c.errors, apiError{Kind: "syntax", Message: err.Error()})
	}
}

// check type-checks the files against the dependencies' export data. cgo's
// "C" is faked: its names get an invalid type instead of an error, which is
// why parameters also carry their source text ("*C.char").
func (c *checkedPackage) check(lp *listedPackage, exports map[string]string, target targetInfo) {
	lookup := func(path string) (io.ReadCloser, error) {
		// The importer wants the resolved path (it differs under vendoring).
		if resolved, ok := lp.ImportMap[path]; ok {
			path = resolved
		}
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(file)
	}
	conf := types.Config{
		Importer:    importer.ForCompiler(c.fset, "gc", lookup),
		FakeImportC: true,
		GoVersion:   languageVersion(lp),
		// int and uintptr sizes matter for constants like ^uint(0).
		Sizes: types.SizesFor("gc", target.GOARCH),
		Error: c.addTypeError,
	}
	c.info = &types.Info{Defs: map[*ast.Ident]types.Object{}}
	pkg, err := conf.Check(lp.ImportPath, c.fset, c.files, c.info)
	var typeErr types.Error
	if err != nil && !errors.As(err, &typeErr) {
		// Not reported through conf.Error: e.g. a go.mod version newer
		// than this go/types knows.
		c.errors = append(c.errors, apiError{Kind: "type", Message: err.Error()})
	}
	c.pkg = pkg
}

func (c *checkedPackage) addTypeError(err error) {
	var e types.Error
	if !errors.As(err, &e) {
		c.errors = append(c.errors, apiError{Kind: "type", Message: err.Error()})
		return
	}
	c.errors = append(c.errors, apiError{Kind: "type", Message: e.Msg, Soft: e.Soft,
		Pos: newPosition(e.Fset.PositionFor(e.Pos, false))})
}

// languageVersion is the module's language version in the form go/types
// wants ("go1.21"; Go 1.21's go/types rejects a patch number). It decides
// which language features the checker accepts, like -lang for the compiler.
func languageVersion(lp *listedPackage) string {
	if lp.Module == nil || lp.Module.GoVersion == "" {
		return ""
	}
	parts := strings.SplitN(lp.Module.GoVersion, ".", 3)
	if len(parts) < 2 {
		return "go" + lp.Module.GoVersion
	}
	// Drop pre-release suffixes such as "1.23rc1" → "1.23".
	minor := parts[1]
	if i := strings.IndexFunc(minor, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		minor = minor[:i]
	}
	return "go" + parts[0] + "." + minor
}
