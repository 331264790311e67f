// Package config loads an INI-style configuration into nested structs,
// filling in defaults for what the file leaves out.
//
//	name = shop
//	[server]
//	host = 0.0.0.0
//	port = 8080
//	[features]
//	search = true
package config

import (
	"bufio"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Defaults.
//
//python:export
const (
	DefaultHost    = "127.0.0.1"
	DefaultPort    = 8000
	DefaultPoolMax = 10
)

// Server is the [server] section.
//
//python:export
type Server struct {
	Host string
	Port int
	// TLS turns on HTTPS.
	TLS bool
}

// Database is the [database] section.
//
//python:export
type Database struct {
	URL     string
	PoolMax int
	// TimeoutSeconds bounds a query.
	TimeoutSeconds float64
}

// Config is a whole configuration.
//
//python:export
type Config struct {
	Name     string
	Server   Server
	Database Database
	// Features are the flags of the [features] section.
	Features map[string]bool
	// Tags come from a comma-separated tags = a, b line.
	Tags []string
}

// Default returns the configuration used when the file says nothing.
//
//python:export
func Default() Config {
	return Config{
		Name:     "app",
		Server:   Server{Host: DefaultHost, Port: DefaultPort},
		Database: Database{PoolMax: DefaultPoolMax, TimeoutSeconds: 5},
		Features: map[string]bool{},
	}
}

// ParseError points at the line that could not be read.
//
//python:export
type ParseError struct {
	Line int
	Msg  string
}

// Error says where parsing stopped and why.
//
//python:export
func (e *ParseError) Error() string { return fmt.Sprintf("config: line %d: %s", e.Line, e.Msg) }

// Load reads text over the defaults.
//
//python:export
func Load(text string) (*Config, error) {
	c := Default()
	section := ""
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = strings.TrimSpace(line[1 : len(line)-1])
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			return nil, &ParseError{n, fmt.Sprintf("expected key = value, got %q", line)}
		}
		if err := c.set(section, strings.TrimSpace(key), strings.TrimSpace(value)); err != nil {
			return nil, &ParseError{n, err.Error()}
		}
	}
	return &c, c.Validate()
}

func (c *Config) set(section, key, value string) error {
	var err error
	switch section + "." + key {
	case ".name":
		c.Name = value
	case ".tags":
		c.Tags = nil
		for _, t := range strings.Split(value, ",") {
			if t = strings.TrimSpace(t); t != "" {
				c.Tags = append(c.Tags, t)
			}
		}
	case "server.host":
		c.Server.Host = value
	case "server.port":
		c.Server.Port, err = strconv.Atoi(value)
	case "server.tls":
		c.Server.TLS, err = strconv.ParseBool(value)
	case "database.url":
		c.Database.URL = value
	case "database.pool_max":
		c.Database.PoolMax, err = strconv.Atoi(value)
	case "database.timeout":
		c.Database.TimeoutSeconds, err = strconv.ParseFloat(value, 64)
	default:
		if section != "features" {
			return fmt.Errorf("unknown key %s in [%s]", key, section)
		}
		if c.Features == nil {
			c.Features = map[string]bool{}
		}
		c.Features[key], err = strconv.ParseBool(value)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	return nil
}

// Validate checks values the parser alone cannot.
//
//python:export
func (c *Config) Validate() error {
	if c.Server.Port < 1 || c.Server.Port > 65535 {
		return fmt.Errorf("config: server port %d is out of range", c.Server.Port)
	}
	if c.Database.PoolMax < 1 {
		return fmt.Errorf("config: database pool_max must be at least 1")
	}
	return nil
}

// Addr is host:port of the server.
//
//python:export
func (c *Config) Addr() string { return c.Server.Host + ":" + strconv.Itoa(c.Server.Port) }

// Enabled reports whether feature name is on.
//
//python:export
func (c *Config) Enabled(name string) bool { return c.Features[name] }

// Flatten lists every setting as "section.key" -> value text.
//
//python:export
func (c *Config) Flatten() map[string]string {
	out := map[string]string{
		"name":              c.Name,
		"server.host":       c.Server.Host,
		"server.port":       strconv.Itoa(c.Server.Port),
		"server.tls":        strconv.FormatBool(c.Server.TLS),
		"database.url":      c.Database.URL,
		"database.pool_max": strconv.Itoa(c.Database.PoolMax),
		"database.timeout":  strconv.FormatFloat(c.Database.TimeoutSeconds, 'g', -1, 64),
		"tags":              strings.Join(c.Tags, ","),
	}
	for k, v := range c.Features {
		out["features."+k] = strconv.FormatBool(v)
	}
	return out
}

// String writes the configuration back out in the file format.
//
//python:export
func (c *Config) String() string {
	flat := c.Flatten()
	keys := make([]string, 0, len(flat))
	for k := range flat {
		keys = append(keys, k)
	}
	// Top-level keys first: they must come before any [section] line.
	sort.Slice(keys, func(i, j int) bool {
		ti, tj := !strings.Contains(keys[i], "."), !strings.Contains(keys[j], ".")
		if ti != tj {
			return ti
		}
		return keys[i] < keys[j]
	})
	var b strings.Builder
	section := ""
	for _, k := range keys {
		sec, key, ok := strings.Cut(k, ".")
		if !ok {
			sec, key = "", k
		}
		if sec != section {
			fmt.Fprintf(&b, "[%s]\n", sec)
			section = sec
		}
		fmt.Fprintf(&b, "%s = %s\n", key, flat[k])
	}
	return b.String()
}
