package compare

import (
	"fmt"
	"math"

	"github.com/perfgate/perfgate/internal/stats"
)

// Defaults, chosen from the gatesim measurements in docs/method.md.
const (
	// DefaultMultiplier is the p95 multiplier outside CI. At 0.4 the tail
	// condition only rejects a significant median slowdown whose p95 fell
	// below 40 % of the baseline's. One slow outlier among ten baseline
	// samples can lift the Harrell–Davis p95 to nearly the outlier's value,
	// so a multiplier of 1 misses about one real 10 % slowdown in eight
	// (docs/method.md has the measurements).
	DefaultMultiplier = 0.4
	// DefaultCIMultiplier is the p95 multiplier when CI=true. Calibration
	// divides machine speed out of time units, so CI needs no wider
	// multiplier than a workstation.
	DefaultCIMultiplier = 0.4
	// DefaultAlpha is the level of the multiple-comparison control. With
	// no real change in the run it bounds the chance that the gate fails.
	DefaultAlpha = 0.01
	// DefaultMinEffect is the smallest relative slowdown of the median
	// that counts as a regression.
	DefaultMinEffect = 0.02
	// DefaultCalibration is the name of the calibration benchmark.
	DefaultCalibration = "Calibrate"
)

// Multiple-comparison methods for Options.Correction.
const (
	CorrectionBH   = "bh"   // Benjamini–Hochberg
	CorrectionHolm = "holm" // Holm–Bonferroni
)

// DefaultOptions returns the default options; ci selects the CI
// multiplier.
func DefaultOptions(ci bool) Options {
	opts := Options{
		Multiplier:  DefaultMultiplier,
		Alpha:       DefaultAlpha,
		MinEffect:   DefaultMinEffect,
		Calibration: DefaultCalibration,
		Correction:  CorrectionBH,
	}
	if ci {
		opts.Multiplier = DefaultCIMultiplier
	}
	return opts
}

// validate returns an error naming the first invalid option.
func (o Options) validate() error {
	if !(o.Multiplier > 0) || math.IsInf(o.Multiplier, 0) {
		return fmt.Errorf("invalid multiplier %v: must be a positive number such as %v", o.Multiplier, DefaultMultiplier)
	}
	if !(o.Alpha > 0 && o.Alpha < 1) {
		return fmt.Errorf("invalid alpha %v: must be between 0 and 1, such as %v", o.Alpha, DefaultAlpha)
	}
	if !(o.MinEffect >= 0) || math.IsInf(o.MinEffect, 0) {
		return fmt.Errorf("invalid minimum effect %v: must be 0 or a positive fraction such as %v", o.MinEffect, DefaultMinEffect)
	}
	switch o.Correction {
	case "", CorrectionBH, CorrectionHolm:
	default:
		return fmt.Errorf("invalid correction %q: must be %q or %q", o.Correction, CorrectionBH, CorrectionHolm)
	}
	return nil
}

// correction returns the multiple-comparison method in force and its name
// for messages.
func (o Options) correction() (adjust func([]float64) []float64, method, label string) {
	if o.Correction == CorrectionHolm {
		return stats.Holm, CorrectionHolm, "Holm"
	}
	return stats.BenjaminiHochberg, CorrectionBH, "Benjamini–Hochberg"
}
