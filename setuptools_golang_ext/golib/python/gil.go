package python

// #include "capi.h"
import "C"

import (
	"errors"
	"runtime"
	"sync/atomic"
)

// ErrNotInitialized is returned when Python is not running: a Go program that
// embeds Python must call Initialize first (an extension module needs nothing).
var ErrNotInitialized = errors.New("python: the interpreter is not initialized; " +
	"call python.Initialize() first (only a Go program embedding Python needs to)")

// ErrFinalized is returned after Finalize: the interpreter is gone.
var ErrFinalized = errors.New("python: the interpreter has shut down " +
	"(python.Finalize was called, or the Python process is exiting)")

const (
	stateUnknown int32 = iota
	stateRunning
	stateFinalized
)

var interpreterState atomic.Int32

func running() error {
	switch interpreterState.Load() {
	case stateRunning:
		return nil
	case stateFinalized:
		return ErrFinalized
	}
	if C.Py_IsInitialized() == 0 {
		return ErrNotInitialized
	}
	interpreterState.CompareAndSwap(stateUnknown, stateRunning)
	return nil
}

// gil holds the GIL on a locked OS thread: CPython ties it to the thread.
type gil struct{ state C.int }

func acquire() (gil, error) {
	if err := running(); err != nil {
		return gil{}, err
	}
	runtime.LockOSThread()
	state := C.gopy_ensure()
	if state < 0 {
		runtime.UnlockOSThread()
		interpreterState.Store(stateFinalized)
		return gil{}, ErrFinalized
	}
	return gil{state}, nil
}

func (g gil) release() {
	C.gopy_release(g.state)
	runtime.UnlockOSThread()
}

// withGIL runs f holding the GIL.
func withGIL(f func() error) error {
	g, err := acquire()
	if err != nil {
		return err
	}
	defer g.release()
	return f()
}

// WithoutGIL runs f with the GIL released if the calling goroutine holds it
// (an extension function marked //python:export gil=hold), so that goroutines
// f waits for can call Python. Elsewhere it just runs f.
func WithoutGIL(f func()) {
	if running() != nil {
		f()
		return
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	saved := C.gopy_unblock()
	defer C.gopy_reblock(saved)
	f()
}
