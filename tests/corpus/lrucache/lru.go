// Package lrucache is a size-bounded cache that evicts the least recently
// used entry first.
package lrucache

import (
	"container/list"
	"errors"
	"sync"
)

// DefaultCapacity is the capacity of a cache made with capacity 0.
//
//python:export
const DefaultCapacity = 128

// ErrCapacity is returned for a negative capacity.
//
//python:export
var ErrCapacity = errors.New("lrucache: capacity must not be negative")

// Stats count cache traffic.
//
//python:export
type Stats struct {
	Hits, Misses, Evictions int
}

// HitRate is the share of lookups that hit, 0 when there were none.
//
//python:export
func (s Stats) HitRate() float64 {
	if s.Hits+s.Misses == 0 {
		return 0
	}
	return float64(s.Hits) / float64(s.Hits+s.Misses)
}

type item struct {
	key   string
	value []byte
}

// Cache maps string keys to byte values. It is safe for concurrent use.
//
//python:export
type Cache struct {
	mu       sync.Mutex
	capacity int
	order    *list.List // front: most recent
	items    map[string]*list.Element
	stats    Stats
}

// New returns an empty cache holding at most capacity entries.
//
//python:export
func New(capacity int) (*Cache, error) {
	if capacity < 0 {
		return nil, ErrCapacity
	}
	if capacity == 0 {
		capacity = DefaultCapacity
	}
	return &Cache{capacity: capacity, order: list.New(), items: map[string]*list.Element{}}, nil
}

// Get returns the value of key, marking it most recently used; nil and
// false when absent.
//
//python:export
func (c *Cache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		c.stats.Misses++
		return nil, false
	}
	c.stats.Hits++
	c.order.MoveToFront(el)
	return el.Value.(*item).value, true
}

// Put stores value under key and returns the key it evicted to make room,
// or nil.
//
//python:export
func (c *Cache) Put(key string, value []byte) *string {
	c.mu.Lock()
	defer c.mu.Unlock()
	stored := append([]byte(nil), value...) // the caller's buffer is theirs
	if el, ok := c.items[key]; ok {
		el.Value.(*item).value = stored
		c.order.MoveToFront(el)
		return nil
	}
	c.items[key] = c.order.PushFront(&item{key, stored})
	if c.order.Len() <= c.capacity {
		return nil
	}
	oldest := c.order.Back()
	c.order.Remove(oldest)
	evicted := oldest.Value.(*item).key
	delete(c.items, evicted)
	c.stats.Evictions++
	return &evicted
}

// GetOrLoad returns the cached value of key, or calls load, caches its
// result and returns it. An error from load is returned and nothing is cached.
//
//python:export
func (c *Cache) GetOrLoad(key string, load func(key string) (string, error)) (string, error) {
	if v, ok := c.Get(key); ok {
		return string(v), nil
	}
	v, err := load(key)
	if err != nil {
		return "", err
	}
	c.Put(key, []byte(v))
	return v, nil
}

// Keys lists the keys from most to least recently used.
//
//python:export
func (c *Cache) Keys() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	keys := make([]string, 0, c.order.Len())
	for el := c.order.Front(); el != nil; el = el.Next() {
		keys = append(keys, el.Value.(*item).key)
	}
	return keys
}

// Len is the number of entries.
//
//python:export
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// Resize changes the capacity, evicting the oldest entries if needed, and
// returns how many were evicted.
//
//python:export
func (c *Cache) Resize(capacity int) (int, error) {
	if capacity <= 0 {
		return 0, ErrCapacity
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.capacity = capacity
	n := 0
	for c.order.Len() > capacity {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.items, oldest.Value.(*item).key)
		c.stats.Evictions++
		n++
	}
	return n, nil
}

// Stats returns the counters so far.
//
//python:export
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

// Typed is a generic LRU for any comparable key and value type; Python gets
// a class for each instantiation listed.
//
//python:export instantiate=[string, int],[int, string]
type Typed[K comparable, V any] struct {
	mu       sync.Mutex
	capacity int
	order    []K
	values   map[K]V
}

// NewTyped returns an empty generic cache.
//
//python:export instantiate=[string, int],[int, string]
func NewTyped[K comparable, V any](capacity int) *Typed[K, V] {
	return &Typed[K, V]{capacity: max(capacity, 1), values: map[K]V{}}
}

// Put stores value under key, evicting the oldest entry when full.
//
//python:export
func (t *Typed[K, V]) Put(key K, value V) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.values[key] = value
	t.touch(key)
	if len(t.order) > t.capacity {
		delete(t.values, t.order[0])
		t.order = t.order[1:]
	}
}

// Get returns the value of key.
//
//python:export
func (t *Typed[K, V]) Get(key K) (V, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	v, ok := t.values[key]
	if ok {
		t.touch(key)
	}
	return v, ok
}

// touch moves key to the most recent end of the order.
func (t *Typed[K, V]) touch(key K) {
	for i, k := range t.order {
		if k == key {
			t.order = append(t.order[:i], t.order[i+1:]...)
			break
		}
	}
	t.order = append(t.order, key)
}
