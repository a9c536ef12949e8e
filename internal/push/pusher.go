package push

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	prompush "github.com/prometheus/client_golang/prometheus/push"
	"github.com/prometheus/common/model"
)

// HTTPDoer sends one HTTP request. *http.Client implements it; tests pass
// a fake.
type HTTPDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// Label is one grouping key label. Order is kept for messages only; the
// pushgateway does not depend on it.
type Label struct {
	Name, Value string
}

// Options configure Push. The zero value of every field but URL has a
// documented default.
type Options struct {
	// URL of the pushgateway, e.g. "http://127.0.0.1:9091", without the
	// /metrics/job/... path. User information in the URL
	// ("http://user:pass@host") is sent as basic auth and never shown.
	URL string
	// Job is the job grouping key. Default "perfgate".
	Job string
	// Grouping holds the other grouping keys, e.g. repo=perfgate and
	// runner=ubuntu-latest. Keep them low-cardinality: never a commit or
	// run id, because the gateway keeps every group until it is deleted.
	Grouping []Label
	// Header is sent with every request, e.g. for a proxy in front of
	// the gateway. Values are never shown in errors.
	Header http.Header
	// Username and Password set basic auth when Username is not empty;
	// they override user information in URL.
	Username, Password string
	// Timeout bounds the whole push, every attempt and backoff included.
	// Default 30 s.
	Timeout time.Duration
	// Attempts is the maximum number of requests. Default 3.
	Attempts int
	// Backoff is the wait after the first failed attempt; it doubles after
	// each further failure. Default 500 ms.
	Backoff time.Duration
	// Client sends the requests. Default a new http.Client.
	Client HTTPDoer
	// Sleep waits for d or until ctx is done. Default a timer; tests pass
	// a function that records d and returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Defaults for Options.
const (
	DefaultJob      = "perfgate"
	DefaultTimeout  = 30 * time.Second
	DefaultAttempts = 3
	DefaultBackoff  = 500 * time.Millisecond
)

// Error is a push that failed after every attempt, or one that was not
// retried because the gateway rejected the request (a 4xx status other
// than 429).
type Error struct {
	URL      string // gateway URL without user information
	Status   int    // HTTP status of the last response; 0 when none arrived
	Attempts int    // requests made
	Err      error  // error of the last attempt
}

func (e *Error) Error() string {
	status := "no response"
	if e.Status != 0 {
		status = fmt.Sprintf("status %d %s", e.Status, http.StatusText(e.Status))
	}
	return fmt.Sprintf("push to %s failed: %s after %d attempt(s): %v", e.URL, status, e.Attempts, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Push sends the metrics of g to the pushgateway and replaces the group
// identified by the job and grouping labels (HTTP PUT). It retries a
// network error, a 5xx status or 429 with exponential backoff, up to
// opts.Attempts requests within opts.Timeout. Any other status fails at
// once. A failure is returned as *Error.
//
// Push returns a plain error, without sending anything, when opts are
// invalid: a missing or malformed URL, an invalid grouping label name, or
// a grouping label that perfgate's metrics already use.
func Push(ctx context.Context, g prometheus.Gatherer, opts Options) error {
	opts, publicURL, err := resolve(opts)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()

	backoff := opts.Backoff
	for attempt := 1; ; attempt++ {
		rec := &statusRecorder{next: opts.Client}
		err := newPusher(opts, publicURL, g, rec).PushContext(ctx)
		if err == nil {
			return nil
		}
		if attempt >= opts.Attempts || !retryable(rec.status) || ctx.Err() != nil {
			return &Error{URL: publicURL, Status: rec.status, Attempts: attempt, Err: err}
		}
		if err := opts.Sleep(ctx, backoff); err != nil {
			return &Error{URL: publicURL, Status: rec.status, Attempts: attempt, Err: err}
		}
		backoff *= 2
	}
}

// resolve fills defaults, checks opts and moves user information out of the
// URL. It returns the URL without user information for messages.
func resolve(opts Options) (Options, string, error) {
	if opts.URL == "" {
		return opts, "", errors.New("gateway URL is empty; give it as http://HOST:PORT")
	}
	raw := opts.URL
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		// url.Parse errors quote the URL, which may hold a password.
		return opts, "", fmt.Errorf("invalid gateway URL %q; give it as http://HOST:PORT", redact(raw))
	}
	if u.User != nil && opts.Username == "" {
		opts.Username = u.User.Username()
		opts.Password, _ = u.User.Password()
	}
	u.User = nil
	opts.URL = strings.TrimSuffix(u.String(), "/")

	for _, l := range opts.Grouping {
		if !model.LabelName(l.Name).IsValidLegacy() {
			return opts, "", fmt.Errorf("invalid grouping label name %q; use letters, digits and underscores, not starting with a digit", l.Name)
		}
		if IsReservedLabel(l.Name) {
			return opts, "", fmt.Errorf("grouping label %q is already a label of perfgate's metrics; choose another name", l.Name)
		}
	}

	if opts.Job == "" {
		opts.Job = DefaultJob
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Attempts <= 0 {
		opts.Attempts = DefaultAttempts
	}
	if opts.Backoff <= 0 {
		opts.Backoff = DefaultBackoff
	}
	if opts.Client == nil {
		opts.Client = &http.Client{}
	}
	if opts.Sleep == nil {
		opts.Sleep = sleep
	}
	return opts, opts.URL, nil
}

// redact replaces the user information of a URL-like string with "xxxxx".
func redact(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return raw
	}
	return scheme + "://xxxxx@" + rest[at+1:]
}

func newPusher(opts Options, gatewayURL string, g prometheus.Gatherer, client HTTPDoer) *prompush.Pusher {
	p := prompush.New(gatewayURL, opts.Job).Gatherer(g).Client(client)
	for _, l := range opts.Grouping {
		p = p.Grouping(l.Name, l.Value)
	}
	if opts.Header != nil {
		// The push package sets Content-Type on the header it is given,
		// so each attempt gets its own copy.
		p = p.Header(opts.Header.Clone())
	}
	if opts.Username != "" {
		p = p.BasicAuth(opts.Username, opts.Password)
	}
	return p
}

// statusRecorder keeps the status of the last response, which the push
// package folds into an error string.
type statusRecorder struct {
	next   HTTPDoer
	status int
}

func (r *statusRecorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := r.next.Do(req)
	if resp != nil {
		r.status = resp.StatusCode
	}
	return resp, err
}

// retryable reports whether a failed attempt with this status (0 for no
// response) may succeed when repeated.
func retryable(status int) bool {
	return status == 0 || status == http.StatusTooManyRequests || status >= 500
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
