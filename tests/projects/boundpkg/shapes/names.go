package shapes

// DoubleIt doubles n; Python calls it double_it.
//
//python:export name=double_it
func DoubleIt(n int) int { return 2 * n }
