package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/perfgate/perfgate/compare"
)

func loadPushReport(tb testing.TB) *compare.Report {
	tb.Helper()
	data, err := os.ReadFile(pushReportFile)
	if err != nil {
		tb.Fatal(err)
	}
	var r compare.Report
	if err := json.Unmarshal(data, &r); err != nil {
		tb.Fatal(err)
	}
	return &r
}

// pushReportWith parses args as compare's push flags and calls pushReport.
func pushReportWith(tb testing.TB, env map[string]string, args ...string) (error, string) {
	tb.Helper()
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	p := addPushFlags(fs)
	if err := fs.Parse(args); err != nil {
		tb.Fatalf("parse %v: %v", args, err)
	}
	var stderr bytes.Buffer
	err := p.pushReport(context.Background(), &cmdEnv{
		stdout: io.Discard, stderr: &stderr,
		getenv: func(k string) string { return env[k] },
	}, loadPushReport(tb))
	return err, stderr.String()
}

func TestPushReportWithoutFlagDoesNothing(t *testing.T) {
	err, stderr := pushReportWith(t, nil)
	if err != nil || stderr != "" {
		t.Errorf("pushReport without -push = %v, stderr %q; want nil and no output", err, stderr)
	}
}

func TestPushReportSends(t *testing.T) {
	gw, url := startGateway(t, http.StatusOK)
	err, stderr := pushReportWith(t, map[string]string{"GITHUB_REF_NAME": "main"},
		"-push", url, "-push-job", "bench", "-push-label", "repo=perfgate", "-push-header", "X-Scope-OrgID: ci")
	if err != nil {
		t.Fatalf("pushReport = %v, want nil", err)
	}
	if got, want := gw.paths[0], "PUT /metrics/job/bench/repo/perfgate"; got != want {
		t.Errorf("request = %s, want %s", got, want)
	}
	if got := gw.scopes[0]; got != "ci" {
		t.Errorf("X-Scope-OrgID = %q, want ci", got)
	}
	if !strings.Contains(gw.bodies[0], "perfgate_benchmark_verdict") {
		t.Error("push does not contain perfgate_benchmark_verdict")
	}
	if !strings.Contains(stderr, "pushed metrics to "+url+" (job bench, repo=perfgate)") {
		t.Errorf("stderr = %q, want the success line", stderr)
	}
}

func TestPushReportFailure(t *testing.T) {
	tests := []struct {
		name     string
		required bool
		wantErr  bool
	}{
		{"reported and ignored", false, false},
		{"required", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gw, url := startGateway(t, http.StatusInternalServerError)
			args := []string{"-push", url}
			if tt.required {
				args = append(args, "-push-required")
			}
			err, stderr := pushReportWith(t, nil, args...)
			want := "push to " + url + " failed: status 500 Internal Server Error after 3 attempt(s)"
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("pushReport = %v, want an error containing %q", err, want)
				}
				if stderr != "" {
					t.Errorf("stderr = %q, want nothing (the caller prints the error)", stderr)
				}
			} else {
				if err != nil {
					t.Errorf("pushReport = %v, want nil without -push-required", err)
				}
				if !strings.HasPrefix(stderr, "perfgate: "+want) {
					t.Errorf("stderr = %q, want it to start with %q", stderr, "perfgate: "+want)
				}
			}
			if got := gw.requests(); got != 3 {
				t.Errorf("requests = %d, want 3 attempts", got)
			}
		})
	}
}

func TestLabelFlag(t *testing.T) {
	tests := []struct {
		name    string
		values  []string
		wantErr string
	}{
		{"two labels", []string{"repo=perfgate", "runner=ubuntu-latest"}, ""},
		{"empty value", []string{"runner="}, ""},
		{"no equals", []string{"repo"}, "is not name=value"},
		{"empty name", []string{"=x"}, "is not name=value"},
		{"invalid name", []string{"run-ner=x"}, "invalid label name"},
		{"reserved", []string{"benchmark=x"}, "already a label"},
		{"job", []string{"job=x"}, "already a label"},
		{"duplicate", []string{"repo=a", "repo=b"}, "given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l labelFlag
			var err error
			for _, v := range tt.values {
				if err = l.Set(v); err != nil {
					break
				}
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Errorf("Set(%v) = %v, want nil", tt.values, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Set(%v) = %v, want an error containing %q", tt.values, err, tt.wantErr)
			}
		})
	}
}

func TestHeaderFlag(t *testing.T) {
	var h headerFlag
	for _, v := range []string{"X-Scope-OrgID: team-a", "Authorization:Bearer abc"} {
		if err := h.Set(v); err != nil {
			t.Fatalf("Set(%q) = %v, want nil", v, err)
		}
	}
	hdr, err := h.header()
	if err != nil {
		t.Fatalf("header() = %v, want nil", err)
	}
	if got := hdr.Get("X-Scope-OrgID"); got != "team-a" {
		t.Errorf("X-Scope-OrgID = %q, want team-a", got)
	}
	if got := hdr.Get("Authorization"); got != "Bearer abc" {
		t.Errorf("Authorization = %q, want Bearer abc", got)
	}
}

func TestHeaderFlagInvalid(t *testing.T) {
	for _, bad := range []string{"NoColon hunter2", ": hunter2", "Name:", "Two Words: hunter2"} {
		t.Run(bad, func(t *testing.T) {
			h := headerFlag{"X-Ok: 1", bad}
			_, err := h.header()
			if err == nil || !strings.Contains(err.Error(), "invalid header flag number 2") {
				t.Fatalf("header() = %v, want an error naming flag number 2", err)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q contains the value", err)
			}
		})
	}
}

func TestRedactedURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://127.0.0.1:9091", "http://127.0.0.1:9091"},
		{"https://u:p@gw.example:9091/x", "https://xxxxx@gw.example:9091/x"},
		{"u:p@127.0.0.1:9091", "xxxxx@127.0.0.1:9091"},
	}
	for _, tt := range tests {
		if got := redactedURL(tt.in); got != tt.want {
			t.Errorf("redactedURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
