package push

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/perfgate/perfgate/compare"
	"github.com/perfgate/perfgate/internal/results"
)

var testNow = time.Date(2026, 12, 4, 19, 0, 0, 0, time.UTC)

func loadReport(tb testing.TB) *compare.Report {
	tb.Helper()
	data, err := os.ReadFile("testdata/report.json")
	if err != nil {
		tb.Fatal(err)
	}
	var r compare.Report
	if err := json.Unmarshal(data, &r); err != nil {
		tb.Fatalf("decode testdata/report.json: %v", err)
	}
	return &r
}

func reportRegistry(tb testing.TB) *prometheus.Registry {
	tb.Helper()
	r := loadReport(tb)
	reg := prometheus.NewRegistry()
	info := InfoFromConfig(r.Environment.New)
	info.Branch = "main"
	info.PerfgateVersion = "0.1.0"
	if err := RegisterReport(reg, r, info, testNow); err != nil {
		tb.Fatalf("RegisterReport: %v", err)
	}
	return reg
}

func TestToBaseUnit(t *testing.T) {
	tests := []struct {
		unit       string
		wantUnit   string
		wantScale  float64
		wantSuffix string
	}{
		{"ns/op", "sec/op", 1e-9, "_seconds"},
		{"p95-ns/op", "p95-sec/op", 1e-9, "_seconds"},
		{"B/op", "B/op", 1, "_bytes"},
		{"MB/s", "B/s", 1e6, "_bytes_per_second"},
		{"allocs/op", "allocs/op", 1, ""},
		{"checks/s", "checks/s", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			got := toBaseUnit(tt.unit)
			if got.unit != tt.wantUnit || got.scale != tt.wantScale || got.suffix != tt.wantSuffix {
				t.Errorf("toBaseUnit(%q) = %+v, want unit %q scale %g suffix %q",
					tt.unit, got, tt.wantUnit, tt.wantScale, tt.wantSuffix)
			}
		})
	}
}

func TestReportMetricsLint(t *testing.T) {
	problems, err := testutil.GatherAndLint(reportRegistry(t))
	if err != nil {
		t.Fatalf("GatherAndLint: %v", err)
	}
	for _, p := range problems {
		t.Errorf("lint %s: %s", p.Metric, p.Text)
	}
}

func TestResultsMetricsLint(t *testing.T) {
	reg := prometheus.NewRegistry()
	if err := RegisterResults(reg, loadResults(t), Info{}, testNow); err != nil {
		t.Fatalf("RegisterResults: %v", err)
	}
	problems, err := testutil.GatherAndLint(reg)
	if err != nil {
		t.Fatalf("GatherAndLint: %v", err)
	}
	for _, p := range problems {
		t.Errorf("lint %s: %s", p.Metric, p.Text)
	}
}

// The expected texts below are the exposition format; HELP lines must
// match the registered help exactly.
func TestReportMetricValues(t *testing.T) {
	reg := reportRegistry(t)
	tests := []struct {
		name   string
		metric string
		want   string
	}{
		{
			name:   "median seconds",
			metric: "perfgate_benchmark_median_seconds",
			want: `
# HELP perfgate_benchmark_median_seconds Harrell-Davis estimate of the median of the benchmark's samples, in base units; side is new or baseline.
# TYPE perfgate_benchmark_median_seconds gauge
perfgate_benchmark_median_seconds{benchmark="CacheHit",pkg="github.com/perfgate/perfgate/bench",procs="2",side="baseline",unit="sec/op"} 4e-08
perfgate_benchmark_median_seconds{benchmark="CacheHit",pkg="github.com/perfgate/perfgate/bench",procs="2",side="new",unit="sec/op"} 5e-08
perfgate_benchmark_median_seconds{benchmark="ConcurrentChecks",pkg="github.com/perfgate/perfgate/bench",procs="4",side="new",unit="p95-sec/op"} 9e-07
`,
		},
		{
			name:   "tail limit",
			metric: "perfgate_benchmark_limit_seconds",
			want: `
# HELP perfgate_benchmark_limit_seconds Tail limit that applied, in base units: baseline p95 times the multiplier for lower-is-better units, baseline p5 divided by it for higher-is-better ones; calibration included.
# TYPE perfgate_benchmark_limit_seconds gauge
perfgate_benchmark_limit_seconds{benchmark="CacheHit",pkg="github.com/perfgate/perfgate/bench",procs="2",unit="sec/op"} 5.72e-08
`,
		},
		{
			name:   "bytes",
			metric: "perfgate_benchmark_p95_bytes",
			want: `
# HELP perfgate_benchmark_p95_bytes Harrell-Davis estimate of the 95th percentile of the benchmark's samples, in base units; side is new or baseline.
# TYPE perfgate_benchmark_p95_bytes gauge
perfgate_benchmark_p95_bytes{benchmark="TokenVerify",pkg="github.com/perfgate/perfgate/bench",procs="2",side="baseline",unit="B/op"} 1024
perfgate_benchmark_p95_bytes{benchmark="TokenVerify",pkg="github.com/perfgate/perfgate/bench",procs="2",side="new",unit="B/op"} 1024
`,
		},
		{
			name:   "ratio skips null",
			metric: "perfgate_benchmark_ratio",
			want: `
# HELP perfgate_benchmark_ratio New median divided by baseline median, after calibration; above 1 is slower for lower-is-better units.
# TYPE perfgate_benchmark_ratio gauge
perfgate_benchmark_ratio{benchmark="CacheHit",pkg="github.com/perfgate/perfgate/bench",procs="2",unit="sec/op"} 1.25
perfgate_benchmark_ratio{benchmark="TokenVerify",pkg="github.com/perfgate/perfgate/bench",procs="2",unit="B/op"} 1
`,
		},
		{
			name:   "verdict counts",
			metric: "perfgate_compare_results",
			want: `
# HELP perfgate_compare_results Number of benchmark and unit results with each verdict in the last comparison.
# TYPE perfgate_compare_results gauge
perfgate_compare_results{verdict="improvement"} 0
perfgate_compare_results{verdict="inconclusive"} 0
perfgate_compare_results{verdict="missing"} 0
perfgate_compare_results{verdict="new"} 1
perfgate_compare_results{verdict="regression"} 2
perfgate_compare_results{verdict="unchanged"} 1
`,
		},
		{
			name:   "gate outcome",
			metric: "perfgate_compare_passed",
			want: `
# HELP perfgate_compare_passed 1 when the last comparison passed the gate, 0 when it failed.
# TYPE perfgate_compare_passed gauge
perfgate_compare_passed 0
`,
		},
		{
			name:   "calibration",
			metric: "perfgate_calibration_ratio",
			want: `
# HELP perfgate_calibration_ratio Machine-speed factor divided out of time units: new machine time over baseline machine time; 1 when no calibration applied.
# TYPE perfgate_calibration_ratio gauge
perfgate_calibration_ratio 1.1
`,
		},
		{
			name:   "info",
			metric: "perfgate_run_info",
			want: `
# HELP perfgate_run_info Always 1; the labels describe the measured run: commit, branch, Go version, platform and perfgate version.
# TYPE perfgate_run_info gauge
perfgate_run_info{branch="main",commit="0123456789abcdef0123456789abcdef01234567",cpu="Test CPU @ 2.0GHz",go_version="go1.26.8",goarch="amd64",goos="linux",perfgate_version="0.1.0"} 1
`,
		},
		{
			name:   "push time",
			metric: "perfgate_push_timestamp_seconds",
			want: `
# HELP perfgate_push_timestamp_seconds Unix time at which perfgate built this push.
# TYPE perfgate_push_timestamp_seconds gauge
perfgate_push_timestamp_seconds 1.7964108e+09
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := testutil.GatherAndCompare(reg, strings.NewReader(tt.want), tt.metric); err != nil {
				t.Errorf("%s: %v", tt.metric, err)
			}
		})
	}
}

func TestReportVerdictSeries(t *testing.T) {
	reg := reportRegistry(t)
	// 4 results × 6 verdicts, exactly one of them 1 per result.
	if got, err := testutil.GatherAndCount(reg, "perfgate_benchmark_verdict"); err != nil || got != 24 {
		t.Fatalf("perfgate_benchmark_verdict series = %d (err %v), want 24", got, err)
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	ones := map[string]string{}
	for _, mf := range mfs {
		if mf.GetName() != "perfgate_benchmark_verdict" {
			continue
		}
		for _, m := range mf.GetMetric() {
			if m.GetGauge().GetValue() != 1 {
				continue
			}
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			key := labels["benchmark"] + " " + labels["unit"]
			if prev, ok := ones[key]; ok {
				t.Errorf("%s has verdicts %s and %s set to 1, want one", key, prev, labels["verdict"])
			}
			ones[key] = labels["verdict"]
		}
	}
	wantOnes := map[string]string{
		"CacheHit sec/op":             "regression",
		"CacheHit allocs/op":          "regression",
		"TokenVerify B/op":            "unchanged",
		"ConcurrentChecks p95-sec/op": "new",
	}
	for k, v := range wantOnes {
		if ones[k] != v {
			t.Errorf("verdict of %s = %q, want %q", k, ones[k], v)
		}
	}
}

func TestRegisterReportTwiceFails(t *testing.T) {
	reg := reportRegistry(t)
	if err := RegisterReport(reg, loadReport(t), Info{}, testNow); err == nil {
		t.Error("second RegisterReport on one registry = nil, want a duplicate-registration error")
	}
}

func TestRegisterReportNil(t *testing.T) {
	if err := RegisterReport(prometheus.NewRegistry(), nil, Info{}, testNow); err == nil {
		t.Error("RegisterReport(nil report) = nil, want an error")
	}
}

func TestReportUnchanged(t *testing.T) {
	r := loadReport(t)
	before, _ := json.Marshal(r)
	if err := RegisterReport(prometheus.NewRegistry(), r, Info{}, testNow); err != nil {
		t.Fatal(err)
	}
	after, _ := json.Marshal(r)
	if string(before) != string(after) {
		t.Error("RegisterReport modified the report")
	}
}

func TestInfoFromConfig(t *testing.T) {
	tests := []struct {
		name string
		env  map[string][]string
		want Info
	}{
		{"empty", nil, Info{}},
		{"goversion wins over go", map[string][]string{"goversion": {"go1.26.8"}, "go": {"go1.25"}}, Info{GoVersion: "go1.26.8"}},
		{"go fallback", map[string][]string{"go": {"go1.25"}}, Info{GoVersion: "go1.25"}},
		{"first value wins", map[string][]string{"commit": {"aaa", "bbb"}, "branch": {"main"}}, Info{Commit: "aaa", Branch: "main"}},
		{"platform", map[string][]string{"goos": {"linux"}, "goarch": {"arm64"}, "cpu": {"X"}}, Info{GOOS: "linux", GOARCH: "arm64", CPU: "X"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := InfoFromConfig(tt.env); got != tt.want {
				t.Errorf("InfoFromConfig(%v) = %+v, want %+v", tt.env, got, tt.want)
			}
		})
	}
}

func loadResults(tb testing.TB) *results.Set {
	tb.Helper()
	set, err := results.ParseFiles([]string{"testdata/bench.txt"}, nil, results.ParseOptions{})
	if err != nil {
		tb.Fatalf("parse testdata/bench.txt: %v", err)
	}
	return set
}

func TestResultsMetricValues(t *testing.T) {
	reg := prometheus.NewRegistry()
	if err := RegisterResults(reg, loadResults(t), Info{}, testNow); err != nil {
		t.Fatalf("RegisterResults: %v", err)
	}
	want := `
# HELP perfgate_benchmark_median_seconds Harrell-Davis estimate of the median of the benchmark's samples, in base units; side is new or baseline.
# TYPE perfgate_benchmark_median_seconds gauge
perfgate_benchmark_median_seconds{benchmark="CacheHit",pkg="github.com/perfgate/perfgate/bench",procs="2",side="new",unit="sec/op"} 4.2e-08
perfgate_benchmark_median_seconds{benchmark="TokenVerify",pkg="github.com/perfgate/perfgate/bench",procs="2",side="new",unit="sec/op"} 5.05e-06
# HELP perfgate_benchmark_samples Number of samples of the benchmark; side is new or baseline.
# TYPE perfgate_benchmark_samples gauge
perfgate_benchmark_samples{benchmark="CacheHit",pkg="github.com/perfgate/perfgate/bench",procs="2",side="new",unit="B/op"} 5
perfgate_benchmark_samples{benchmark="CacheHit",pkg="github.com/perfgate/perfgate/bench",procs="2",side="new",unit="allocs/op"} 5
perfgate_benchmark_samples{benchmark="CacheHit",pkg="github.com/perfgate/perfgate/bench",procs="2",side="new",unit="sec/op"} 5
perfgate_benchmark_samples{benchmark="TokenVerify",pkg="github.com/perfgate/perfgate/bench",procs="2",side="new",unit="B/op"} 2
perfgate_benchmark_samples{benchmark="TokenVerify",pkg="github.com/perfgate/perfgate/bench",procs="2",side="new",unit="allocs/op"} 2
perfgate_benchmark_samples{benchmark="TokenVerify",pkg="github.com/perfgate/perfgate/bench",procs="2",side="new",unit="sec/op"} 2
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want),
		"perfgate_benchmark_median_seconds", "perfgate_benchmark_samples"); err != nil {
		t.Error(err)
	}
	if got, err := testutil.GatherAndCount(reg, "perfgate_compare_results"); err != nil || got != 0 {
		t.Errorf("perfgate_compare_results series for raw results = %d (err %v), want 0", got, err)
	}
}
