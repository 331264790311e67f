package shapes

// Box holds one value of any type.
type Box[T any] struct {
	Value T
}

// NewBox boxes v.
func NewBox[T any](v T) *Box[T] { return &Box[T]{Value: v} }

// Get returns the value.
func (b *Box[T]) Get() T { return b.Value }

// Set replaces the value.
func (b *Box[T]) Set(v T) { b.Value = v }

// Ring is generic and listed nowhere: it is left out with one warning line.
type Ring[T any] []T
