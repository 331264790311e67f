// Package workerpool runs many small tasks on a fixed number of goroutines.
package workerpool

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// ErrNoWorkers is returned by a pool configured with a negative worker count.
//
//python:export
var ErrNoWorkers = errors.New("workerpool: workers must not be negative")

// Pool runs tasks on Workers goroutines (0: one per CPU). Its fields may be
// changed between runs; a run reads them once.
//
//python:export
type Pool struct {
	// Workers is the number of goroutines; 0 means runtime.NumCPU().
	Workers int
	// StopOnError makes a run stop handing out tasks after the first error.
	StopOnError bool
	runs        atomic.Int64
}

// New returns a pool with the given number of workers.
//
//python:export
func New(workers int) *Pool { return &Pool{Workers: workers, StopOnError: true} }

func (p *Pool) workers() (int, error) {
	switch {
	case p.Workers < 0:
		return 0, ErrNoWorkers
	case p.Workers == 0:
		return runtime.NumCPU(), nil
	}
	return p.Workers, nil
}

// Run calls task(i) for i in [0, n) on the pool's goroutines and returns the
// results in index order. The first error (by index) is returned, wrapped
// with its index.
//
//python:export
func (p *Pool) Run(n int, task func(i int) (int, error)) ([]int, error) {
	return p.RunContext(context.Background(), n, task)
}

// RunContext is Run that stops handing out tasks once ctx is done.
//
//python:export
func (p *Pool) RunContext(ctx context.Context, n int, task func(i int) (int, error)) ([]int, error) {
	workers, err := p.workers()
	if err != nil {
		return nil, err
	}
	p.runs.Add(1)
	results := make([]int, n)
	errs := make([]error, n)
	var failed atomic.Bool
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(workers, max(n, 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i], errs[i] = task(i)
				if errs[i] != nil {
					failed.Store(true)
				}
			}
		}()
	}
feed:
	for i := 0; i < n; i++ {
		if p.StopOnError && failed.Load() {
			break
		}
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("task %d: %w", i, err)
		}
	}
	return results, ctx.Err()
}

// Map applies f to every item concurrently; the output keeps the input order.
//
//python:export
func (p *Pool) Map(items []string, f func(item string) string) ([]string, error) {
	out := make([]string, len(items))
	_, err := p.Run(len(items), func(i int) (int, error) {
		out[i] = f(items[i])
		return 0, nil
	})
	return out, err
}

// Count returns, for each distinct key f gives to an item, how many items got it.
//
//python:export
func (p *Pool) Count(items []string, f func(item string) (string, error)) (map[string]int, error) {
	keys := make([]string, len(items))
	_, err := p.Run(len(items), func(i int) (int, error) {
		k, err := f(items[i])
		keys[i] = k
		return 0, err
	})
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, k := range keys {
		counts[k]++
	}
	return counts, nil
}

// Runs is how many runs the pool started.
//
//python:export
func (p *Pool) Runs() int { return int(p.runs.Load()) }

// Go runs fn on a new goroutine and returns a channel closed when it is done.
func Go(fn func()) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	return done
}
