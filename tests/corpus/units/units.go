// Package units holds measures written the way time.Duration and os.FileMode
// are: named basic types with methods, and constants of those types.
package units

import (
	"fmt"
	"strconv"
	"strings"
)

// Celsius is a temperature in degrees Celsius.
//
//python:export
type Celsius float64

// Fahrenheit converts the temperature.
//
//python:export
func (c Celsius) Fahrenheit() Fahrenheit { return Fahrenheit(c*9/5 + 32) }

// String formats the temperature with one decimal, as in "21.5°C".
//
//python:export
func (c Celsius) String() string { return strconv.FormatFloat(float64(c), 'f', 1, 64) + "°C" }

// Fahrenheit is a temperature in degrees Fahrenheit.
//
//python:export
type Fahrenheit float64

// Celsius converts the temperature.
//
//python:export
func (f Fahrenheit) Celsius() Celsius { return Celsius((f - 32) * 5 / 9) }

// String formats the temperature with one decimal, as in "70.7°F".
//
//python:export
func (f Fahrenheit) String() string { return strconv.FormatFloat(float64(f), 'f', 1, 64) + "°F" }

// Weekday is a day of the week, Sunday first.
//
//python:export
type Weekday int

// The days of the week.
//
//python:export
const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

var dayNames = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// String is the day's English name.
//
//python:export
func (d Weekday) String() string {
	if d < Sunday || d > Saturday {
		return "Weekday(" + strconv.Itoa(int(d)) + ")"
	}
	return dayNames[d]
}

// Weekend tells Saturday and Sunday from the rest.
//
//python:export
func (d Weekday) Weekend() bool { return d == Saturday || d == Sunday }

// Add moves days forward (or back, when negative), wrapping around the week.
//
//python:export
func (d Weekday) Add(days int) Weekday { return Weekday(((int(d)+days)%7 + 7) % 7) }

// Bytes is a size in bytes.
//
//python:export
type Bytes uint64

// Binary multiples of Bytes.
//
//python:export
const (
	KiB Bytes = 1 << (10 * (iota + 1))
	MiB
	GiB
)

// String is the size in the largest unit it fills, as in "1.5 MiB".
//
//python:export
func (b Bytes) String() string {
	for _, unit := range []struct {
		size Bytes
		name string
	}{{GiB, "GiB"}, {MiB, "MiB"}, {KiB, "KiB"}} {
		if b >= unit.size {
			return strconv.FormatFloat(float64(b)/float64(unit.size), 'f', -1, 64) + " " + unit.name
		}
	}
	return strconv.FormatUint(uint64(b), 10) + " B"
}

// ParseBytes reads a size such as "4 KiB" or "512 B".
//
//python:export
func ParseBytes(text string) (Bytes, error) {
	number, unit, _ := strings.Cut(strings.TrimSpace(text), " ")
	value, err := strconv.ParseFloat(number, 64)
	if err != nil {
		return 0, fmt.Errorf("size %q: %w", text, err)
	}
	scale := map[string]Bytes{"B": 1, "KiB": KiB, "MiB": MiB, "GiB": GiB}[unit]
	if scale == 0 {
		return 0, fmt.Errorf("size %q: unknown unit %q", text, unit)
	}
	return Bytes(value * float64(scale)), nil
}

// Set reads a size into b, as flag.Value asks. A pointer receiver: Python's
// ints cannot change in place, so Python gets the new size back.
//
//python:export
func (b *Bytes) Set(text string) error {
	parsed, err := ParseBytes(text)
	*b = parsed
	return err
}

// Currency is an ISO 4217 code.
//
//python:export
type Currency string

var symbols = map[Currency]string{"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}

// Valid tells a code the package knows.
//
//python:export
func (c Currency) Valid() bool { _, ok := symbols[c]; return ok }

// Symbol is the currency's sign, or its code when it has none.
//
//python:export
func (c Currency) Symbol() string {
	if sign, ok := symbols[c]; ok {
		return sign
	}
	return string(c)
}

// Format writes an amount in the currency, as in "€12.50".
//
//python:export
func Format(amount float64, c Currency) string {
	return c.Symbol() + strconv.FormatFloat(amount, 'f', 2, 64)
}

// Enabled is a switch. Python's bool cannot be subclassed: in Python it is an
// int of 0 or 1 that behaves like the bool.
//
//python:export
type Enabled bool

// String is "on" or "off".
//
//python:export
func (e Enabled) String() string {
	if e {
		return "on"
	}
	return "off"
}

// Readings is a series of measurements.
//
//python:export
type Readings []float64

// Mean is the average reading, 0 for none.
//
//python:export
func (r Readings) Mean() float64 {
	if len(r) == 0 {
		return 0
	}
	total := 0.0
	for _, x := range r {
		total += x
	}
	return total / float64(len(r))
}

// Rates holds exchange rates against one base currency, by code.
//
//python:export
type Rates map[string]float64

// Convert changes an amount between two currencies of the table.
//
//python:export
func (r Rates) Convert(amount float64, from, to string) (float64, error) {
	a, okA := r[from]
	b, okB := r[to]
	if !okA || !okB {
		return 0, fmt.Errorf("no rate for %s or %s", from, to)
	}
	return amount / a * b, nil
}

// DefaultRates is a small table against the euro.
//
//python:export
func DefaultRates() Rates { return Rates{"EUR": 1, "USD": 1.25, "GBP": 0.8} }
