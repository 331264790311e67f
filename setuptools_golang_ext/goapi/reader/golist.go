package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// goTool runs the go command in the package directory with the inherited
// environment, which the caller has set up exactly as for the real build.
type goTool struct {
	path  string   // the go command
	dir   string   // absolute package directory
	tags  string   // comma-separated build tags, or ""
	files []string // the package's files when named one by one, else nil
}

// targetInfo is what the type checker needs to know about the build target.
type targetInfo struct {
	GOOS      string
	GOARCH    string
	GOVERSION string
}

// listedPackage holds the `go list -json` fields this program asks for.
type listedPackage struct {
	Name       string
	ImportPath string
	Dir        string
	GoFiles    []string
	CgoFiles   []string
	Imports    []string
	ImportMap  map[string]string
	Error      *listError
	Module     *struct {
		Path      string
		GoVersion string
	}
}

type listError struct {
	Pos string
	Err string
}

type exportedPackage struct {
	ImportPath string
	Export     string
	Error      *listError
}

// importsToCompile are the imports whose export data the type checker reads.
// "C" is cgo's pseudo-package (go/types fakes it) and "unsafe" has no export
// data (go/types knows it).
func (p *listedPackage) importsToCompile() []string {
	var paths []string
	for _, path := range p.Imports {
		if path != "C" && path != "unsafe" {
			paths = append(paths, path)
		}
	}
	return paths
}

// exitError is a go command that ran but failed; its stdout may still hold
// JSON (go list -e reports most problems per package and exits 0, but not
// all of them).
type exitError struct {
	args   []string
	stderr string
	err    error
}

func (e *exitError) Error() string {
	msg := strings.TrimSpace(e.stderr)
	if msg == "" {
		msg = e.err.Error()
	}
	return fmt.Sprintf("go %s: %s", strings.Join(e.args, " "), msg)
}

// run runs `go args...` in the package directory. A go command that cannot
// be started at all is a failure of this program; one that exits non-zero
// is returned as *exitError together with what it printed.
func (t goTool) run(args ...string) ([]byte, error) {
	cmd := exec.Command(t.path, args...)
	cmd.Dir = t.dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return stdout.Bytes(), &exitError{args: args, stderr: stderr.String(), err: err}
	}
	if err != nil {
		return nil, fmt.Errorf("cannot run %s: %v", t.path, err)
	}
	return stdout.Bytes(), nil
}

func (t goTool) tagArgs() []string {
	if t.tags == "" {
		return nil
	}
	return []string{"-tags", t.tags}
}

// environment asks the go command for the target platform, which decides
// the sizes of int and uintptr in constant expressions.
func (t goTool) environment() (targetInfo, error) {
	var info targetInfo
	out, err := t.run("env", "-json", "GOOS", "GOARCH", "GOVERSION")
	if err != nil {
		return info, err
	}
	if err := json.Unmarshal(out, &info); err != nil {
		return info, fmt.Errorf("go env -json: %v", err)
	}
	return info, nil
}

// listTarget describes the package in the directory. Its problems come back
// as apiErrors; pkg is nil when go list printed nothing usable.
func (t goTool) listTarget() (*listedPackage, []apiError, error) {
	args := append([]string{"list", "-e",
		"-json=Name,ImportPath,Dir,GoFiles,CgoFiles,Imports,ImportMap,Error,Module"},
		t.tagArgs()...)
	packageArgs := t.files
	if len(packageArgs) == 0 {
		packageArgs = []string{"."}
	}
	out, runErr := t.run(append(args, packageArgs...)...)
	var exit *exitError
	if runErr != nil && !errors.As(runErr, &exit) {
		return nil, nil, runErr
	}
	var errs []apiError
	if exit != nil {
		errs = append(errs, apiError{Kind: "list", Message: exit.Error()})
	}
	var pkgs []listedPackage
	if err := decodeStream(out, func(d *json.Decoder) error {
		var p listedPackage
		if err := d.Decode(&p); err != nil {
			return err
		}
		pkgs = append(pkgs, p)
		return nil
	}); err != nil && exit == nil {
		return nil, nil, fmt.Errorf("reading go list output: %v", err)
	}
	if len(pkgs) != 1 {
		if exit == nil {
			errs = append(errs, apiError{Kind: "list",
				Message: fmt.Sprintf("go list printed %d packages for %s", len(pkgs), t.dir)})
		}
		return nil, errs, nil
	}
	pkg := &pkgs[0]
	switch {
	case pkg.Error != nil:
		errs = append(errs, pkg.Error.apiError("list", t.dir))
	case len(pkg.GoFiles)+len(pkg.CgoFiles) == 0:
		// go list does not flag a directory of test files only.
		errs = append(errs, apiError{Kind: "list",
			Message: fmt.Sprintf("no Go files to build in %s", t.dir)})
	}
	return pkg, errs, nil
}

// listExports makes sure the export data of the imports and everything
// below them exists in the build cache, and returns where it is by import
// path. The target package is deliberately not listed: -export would
// compile it, and that may need a C toolchain for a cgo main package.
func (t goTool) listExports(imports []string) (map[string]string, []apiError, error) {
	exports := map[string]string{}
	if len(imports) == 0 {
		return exports, nil, nil
	}
	args := append([]string{"list", "-e", "-deps", "-export",
		"-json=ImportPath,Export,Error"}, t.tagArgs()...)
	out, runErr := t.run(append(args, imports...)...)
	var exit *exitError
	if runErr != nil && !errors.As(runErr, &exit) {
		return nil, nil, runErr
	}
	var errs []apiError
	if exit != nil {
		errs = append(errs, apiError{Kind: "dependency", Message: exit.Error()})
	}
	err := decodeStream(out, func(d *json.Decoder) error {
		var p exportedPackage
		if err := d.Decode(&p); err != nil {
			return err
		}
		if p.Export != "" {
			exports[p.ImportPath] = p.Export
		}
		if p.Error != nil {
			e := p.Error.apiError("dependency", t.dir)
			e.Message = p.ImportPath + ": " + e.Message
			errs = append(errs, e)
		}
		return nil
	})
	if err != nil && exit == nil {
		return nil, nil, fmt.Errorf("reading go list -export output: %v", err)
	}
	return exports, errs, nil
}

// decodeStream calls decode for each JSON value in out (go list prints one
// object per package, not an array).
func decodeStream(out []byte, decode func(*json.Decoder) error) error {
	d := json.NewDecoder(bytes.NewReader(out))
	for d.More() {
		if err := decode(d); err != nil {
			return err
		}
	}
	// d.More is also false on garbage after the last value; make that an error.
	if _, err := d.Token(); err != io.EOF {
		return fmt.Errorf("unexpected data after JSON values")
	}
	return nil
}

// apiError turns a go list error into the output form. go list gives the
// position as "file:line:col" (file relative to the package directory).
func (e *listError) apiError(kind, dir string) apiError {
	return apiError{Kind: kind, Message: e.Err, Pos: parseListPos(e.Pos, dir)}
}

func parseListPos(s, dir string) *position {
	if s == "" {
		return nil
	}
	file, line, col := s, 0, 0
	// Peel ":col" and ":line" off the end; a Windows drive letter's colon
	// stays in the file name because what follows it is not a number.
	for _, target := range []*int{&col, &line} {
		i := strings.LastIndexByte(file, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(file[i+1:])
		if err != nil {
			break
		}
		*target = n
		file = file[:i]
	}
	if line == 0 && col != 0 { // only one number: it was the line
		line, col = col, 0
	}
	if !filepath.IsAbs(file) {
		file = filepath.Join(dir, file)
	}
	return &position{File: file, Line: line, Column: col}
}
