"""Go calling Python: the package ``setuptools-golang-ext.dev/python`` against the raw C API.

``.venv/bin/python bench/go_calls_python.py`` (bench/run.py runs it too): builds a
Go program that embeds this Python (flags from ``python -m setuptools_golang_ext
cgo-env``, the package through ``gopath --go-work``) and times, in the same
process, a call of the Python function ``add(a, b)`` with two int arguments and
an int result:

- ours: ``python.CallAs[int](add, i, i)`` from a goroutine that holds nothing
  (the package takes and drops the GIL for every call);
- raw: the same call written with the C API in cgo, in its best case: the GIL
  taken once around the whole loop, then per call PyTuple_New, two
  PyLong_FromLongLong, PyObject_CallObject, PyLong_AsLongLong and the decrefs.

Best batch of many interleaved ones on each side; target ours / raw <= 1.5.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

Row = tuple[str, float, str, bool]  # as in run.py
TARGET = 1.5

PROGRAM = r"""package main

// #include <Python.h>
// #include <stdlib.h>
import "C"

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"time"
	"unsafe"

	"setuptools-golang-ext.dev/python"
)

const batches, calls = 200, 2000

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func ours(add *python.Object) time.Duration {
	started := time.Now()
	for i := 0; i < calls; i++ {
		n, err := python.CallAs[int](add, i, i)
		if err != nil || n != 2*i {
			must(fmt.Errorf("ours: %d, %v", n, err))
		}
	}
	return time.Since(started)
}

func raw(add *C.PyObject) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	state := C.PyGILState_Ensure()
	defer C.PyGILState_Release(state)
	started := time.Now()
	for i := 0; i < calls; i++ {
		args := C.PyTuple_New(2)
		C.PyTuple_SetItem(args, 0, C.PyLong_FromLongLong(C.longlong(i)))
		C.PyTuple_SetItem(args, 1, C.PyLong_FromLongLong(C.longlong(i)))
		result := C.PyObject_CallObject(add, args)
		n := C.PyLong_AsLongLong(result)
		C.Py_DecRef(result)
		C.Py_DecRef(args)
		if int(n) != 2*i {
			must(fmt.Errorf("raw: %d", n))
		}
	}
	return time.Since(started)
}

func main() {
	must(python.Initialize())
	must(python.AddPath("."))
	module, err := python.Import("adder")
	must(err)
	add, err := module.Attr("add")
	must(err)
	var rawAdd *C.PyObject
	{ // the raw side's own reference to the same function
		runtime.LockOSThread()
		state := C.PyGILState_Ensure()
		name := C.CString("adder")
		m := C.PyImport_ImportModule(name)
		attr := C.CString("add")
		rawAdd = C.PyObject_GetAttrString(m, attr)
		C.Py_DecRef(m)
		C.free(unsafe.Pointer(name))
		C.free(unsafe.Pointer(attr))
		C.PyGILState_Release(state)
		runtime.UnlockOSThread()
	}
	best := map[string]time.Duration{"ours": 1 << 62, "raw": 1 << 62}
	for b := 0; b < batches; b++ {
		first, second := "ours", "raw"
		if b%2 == 1 {
			first, second = second, first
		}
		for _, side := range []string{first, second} {
			var took time.Duration
			if side == "ours" {
				took = ours(add)
			} else {
				took = raw(rawAdd)
			}
			best[side] = min(best[side], took)
		}
	}
	out := map[string]float64{}
	for side, took := range best {
		out[side+"_ns"] = float64(took.Nanoseconds()) / calls
	}
	must(json.NewEncoder(os.Stdout).Encode(out))
	must(python.Finalize())
}
"""


def measure(workdir: Path) -> dict[str, float]:
    """ns per call on each side, from one build and run of the program."""
    program = workdir / "go-calls-python"
    program.mkdir()
    (program / "go.mod").write_text("module example.com/gocallspython\n\ngo 1.21\n")
    (program / "main.go").write_text(PROGRAM)
    (program / "adder.py").write_text("def add(a, b):\n    return a + b\n")
    tool = [sys.executable, "-m", "setuptools_golang_ext"]
    subprocess.run([*tool, "gopath", "--go-work", str(program)], check=True,
                   stdout=subprocess.DEVNULL)
    settings = json.loads(subprocess.run([*tool, "cgo-env", "--json"], check=True,
                                         capture_output=True, text=True).stdout)
    env = {**os.environ, **settings}
    subprocess.run(["go", "build", "-o", "bench"], cwd=program, env=env, check=True)
    output = subprocess.run([str(program / "bench")], cwd=program, env=env, check=True,
                            capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(output)
    return result


def go_calls_python_rows(workdir: Path) -> list[Row]:
    times = measure(workdir)
    ratio = times["ours_ns"] / times["raw_ns"]
    print(f"  Go calls Python add(i, i): package {times['ours_ns']:.0f} ns, raw C API "
          f"{times['raw_ns']:.0f} ns, ratio {ratio:.2f} (target <= {TARGET})")
    return [("Go calls Python add(int, int): package / raw C API (time)", ratio,
             f"<= {TARGET}", ratio <= TARGET)]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="goext-bench-gocallspy-") as workdir:
        rows = go_calls_python_rows(Path(workdir))
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
