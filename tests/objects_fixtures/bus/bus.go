// Package bus is an event bus that keeps Python callables: Subscribe stores a
// handler and Publish calls it later, from goroutines.
package bus

import (
	"runtime"
	"sort"
	"sync"
	"time"
)

// Event is what a handler receives.
//
//python:export
type Event struct {
	Topic   string
	Payload string
	Seq     int
}

// Bus delivers events to the handlers subscribed to their topic.
//
//python:export
type Bus struct {
	mu       sync.Mutex
	last     int
	seq      int
	handlers map[int]subscription
}

type subscription struct {
	topic   string
	handler func(Event) error
}

//python:export
func NewBus() *Bus { return &Bus{handlers: map[int]subscription{}} }

// Subscribe keeps handler until Unsubscribe, and returns its id.
//
//python:export keep=handler
func (b *Bus) Subscribe(topic string, handler func(Event) error) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.last++
	b.handlers[b.last] = subscription{topic, handler}
	return b.last
}

//python:export
func (b *Bus) Unsubscribe(id int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, ok := b.handlers[id]
	delete(b.handlers, id)
	return ok
}

// Publish calls every handler of topic, each from its own goroutine, and
// returns the errors they returned, sorted.
//
//python:export
func (b *Bus) Publish(topic, payload string) []string {
	b.mu.Lock()
	b.seq++
	event := Event{topic, payload, b.seq}
	var handlers []func(Event) error
	for _, s := range b.handlers {
		if s.topic == topic {
			handlers = append(handlers, s.handler)
		}
	}
	b.mu.Unlock()
	var wg sync.WaitGroup
	var mu sync.Mutex
	errs := []string{}
	for _, handler := range handlers {
		wg.Add(1)
		go func(handler func(Event) error) {
			defer wg.Done()
			if err := handler(event); err != nil {
				mu.Lock()
				errs = append(errs, err.Error())
				mu.Unlock()
			}
		}(handler)
	}
	wg.Wait()
	sort.Strings(errs)
	return errs
}

var (
	tickMu sync.Mutex
	ticker func(int) int
)

// OnTick keeps f (a func without an error result) for Tick.
//
//python:export keep=f
func OnTick(f func(n int) int) {
	tickMu.Lock()
	ticker = f
	tickMu.Unlock()
}

// Tick calls the kept func from another goroutine: what it answered, or 0.
//
//python:export
func Tick(n int) int {
	tickMu.Lock()
	f := ticker
	tickMu.Unlock()
	answer := make(chan int)
	go func() { answer <- f(n) }()
	return <-answer
}

// DropTick forgets the func OnTick kept.
//
//python:export
func DropTick() {
	tickMu.Lock()
	ticker = nil
	tickMu.Unlock()
}

var (
	hammerMu    sync.Mutex
	hammerError string
)

// Hammer calls f in a loop on a goroutine for good, and never stops: the
// process exits under it.
//
//python:export keep=f
func Hammer(f func(int) error) {
	go func() {
		for i := 0; ; i++ {
			if err := f(i); err != nil {
				hammerMu.Lock()
				hammerError = err.Error()
				hammerMu.Unlock()
				time.Sleep(time.Millisecond)
			}
		}
	}()
}

// HammerError is the last error a call of Hammer's func returned.
//
//python:export
func HammerError() string {
	time.Sleep(50 * time.Millisecond) // time for a few more calls
	hammerMu.Lock()
	defer hammerMu.Unlock()
	return hammerError
}

var remembered func(int) error

// Remember holds on to f without keep=, which is a mistake.
//
//python:export
func Remember(f func(int) error) { remembered = f }

// CallRemembered calls it after Remember returned: the error text.
//
//python:export
func CallRemembered() string {
	if err := remembered(1); err != nil {
		return err.Error()
	}
	return "ok"
}

// SumChecked adds f(i) for i below n and stops at f's first error, calling f on
// the caller's thread or, elsewhere, from another goroutine.
//
//python:export
func SumChecked(f func(int) (int, error), n int, elsewhere bool) (int, error) {
	total := 0
	for i := 0; i < n; i++ {
		var v int
		var err error
		if elsewhere {
			done := make(chan struct{})
			go func() { v, err = f(i); close(done) }()
			<-done
		} else {
			v, err = f(i)
		}
		if err != nil {
			return total, err
		}
		total += v
	}
	return total, nil
}

var rememberedNumber func(int64) int64

// RememberNumber holds on to a callable of numbers without keep= (a mistake): a
// cpython-mode module calls it through its fastest path, without a lock.
//
//python:export
func RememberNumber(f func(int64) int64) int64 {
	rememberedNumber = f
	return f(20)
}

// CallRememberedNumber calls it after RememberNumber returned, on the caller's
// thread (elsewhere false) or from another goroutine: Go gets 0, Python is not called.
//
//python:export
func CallRememberedNumber(elsewhere bool) int64 {
	if !elsewhere {
		return rememberedNumber(1)
	}
	answer := make(chan int64)
	go func() { answer <- rememberedNumber(1) }()
	return <-answer
}

// CollectGarbage runs Go's collector twice: once to find unreachable funcs,
// once more so their finalizers have been queued.
//
//python:export
func CollectGarbage() {
	runtime.GC()
	runtime.GC()
}
