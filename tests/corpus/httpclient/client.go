// Package httpclient is a small HTTP-style client. Requests go through a
// Transport; the default one is an in-memory router, so the package runs
// without a network (handy for tests, and for this corpus).
package httpclient

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// HTTP status codes the client knows by name.
//
//python:export
const (
	StatusOK         = 200
	StatusNotFound   = 404
	StatusTeapot     = 418
	StatusBadGateway = 502
)

// DefaultUserAgent is sent when Options.UserAgent is empty.
//
//python:export
const DefaultUserAgent = "golibs-httpclient/1.0"

// ErrClosed is returned by requests on a closed client.
//
//python:export
var ErrClosed = errors.New("httpclient: client is closed")

// Options configure a Client. The zero value is usable.
//
//python:export
type Options struct {
	// BaseURL is put in front of every request path.
	BaseURL string
	// TimeoutMillis bounds one request; 0 means no limit.
	TimeoutMillis int64
	// Retries is how many times a 5xx answer is retried.
	Retries int
	// UserAgent names the client; DefaultUserAgent when empty.
	UserAgent string
	// Headers are sent with every request.
	Headers map[string]string
}

// Response is what a request returns.
//
//python:export
type Response struct {
	Status  int
	Body    string
	Headers map[string]string
	// Attempts counts the tries it took, retries included.
	Attempts int
}

// OK reports whether the status is 2xx.
//
//python:export
func (r *Response) OK() bool { return r.Status >= 200 && r.Status < 300 }

// Request is one request as a Transport sees it.
//
//python:export
type Request struct {
	Method  string
	URL     string
	Body    string
	Headers map[string]string
}

// Transport carries requests. Implement it to talk to something real.
//
//python:export
type Transport interface {
	RoundTrip(req *Request) (*Response, error)
}

// Client sends requests through its Transport. It is safe for concurrent use.
//
//python:export
type Client struct {
	opts      Options
	transport Transport
	mu        sync.Mutex
	sent      int
	closed    bool
}

// NewClient makes a client with the in-memory router as transport.
//
//python:export
func NewClient(opts Options) (*Client, error) {
	if opts.TimeoutMillis < 0 {
		return nil, fmt.Errorf("httpclient: negative timeout %d", opts.TimeoutMillis)
	}
	return NewClientWith(opts, newRouter()), nil
}

// NewClientWith makes a client over any Transport.
//
//python:export
func NewClientWith(opts Options, t Transport) *Client {
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	return &Client{opts: opts, transport: t}
}

// Handle answers method and path with a fixed status and body (router only).
//
//python:export
func (c *Client) Handle(method, path string, status int, body string) error {
	r, ok := c.transport.(*router)
	if !ok {
		return errors.New("httpclient: Handle needs the in-memory router")
	}
	r.add(method, path, func(*Request) (int, string, error) { return status, body, nil })
	return nil
}

// Stream sends a GET request and hands the body to each in chunks of at most
// size bytes, as they would arrive from a socket; it returns the status. An
// error from each stops the stream and is returned.
//
//python:export
func (c *Client) Stream(path string, size int, each func(chunk string) error) (int, error) {
	if size <= 0 {
		return 0, fmt.Errorf("httpclient: chunk size must be positive, not %d", size)
	}
	resp, err := c.Get(path)
	if err != nil {
		return 0, err
	}
	for body := resp.Body; body != ""; {
		n := min(size, len(body))
		if err := each(body[:n]); err != nil {
			return resp.Status, fmt.Errorf("httpclient: stream of %s stopped: %w", path, err)
		}
		body = body[n:]
	}
	return resp.Status, nil
}

// Get sends a GET request.
//
//python:export
func (c *Client) Get(path string) (*Response, error) { return c.Do("GET", path, "") }

// Post sends a POST request with body.
//
//python:export
func (c *Client) Post(path, body string) (*Response, error) { return c.Do("POST", path, body) }

// Do sends one request, retrying 5xx answers up to Options.Retries times.
//
//python:export
func (c *Client) Do(method, path, body string) (*Response, error) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil, ErrClosed
	}
	c.sent++
	c.mu.Unlock()
	req := &Request{Method: strings.ToUpper(method), URL: c.opts.BaseURL + path, Body: body,
		Headers: map[string]string{"User-Agent": c.opts.UserAgent}}
	for k, v := range c.opts.Headers {
		req.Headers[k] = v
	}
	var resp *Response
	var err error
	for attempt := 1; attempt <= c.opts.Retries+1; attempt++ {
		resp, err = c.transport.RoundTrip(req)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", req.Method, req.URL, err)
		}
		resp.Attempts = attempt
		if resp.Status < 500 {
			break
		}
	}
	return resp, nil
}

// Sent is the number of requests sent so far.
//
//python:export
func (c *Client) Sent() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sent
}

// Routes lists the routes of the in-memory router, sorted.
//
//python:export
func (c *Client) Routes() []string {
	r, ok := c.transport.(*router)
	if !ok {
		return nil
	}
	return r.routes()
}

// Close makes further requests fail with ErrClosed.
//
//python:export
func (c *Client) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrClosed
	}
	c.closed = true
	return nil
}

type handler func(*Request) (int, string, error)

// router is the in-memory Transport: "METHOD path" -> handler.
type router struct {
	mu       sync.RWMutex
	handlers map[string]handler
}

func newRouter() *router { return &router{handlers: map[string]handler{}} }

func (r *router) add(method, path string, h handler) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[strings.ToUpper(method)+" "+path] = h
}

func (r *router) routes() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.handlers))
	for k := range r.handlers {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (r *router) RoundTrip(req *Request) (*Response, error) {
	path := req.URL
	if i := strings.Index(path, "://"); i >= 0 {
		path = path[i+3:]
		if j := strings.IndexByte(path, '/'); j >= 0 {
			path = path[j:]
		} else {
			path = "/"
		}
	}
	r.mu.RLock()
	h, ok := r.handlers[req.Method+" "+path]
	r.mu.RUnlock()
	if !ok {
		return &Response{Status: StatusNotFound, Body: "no route for " + req.Method + " " + path,
			Headers: map[string]string{}}, nil
	}
	status, body, err := h(req)
	if err != nil {
		return nil, err
	}
	return &Response{Status: status, Body: body,
		Headers: map[string]string{"Content-Length": fmt.Sprint(len(body)),
			"X-User-Agent": req.Headers["User-Agent"]}}, nil
}
