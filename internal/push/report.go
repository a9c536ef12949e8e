package push

import (
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/perfgate/perfgate/compare"
)

// verdicts lists every per-benchmark verdict, so each benchmark exposes one
// perfgate_benchmark_verdict series per verdict (1 for its own, 0 for the
// rest) and each run one perfgate_compare_results series per verdict.
var verdicts = []compare.Verdict{
	compare.Regression, compare.Improvement, compare.Unchanged,
	compare.Inconclusive, compare.New, compare.Missing,
}

// RegisterReport registers gauges for the comparison report r on reg. Per
// benchmark and unit they are the new and baseline median, p95 and sample
// count, the tail limit, the ratio, the adjusted p-value and the verdict.
// Per run they are the count of each verdict, the gate's outcome, the
// calibration factor, the push time (now) and an info metric built from
// info. Fields that are null in the report produce no series. r is not
// modified.
//
// It returns an error when a metric cannot be registered, for example
// because reg already holds a metric of the same name.
func RegisterReport(reg prometheus.Registerer, r *compare.Report, info Info, now time.Time) error {
	if r == nil {
		return errors.New("register report metrics: report is nil")
	}
	g := newGauges(reg)
	for i := range r.Benchmarks {
		setResult(g, &r.Benchmarks[i])
	}
	setRun(g, r)
	setCommon(g, info, now)
	return g.err
}

// setResult sets the per-benchmark series of one comparison result.
func setResult(g *gauges, res *compare.Result) {
	id := seriesID{pkg: res.Pkg, name: res.Name, procs: res.Procs, unit: toBaseUnit(res.Unit)}
	if res.New != nil {
		g.setSummary(id, sideNew, res.New.N, res.New.Median, res.New.P95)
	}
	if res.Baseline != nil {
		g.setSummary(id, sideBaseline, res.Baseline.N, res.Baseline.Median, res.Baseline.P95)
	}

	if res.Limit != nil {
		g.set("perfgate_benchmark_limit"+id.unit.suffix,
			"Tail limit that applied, in base units: baseline p95 times the multiplier for lower-is-better units, baseline p5 divided by it for higher-is-better ones; calibration included.",
			benchmarkLabels, id.labelValues(), id.unit.convert(*res.Limit))
	}
	if res.Ratio != nil {
		g.set("perfgate_benchmark_ratio",
			"New median divided by baseline median, after calibration; above 1 is slower for lower-is-better units.",
			benchmarkLabels, id.labelValues(), *res.Ratio)
	}
	if res.PAdjusted != nil {
		g.set("perfgate_benchmark_adjusted_p_value",
			"P-value of the one-sided test for a slowdown, after multiple-comparison adjustment across the run.",
			benchmarkLabels, id.labelValues(), *res.PAdjusted)
	}

	for _, v := range verdicts {
		value := 0.0
		if res.Verdict == v {
			value = 1
		}
		g.set("perfgate_benchmark_verdict",
			"1 for the benchmark's verdict in the last comparison and 0 for the other verdicts.",
			withLabels("verdict"), id.labelValues(string(v)), value)
	}
}

// setRun sets the per-run series of a comparison.
func setRun(g *gauges, r *compare.Report) {
	counts := map[compare.Verdict]int{
		compare.Regression:   r.Summary.Regressions,
		compare.Improvement:  r.Summary.Improvements,
		compare.Unchanged:    r.Summary.Unchanged,
		compare.Inconclusive: r.Summary.Inconclusive,
		compare.New:          r.Summary.New,
		compare.Missing:      r.Summary.Missing,
	}
	for _, v := range verdicts {
		g.set("perfgate_compare_results",
			"Number of benchmark and unit results with each verdict in the last comparison.",
			[]string{"verdict"}, []string{string(v)}, float64(counts[v]))
	}

	passed := 0.0
	if r.Verdict == "pass" {
		passed = 1
	}
	g.set("perfgate_compare_passed",
		"1 when the last comparison passed the gate, 0 when it failed.",
		nil, nil, passed)

	factor, applied := 1.0, 0.0
	if r.Calibration.Applied {
		factor, applied = r.Calibration.Factor, 1
	}
	g.set("perfgate_calibration_ratio",
		"Machine-speed factor divided out of time units: new machine time over baseline machine time; 1 when no calibration applied.",
		nil, nil, factor)
	g.set("perfgate_calibration_applied",
		"1 when the comparison corrected time units for machine speed, 0 otherwise.",
		nil, nil, applied)
}

// setCommon sets the series every push carries: the info metric and the
// push time.
func setCommon(g *gauges, info Info, now time.Time) {
	names, values := info.labels()
	g.set("perfgate_run_info",
		"Always 1; the labels describe the measured run: commit, branch, Go version, platform and perfgate version.",
		names, values, 1)
	g.set("perfgate_push_timestamp_seconds",
		"Unix time at which perfgate built this push.",
		nil, nil, float64(now.UnixNano())/1e9)
}
