// Package ratelimit is a token-bucket rate limiter.
//
// Times are int64 nanoseconds (the representation of time.Duration and of
// time.Time.UnixNano), passed in by the caller, so the limiter never reads a
// clock itself.
package ratelimit

import (
	"errors"
	"math"
	"time"
)

// Handy durations, in nanoseconds.
//
//python:export
const (
	Millisecond int64 = int64(time.Millisecond)
	Second      int64 = int64(time.Second)
	Minute      int64 = int64(time.Minute)
)

// Inf is the rate of a limiter that allows everything.
//
//python:export
const Inf = math.MaxFloat64

// ErrBurst is returned when a request asks for more tokens than the burst.
//
//python:export
var ErrBurst = errors.New("ratelimit: request exceeds the burst size")

// Limiter lets Rate events per second through, with bursts of up to Burst.
//
//python:export
type Limiter struct {
	// Rate is the refill rate, in tokens per second.
	Rate float64
	// Burst is the bucket size.
	Burst  int
	tokens float64
	last   int64
}

// NewLimiter returns a full bucket at time nowNanos.
//
//python:export
func NewLimiter(rate float64, burst int, nowNanos int64) *Limiter {
	return &Limiter{Rate: rate, Burst: burst, tokens: float64(burst), last: nowNanos}
}

// Every converts an interval between events to a rate.
//
//python:export
func Every(interval time.Duration) float64 {
	if interval <= 0 {
		return Inf
	}
	return float64(time.Second) / float64(interval)
}

// EveryNanos is Every for an interval in nanoseconds.
//
//python:export
func EveryNanos(interval int64) float64 { return Every(time.Duration(interval)) }

func (l *Limiter) refill(now int64) {
	if now > l.last {
		elapsed := float64(now-l.last) / float64(time.Second)
		l.tokens = math.Min(float64(l.Burst), l.tokens+elapsed*l.Rate)
		l.last = now
	}
}

// Allow reports whether one event may happen at nowNanos, and takes a token if so.
//
//python:export
func (l *Limiter) Allow(nowNanos int64) bool { return l.AllowN(nowNanos, 1) }

// AllowN reports whether n events may happen at nowNanos, and takes n tokens if so.
//
//python:export
func (l *Limiter) AllowN(nowNanos int64, n int) bool {
	if l.Rate == Inf {
		return true
	}
	l.refill(nowNanos)
	if l.tokens < float64(n) {
		return false
	}
	l.tokens -= float64(n)
	return true
}

// Reserve takes n tokens now, going into debt if needed, and returns how many
// nanoseconds the caller must wait before acting.
//
//python:export
func (l *Limiter) Reserve(nowNanos int64, n int) (int64, error) {
	if n > l.Burst {
		return 0, ErrBurst
	}
	if l.Rate == Inf {
		return 0, nil
	}
	l.refill(nowNanos)
	l.tokens -= float64(n)
	if l.tokens >= 0 {
		return 0, nil
	}
	if l.Rate <= 0 {
		return 0, errors.New("ratelimit: a zero rate never refills")
	}
	return int64(math.Ceil(-l.tokens / l.Rate * float64(time.Second))), nil
}

// Tokens is the number of tokens available at nowNanos.
//
//python:export
func (l *Limiter) Tokens(nowNanos int64) float64 {
	l.refill(nowNanos)
	return l.tokens
}

// Simulate offers events at the given times (nanoseconds, ascending) and
// returns which were allowed.
//
//python:export
func (l *Limiter) Simulate(times []int64) []bool {
	out := make([]bool, len(times))
	for i, t := range times {
		out[i] = l.Allow(t)
	}
	return out
}
