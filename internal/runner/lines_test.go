package runner

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestIsResultLine(t *testing.T) {
	tests := []struct {
		name string
		line string
		want bool
	}{
		{"result", "BenchmarkSum-2   \t 1000\t 12.5 ns/op\t 0 B/op\t 0 allocs/op", true},
		{"result without suffix", "BenchmarkSum 10 12.5 ns/op", true},
		{"sub-benchmark", "BenchmarkCache/impl=x-2 \t5 \t3 ns/op", true},
		{"failure after name", "BenchmarkSum-2   \t--- FAIL: BenchmarkSum", false},
		{"odd field count", "BenchmarkSum 10 12.5", false},
		{"iterations not a number", "BenchmarkSum ten 12.5 ns/op", false},
		{"other prefix", "Benchmarks 10 12.5 ns/op", true},
		{"config line", "goos: linux", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isResultLine(tt.line); got != tt.want {
				t.Errorf("isResultLine(%q) = %v, want %v", tt.line, got, tt.want)
			}
		})
	}
}

func TestIsTestingConfigLine(t *testing.T) {
	tests := []struct {
		name string
		line string
		want bool
	}{
		{"goos", "goos: linux", true},
		{"goarch", "goarch: amd64", true},
		{"pkg", "pkg: example.com/tiny", true},
		{"cpu", "cpu: AMD EPYC", true},
		{"panic", "panic: fixture panic", false},
		{"other key", "note: fast machine", false},
		{"result", "BenchmarkSum 10 12.5 ns/op", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isTestingConfigLine(tt.line); got != tt.want {
				t.Errorf("isTestingConfigLine(%q) = %v, want %v", tt.line, got, tt.want)
			}
		})
	}
}

func TestProgressLine(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		total   int
		done    int
		elapsed time.Duration
		want    string
	}{
		{"unknown total", 0, 3, 5 * time.Second, "3 benchmark runs, 0:05 elapsed, last BenchmarkX"},
		{"nothing done", 6, 0, 2 * time.Second, "0/6 benchmark runs, 0:02 elapsed"},
		{"estimate", 6, 2, 10 * time.Second, "2/6 benchmark runs, 0:10 elapsed, about 0:20 left, last BenchmarkX"},
		{"minutes", 100, 50, 90 * time.Second, "50/100 benchmark runs, 1:30 elapsed, about 1:30 left, last BenchmarkX"},
		{"more than discovered", 2, 3, 3 * time.Second, "3/3 benchmark runs, 0:03 elapsed, about 0:00 left, last BenchmarkX"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := start
			var out bytes.Buffer
			p := newProgress(&out, func() time.Time { return now }, tt.total)
			for range tt.done {
				p.result("BenchmarkX")
			}
			now = start.Add(tt.elapsed)
			if got := p.line(); got != tt.want {
				t.Errorf("line() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestProgressDrawTruncates(t *testing.T) {
	var out bytes.Buffer
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newProgress(&out, func() time.Time { return now }, 1)
	p.result("Benchmark" + strings.Repeat("X", 200))
	drawn := strings.TrimPrefix(out.String(), "\r\x1b[K")
	if n := len([]rune(drawn)); n != lineWidth {
		t.Errorf("drawn line has %d characters, want %d", n, lineWidth)
	}
}

func TestGoTestErrorTruncatesMessage(t *testing.T) {
	msg := make([]string, maxMessageLines+5)
	for i := range msg {
		msg[i] = "line"
	}
	err := &GoTestError{Err: ErrNoBenchmarks, Message: msg, Output: "bench.txt"}
	got := err.Error()
	if !strings.Contains(got, "... 5 more lines") {
		t.Errorf("Error() lacks the count of left-out lines:\n%s", got)
	}
	if !strings.Contains(got, "bench.txt not written") {
		t.Errorf("Error() does not say bench.txt was not written:\n%s", got)
	}
}
