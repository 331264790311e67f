// Package kvstore is an in-memory key-value store whose entries may expire.
//
// Time is passed in explicitly (milliseconds since any epoch the caller
// likes), which keeps expiry deterministic and testable.
package kvstore

import (
	"errors"
	"sort"
	"strings"
	"sync"
)

// NoExpiry as a TTL keeps an entry until it is deleted.
//
//python:export
const NoExpiry int64 = 0

// MaxKeyLen is the longest key accepted, in bytes.
//
//python:export
const MaxKeyLen = 256

// ErrKeyTooLong is returned for keys over MaxKeyLen bytes.
//
//python:export
var ErrKeyTooLong = errors.New("kvstore: key too long")

// Stats count what a store did.
//
//python:export
type Stats struct {
	Hits    int
	Misses  int
	Expired int
}

type entry struct {
	value    string
	deadline int64 // 0: never
}

// Store maps string keys to string values. It is safe for concurrent use.
//
//python:export
type Store struct {
	mu    sync.Mutex
	now   int64
	data  map[string]entry
	stats Stats
}

// New returns an empty store whose clock starts at nowMillis.
//
//python:export
func New(nowMillis int64) *Store {
	return &Store{now: nowMillis, data: make(map[string]entry)}
}

// Advance moves the store's clock forward by millis and drops what expired.
//
//python:export
func (s *Store) Advance(millis int64) error {
	if millis < 0 {
		return errors.New("kvstore: time cannot go backwards")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now += millis
	s.expireLocked()
	return nil
}

// Now is the store's clock, in milliseconds.
//
//python:export
func (s *Store) Now() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now
}

// Set stores value under key for ttlMillis (NoExpiry: for ever).
//
//python:export
func (s *Store) Set(key, value string, ttlMillis int64) error {
	if len(key) > MaxKeyLen {
		return ErrKeyTooLong
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e := entry{value: value}
	if ttlMillis > 0 {
		e.deadline = s.now + ttlMillis
	}
	s.data[key] = e
	return nil
}

// SetMany stores every pair of values with the same TTL.
//
//python:export
func (s *Store) SetMany(values map[string]string, ttlMillis int64) error {
	for k, v := range values {
		if err := s.Set(k, v, ttlMillis); err != nil {
			return err
		}
	}
	return nil
}

// Get returns the value of key and whether it was there.
//
//python:export
func (s *Store) Get(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.data[key]
	if ok && e.deadline != 0 && e.deadline <= s.now {
		delete(s.data, key)
		s.stats.Expired++
		ok = false
	}
	if !ok {
		s.stats.Misses++
		return "", false
	}
	s.stats.Hits++
	return e.value, true
}

// TTL is the time key has left in milliseconds; nil when it does not expire
// or is not there.
//
//python:export
func (s *Store) TTL(key string) *int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.data[key]
	if !ok || e.deadline == 0 {
		return nil
	}
	left := e.deadline - s.now
	return &left
}

// Delete removes key and reports whether it was there.
//
//python:export
func (s *Store) Delete(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.data[key]
	delete(s.data, key)
	return ok
}

// Len is the number of live entries.
//
//python:export
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked()
	return len(s.data)
}

// Keys returns the live keys starting with prefix, sorted.
//
//python:export
func (s *Store) Keys(prefix string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked()
	var keys []string
	for k := range s.data {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// Snapshot copies the live entries into a map.
//
//python:export
func (s *Store) Snapshot() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked()
	out := make(map[string]string, len(s.data))
	for k, e := range s.data {
		out[k] = e.value
	}
	return out
}

// Stats returns the counters so far.
//
//python:export
func (s *Store) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Item is an entry with its deadline (0: none), as Export returns it.
//
//python:export
type Item struct {
	Value          string
	DeadlineMillis int64
}

// Export copies the live entries with their deadlines, for a dump or a
// migration.
//
//python:export
func (s *Store) Export() map[string]Item {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked()
	out := make(map[string]Item, len(s.data))
	for k, e := range s.data {
		out[k] = Item{Value: e.value, DeadlineMillis: e.deadline}
	}
	return out
}

func (s *Store) expireLocked() {
	for k, e := range s.data {
		if e.deadline != 0 && e.deadline <= s.now {
			delete(s.data, k)
			s.stats.Expired++
		}
	}
}
