package shapes

import "fmt"

// TotalArea adds the areas of shapes: a variadic over an interface of the package.
func TotalArea(items ...Measured) float64 {
	total := 0.0
	for _, item := range items {
		if item != nil {
			total += item.Area()
		}
	}
	return total
}

// Format formats like fmt.Sprintf: a variadic over any.
func Format(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// Kinds names the Go type of each value: a []any parameter.
func Kinds(values []any) []string {
	kinds := []string{}
	for _, value := range values {
		kinds = append(kinds, fmt.Sprintf("%T", value))
	}
	return kinds
}

// Pack returns its arguments: a []any result, each item as an any result.
func Pack(values ...any) []any { return values }

// Sides are lengths: a named slice with value methods is a value class.
type Sides []float64

// Longest is the largest side.
func (s Sides) Longest() float64 {
	longest := 0.0
	for _, side := range s {
		longest = max(longest, side)
	}
	return longest
}

// Stack has a pointer method, so it stays an opaque class whose methods work.
type Stack []int

// Push adds n on top.
func (s *Stack) Push(n int) { *s = append(*s, n) }

// Depth is how many items the stack holds.
func (s Stack) Depth() int { return len(s) }
