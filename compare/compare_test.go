package compare

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/perfgate/perfgate/baseline"
	"github.com/perfgate/perfgate/internal/results"
)

func TestCompareVerdicts(t *testing.T) {
	tests := []struct {
		name        string
		base, cur   series
		opts        func(*Options)
		want        Verdict
		wantReason  string
		wantVerdict string
	}{
		{
			name: "slower is regression",
			base: series{name: "Parse", unit: "ns/op", values: around(100, 10)},
			cur:  series{name: "Parse", unit: "ns/op", values: around(120, 10)},
			want: Regression, wantReason: "slower by", wantVerdict: "fail",
		},
		{
			name: "same is unchanged",
			base: series{name: "Parse", unit: "ns/op", values: around(100, 10)},
			cur:  series{name: "Parse", unit: "ns/op", values: around(100, 10)},
			want: Unchanged, wantReason: "no significant change", wantVerdict: "pass",
		},
		{
			name: "faster is improvement",
			base: series{name: "Parse", unit: "ns/op", values: around(100, 10)},
			cur:  series{name: "Parse", unit: "ns/op", values: around(80, 10)},
			want: Improvement, wantReason: "faster by 20.0 %", wantVerdict: "pass",
		},
		{
			name: "allocs zero to one is regression",
			base: series{name: "Parse", unit: "allocs/op", values: constant(0, 10)},
			cur:  series{name: "Parse", unit: "allocs/op", values: constant(1, 10)},
			want: Regression, wantReason: "from 0 to 1", wantVerdict: "fail",
		},
		{
			name: "exact metadata grows by one byte",
			base: series{name: "Parse", unit: "B/op", values: []float64{64, 64, 64, 64}, exact: true},
			cur:  series{name: "Parse", unit: "B/op", values: []float64{65, 65, 65, 65}, exact: true},
			want: Regression, wantReason: "assume=exact", wantVerdict: "fail",
		},
		{
			name: "exact unit shrinks",
			base: series{name: "Parse", unit: "B/op", values: constant(64, 10)},
			cur:  series{name: "Parse", unit: "B/op", values: constant(48, 10)},
			want: Improvement, wantVerdict: "pass",
		},
		{
			name: "higher is better drops",
			base: series{name: "Copy", unit: "MB/s", values: around(500, 10), better: "higher"},
			cur:  series{name: "Copy", unit: "MB/s", values: around(400, 10), better: "higher"},
			want: Regression, wantReason: "lower by 20.0 %", wantVerdict: "fail",
		},
		{
			name: "higher is better rises",
			base: series{name: "Copy", unit: "MB/s", values: around(500, 10), better: "higher"},
			cur:  series{name: "Copy", unit: "MB/s", values: around(600, 10), better: "higher"},
			want: Improvement, wantReason: "higher by 20.0 %", wantVerdict: "pass",
		},
		{
			name: "three samples is inconclusive",
			base: series{name: "Parse", unit: "ns/op", values: around(100, 3)},
			cur:  series{name: "Parse", unit: "ns/op", values: around(150, 3)},
			want: Inconclusive, wantReason: "-count 10", wantVerdict: "pass",
		},
		{
			name: "significant within minimum effect",
			base: series{name: "Parse", unit: "ns/op", values: around(100, 10)},
			cur:  series{name: "Parse", unit: "ns/op", values: around(101.5, 10)},
			opts: func(o *Options) { o.MinEffect = 0.05 },
			want: Unchanged, wantReason: "within the 5.0 % minimum effect", wantVerdict: "pass",
		},
		{
			name: "significant but p95 within limit",
			base: series{name: "Parse", unit: "ns/op", values: around(100, 10)},
			cur:  series{name: "Parse", unit: "ns/op", values: around(120, 10)},
			opts: func(o *Options) { o.Multiplier = 2 },
			want: Inconclusive, wantReason: "within the limit", wantVerdict: "pass",
		},
		{
			name: "baseline outlier does not hide slowdown",
			base: series{name: "Checkout", unit: "ns/op", values: checkoutBase},
			cur:  series{name: "Checkout", unit: "ns/op", values: scaled(checkoutBase[:9], 1.1, 1114.3)},
			want: Regression, wantReason: "beyond the limit", wantVerdict: "fail",
		},
		{
			name: "rate outlier does not hide drop",
			base: series{name: "Copy", unit: "MB/s", values: []float64{500, 502, 498, 505, 501, 499, 503, 497, 504, 250}, better: "higher"},
			cur:  series{name: "Copy", unit: "MB/s", values: []float64{450, 452, 448, 455, 451, 449, 453, 447, 454, 450}, better: "higher"},
			want: Regression, wantReason: "lower by", wantVerdict: "fail",
		},
		{
			name: "large but not significant",
			base: series{name: "Parse", unit: "ns/op", values: []float64{100, 101, 102, 103, 104, 200}},
			cur:  series{name: "Parse", unit: "ns/op", values: []float64{99, 104, 110, 111, 112, 101}},
			want: Inconclusive, wantReason: "not significant", wantVerdict: "pass",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := DefaultOptions(false)
			if tt.opts != nil {
				tt.opts(&opts)
			}
			rep := mustCompare(t, makeBaseline(t, nil, tt.base), makeSet(t, nil, tt.cur), opts)
			got := find(t, rep, tt.cur.name, tt.cur.unit)
			if got.Verdict != tt.want {
				t.Errorf("verdict = %s (%s), want %s", got.Verdict, got.Reason, tt.want)
			}
			if !strings.Contains(got.Reason, tt.wantReason) {
				t.Errorf("reason = %q, want it to contain %q", got.Reason, tt.wantReason)
			}
			if rep.Verdict != tt.wantVerdict {
				t.Errorf("report verdict = %s, want %s", rep.Verdict, tt.wantVerdict)
			}
		})
	}
}

func TestCompareMissingAndNew(t *testing.T) {
	base := makeBaseline(t, nil,
		series{name: "Old", unit: "ns/op", values: around(100, 10)},
		series{name: "Kept", unit: "ns/op", values: around(100, 10)})
	cur := makeSet(t, nil,
		series{name: "Kept", unit: "ns/op", values: around(100, 10)},
		series{name: "Added", unit: "ns/op", values: around(100, 10)})

	tests := []struct {
		name         string
		allowMissing bool
		wantVerdict  string
	}{
		{"missing fails", false, "fail"},
		{"missing allowed", true, "pass"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := DefaultOptions(false)
			opts.AllowMissing = tt.allowMissing
			rep := mustCompare(t, base, cur, opts)
			if got := find(t, rep, "Old", "ns/op").Verdict; got != Missing {
				t.Errorf("Old verdict = %s, want %s", got, Missing)
			}
			if got := find(t, rep, "Added", "ns/op").Verdict; got != New {
				t.Errorf("Added verdict = %s, want %s", got, New)
			}
			if rep.Verdict != tt.wantVerdict {
				t.Errorf("report verdict = %s, want %s", rep.Verdict, tt.wantVerdict)
			}
			want := Summary{Unchanged: 1, New: 1, Missing: 1}
			if rep.Summary != want {
				t.Errorf("summary = %+v, want %+v", rep.Summary, want)
			}
		})
	}
}

// suiteSeries returns count benchmarks named Op00, Op01, … with samples
// around 100·(i+1) scaled by factor, plus a Calibrate benchmark scaled by
// machine.
func suiteSeries(count int, n int, factor, machine float64) []series {
	ss := []series{{name: "Calibrate", unit: "ns/op", values: around(1000*machine, n)}}
	for i := range count {
		ss = append(ss, series{
			name:   "Op" + string(rune('A'+i)),
			unit:   "ns/op",
			values: around(100*float64(i+1)*factor*machine, n),
		})
	}
	return ss
}

func TestCompareCalibration(t *testing.T) {
	base := makeBaseline(t, nil, suiteSeries(8, 10, 1, 1)...)
	slow := suiteSeries(8, 10, 1, 1.35)
	rep := mustCompare(t, base, makeSet(t, nil, slow...), DefaultOptions(true))

	if !rep.Calibration.Applied {
		t.Fatalf("calibration not applied: %+v, warnings %q", rep.Calibration, rep.Warnings)
	}
	if math.Abs(rep.Calibration.Factor-1.35) > 0.01 {
		t.Errorf("factor = %v, want 1.35 ± 0.01", rep.Calibration.Factor)
	}
	if rep.Verdict != "pass" {
		t.Errorf("verdict = %s with summary %+v, want pass on a slower machine", rep.Verdict, rep.Summary)
	}

	// One benchmark 50 % slower on the slow machine is still a regression.
	slow[3].values = around(100*3*1.5*1.35, 10)
	rep = mustCompare(t, base, makeSet(t, nil, slow...), DefaultOptions(true))
	if got := find(t, rep, slow[3].name, "ns/op").Verdict; got != Regression {
		t.Errorf("%s verdict = %s, want %s", slow[3].name, got, Regression)
	}
	if rep.Summary.Regressions != 1 {
		t.Errorf("regressions = %d, want 1", rep.Summary.Regressions)
	}
}

func TestCompareCalibrationWarnings(t *testing.T) {
	tests := []struct {
		name        string
		machine     float64
		calibrate   bool
		wantApplied bool
		wantWarning string
	}{
		{"same machine", 1, true, false, ""},
		{"machine three times slower", 3, true, true, "outside 0.5–2"},
		{"no calibration benchmark", 1.5, false, false, "no \"Calibrate\" benchmark"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			baseSeries := suiteSeries(6, 10, 1, 1)
			curSeries := suiteSeries(6, 10, 1, tt.machine)
			if !tt.calibrate {
				baseSeries, curSeries = baseSeries[1:], curSeries[1:]
			}
			rep := mustCompare(t, makeBaseline(t, nil, baseSeries...), makeSet(t, nil, curSeries...), DefaultOptions(true))
			if rep.Calibration.Applied != tt.wantApplied {
				t.Errorf("applied = %v, want %v", rep.Calibration.Applied, tt.wantApplied)
			}
			joined := strings.Join(rep.Warnings, "\n")
			if tt.wantWarning == "" && len(rep.Warnings) > 0 {
				t.Errorf("warnings = %q, want none", rep.Warnings)
			}
			if !strings.Contains(joined, tt.wantWarning) {
				t.Errorf("warnings = %q, want one containing %q", rep.Warnings, tt.wantWarning)
			}
		})
	}
}

func TestCompareNoisyCalibrationIgnored(t *testing.T) {
	// Only the calibration benchmark moved: one noisy benchmark must not
	// shift every other result.
	base := makeBaseline(t, nil, suiteSeries(8, 10, 1, 1)...)
	cur := suiteSeries(8, 10, 1, 1)
	cur[0].values = around(1200, 10)
	rep := mustCompare(t, base, makeSet(t, nil, cur...), DefaultOptions(true))
	if rep.Calibration.Applied {
		t.Errorf("calibration applied with factor %v, want not applied", rep.Calibration.Factor)
	}
	if rep.Verdict != "pass" {
		t.Errorf("verdict = %s, want pass", rep.Verdict)
	}
}

func TestCompareTooFewSamplesForFamily(t *testing.T) {
	// With 5 samples per side the smallest one-sided p-value is 1/252,
	// which cannot pass α = 0.01 across 16 tests.
	base := makeBaseline(t, nil, suiteSeries(16, 5, 1, 1)[1:]...)
	cur := makeSet(t, nil, suiteSeries(16, 5, 1.3, 1)[1:]...)
	rep := mustCompare(t, base, cur, DefaultOptions(false))
	if rep.Summary.Inconclusive != 16 {
		t.Errorf("inconclusive = %d, want 16", rep.Summary.Inconclusive)
	}
	r := find(t, rep, "OpA", "ns/op")
	if !strings.Contains(r.Reason, "smallest possible p-value") {
		t.Errorf("reason = %q, want it to name the smallest possible p-value", r.Reason)
	}
	if !strings.Contains(strings.Join(rep.Warnings, "\n"), "too few samples") {
		t.Errorf("warnings = %q, want a too-few-samples warning", rep.Warnings)
	}
}

func TestCompareCorrection(t *testing.T) {
	// Four benchmarks whose new samples win 84 of the 100 pairs each:
	// p = 0.0045 each. Benjamini–Hochberg keeps 0.0045 ≤ 0.01 for all
	// four; Holm multiplies the smallest by 4 and rejects none.
	baseValues := []float64{100, 101, 102, 103, 104, 105, 106, 107, 108, 109}
	newValues := []float64{102.5, 104.5, 106.5, 108.5, 110, 111, 112, 113, 114, 115}
	var bs, cs []series
	for _, name := range []string{"A", "B", "C", "D"} {
		bs = append(bs, series{name: name, unit: "ns/op", values: baseValues})
		cs = append(cs, series{name: name, unit: "ns/op", values: newValues})
	}
	tests := []struct {
		correction string
		want       int
	}{
		{CorrectionBH, 4},
		{CorrectionHolm, 0},
	}
	for _, tt := range tests {
		t.Run(tt.correction, func(t *testing.T) {
			opts := DefaultOptions(false)
			opts.Correction = tt.correction
			rep := mustCompare(t, makeBaseline(t, nil, bs...), makeSet(t, nil, cs...), opts)
			if rep.Summary.Regressions != tt.want {
				r := find(t, rep, "A", "ns/op")
				t.Errorf("regressions = %d, want %d (A: %s)", rep.Summary.Regressions, tt.want, r.Reason)
			}
			if rep.Settings.Correction != tt.correction {
				t.Errorf("settings correction = %q, want %q", rep.Settings.Correction, tt.correction)
			}
		})
	}
}

func TestCompareEnvironmentWarnings(t *testing.T) {
	baseEnv := map[string][]string{"cpu": {"Intel Xeon"}, "goos": {"linux"}, "note": {"before"},
		"commit": {"aaa"}, "start-time": {"2026-12-01T10:00:00Z"}}
	curEnv := map[string][]string{"cpu": {"AMD EPYC"}, "goos": {"linux"}, "go": {"go1.26"},
		"commit": {"bbb"}, "start-time": {"2026-12-02T10:00:00Z"}}
	s := series{name: "Parse", unit: "ns/op", values: around(100, 10)}
	rep := mustCompare(t, makeBaseline(t, baseEnv, s), makeSet(t, curEnv, s), DefaultOptions(false))

	joined := strings.Join(rep.Warnings, "\n")
	for _, key := range []string{"cpu", "note", "go "} {
		if !strings.Contains(joined, "environment differs: "+strings.TrimSpace(key)) {
			t.Errorf("warnings = %q, want one for %s", rep.Warnings, key)
		}
	}
	for _, key := range []string{"goos", "commit", "start-time"} {
		if strings.Contains(joined, key) {
			t.Errorf("warnings = %q, want none for %s (equal, or a run identity key)", rep.Warnings, key)
		}
	}
	if len(rep.Benchmarks) != 1 {
		t.Errorf("got %d results, want 1: differing configs must not empty the comparison", len(rep.Benchmarks))
	}
}

func TestCompareSortOrder(t *testing.T) {
	v := around(100, 10)
	base := makeBaseline(t, nil,
		series{name: "B", unit: "ns/op", values: v},
		series{name: "A", unit: "ns/op", values: v},
		series{name: "A", unit: "B/op", values: constant(8, 10)})
	base.Benchmarks[0].Pkg = "example.com/a"
	cur := makeSet(t, nil,
		series{name: "A", unit: "ns/op", values: v},
		series{name: "B", unit: "ns/op", values: v},
		series{name: "A", unit: "B/op", values: constant(8, 10)})
	cur.Series[1].Pkg = "example.com/a"

	rep := mustCompare(t, base, cur, DefaultOptions(false))
	var got []string
	for _, r := range rep.Benchmarks {
		got = append(got, r.Pkg+" "+r.Name+" "+r.Unit)
	}
	want := []string{"example.com/a B ns/op", testPkg + " A B/op", testPkg + " A ns/op"}
	if !slices.Equal(got, want) {
		t.Errorf("order = %q, want %q", got, want)
	}
}

func TestCompareInputsUnchanged(t *testing.T) {
	values := []float64{105, 101, 103, 102, 104, 100}
	base := makeBaseline(t, nil, series{name: "P", unit: "ns/op", values: values})
	cur := makeSet(t, nil, series{name: "P", unit: "ns/op", values: values})
	mustCompare(t, base, cur, DefaultOptions(false))
	if !slices.Equal(base.Benchmarks[0].Samples, values) {
		t.Errorf("baseline samples = %v, want %v", base.Benchmarks[0].Samples, values)
	}
	if !slices.Equal(cur.Series[0].Values, values) {
		t.Errorf("new values = %v, want %v", cur.Series[0].Values, values)
	}
}

func TestCompareJSON(t *testing.T) {
	// With 5 samples the ratio interval has no finite bounds; JSON must
	// still encode.
	base := makeBaseline(t, nil, series{name: "P", unit: "ns/op", values: around(100, 5)})
	cur := makeSet(t, nil, series{name: "P", unit: "ns/op", values: around(100, 5)})
	rep := mustCompare(t, base, cur, DefaultOptions(false))
	if _, err := json.Marshal(rep); err != nil {
		t.Errorf("json.Marshal(report) = %v, want no error", err)
	}
}

func TestCompareErrors(t *testing.T) {
	good := makeBaseline(t, nil, series{name: "P", unit: "ns/op", values: around(100, 5)})
	set := makeSet(t, nil, series{name: "P", unit: "ns/op", values: around(100, 5)})
	nanSet := makeSet(t, nil, series{name: "P", unit: "ns/op", values: []float64{1, math.NaN()}})
	tests := []struct {
		name    string
		base    *baseline.Baseline
		cur     *results.Set
		opts    func(*Options)
		wantErr string
	}{
		{"nil baseline", nil, set, nil, "both required"},
		{"zero multiplier", good, set, func(o *Options) { o.Multiplier = 0 }, "invalid multiplier"},
		{"alpha one", good, set, func(o *Options) { o.Alpha = 1 }, "invalid alpha"},
		{"negative minimum effect", good, set, func(o *Options) { o.MinEffect = -0.1 }, "invalid minimum effect"},
		{"unknown correction", good, set, func(o *Options) { o.Correction = "bonferroni" }, "invalid correction"},
		{"NaN sample", good, nanSet, nil, "new.txt:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := DefaultOptions(false)
			if tt.opts != nil {
				tt.opts(&opts)
			}
			_, err := Compare(tt.base, tt.cur, opts)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Compare error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestDefaultOptions(t *testing.T) {
	for _, ci := range []bool{false, true} {
		opts := DefaultOptions(ci)
		if err := opts.validate(); err != nil {
			t.Errorf("DefaultOptions(%v).validate() = %v, want nil", ci, err)
		}
		if opts.Calibration != DefaultCalibration {
			t.Errorf("DefaultOptions(%v).Calibration = %q, want %q", ci, opts.Calibration, DefaultCalibration)
		}
	}
	if got := DefaultOptions(true).Multiplier; got != DefaultCIMultiplier {
		t.Errorf("DefaultOptions(true).Multiplier = %v, want %v", got, DefaultCIMultiplier)
	}
}

// TestWorkedExample checks the figures of the worked example in
// docs/method.md: a baseline with one slow outlier against a run that is
// 10 % slower.
func TestWorkedExample(t *testing.T) {
	base := makeBaseline(t, nil, series{name: "Checkout", unit: "ns/op", values: checkoutBase})
	cur := makeSet(t, nil, series{name: "Checkout", unit: "ns/op", values: scaled(checkoutBase[:9], 1.1, 1114.3)})
	tests := []struct {
		name       string
		multiplier float64
		wantLimit  float64
		want       Verdict
	}{
		{"default", DefaultMultiplier, 1011.3, Regression},
		{"ci default", DefaultCIMultiplier, 1021.4, Regression},
		{"ten percent", 1.1, 1112.5, Regression},
		{"fifteen percent", 1.15, 1163.0, Inconclusive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := DefaultOptions(false)
			opts.Multiplier = tt.multiplier
			got := find(t, mustCompare(t, base, cur, opts), "Checkout", "ns/op")
			if got.Verdict != tt.want {
				t.Errorf("verdict = %s (%s), want %s", got.Verdict, got.Reason, tt.want)
			}
			if math.Abs(*got.Limit-tt.wantLimit) > 0.1 {
				t.Errorf("limit = %.2f, want %.1f", *got.Limit, tt.wantLimit)
			}
			if math.Abs(got.Baseline.P95-1011.3) > 0.1 {
				t.Errorf("baseline p95 = %.2f, want 1011.3 without the outlier 1900", got.Baseline.P95)
			}
			if math.Abs(got.New.P95-1113.9) > 0.1 {
				t.Errorf("new p95 = %.2f, want 1113.9", got.New.P95)
			}
		})
	}
}
