package shapes

import (
	"bytes"
	"context"
)

// Keeper holds the slices it was given, as readers and caches do.
type Keeper struct {
	data    []byte
	numbers []float64
}

// NewReader keeps b, as bytes.NewReader does.
func NewReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// Hold keeps data and numbers.
func Hold(data []byte, numbers []float64) *Keeper { return &Keeper{data, numbers} }

// HoldFor keeps data, as a reader made for a request does: a slice after a context.
func HoldFor(ctx context.Context, data []byte) *Keeper { return &Keeper{data: data} }

// Replace keeps data instead: a method's slice after a context.
func (k *Keeper) Replace(ctx context.Context, data []byte) { k.data = data }

// Data is the data Hold kept.
func (k *Keeper) Data() []byte { return k.data }

// Numbers are the numbers Hold kept.
func (k *Keeper) Numbers() []float64 { return k.numbers }

// Fill writes 1, 2, 3, ... into b and keeps nothing.
func Fill(b []byte) int {
	for i := range b {
		b[i] = byte(i + 1)
	}
	return len(b)
}

// Scale multiplies xs by factor in place.
func Scale(xs []float64, factor float64) {
	for i := range xs {
		xs[i] *= factor
	}
}
