package push

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Environment variables that locate the real servers for the integration
// tests. Without them the binaries are looked up on PATH.
const (
	envPushgateway    = "PERFGATE_PUSHGATEWAY"
	envPrometheus     = "PERFGATE_PROMETHEUS"
	envRequireServers = "PERFGATE_REQUIRE_SERVERS"
)

// startupTimeout bounds how long a server may take until /-/ready returns 200.
// It is a deadline for a poll loop, not a performance assertion.
const startupTimeout = 60 * time.Second

// findServer returns the path of a server binary from envVar, or the first
// of names found on PATH. When none is found the test is skipped, or fails
// when PERFGATE_REQUIRE_SERVERS=1 (as in CI, where
// scripts/install-servers.sh has installed the servers).
func findServer(tb testing.TB, envVar string, names ...string) string {
	tb.Helper()
	if p := os.Getenv(envVar); p != "" {
		return p
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("%s not found on PATH and %s is unset; run scripts/install-servers.sh", strings.Join(names, " or "), envVar)
	if os.Getenv(envRequireServers) == "1" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
	return ""
}

// freeAddr returns a loopback address whose port was free a moment ago.
// Another process may take it before the server binds; startServer then
// retries on a new port.
func freeAddr(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// serverSeq numbers the servers of this test process for their route
// prefixes.
var serverSeq atomic.Int64

// syncBuffer is a bytes.Buffer that the server's output goroutines and the
// test may use at the same time.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServer runs bin with the arguments args(addr, prefix) returns, on a
// free loopback port and under a route prefix unique to this process, and
// waits until its /-/ready returns 200. The prefix makes sure the response
// comes from this server and not from another test process's server that
// won the port. When the server exits before it is ready, as after losing
// the port, it is started again on a new port, three times at most. The
// process is stopped when the test ends. It returns the base URL, prefix
// included.
func startServer(tb testing.TB, bin string, args func(addr, prefix string) []string) string {
	tb.Helper()
	var lastOutput string
	for attempt := 0; attempt < 3; attempt++ {
		addr := freeAddr(tb)
		prefix := fmt.Sprintf("/perfgate-test-%d-%d", os.Getpid(), serverSeq.Add(1))
		base, output, ok := runUntilReady(tb, bin, "http://"+addr+prefix, args(addr, prefix))
		if ok {
			return base
		}
		lastOutput = output
	}
	tb.Fatalf("%s exited before it was ready, three times:\n%s", bin, lastOutput)
	return ""
}

// runUntilReady starts one server process. It returns ok false with the
// server's output when the process exited before it was ready.
func runUntilReady(tb testing.TB, bin, base string, args []string) (string, string, bool) {
	tb.Helper()
	out := &syncBuffer{}
	cmd := exec.Command(bin, args...)
	cmd.Stdout = out
	cmd.Stderr = out
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	tb.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})

	deadline := time.Now().Add(startupTimeout)
	for {
		select {
		case <-exited:
			return "", out.String(), false
		default:
		}
		if ready(base) {
			return base, "", true
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s not ready at %s after %v\n%s", bin, base, startupTimeout, out.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func ready(base string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/-/ready", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// startPushgateway starts a real pushgateway on a free loopback port, with
// its state in memory only, and returns its base URL. Debian's build
// persists to /var/lib/prometheus/pushgateway.data without
// --persistence.file, which would leak groups from one server to the next.
func startPushgateway(tb testing.TB) string {
	tb.Helper()
	// Debian's package installs prometheus-pushgateway; an upstream build
	// is called pushgateway.
	bin := findServer(tb, envPushgateway, "prometheus-pushgateway", "pushgateway")
	return startServer(tb, bin, func(addr, prefix string) []string {
		return []string{
			"--web.listen-address=" + addr,
			"--web.route-prefix=" + prefix,
			"--persistence.file=",
		}
	})
}

// startPrometheus starts a real Prometheus on a free loopback port that
// scrapes the pushgateway at gatewayURL every second, with its storage in
// a temporary directory, and returns its base URL.
func startPrometheus(tb testing.TB, gatewayURL string) string {
	tb.Helper()
	bin := findServer(tb, envPrometheus, "prometheus")
	gateway, err := url.Parse(gatewayURL)
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	config := fmt.Sprintf(`global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: pushgateway
    honor_labels: true
    metrics_path: %s
    static_configs:
      - targets: [%s]
`, strconv.Quote(gateway.Path+"/metrics"), strconv.Quote(gateway.Host))
	configPath := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(configPath, []byte(config), 0o644); err != nil {
		tb.Fatal(err)
	}
	return startServer(tb, bin, func(addr, prefix string) []string {
		return []string{
			"--config.file=" + configPath,
			"--storage.tsdb.path=" + filepath.Join(dir, "data"),
			"--web.listen-address=" + addr,
			"--web.route-prefix=" + prefix,
			"--web.external-url=http://" + addr + prefix,
		}
	})
}
