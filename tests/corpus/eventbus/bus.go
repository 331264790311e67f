// Package eventbus delivers published events to the subscribers of their
// topic. Subscribers are named queues; Dispatch hands queued events to a
// handler, so delivery happens on the caller's schedule.
package eventbus

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Wildcard as a topic pattern matches every topic.
//
//python:export
const Wildcard = "*"

// ErrUnknownSubscriber is returned for a subscriber name never subscribed.
//
//python:export
var ErrUnknownSubscriber = errors.New("eventbus: unknown subscriber")

// Event is one published message.
//
//python:export
type Event struct {
	Topic   string
	Payload string
	// Seq numbers events in publishing order, from 1.
	Seq int64
}

type subscriber struct {
	pattern string
	queue   []Event
}

// Bus routes events by topic. It is safe for concurrent use.
//
//python:export
type Bus struct {
	mu          sync.Mutex
	seq         int64
	subscribers map[string]*subscriber
	funcs       map[string][]func(Event)
}

// New returns a bus with no subscribers.
//
//python:export
func New() *Bus {
	return &Bus{subscribers: map[string]*subscriber{}, funcs: map[string][]func(Event){}}
}

// matches reports whether topic falls under pattern: Wildcard, an exact
// topic, or a prefix ending in ".*" ("orders.*" matches "orders.new").
func matches(pattern, topic string) bool {
	if pattern == Wildcard || pattern == topic {
		return true
	}
	prefix, ok := strings.CutSuffix(pattern, ".*")
	return ok && strings.HasPrefix(topic, prefix+".")
}

// Subscribe registers the subscriber name for topics matching pattern.
//
//python:export
func (b *Bus) Subscribe(name, pattern string) error {
	if name == "" {
		return errors.New("eventbus: a subscriber needs a name")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subscribers[name]; ok {
		return fmt.Errorf("eventbus: %q is already subscribed", name)
	}
	b.subscribers[name] = &subscriber{pattern: pattern}
	return nil
}

// SubscribeFunc calls fn synchronously for each event on topic, from the
// goroutine that publishes it. The bus keeps fn: keep= lets Python pass a callable.
//
//python:export keep=fn
func (b *Bus) SubscribeFunc(topic string, fn func(Event)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.funcs[topic] = append(b.funcs[topic], fn)
}

// Unsubscribe removes name and drops its queue.
//
//python:export
func (b *Bus) Unsubscribe(name string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subscribers[name]; !ok {
		return fmt.Errorf("%w: %q", ErrUnknownSubscriber, name)
	}
	delete(b.subscribers, name)
	return nil
}

// Publish queues an event for every matching subscriber and returns its
// sequence number and how many subscribers will get it.
//
//python:export
func (b *Bus) Publish(topic, payload string) (int64, int) {
	b.mu.Lock()
	b.seq++
	ev := Event{Topic: topic, Payload: payload, Seq: b.seq}
	n := 0
	for _, s := range b.subscribers {
		if matches(s.pattern, topic) {
			s.queue = append(s.queue, ev)
			n++
		}
	}
	funcs := append([]func(Event){}, b.funcs[topic]...)
	b.mu.Unlock()
	for _, fn := range funcs {
		fn(ev)
	}
	return ev.Seq, n
}

// Pending tells how many events wait for each subscriber.
//
//python:export
func (b *Bus) Pending() map[string]int {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make(map[string]int, len(b.subscribers))
	for name, s := range b.subscribers {
		out[name] = len(s.queue)
	}
	return out
}

// Dispatch hands every queued event to handler, subscriber by subscriber in
// name order, oldest event first, and returns how many were delivered. When
// handler fails, that event stays queued with the ones after it, and the
// error is returned.
//
//python:export
func (b *Bus) Dispatch(handler func(subscriber, topic, payload string) error) (int, error) {
	b.mu.Lock()
	names := make([]string, 0, len(b.subscribers))
	for name := range b.subscribers {
		names = append(names, name)
	}
	b.mu.Unlock()
	sort.Strings(names)
	delivered := 0
	for _, name := range names {
		for {
			ev, ok := b.peek(name)
			if !ok {
				break
			}
			if err := handler(name, ev.Topic, ev.Payload); err != nil {
				return delivered, fmt.Errorf("eventbus: %s on %s: %w", name, ev.Topic, err)
			}
			b.pop(name)
			delivered++
		}
	}
	return delivered, nil
}

// Drain removes and returns the events queued for name.
//
//python:export
func (b *Bus) Drain(name string) ([]Event, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	s, ok := b.subscribers[name]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownSubscriber, name)
	}
	out := s.queue
	s.queue = nil
	return out, nil
}

func (b *Bus) peek(name string) (Event, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	s, ok := b.subscribers[name]
	if !ok || len(s.queue) == 0 {
		return Event{}, false
	}
	return s.queue[0], true
}

func (b *Bus) pop(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if s, ok := b.subscribers[name]; ok && len(s.queue) > 0 {
		s.queue = s.queue[1:]
	}
}
