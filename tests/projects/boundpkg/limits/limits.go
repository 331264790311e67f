// Package limits holds constants and variables only.
package limits

// MaxItems is how many items fit.
const MaxItems = 64

// Name names the limits.
const Name = "limits"

// Ratio is a float constant.
const Ratio = 0.25

// Level is a settable package variable.
var Level = 3
