// Package middleware composes request handlers the way net/http middleware
// does: handlers are funcs, middleware wraps a handler in another, and hooks
// are func-typed package variables and fields (the shapes of gopy's funcs and
// vars examples).
package middleware

import (
	"fmt"
	"strings"
)

// Request is what a handler serves.
//
//python:export
type Request struct {
	Path   string
	User   string
	Values map[string]string
}

// Handler answers a request with a status and a body.
//
//python:export
type Handler func(r *Request) (string, error)

// Middleware wraps a handler in another: Python calls a Go Middleware with a
// callable and gets the wrapping handler back.
//
//python:export
type Middleware func(next Handler) Handler

// Hooks are called around every request a Router serves; nil hooks are skipped.
//
//python:export
var (
	OnRequest func(path string)
	OnError   func(path string, err string) bool
	Rewrite   func(path string) string = strings.ToLower
)

// Decorations rewrite every body Serve answers, in order.
//
//python:export
var Decorations []func(string) string

// Router dispatches requests by path prefix.
//
//python:export
type Router struct {
	NotFound Handler
	Prefix   string
	routes   map[string]Handler
}

// NewRouter makes a router whose NotFound answers "404".
//
//python:export
func NewRouter(prefix string) *Router {
	return &Router{Prefix: prefix, routes: map[string]Handler{},
		NotFound: func(r *Request) (string, error) { return "404 " + r.Path, nil }}
}

// Handle routes path to h.
//
//python:export keep=h
func (rt *Router) Handle(path string, h Handler) { rt.routes[path] = h }

// Serve runs the hooks and the handler of r's path.
//
//python:export
func (rt *Router) Serve(r *Request) (string, error) {
	path := strings.TrimPrefix(r.Path, rt.Prefix)
	if Rewrite != nil {
		path = Rewrite(path)
	}
	if OnRequest != nil {
		OnRequest(path)
	}
	h, ok := rt.routes[path]
	if !ok {
		h = rt.NotFound
	}
	body, err := h(r)
	if err != nil && OnError != nil && OnError(path, err.Error()) {
		return "recovered", nil
	}
	for _, decorate := range Decorations {
		body = decorate(body)
	}
	return body, err
}

// Prefixed is a Middleware putting prefix before what next answers.
//
//python:export
func Prefixed(prefix string) Middleware {
	return func(next Handler) Handler {
		return func(r *Request) (string, error) {
			body, err := next(r)
			return prefix + body, err
		}
	}
}

// Lookup returns the handler of path (nil when none).
//
//python:export
func (rt *Router) Lookup(path string) Handler { return rt.routes[path] }

// Static answers body to every request.
//
//python:export
func Static(body string) Handler {
	return func(*Request) (string, error) { return body, nil }
}

// RequireUser is a Middleware refusing requests without a user; the handler
// it returns calls next later, so Go keeps next.
//
//python:export keep=next
func RequireUser(next Handler) Handler {
	return func(r *Request) (string, error) {
		if r.User == "" {
			return "", fmt.Errorf("%s: no user", r.Path)
		}
		return next(r)
	}
}

// Inspect hands each value to f as an any and joins what f answered.
//
//python:export
func Inspect(f func(value any) any, values []string) string {
	out := []string{}
	for _, v := range values {
		out = append(out, fmt.Sprint(f(v)))
	}
	out = append(out, fmt.Sprint(f(&Request{Path: "/r"})))
	return strings.Join(out, ",")
}
