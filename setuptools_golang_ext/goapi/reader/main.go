// Command goapi prints the API of one Go package as a JSON document.
//
//	goapi -go /path/to/go [-tags a,b] DIR [FILE.go ...]
//
// With FILEs, the package is those files of DIR (as `go build a.go b.go`),
// which also works outside any module; otherwise it is DIR's package.
//
// The package is read from source exactly as the real build would see it:
// `go list` runs with the caller's environment (GOOS, GOARCH, CGO_ENABLED,
// CC, GOFLAGS...), so it picks the same files, and the dependencies are
// type-checked from the compiler's own export data, which `go list -export`
// leaves in the build cache. The package itself is never compiled: it is
// typically a cgo `package main` meant for -buildmode=c-shared.
//
// Problems in the package (go list errors, syntax and type errors) are part
// of the JSON and the exit status is 0: the caller decides what they mean.
// Only a usage error or a failure of this program itself exits non-zero,
// with one line on stderr.
//
// The program uses only the standard library of Go 1.21, the oldest Go the
// project supports, so any supported toolchain builds it offline.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// formatVersion changes whenever the JSON shape changes incompatibly.
const formatVersion = 1

func main() {
	goCmd := flag.String("go", "go", "the go command to run")
	tags := flag.String("tags", "", "comma-separated build tags, as for go build")
	instantiate := flag.String("instantiate", "",
		`instantiations of generic functions to describe, as JSON: {"Map": ["string, int"]}`)
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: goapi -go /path/to/go [-tags a,b] [-instantiate JSON] DIR [FILE.go ...]")
	}
	flag.Parse()
	if *instantiate != "" {
		if err := json.Unmarshal([]byte(*instantiate), &instanceRequests); err != nil {
			fmt.Fprintf(os.Stderr, "goapi: -instantiate: %v\n", err)
			os.Exit(2)
		}
	}
	if flag.NArg() < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*goCmd, *tags, flag.Arg(0), flag.Args()[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "goapi: %v\n", err)
		os.Exit(1)
	}
}

func run(goCmd, tags, dir string, files []string) error {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	doc, err := readAPI(goTool{path: goCmd, dir: absDir, tags: tags, files: files})
	if err != nil {
		return err
	}
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	// The output is data for a program, not HTML: keep <, > and & readable.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing JSON: %v", err)
	}
	return out.Flush()
}

// readAPI lists, parses and type-checks the package, then describes it.
// It returns an error only when the go command cannot be run at all.
func readAPI(tool goTool) (*apiDocument, error) {
	target, err := tool.environment()
	if err != nil {
		return nil, err
	}
	pkg, errs, err := tool.listTarget()
	if err != nil {
		return nil, err
	}
	doc := newDocument(pkg, target)
	doc.Errors = append(doc.Errors, errs...)
	if pkg == nil {
		return doc, nil
	}
	exports, errs, err := tool.listExports(pkg.importsToCompile())
	if err != nil {
		return nil, err
	}
	doc.Errors = append(doc.Errors, errs...)
	checked, err := loadPackage(pkg, exports, target)
	if err != nil {
		return nil, err
	}
	doc.Errors = append(doc.Errors, checked.errors...)
	if checked.pkg != nil {
		newBuilder(checked).describe(doc)
	}
	return doc, nil
}
