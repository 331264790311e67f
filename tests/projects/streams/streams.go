// Package streams has stream results of every kind, for the tests and the benchmark.
package streams

import (
	"context"
	"errors"
	"iter"
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

var stopped atomic.Int64

// Goroutines is runtime.NumGoroutine.
//
//python:export
func Goroutines() int { return runtime.NumGoroutine() }

// Stopped counts the sequences whose yield returned false.
//
//python:export
func Stopped() int64 { return stopped.Load() }

// Count yields 0 .. n-1.
//
//python:export
func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				stopped.Add(1)
				return
			}
		}
	}
}

// Halves yields i/2 for i in 0 .. n-1.
//
//python:export
func Halves(n int) iter.Seq[float64] {
	return func(yield func(float64) bool) {
		for i := 0; i < n; i++ {
			if !yield(float64(i) / 2) {
				return
			}
		}
	}
}

// Pairs yields (name, index) pairs.
//
//python:export
func Pairs(names []string) iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		for i, name := range names {
			if !yield(name, i) {
				stopped.Add(1)
				return
			}
		}
	}
}

// Groups yields maps with integer keys.
//
//python:export
func Groups(n int) iter.Seq[map[int][]string] {
	return func(yield func(map[int][]string) bool) {
		for i := 0; i < n; i++ {
			if !yield(map[int][]string{i: {"x"}}) {
				return
			}
		}
	}
}

// Boom panics after yielding n items.
//
//python:export
func Boom(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
		panic("boom after the items")
	}
}

// Checked fails or returns a nil sequence.
//
//python:export
func Checked(fail bool) (iter.Seq[string], error) {
	if fail {
		return nil, errors.New("no sequence")
	}
	return nil, nil
}

// Ticks sends 0 .. n-1 (n < 0: forever) until ctx is cancelled.
//
//python:export
func Ticks(ctx context.Context, n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; n < 0 || i < n; i++ {
			select {
			case ch <- i:
			case <-ctx.Done():
				stopped.Add(1)
				return
			}
		}
	}()
	return ch
}

// Buffered returns a closed channel holding 0 .. n-1.
//
//python:export
func Buffered(n int) <-chan int {
	ch := make(chan int, n)
	for i := 0; i < n; i++ {
		ch <- i
	}
	close(ch)
	return ch
}

// Slow sends n words, one every ms.
//
//python:export
func Slow(ctx context.Context, n int) chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			select {
			case <-time.After(time.Millisecond):
			case <-ctx.Done():
				return
			}
			ch <- "w"
		}
	}()
	return ch
}

// Ints returns 0 .. n-1 as a slice.
//
//python:export
func Ints(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// Produce sends 0 .. n-1 through a buffered channel until ctx is cancelled.
//
//python:export
func Produce(ctx context.Context, n int) <-chan int {
	ch := make(chan int, 1024)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			select {
			case ch <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

var lastAddress uintptr

// Samples returns i/2 for i in 0 .. n-1, not copied: Python gets a view.
//
//python:export nocopy=result
func Samples(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(i) / 2
	}
	if n > 0 {
		lastAddress = uintptr(unsafe.Pointer(&out[0]))
	}
	return out
}

// Blob returns n bytes of value 7, not copied.
//
//python:export nocopy=result
func Blob(n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = 7
	}
	if n > 0 {
		lastAddress = uintptr(unsafe.Pointer(&out[0]))
	}
	return out
}

// BlobCopied returns n bytes of value 7, copied (the default).
//
//python:export
func BlobCopied(n int) []byte { return Blob(n) }

// LastAddress is where the last slice Samples or Blob made starts.
//
//python:export
func LastAddress() uint64 { return uint64(lastAddress) }

var preset []byte

// Preset returns the same n bytes every time, not copied (for the benchmark).
//
//python:export nocopy=result
func Preset(n int) []byte {
	if len(preset) != n {
		preset = make([]byte, n)
	}
	return preset
}

// PresetCopied returns the same n bytes every time, copied.
//
//python:export
func PresetCopied(n int) []byte { return Preset(n) }

// Fetch waits ms milliseconds (or until ctx is done), then returns url.
//
//python:export async
func Fetch(ctx context.Context, url string, ms int) (string, error) {
	select {
	case <-time.After(time.Duration(ms) * time.Millisecond):
		return url, nil
	case <-ctx.Done():
		cancelled.Add(1)
		return "", ctx.Err()
	}
}

var cancelled atomic.Int64

// Cancelled counts the Fetch calls whose context was cancelled.
//
//python:export
func Cancelled() int64 { return cancelled.Load() }

// Explode fails or panics, asynchronously.
//
//python:export async
func Explode(ctx context.Context, panics bool) error {
	if panics {
		panic("async boom")
	}
	return errors.New("async failure")
}

// SumSeq adds the items of a sequence, stopping at a negative one.
//
//python:export
func SumSeq(items iter.Seq[int]) int {
	total := 0
	for item := range items {
		if item < 0 {
			break
		}
		total += item
	}
	return total
}

// Join reads words from a channel until it is closed.
//
//python:export
func Join(words <-chan string) string {
	out := ""
	for word := range words {
		out += word
	}
	return out
}

// FirstOf takes the first n items of a sequence, however long it is.
//
//python:export
func FirstOf(items iter.Seq[int], n int) []int {
	taken := []int{}
	for item := range items {
		if len(taken) == n {
			break
		}
		taken = append(taken, item)
	}
	return taken
}

// FirstFrom receives the first n items of a channel and returns.
//
//python:export
func FirstFrom(items <-chan int, n int) []int {
	taken := []int{}
	for len(taken) < n {
		item, ok := <-items
		if !ok {
			break
		}
		taken = append(taken, item)
	}
	return taken
}

// SendCount sends 0..n-1 on out.
//
//python:export
func SendCount(out chan<- int, n int) {
	for i := range n {
		out <- i
	}
}

// Halving sends halves on out and closes it, as a producer may.
//
//python:export
func Halving(out chan<- float64, n int) {
	defer close(out)
	for i := range n {
		out <- float64(i) / 2
	}
}

// Silent sends nothing until its context is done, then closes the channel.
//
//python:export
func Silent(ctx context.Context) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		<-ctx.Done()
		stopped.Add(1)
	}()
	return ch
}

// Fetcher prefixes what it fetches.
//
//python:export
type Fetcher struct {
	Prefix string
}

// Get returns the prefixed key after a short wait, or the context's error.
//
//python:export async
func (f *Fetcher) Get(ctx context.Context, key string, ms int) (string, error) {
	select {
	case <-time.After(time.Duration(ms) * time.Millisecond):
		return f.Prefix + key, nil
	case <-ctx.Done():
		cancelled.Add(1)
		return "", ctx.Err()
	}
}

// SumChan adds the items received from a channel until it is closed.
//
//python:export
func SumChan(items <-chan int) int {
	total := 0
	for item := range items {
		total += item
	}
	return total
}
