package main

import "testing"

// BenchmarkHash is the Go-side reference for the 64 MiB hash in bench/run.py.
func BenchmarkHash(b *testing.B) {
	data := make([]byte, 64<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink = hash(data)
	}
}

var sink uint64
