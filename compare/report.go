package compare

// Verdict is the outcome for one benchmark and unit.
type Verdict string

// Verdicts, as they appear in every output format.
const (
	Regression   Verdict = "regression"
	Improvement  Verdict = "improvement"
	Unchanged    Verdict = "unchanged"
	Inconclusive Verdict = "inconclusive"
	New          Verdict = "new"
	Missing      Verdict = "missing"
)

// Options control a comparison. The zero value is not usable: callers
// resolve the multiplier and alpha (flag, then perfgate.yaml, then default)
// before calling Compare.
type Options struct {
	Multiplier   float64 // new p95 must exceed baseline p95 × Multiplier to regress
	Alpha        float64 // level of the multiple-comparison control across every test in the run
	MinEffect    float64 // minimum relative slowdown of the median, e.g. 0.02; 0 disables
	Calibration  string  // name of the calibration benchmark; "" disables
	AllowMissing bool    // a missing benchmark does not fail the gate
	// Correction is the multiple-comparison method: CorrectionBH (used
	// when empty) or CorrectionHolm.
	Correction string
}

// Report is the full result of a comparison; its JSON form is the
// `perfgate compare -format json` output.
type Report struct {
	Verdict         string      `json:"verdict"` // "pass" or "fail"
	PerfgateVersion string      `json:"perfgate_version"`
	Settings        Settings    `json:"settings"`
	Calibration     Calibration `json:"calibration"`
	Environment     Environment `json:"environment"`
	Warnings        []string    `json:"warnings"`
	Summary         Summary     `json:"summary"`
	Benchmarks      []Result    `json:"benchmarks"`
}

// Settings records the options a report was made with.
type Settings struct {
	Multiplier       float64 `json:"multiplier"`
	MultiplierSource string  `json:"multiplier_source"` // "flag", "config", "default" or "ci-default"
	CI               bool    `json:"ci"`
	Alpha            float64 `json:"alpha"`
	Correction       string  `json:"correction"` // multiple-comparison method: "bh" or "holm"
	Test             string  `json:"test"`       // e.g. "mann-whitney-u, one-sided"
	MinEffect        float64 `json:"min_effect"`
	Calibration      string  `json:"calibration_benchmark"`
	AllowMissing     bool    `json:"allow_missing"`
	Baseline         string  `json:"baseline"` // baseline file path
}

// Calibration is the machine-speed correction applied to time units.
type Calibration struct {
	Applied      bool    `json:"applied"`
	Source       string  `json:"source"` // "robust", "benchmark" or "none"; see Compare
	Factor       float64 `json:"factor"` // new machine time / baseline machine time; 1 when not applied
	RobustFactor float64 `json:"robust_factor,omitempty"`
	// BenchmarkFactor is the calibration benchmark's own ratio
	// (Hodges–Lehmann on log values), with its 99 % confidence interval.
	// All three are zero when the benchmark is absent or has too few
	// samples; the bounds alone are zero when the interval is unbounded.
	BenchmarkFactor float64 `json:"benchmark_factor,omitempty"`
	BenchmarkLow    float64 `json:"benchmark_ci_low,omitempty"`
	BenchmarkHigh   float64 `json:"benchmark_ci_high,omitempty"`
}

// Environment holds the config lines of both runs.
type Environment struct {
	Baseline map[string][]string `json:"baseline"`
	New      map[string][]string `json:"new"`
}

// Summary counts results by verdict.
type Summary struct {
	Regressions  int `json:"regressions"`
	Improvements int `json:"improvements"`
	Unchanged    int `json:"unchanged"`
	Inconclusive int `json:"inconclusive"`
	New          int `json:"new"`
	Missing      int `json:"missing"`
}

// Stats summarises one side of a comparison.
type Stats struct {
	N      int     `json:"n"`
	Median float64 `json:"median"`
	P95    float64 `json:"p95"`
}

// Result is the comparison of one benchmark and unit. Pointer fields are
// null in JSON when they do not apply (a new or missing benchmark, or no
// test run).
type Result struct {
	Pkg       string   `json:"pkg"`
	Name      string   `json:"name"`
	Procs     int      `json:"procs"`
	Unit      string   `json:"unit"`
	Better    string   `json:"better"` // "lower" or "higher"
	Exact     bool     `json:"exact"`
	Verdict   Verdict  `json:"verdict"`
	Reason    string   `json:"reason"` // why, and for inconclusive what would settle it
	Baseline  *Stats   `json:"baseline"`
	New       *Stats   `json:"new"`
	Ratio     *float64 `json:"ratio"`         // new median / baseline median, after calibration
	RatioLow  *float64 `json:"ratio_ci_low"`  // confidence interval of the ratio
	RatioHigh *float64 `json:"ratio_ci_high"` //
	PValue    *float64 `json:"p_value"`       // one-sided: toward better for an improvement, toward worse otherwise
	PAdjusted *float64 `json:"p_adjusted"`    // PValue after the multiple-comparison adjustment
	// Limit is the tail limit that applied, in the new run's units:
	// baseline p95 × multiplier × calibration factor, or for
	// higher-is-better units baseline p5 ÷ multiplier ÷ factor.
	Limit *float64 `json:"limit"`
}
