// Package main hashes files concurrently and exposes the work to Python.
//
// Hashing many files is I/O plus CPU work that Python threads cannot spread
// over cores well; goroutines can, and the caller gets every digest at once.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
)

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

func main() {}
