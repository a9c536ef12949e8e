package baseline

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/perfgate/perfgate/internal/results"
	"github.com/perfgate/perfgate/internal/stats"
)

// FromSet summarises every series of set into a new Baseline. created is
// stored in UTC; perfgateVersion names the writing release. The samples
// are copied, so set is not modified and later changes to it do not
// reach the baseline.
//
// It returns an error when set has no series, or a series has no samples
// or a NaN, infinite or negative sample.
func FromSet(set *results.Set, created time.Time, perfgateVersion string) (*Baseline, error) {
	if set == nil || len(set.Series) == 0 {
		return nil, errors.New("no benchmark results to store in the baseline")
	}
	b := &Baseline{
		Version:         FormatVersion,
		PerfgateVersion: perfgateVersion,
		Created:         created.UTC(),
		Env:             copyEnv(set.Env),
		Sources:         slices.Clone(set.Files),
		Benchmarks:      make([]Benchmark, 0, len(set.Series)),
	}
	cache := newQuantileCache()
	for _, s := range set.Series {
		bm, err := summarize(s, cache)
		if err != nil {
			return nil, err
		}
		b.Benchmarks = append(b.Benchmarks, bm)
	}
	return b, nil
}

func summarize(s *results.Series, cache *quantileCache) (Benchmark, error) {
	if len(s.Values) == 0 {
		return Benchmark{}, fmt.Errorf("benchmark %s has no samples", describe(s.Key))
	}
	for _, v := range s.Values {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return Benchmark{}, fmt.Errorf("benchmark %s has invalid sample %v; samples must be finite and non-negative", describe(s.Key), v)
		}
	}
	better := s.Better
	if better == "" {
		better = results.LowerIsBetter
	}

	samples := slices.Clone(s.Values)
	sorted := slices.Clone(samples)
	slices.Sort(sorted)
	medianLow, medianHigh := cache.quantileCI(sorted, 0.5, CILevel)
	// The p95 and its interval come from the samples left after dropping
	// gross outliers on the worse side, the estimate compare's limit uses.
	kept := stats.DropOutliers(sorted, stats.WorseTail(better == results.HigherIsBetter))
	p95Low, p95High := cache.quantileCI(kept, 0.95, CILevel)
	return Benchmark{
		Pkg:        s.Pkg,
		Name:       s.Name,
		Procs:      s.Procs,
		Unit:       s.Unit,
		Better:     better,
		Exact:      s.Exact,
		N:          len(samples),
		Median:     stats.Median(sorted),
		MedianLow:  medianLow,
		MedianHigh: medianHigh,
		P95:        cache.harrellDavis(kept, 0.95),
		P95Low:     p95Low,
		P95High:    p95High,
		Samples:    samples,
	}, nil
}

func copyEnv(env map[string][]string) map[string][]string {
	out := make(map[string][]string, len(env))
	for k, values := range env {
		out[k] = slices.Clone(values)
	}
	return out
}

// describe names a benchmark in messages as go test prints it, with the
// package and unit.
func describe(k results.Key) string {
	name := "Benchmark" + k.Name
	if k.Procs != 1 {
		name += fmt.Sprintf("-%d", k.Procs)
	}
	if k.Pkg != "" {
		name = k.Pkg + "." + name
	}
	return name + " (" + k.Unit + ")"
}
