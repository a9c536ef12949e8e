package push

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// scrapeGateway reads the pushgateway's /metrics and returns the families
// by name.
func scrapeGateway(tb testing.TB, base string) map[string]*dto.MetricFamily {
	tb.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		tb.Fatalf("scrape %s/metrics: %v", base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("scrape %s/metrics: status %d", base, resp.StatusCode)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		tb.Fatalf("parse %s/metrics: %v", base, err)
	}
	return mfs
}

// gaugeValue returns the value of the series of family name whose labels
// include want, and whether exactly one such series exists.
func gaugeValue(mfs map[string]*dto.MetricFamily, name string, want map[string]string) (float64, int) {
	mf, ok := mfs[name]
	if !ok {
		return 0, 0
	}
	var value float64
	matches := 0
	for _, m := range mf.GetMetric() {
		labels := map[string]string{}
		for _, l := range m.GetLabel() {
			labels[l.GetName()] = l.GetValue()
		}
		match := true
		for k, v := range want {
			if labels[k] != v {
				match = false
			}
		}
		if match {
			matches++
			value = m.GetGauge().GetValue()
		}
	}
	return value, matches
}

func TestRealGatewayReceivesReport(t *testing.T) {
	gateway := startPushgateway(t)
	group := map[string]string{"job": "perfgate", "repo": "perfgate"}
	opts := Options{URL: gateway, Grouping: []Label{{"repo", "perfgate"}}}

	reg := reportRegistry(t)
	if err := Push(context.Background(), reg, opts); err != nil {
		t.Fatalf("Push report: %v", err)
	}
	mfs := scrapeGateway(t, gateway)

	cacheHit := func(unit string, extra ...string) map[string]string {
		l := map[string]string{"benchmark": "CacheHit", "pkg": "github.com/perfgate/perfgate/bench", "procs": "2", "unit": unit}
		for k, v := range group {
			l[k] = v
		}
		for i := 0; i+1 < len(extra); i += 2 {
			l[extra[i]] = extra[i+1]
		}
		return l
	}
	tests := []struct {
		name   string
		metric string
		labels map[string]string
		want   float64
	}{
		{"ratio", "perfgate_benchmark_ratio", cacheHit("sec/op"), 1.25},
		{"new median", "perfgate_benchmark_median_seconds", cacheHit("sec/op", "side", "new"), 5e-08},
		{"baseline p95", "perfgate_benchmark_p95_seconds", cacheHit("sec/op", "side", "baseline"), 4.4e-08},
		{"limit", "perfgate_benchmark_limit_seconds", cacheHit("sec/op"), 5.72e-08},
		{"allocs", "perfgate_benchmark_median", cacheHit("allocs/op", "side", "new"), 1},
		{"adjusted p", "perfgate_benchmark_adjusted_p_value", cacheHit("sec/op"), 0.0004},
		{"verdict", "perfgate_benchmark_verdict", cacheHit("sec/op", "verdict", "regression"), 1},
		{"regressions", "perfgate_compare_results", map[string]string{"job": "perfgate", "repo": "perfgate", "verdict": "regression"}, 2},
		{"passed", "perfgate_compare_passed", group, 0},
		{"calibration", "perfgate_calibration_ratio", group, 1.1},
		{"info", "perfgate_run_info", map[string]string{"job": "perfgate", "commit": "0123456789abcdef0123456789abcdef01234567", "branch": "main"}, 1},
		{"push time", "perfgate_push_timestamp_seconds", group, float64(testNow.Unix())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := gaugeValue(mfs, tt.metric, tt.labels)
			if n != 1 {
				t.Fatalf("%s%v: %d series on the gateway, want 1", tt.metric, tt.labels, n)
			}
			if got != tt.want {
				t.Errorf("%s%v = %g, want %g", tt.metric, tt.labels, got, tt.want)
			}
		})
	}

	// The gateway adds its own push_time_seconds for the group, which
	// proves the push landed in the expected group.
	if _, n := gaugeValue(mfs, "push_time_seconds", group); n != 1 {
		t.Errorf("push_time_seconds%v: %d series, want 1", group, n)
	}
}

func TestRealGatewayPushReplacesGroup(t *testing.T) {
	gateway := startPushgateway(t)
	opts := Options{URL: gateway}

	if err := Push(context.Background(), reportRegistry(t), opts); err != nil {
		t.Fatalf("Push report: %v", err)
	}
	raw := prometheus.NewRegistry()
	if err := RegisterResults(raw, loadResults(t), Info{Commit: "fedcba"}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := Push(context.Background(), raw, opts); err != nil {
		t.Fatalf("Push raw results: %v", err)
	}

	mfs := scrapeGateway(t, gateway)
	// PUT replaces the whole group, so the report's comparison metrics
	// are gone and only the second commit is left.
	for _, name := range []string{"perfgate_benchmark_ratio", "perfgate_compare_results", "perfgate_calibration_ratio"} {
		if _, ok := mfs[name]; ok {
			t.Errorf("%s still on the gateway after a PUT without it", name)
		}
	}
	var commits []string
	for _, m := range mfs["perfgate_run_info"].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == "commit" {
				commits = append(commits, l.GetValue())
			}
		}
	}
	sort.Strings(commits)
	if got := strings.Join(commits, ","); got != "fedcba" {
		t.Errorf("perfgate_run_info commits = %s, want fedcba", got)
	}
	got, n := gaugeValue(mfs, "perfgate_benchmark_median_seconds",
		map[string]string{"benchmark": "TokenVerify", "unit": "sec/op", "side": "new", "job": "perfgate"})
	if n != 1 || got != 5.05e-06 {
		t.Errorf("TokenVerify new median = %g (%d series), want 5.05e-06 (1 series)", got, n)
	}
}
