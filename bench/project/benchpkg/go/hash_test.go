package main

import "testing"

// BenchmarkHash is the Go-side reference for the 64 MiB hash in bench/run.py.
func BenchmarkHash(b *testing.B) {
	buffer := make([]byte, 64<<20)
	for i := range buffer {
		buffer[i] = byte(i * 7)
	}
	data := buffer
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink = hash(data)
	}
}

var sink uint64
