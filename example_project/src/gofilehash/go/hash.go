// Package gofilehash hashes files concurrently; Python calls it through the
// functions marked //python:export (the build generates the cgo glue).
//
// Hashing many files is I/O plus CPU work that Python threads cannot spread
// over cores well; goroutines can, and the caller gets every digest at once.
package gofilehash

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// DefaultAlgorithm is what a Hasher with an empty Algorithm uses.
//
//python:export
const DefaultAlgorithm = "sha256"

// algorithms are the hashes a Hasher knows, by name.
var algorithms = map[string]func() hash.Hash{
	"sha1":   sha1.New,
	"sha256": sha256.New,
	"sha512": sha512.New,
}

// Algorithms lists the names a Hasher's Algorithm may take, sorted.
//
//python:export
func Algorithms() []string {
	names := make([]string, 0, len(algorithms))
	for name := range algorithms {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Hasher hashes many files at once. The zero value hashes with SHA-256 on
// one goroutine per CPU.
//
//python:export
type Hasher struct {
	// Workers is the number of goroutines; 0 means one per CPU.
	Workers int
	// Algorithm names the hash: see Algorithms; "" means DefaultAlgorithm.
	Algorithm string
}

// HashFiles hashes every file on h.Workers goroutines and returns the hex
// digest of each path. After each file, progress is called with its path,
// the number of files done so far and the total; it may be called from
// several goroutines, one call at a time. The first file that cannot be read
// is the error.
//
//python:export
func (h *Hasher) HashFiles(paths []string, progress func(path string, done, total int)) (map[string]string, error) {
	name := h.Algorithm
	if name == "" {
		name = DefaultAlgorithm
	}
	newHash, ok := algorithms[name]
	if !ok {
		return nil, fmt.Errorf("unknown algorithm %q (known: %s)", name, strings.Join(Algorithms(), ", "))
	}
	var done atomic.Int64
	var mu sync.Mutex // progress sees one call at a time
	digests, err := hashFilesWith(paths, h.Workers, newHash, func(path string) {
		n := done.Add(1)
		mu.Lock()
		defer mu.Unlock()
		progress(path, int(n), len(paths))
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(paths))
	for i, path := range paths {
		out[path] = digests[i]
	}
	return out, nil
}

// Sha256Hex returns the first digits hex digits of the SHA-256 of data.
//
// digits outside 0..64 is a programming error: the slice expression panics,
// which Python sees as GoPanic.
//
//python:export readonly=data
func Sha256Hex(data []byte, digits int) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])[:digits]
}

// HashFiles hashes the NUL-separated paths with at most workers goroutines
// (0: one per CPU) and returns the hex digests, one per line, in path order.
// The first file that cannot be read is the error.
//
//python:export
func HashFiles(paths string, workers int) (string, error) {
	if paths == "" {
		return "", nil
	}
	digests, err := hashFiles(strings.Split(paths, "\x00"), workers)
	if err != nil {
		return "", err
	}
	return strings.Join(digests, "\n"), nil
}

type fileDigest struct {
	digest string
	err    error
}

// hashFile streams one file through a new hash without loading it whole.
func hashFile(path string, newHash func() hash.Hash) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := newHash()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFiles hashes paths with SHA-256 on at most workers goroutines (0: one
// per CPU). The first error wins; digests keep the order of paths.
func hashFiles(paths []string, workers int) ([]string, error) {
	return hashFilesWith(paths, workers, sha256.New, func(string) {})
}

// hashFilesWith is hashFiles with any hash, calling done after each file.
func hashFilesWith(paths []string, workers int, newHash func() hash.Hash, done func(path string)) ([]string, error) {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	results := make([]fileDigest, len(paths))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				d, err := hashFile(paths[i], newHash)
				results[i] = fileDigest{d, err}
				if err == nil {
					done(paths[i])
				}
			}
		}()
	}
	for i := range paths {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	digests := make([]string, len(paths))
	for i, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		digests[i] = r.digest
	}
	return digests, nil
}
