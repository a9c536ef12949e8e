package baseline

import (
	"errors"
	"fmt"
	"math"

	"github.com/perfgate/perfgate/internal/results"
)

// Validate checks that b is complete and self-consistent. It requires a
// supported version, a creation time and at least one benchmark. Each
// benchmark needs a name, a unit, a direction, procs of at least 1, n equal
// to the number of samples, finite non-negative samples, and finite
// summaries within the samples' range. No two benchmarks may share a key.
func (b *Baseline) Validate() error {
	if b == nil {
		return errors.New("no baseline")
	}
	if b.Version < 1 || b.Version > FormatVersion {
		return fmt.Errorf("unsupported version %d; this perfgate reads versions 1 to %d", b.Version, FormatVersion)
	}
	if b.Created.IsZero() {
		return errors.New(`missing "created" time; save the baseline again`)
	}
	if len(b.Benchmarks) == 0 {
		return errors.New(`no "benchmarks"; save the baseline again from results that contain benchmarks`)
	}
	seen := make(map[results.Key]int, len(b.Benchmarks))
	for i := range b.Benchmarks {
		bm := &b.Benchmarks[i]
		if err := bm.validate(); err != nil {
			return fmt.Errorf("benchmark %d (%s): %w; save the baseline again", i+1, describe(bm.Key()), err)
		}
		if first, dup := seen[bm.Key()]; dup {
			return fmt.Errorf("benchmarks %d and %d are both %s; save the baseline again", first+1, i+1, describe(bm.Key()))
		}
		seen[bm.Key()] = i
	}
	return nil
}

func (bm *Benchmark) validate() error {
	switch {
	case bm.Name == "":
		return errors.New(`missing "name"`)
	case bm.Unit == "":
		return errors.New(`missing "unit"`)
	case bm.Procs < 1:
		return fmt.Errorf(`"procs" is %d, want at least 1`, bm.Procs)
	case bm.Better != results.LowerIsBetter && bm.Better != results.HigherIsBetter:
		return fmt.Errorf(`"better" is %q, want "lower" or "higher"`, bm.Better)
	case bm.N < 1:
		return fmt.Errorf(`"n" is %d, want at least 1`, bm.N)
	case bm.N != len(bm.Samples):
		return fmt.Errorf(`"n" is %d but "samples" contains %d values`, bm.N, len(bm.Samples))
	}

	lo, hi := math.Inf(1), math.Inf(-1)
	for i, v := range bm.Samples {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return fmt.Errorf("sample %d is %v, want a finite non-negative value", i+1, v)
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	// The estimates are weighted means of the samples, so they lie within
	// them; the tolerance absorbs rounding in the weights.
	tol := 1e-9 * math.Max(1, hi)
	for _, s := range []struct {
		name  string
		value float64
	}{{"median", bm.Median}, {"p95", bm.P95}} {
		if math.IsNaN(s.value) || math.IsInf(s.value, 0) {
			return fmt.Errorf("%q is %v, want a finite value", s.name, s.value)
		}
		if s.value < lo-tol || s.value > hi+tol {
			return fmt.Errorf("%q is %v, outside the samples' range [%v, %v]", s.name, s.value, lo, hi)
		}
	}
	for _, ci := range []struct {
		name      string
		low, high float64
	}{{"median", bm.MedianLow, bm.MedianHigh}, {"p95", bm.P95Low, bm.P95High}} {
		if math.IsNaN(ci.low) || math.IsNaN(ci.high) || ci.low > ci.high {
			return fmt.Errorf("confidence interval of the %s is [%v, %v], want low <= high", ci.name, ci.low, ci.high)
		}
	}
	return nil
}
