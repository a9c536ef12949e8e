package baseline

import "time"

// FormatVersion is the baseline file format this perfgate writes and the
// newest it reads.
const FormatVersion = 1

// Baseline is the stored reference that new results are compared against.
type Baseline struct {
	Version         int                 `json:"version"`
	PerfgateVersion string              `json:"perfgate_version"`
	Created         time.Time           `json:"created"`
	Env             map[string][]string `json:"env"` // every config key of the source run
	Sources         []string            `json:"sources"`
	Benchmarks      []Benchmark         `json:"benchmarks"`
}

// Benchmark is one series of the baseline with its summary.
type Benchmark struct {
	Pkg     string    `json:"pkg"`
	Name    string    `json:"name"`
	Procs   int       `json:"procs"`
	Unit    string    `json:"unit"`
	Better  string    `json:"better"` // "lower" or "higher"
	Exact   bool      `json:"exact"`
	N       int       `json:"n"`
	Median  float64   `json:"median"`
	P95     float64   `json:"p95"`      // Harrell–Davis estimate
	P95Low  float64   `json:"p95_low"`  // distribution-free 95 % confidence interval of the p95
	P95High float64   `json:"p95_high"` //
	Samples []float64 `json:"samples"`  // raw, in run order
}
