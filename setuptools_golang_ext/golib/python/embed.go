package python

// #include "capi.h"
import "C"

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// The interpreter of an embedding program lives on one OS thread, which
// initializes it and, at Finalize, finalizes it: CPython wants both on the
// same thread. Between the two that thread waits with the GIL released.
var embedded struct {
	sync.Mutex
	stop chan struct{}
	done chan C.int
}

// Initialize starts the Python interpreter in a Go program that embeds Python.
// Inside an extension module (Python already runs) it does nothing. With
// VIRTUAL_ENV set (an activated virtual environment), its site-packages
// directory is added to sys.path; PYTHONPATH and PYTHONHOME work as for python.
func Initialize() error {
	embedded.Lock()
	defer embedded.Unlock()
	if interpreterState.Load() == stateFinalized {
		return errors.New("python: Initialize after Finalize is not supported")
	}
	if embedded.stop != nil || C.Py_IsInitialized() != 0 {
		return nil
	}
	started := make(chan struct{})
	embedded.stop, embedded.done = make(chan struct{}), make(chan C.int)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread belongs to Python
		C.Py_InitializeEx(0)   // 0: Go keeps its own signal handlers
		interpreterState.Store(stateRunning)
		saved := C.PyEval_SaveThread()
		close(started)
		<-embedded.stop
		C.PyEval_RestoreThread(saved)
		embedded.done <- C.Py_FinalizeEx()
	}()
	<-started
	return addVirtualEnv()
}

// Finalize stops the interpreter started by Initialize, after which no Python
// call works. Stop goroutines that use Python first. Inside an extension module
// it does nothing.
func Finalize() error {
	embedded.Lock()
	defer embedded.Unlock()
	if embedded.stop == nil || interpreterState.Load() == stateFinalized {
		return nil
	}
	forgetCached()
	interpreterState.Store(stateFinalized)
	close(embedded.stop)
	if <-embedded.done != 0 {
		return errors.New("python: Py_FinalizeEx reported an error (flushing sys.stdout?)")
	}
	return nil
}

func addVirtualEnv() error {
	venv := os.Getenv("VIRTUAL_ENV")
	if venv == "" {
		return nil
	}
	site, err := Import("site")
	if err != nil {
		return err
	}
	defer site.Close()
	sys, err := Import("sys")
	if err != nil {
		return err
	}
	defer sys.Close()
	version, err := AttrAs[struct {
		Major int `python:"major"`
		Minor int `python:"minor"`
	}](sys, "version_info")
	if err != nil {
		return fmt.Errorf("python: reading sys.version_info: %w", err)
	}
	dir := filepath.Join(venv, "lib", fmt.Sprintf("python%d.%d", version.Major, version.Minor),
		"site-packages")
	if runtime.GOOS == "windows" {
		dir = filepath.Join(venv, "Lib", "site-packages")
	}
	_, err = CallMethodAs[Ignore](site, "addsitedir", dir)
	return err
}

// AddPath puts dir (made absolute) first on sys.path, so Import finds the
// modules in it; a directory already on sys.path is left where it is.
func AddPath(dir string) error {
	absolute, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	sys, err := Import("sys")
	if err != nil {
		return err
	}
	defer sys.Close()
	path, err := sys.Attr("path")
	if err != nil {
		return err
	}
	defer path.Close()
	present, err := CallMethodAs[bool](path, "__contains__", absolute)
	if err != nil || present {
		return err
	}
	_, err = CallMethodAs[Ignore](path, "insert", 0, absolute)
	return err
}
