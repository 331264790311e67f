// Package errs returns sentinel errors and error types, which Python catches by kind.
package errs

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned when a key is missing.
//
//python:export
var ErrNotFound = errors.New("not found")

// Errors of a store.
//
//python:export
var (
	// ErrClosed is returned after Close.
	ErrClosed = errors.New("closed")
	// Not a sentinel: a plain variable of the group stays a variable.
	Retries  = 3
	errQuiet = errors.New("unexported: no class")
)

// stale is the first value of ErrNotFound, whatever Go assigns to it later.
var stale = ErrNotFound

// ParseError says where parsing failed.
//
//python:export
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Code is an error by value.
//
//python:export
type Code struct{ N int }

func (c Code) Error() string { return fmt.Sprintf("code %d", c.N) }

// Get finds a key.
//
//python:export
func Get(key string) (string, error) {
	switch key {
	case "":
		return "", ErrNotFound
	case "missing":
		return "", fmt.Errorf("get %q: %w", key, ErrNotFound)
	case "plain":
		return "", errors.New("plain failure")
	case "quiet":
		return "", errQuiet
	}
	return "value of " + key, nil
}

// Both matches ErrClosed and ErrNotFound: ErrNotFound is declared first.
//
//python:export
func Both() error { return errors.Join(ErrClosed, ErrNotFound) }

// Closed matches ErrClosed only.
//
//python:export
func Closed() error { return fmt.Errorf("store: %w", ErrClosed) }

// Parse fails with a wrapped *ParseError.
//
//python:export
func Parse(text string) (int, error) {
	if text == "" {
		return 0, fmt.Errorf("parse: %w", &ParseError{Line: 3, Msg: "empty"})
	}
	return len(text), nil
}

// Fail fails with a Code by value.
//
//python:export
func Fail(n int) error { return fmt.Errorf("fail: %w", Code{N: n}) }

// Lookup fails with both a sentinel and an error type.
//
//python:export
func Lookup(line int) error {
	return fmt.Errorf("%w: %w", ErrNotFound, &ParseError{Line: line, Msg: "no such line"})
}

// Stale returns the first value ErrNotFound had.
//
//python:export
func Stale() error { return stale }

// RenameNotFound assigns ErrNotFound a new error value.
//
//python:export
func RenameNotFound(text string) { ErrNotFound = errors.New(text) }

// RestoreNotFound gives ErrNotFound its first value back.
//
//python:export
func RestoreNotFound() { ErrNotFound = stale }

// Store is closed once.
//
//python:export
type Store struct{ closed bool }

// NewStore makes an open store.
//
//python:export
func NewStore() *Store { return &Store{} }

// Get fails with ErrClosed (wrapped) once the store is closed.
//
//python:export
func (s *Store) Get(key string) (string, error) {
	if s.closed {
		return "", fmt.Errorf("store get %q: %w", key, ErrClosed)
	}
	return Get(key)
}

// Close closes the store; a second Close fails with ErrClosed.
//
//python:export
func (s *Store) Close() error {
	if s.closed {
		return ErrClosed
	}
	s.closed = true
	return nil
}

// Wrap adds a note in front of err, keeping it in the chain (nil stays nil).
//
//python:export
func Wrap(err error, note string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", note, err)
}

// Is is errors.Is.
//
//python:export
func Is(err, target error) bool { return errors.Is(err, target) }

// Text is err's message, "<nil>" for nil.
//
//python:export
func Text(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// LineOf is the line of the *ParseError in err's chain, -1 without one.
//
//python:export
func LineOf(err error) int {
	var parsed *ParseError
	if errors.As(err, &parsed) {
		return parsed.Line
	}
	return -1
}

// Join is errors.Join.
//
//python:export
func Join(errs ...error) error { return errors.Join(errs...) }

// Failed counts the errors of a list that are not nil.
//
//python:export
func Failed(errs []error) int {
	n := 0
	for _, err := range errs {
		if err != nil {
			n++
		}
	}
	return n
}

// Attempt is one try of something that may have failed: an error field.
//
//python:export
type Attempt struct {
	Try int
	Err error
}

// Retry counts another try, failing with the attempt's error wrapped (none: nil).
//
//python:export
func Retry(a *Attempt) error {
	a.Try++
	if a.Err == nil {
		return nil
	}
	return fmt.Errorf("try %d: %w", a.Try, a.Err)
}

// Check validates keys: the errors of those that fail, nil for the good ones.
//
//python:export
func Check(keys ...string) []error {
	errs := make([]error, len(keys))
	for i, key := range keys {
		_, errs[i] = Get(key)
	}
	return errs
}
