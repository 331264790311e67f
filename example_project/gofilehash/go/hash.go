// Package gofilehash hashes files concurrently; Python calls it through the
// functions marked //python:export (the build generates the cgo glue).
//
// Hashing many files is I/O plus CPU work that Python threads cannot spread
// over cores well; goroutines can, and the caller gets every digest at once.
package gofilehash

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
)

// Sha256Hex returns the first digits hex digits of the SHA-256 of data.
//
// digits outside 0..64 is a programming error: the slice expression panics,
// which Python sees as GoPanic.
//
//python:export
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

// hashFile streams one file through SHA-256 without loading it whole.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFiles hashes paths with at most workers goroutines (0: one per CPU).
// The first error wins; digests keep the order of paths.
func hashFiles(paths []string, workers int) ([]string, error) {
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
				d, err := hashFile(paths[i])
				results[i] = fileDigest{d, err}
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
