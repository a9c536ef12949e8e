package push

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// gatewayRequest is what a fake gateway received.
type gatewayRequest struct {
	method, path, auth, proxyHeader string
	body                            int
}

// fakeGateway responds to each request with the next status in statuses,
// repeating the last one, and records the requests.
type fakeGateway struct {
	mu       sync.Mutex
	statuses []int
	requests []gatewayRequest
}

func (f *fakeGateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, gatewayRequest{
		method: r.Method, path: r.URL.EscapedPath(), auth: r.Header.Get("Authorization"),
		proxyHeader: r.Header.Get("X-Proxy-Token"), body: len(body),
	})
	status := f.statuses[min(len(f.requests), len(f.statuses))-1]
	f.mu.Unlock()
	w.WriteHeader(status)
	if status >= 300 {
		io.WriteString(w, "gateway says no")
	}
}

func (f *fakeGateway) received() []gatewayRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]gatewayRequest(nil), f.requests...)
}

func startFake(tb testing.TB, statuses ...int) (*fakeGateway, *httptest.Server) {
	tb.Helper()
	f := &fakeGateway{statuses: statuses}
	srv := httptest.NewServer(f)
	tb.Cleanup(srv.Close)
	return f, srv
}

// recordSleep returns a Sleep that records each backoff and returns at
// once, so no test waits.
func recordSleep(waits *[]time.Duration) func(context.Context, time.Duration) error {
	return func(ctx context.Context, d time.Duration) error {
		*waits = append(*waits, d)
		return ctx.Err()
	}
}

func smallRegistry(tb testing.TB) *prometheus.Registry {
	tb.Helper()
	reg := prometheus.NewRegistry()
	if err := RegisterResults(reg, loadResults(tb), Info{Commit: "abc"}, testNow); err != nil {
		tb.Fatal(err)
	}
	return reg
}

func TestPushSendsPUTWithGrouping(t *testing.T) {
	fake, srv := startFake(t, http.StatusOK)
	opts := Options{
		URL:      srv.URL,
		Grouping: []Label{{"repo", "perfgate"}, {"runner", "ubuntu-latest"}},
		Header:   http.Header{"X-Proxy-Token": {"proxy-secret"}},
		Username: "ci", Password: "pw",
	}
	if err := Push(context.Background(), smallRegistry(t), opts); err != nil {
		t.Fatalf("Push: %v", err)
	}

	reqs := fake.received()
	if len(reqs) != 1 {
		t.Fatalf("requests = %d, want 1", len(reqs))
	}
	got := reqs[0]

	if got.method != http.MethodPut {
		t.Errorf("method = %s, want PUT", got.method)
	}
	// The push package writes grouping labels in map order.
	if got.path != "/metrics/job/perfgate/repo/perfgate/runner/ubuntu-latest" &&
		got.path != "/metrics/job/perfgate/runner/ubuntu-latest/repo/perfgate" {
		t.Errorf("path = %s, want /metrics/job/perfgate with repo and runner", got.path)
	}
	if got.auth != "Basic Y2k6cHc=" {
		t.Errorf("Authorization = %q, want basic auth for ci:pw", got.auth)
	}
	if got.proxyHeader != "proxy-secret" {
		t.Errorf("X-Proxy-Token = %q, want proxy-secret", got.proxyHeader)
	}
	if got.body == 0 {
		t.Error("body is empty, want encoded metrics")
	}
}

func TestPushURLCredentialsBecomeBasicAuth(t *testing.T) {
	fake, srv := startFake(t, http.StatusOK)
	withUser := strings.Replace(srv.URL, "http://", "http://ci:pw@", 1)
	if err := Push(context.Background(), smallRegistry(t), Options{URL: withUser, Job: "nightly"}); err != nil {
		t.Fatalf("Push: %v", err)
	}
	got := fake.received()[0]
	if got.auth != "Basic Y2k6cHc=" {
		t.Errorf("Authorization = %q, want basic auth for ci:pw", got.auth)
	}
	if got.path != "/metrics/job/nightly" {
		t.Errorf("path = %s, want /metrics/job/nightly", got.path)
	}
}

func TestPushRetries(t *testing.T) {
	tests := []struct {
		name         string
		statuses     []int
		wantRequests int
		wantStatus   int // 0: success
		wantWaits    []time.Duration
	}{
		{"500 then ok", []int{500, 200}, 2, 0, []time.Duration{DefaultBackoff}},
		{"503 twice then accepted", []int{503, 503, 202}, 3, 0, []time.Duration{DefaultBackoff, 2 * DefaultBackoff}},
		{"always 500", []int{500}, DefaultAttempts, 500, []time.Duration{DefaultBackoff, 2 * DefaultBackoff}},
		{"429 retried", []int{429, 200}, 2, 0, []time.Duration{DefaultBackoff}},
		{"400 not retried", []int{400}, 1, 400, nil},
		{"401 not retried", []int{401}, 1, 401, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, srv := startFake(t, tt.statuses...)
			var waits []time.Duration
			err := Push(context.Background(), smallRegistry(t), Options{URL: srv.URL, Sleep: recordSleep(&waits)})

			if got := len(fake.received()); got != tt.wantRequests {
				t.Errorf("requests = %d, want %d", got, tt.wantRequests)
			}
			if len(waits) != len(tt.wantWaits) {
				t.Errorf("backoffs = %v, want %v", waits, tt.wantWaits)
			} else {
				for i := range waits {
					if waits[i] != tt.wantWaits[i] {
						t.Errorf("backoff %d = %v, want %v", i, waits[i], tt.wantWaits[i])
					}
				}
			}

			if tt.wantStatus == 0 {
				if err != nil {
					t.Errorf("Push = %v, want nil", err)
				}
				return
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Push = %v, want *Error", err)
			}
			if pe.Status != tt.wantStatus {
				t.Errorf("Error.Status = %d, want %d", pe.Status, tt.wantStatus)
			}
			if pe.Attempts != tt.wantRequests {
				t.Errorf("Error.Attempts = %d, want %d", pe.Attempts, tt.wantRequests)
			}
			if !strings.Contains(err.Error(), "push to "+srv.URL+" failed: status ") {
				t.Errorf("error %q does not name the URL and status", err)
			}
		})
	}
}

func TestPushSlowGatewayTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })

	var waits []time.Duration
	err := Push(context.Background(), smallRegistry(t), Options{
		URL: srv.URL, Timeout: 50 * time.Millisecond, Sleep: recordSleep(&waits),
	})
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("Push = %v, want *Error", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Push = %v, want it to wrap context.DeadlineExceeded", err)
	}
	if pe.Status != 0 {
		t.Errorf("Error.Status = %d, want 0 (no response)", pe.Status)
	}
	if !strings.Contains(err.Error(), "no response") {
		t.Errorf("error %q does not say that no response arrived", err)
	}
}

func TestPushConnectionRefused(t *testing.T) {
	// Listen, note the address and close, so nothing accepts on it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	var waits []time.Duration
	err = Push(context.Background(), smallRegistry(t), Options{
		URL: "http://user:hunter2@" + addr, Sleep: recordSleep(&waits),
	})
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("Push = %v, want *Error", err)
	}
	if pe.Attempts != DefaultAttempts {
		t.Errorf("Error.Attempts = %d, want %d", pe.Attempts, DefaultAttempts)
	}
	if strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "user") {
		t.Errorf("error %q contains credentials", err)
	}
	if !strings.Contains(err.Error(), "http://"+addr) {
		t.Errorf("error %q does not name the gateway", err)
	}
}

func TestPushCredentialsNotInErrors(t *testing.T) {
	_, srv := startFake(t, http.StatusInternalServerError)
	var waits []time.Duration
	err := Push(context.Background(), smallRegistry(t), Options{
		URL:      strings.Replace(srv.URL, "http://", "http://user:hunter2@", 1),
		Header:   http.Header{"Authorization": {"Bearer token-xyz"}},
		Password: "other-secret",
		Sleep:    recordSleep(&waits),
	})
	if err == nil {
		t.Fatal("Push = nil, want an error")
	}
	for _, secret := range []string{"hunter2", "token-xyz", "other-secret"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q contains %q", err, secret)
		}
	}
}

func TestPushInvalidOptions(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"empty URL", Options{}, "gateway URL is empty"},
		{"bad URL hides password", Options{URL: "http://u:hunter2@[::1"}, "invalid gateway URL"},
		{"bad label name", Options{URL: "http://127.0.0.1:1", Grouping: []Label{{"1repo", "x"}}}, "invalid grouping label name"},
		{"reserved label", Options{URL: "http://127.0.0.1:1", Grouping: []Label{{"benchmark", "x"}}}, "already a label of perfgate's metrics"},
		{"commit label", Options{URL: "http://127.0.0.1:1", Grouping: []Label{{"commit", "abc"}}}, "already a label of perfgate's metrics"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Push(context.Background(), prometheus.NewRegistry(), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Push = %v, want an error containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q contains the password", err)
			}
		})
	}
}

func TestPushCanceledContext(t *testing.T) {
	fake, srv := startFake(t, http.StatusOK)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Push(ctx, smallRegistry(t), Options{URL: srv.URL})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Push = %v, want context.Canceled", err)
	}
	if got := len(fake.received()); got != 0 {
		t.Errorf("requests = %d, want 0", got)
	}
}
