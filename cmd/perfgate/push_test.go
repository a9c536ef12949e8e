package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
)

const (
	pushReportFile  = "testdata/push/report.json"
	pushResultsFile = "testdata/push/bench.txt"
)

// fakeGateway records pushes and responds to each with status.
type fakeGateway struct {
	status int

	mu     sync.Mutex
	paths  []string
	bodies []string
	auths  []string
	scopes []string
}

func (f *fakeGateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.paths = append(f.paths, r.Method+" "+r.URL.EscapedPath())
	f.bodies = append(f.bodies, string(body))
	f.auths = append(f.auths, r.Header.Get("Authorization"))
	f.scopes = append(f.scopes, r.Header.Get("X-Scope-OrgID"))
	f.mu.Unlock()
	w.WriteHeader(f.status)
}

func (f *fakeGateway) requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.paths)
}

func startGateway(tb testing.TB, status int) (*fakeGateway, string) {
	tb.Helper()
	f := &fakeGateway{status: status}
	srv := httptest.NewServer(f)
	tb.Cleanup(srv.Close)
	return f, srv.URL
}

// runPushCLI runs "perfgate push args..." in-process with only the given
// environment variables.
func runPushCLI(tb testing.TB, env map[string]string, stdin string, args ...string) cliResult {
	tb.Helper()
	var stdout, stderr bytes.Buffer
	code := runEnv(context.Background(), append([]string{"push"}, args...), &cmdEnv{
		stdin:  strings.NewReader(stdin),
		stdout: &stdout,
		stderr: &stderr,
		getenv: func(key string) string { return env[key] },
	})
	return cliResult{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func TestPushCommandInputs(t *testing.T) {
	report, err := os.ReadFile(pushReportFile)
	if err != nil {
		t.Fatal(err)
	}
	results, err := os.ReadFile(pushResultsFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		stdin     string
		file      string
		wantIn    []string // metric names the push must contain
		wantNotIn []string
	}{
		{"report file", "", pushReportFile, []string{"perfgate_benchmark_ratio", "perfgate_compare_results", "perfgate_run_info"}, nil},
		{"results file", "", pushResultsFile, []string{"perfgate_benchmark_median_seconds", "perfgate_run_info"}, []string{"perfgate_benchmark_ratio"}},
		{"report on stdin", string(report), "-", []string{"perfgate_benchmark_ratio"}, nil},
		{"results on stdin", string(results), "-", []string{"perfgate_benchmark_p95_seconds"}, []string{"perfgate_compare_results"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gw, url := startGateway(t, http.StatusOK)
			res := runPushCLI(t, nil, tt.stdin, "-gateway", url, "-label", "runner=ci", tt.file)
			if res.code != exitPass {
				t.Fatalf("exit status = %d, want 0; stderr:\n%s", res.code, res.stderr)
			}
			if gw.requests() != 1 {
				t.Fatalf("gateway requests = %d, want 1", gw.requests())
			}
			if got, want := gw.paths[0], "PUT /metrics/job/perfgate/runner/ci"; got != want {
				t.Errorf("request = %s, want %s", got, want)
			}
			// The push package sends the protobuf format, in which metric
			// names appear as plain strings.
			for _, name := range tt.wantIn {
				if !strings.Contains(gw.bodies[0], name) {
					t.Errorf("push does not contain %s", name)
				}
			}
			for _, name := range tt.wantNotIn {
				if strings.Contains(gw.bodies[0], name) {
					t.Errorf("push contains %s, want it absent", name)
				}
			}
			if !strings.Contains(res.stderr, "pushed metrics to "+url) {
				t.Errorf("stderr = %q, want a line naming the gateway", res.stderr)
			}
			if res.stdout != "" {
				t.Errorf("stdout = %q, want nothing", res.stdout)
			}
		})
	}
}

func TestPushCommandInfoSources(t *testing.T) {
	tests := []struct {
		name       string
		env        map[string]string
		args       []string
		wantCommit string
		wantBranch string
	}{
		{"from results", nil, nil, "0123456789abcdef0123456789abcdef01234567", ""},
		{"flags win", map[string]string{"GITHUB_SHA": "envsha"}, []string{"-commit", "flagsha", "-branch", "feature"}, "flagsha", "feature"},
		{"pull request branch", map[string]string{"GITHUB_HEAD_REF": "feature", "GITHUB_REF_NAME": "7/merge"}, nil, "0123456789abcdef0123456789abcdef01234567", "feature"},
		{"push branch", map[string]string{"GITHUB_REF_NAME": "main"}, nil, "0123456789abcdef0123456789abcdef01234567", "main"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gw, url := startGateway(t, http.StatusOK)
			args := append([]string{"-gateway", url}, tt.args...)
			res := runPushCLI(t, tt.env, "", append(args, pushResultsFile)...)
			if res.code != exitPass {
				t.Fatalf("exit status = %d, want 0; stderr:\n%s", res.code, res.stderr)
			}
			if !strings.Contains(gw.bodies[0], tt.wantCommit) {
				t.Errorf("push does not contain commit %s", tt.wantCommit)
			}
			if tt.wantBranch != "" && !strings.Contains(gw.bodies[0], tt.wantBranch) {
				t.Errorf("push does not contain branch %s", tt.wantBranch)
			}
		})
	}
}

func TestPushCommandAuth(t *testing.T) {
	gw, url := startGateway(t, http.StatusOK)
	env := map[string]string{envPushUsername: "ci", envPushPassword: "hunter2"}
	res := runPushCLI(t, env, "", "-gateway", url, "-header", "X-Scope-OrgID: team-a", pushResultsFile)
	if res.code != exitPass {
		t.Fatalf("exit status = %d, want 0; stderr:\n%s", res.code, res.stderr)
	}
	if got, want := gw.auths[0], "Basic Y2k6aHVudGVyMg=="; got != want {
		t.Errorf("Authorization = %q, want %q", got, want)
	}
	if got := gw.scopes[0]; got != "team-a" {
		t.Errorf("X-Scope-OrgID = %q, want team-a", got)
	}
	if strings.Contains(res.stderr, "hunter2") {
		t.Errorf("stderr %q contains the password", res.stderr)
	}
}

func TestPushCommandErrors(t *testing.T) {
	_, okURL := startGateway(t, http.StatusOK)
	_, failURL := startGateway(t, http.StatusBadRequest)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refusedURL := "http://" + ln.Addr().String()
	ln.Close()

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no gateway", []string{pushResultsFile}, "missing -gateway URL"},
		{"no file", []string{"-gateway", okURL}, "want one FILE, got 0"},
		{"two files", []string{"-gateway", okURL, pushResultsFile, pushReportFile}, "want one FILE, got 2"},
		{"missing file", []string{"-gateway", okURL, "testdata/push/nope.txt"}, "nope.txt"},
		{"not results", []string{"-gateway", okURL, "push_test.go"}, "neither a compare JSON report nor benchmark results"},
		{"bad label", []string{"-gateway", okURL, "-label", "norepo", pushResultsFile}, `"norepo" is not name=value`},
		{"reserved label", []string{"-gateway", okURL, "-label", "commit=abc", pushResultsFile}, `label "commit" is already a label`},
		{"bad header hides value", []string{"-gateway", okURL, "-header", "Authorization Bearer hunter2", pushResultsFile}, "invalid header flag number 1: want 'Name: value'"},
		{"gateway rejects", []string{"-gateway", failURL, pushResultsFile}, "push to " + failURL + " failed: status 400 Bad Request"},
		{"connection refused", []string{"-gateway", "http://u:hunter2@" + refusedURL[len("http://"):], "-timeout", "5s", pushResultsFile}, "push to " + refusedURL + " failed: no response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runPushCLI(t, nil, "", tt.args...)
			if res.code != exitError {
				t.Errorf("exit status = %d, want 2", res.code)
			}
			if !strings.Contains(res.stderr, tt.want) {
				t.Errorf("stderr = %q, want it to contain %q", res.stderr, tt.want)
			}
			if strings.Contains(res.stderr, "hunter2") {
				t.Errorf("stderr %q contains a secret", res.stderr)
			}
		})
	}
}

func TestPushCommandHelp(t *testing.T) {
	res := runPushCLI(t, nil, "", "-h")
	if res.code != exitPass {
		t.Errorf("exit status = %d, want 0", res.code)
	}
	if !strings.Contains(res.stderr, "usage: perfgate push") {
		t.Errorf("stderr = %q, want the usage", res.stderr)
	}
}
