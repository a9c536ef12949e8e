package baseline

import (
	"time"

	"github.com/perfgate/perfgate/internal/results"
)

// FormatVersion is the baseline file format this perfgate writes and the
// newest it reads.
const FormatVersion = 1

// DefaultPath is the baseline file that perfgate reads and writes when no
// file is named, relative to the working directory.
const DefaultPath = "baseline/baseline.json"

// CILevel is the confidence level of the intervals stored with each
// benchmark.
const CILevel = 0.95

// Baseline is the stored reference that new results are compared against.
type Baseline struct {
	Version         int                 `json:"version"`
	PerfgateVersion string              `json:"perfgate_version"`
	Created         time.Time           `json:"created"`
	Env             map[string][]string `json:"env"` // every config key of the source run
	Sources         []string            `json:"sources"`
	Benchmarks      []Benchmark         `json:"benchmarks"`
}

// Benchmark is one series of the baseline with its summary. Infinite
// interval bounds are written as null.
type Benchmark struct {
	Pkg        string    `json:"pkg"`
	Name       string    `json:"name"`
	Procs      int       `json:"procs"`
	Unit       string    `json:"unit"`
	Better     string    `json:"better"` // "lower" or "higher"
	Exact      bool      `json:"exact"`
	N          int       `json:"n"`
	Median     float64   `json:"median"`      // sample median
	MedianLow  float64   `json:"median_low"`  // distribution-free confidence interval of the median, at CILevel
	MedianHigh float64   `json:"median_high"` //
	P95        float64   `json:"p95"`         // outlier-resistant Harrell–Davis estimate, as compare uses it
	P95Low     float64   `json:"p95_low"`     // distribution-free confidence interval of the p95, at CILevel
	P95High    float64   `json:"p95_high"`    //
	Samples    []float64 `json:"samples"`     // raw, in run order
}

// Key returns the identity of bm: package, name, GOMAXPROCS and unit.
func (bm *Benchmark) Key() results.Key {
	return results.Key{Pkg: bm.Pkg, Name: bm.Name, Procs: bm.Procs, Unit: bm.Unit}
}

// Lookup returns the benchmark with key k. It scans the list, so callers
// that look up many keys should build an Index once.
func (b *Baseline) Lookup(k results.Key) (*Benchmark, bool) {
	for i := range b.Benchmarks {
		if b.Benchmarks[i].Key() == k {
			return &b.Benchmarks[i], true
		}
	}
	return nil, false
}

// Index returns a map from each benchmark's key to the benchmark. The
// pointers refer into b.Benchmarks.
func (b *Baseline) Index() map[results.Key]*Benchmark {
	index := make(map[results.Key]*Benchmark, len(b.Benchmarks))
	for i := range b.Benchmarks {
		index[b.Benchmarks[i].Key()] = &b.Benchmarks[i]
	}
	return index
}
