package compare

import (
	"fmt"
	"math"
	"slices"

	"github.com/perfgate/perfgate/internal/stats"
)

// calibrationLevel is the confidence level of the calibration benchmark's
// ratio interval. Calibration is applied only when this interval excludes
// 1, because a factor estimated from noise would shift every time unit
// together and turn one unlucky measurement into many false alarms.
const calibrationLevel = 0.99

// Warn when the machine-speed factor is outside [minSaneFactor,
// maxSaneFactor]: a machine that differs that much measures a different
// thing, not just the same thing more slowly.
const (
	minSaneFactor = 0.5
	maxSaneFactor = 2.0
)

// driftWarning is the ratio beyond which a robust all-benchmark shift,
// without a calibration benchmark to explain it, earns a warning.
const driftWarning = 1.10

// calibrate measures how much slower the new machine is, from the
// calibration benchmark, and returns the result with any warnings. The
// factor is new time / baseline time.
func calibrate(pairs []*pair, name string) (Calibration, []string) {
	cal := Calibration{Source: "none", Factor: 1}
	var warnings []string
	robust, ok := robustFactor(pairs)
	if ok {
		cal.RobustFactor = robust
	}

	calPair := findCalibration(pairs, name)
	if calPair == nil {
		if ok && (robust > driftWarning || robust < 1/driftWarning) {
			warnings = append(warnings, fmt.Sprintf(
				"time units moved by a median factor of %.3f and there is no %q benchmark to tell machine speed from code changes; add one so a slower machine is not reported as a regression",
				robust, name))
		}
		return cal, warnings
	}
	if len(calPair.base) < minSamples || len(calPair.cur) < minSamples {
		warnings = append(warnings, fmt.Sprintf(
			"calibration benchmark %s has %d baseline and %d new samples, fewer than %d: machine speed not corrected; run with -count 10",
			describe(calPair.key), len(calPair.base), len(calPair.cur), minSamples))
		return cal, warnings
	}

	if !positive(calPair.base) || !positive(calPair.cur) {
		warnings = append(warnings, fmt.Sprintf(
			"calibration benchmark %s has a sample of zero: machine speed not corrected", describe(calPair.key)))
		return cal, warnings
	}

	factor, lo, hi := logRatio(calPair.base, calPair.cur, calibrationLevel)
	cal.BenchmarkFactor = factor
	if !math.IsInf(lo, 0) && !math.IsInf(hi, 0) {
		cal.BenchmarkLow, cal.BenchmarkHigh = lo, hi
	}
	if factor < minSaneFactor || factor > maxSaneFactor {
		warnings = append(warnings, fmt.Sprintf(
			"calibration factor %.3f is outside %.1f–%.1f: the machines differ too much for a reliable comparison; compare on similar machines",
			factor, minSaneFactor, maxSaneFactor))
	}
	if lo <= 1 && hi >= 1 {
		return cal, warnings
	}

	// The calibration benchmark shows a machine-speed change. The median
	// ratio over all time units has much less noise than one benchmark, so
	// it is the factor whenever it agrees with the calibration benchmark.
	switch {
	case ok && agrees(robust, lo, hi):
		cal.Applied = true
		cal.Source = "robust"
		cal.Factor = robust
	case ok && agrees(robust, 1, 1):
		// The other benchmarks did not move: one noisy calibration
		// benchmark is the likelier cause, and correcting by it would
		// shift every result.
		warnings = append(warnings, fmt.Sprintf(
			"calibration benchmark moved by %.3f (%.0f %% interval %.3f–%.3f) but time units by a median factor of %.3f: machine speed not corrected; rerun both to check the machine",
			factor, calibrationLevel*100, lo, hi, robust))
	case ok:
		// Most benchmarks moved differently from the machine: the code
		// changed too, and only the calibration benchmark measures the
		// machine.
		cal.Applied = true
		cal.Source = "benchmark"
		cal.Factor = factor
		warnings = append(warnings, fmt.Sprintf(
			"time units moved by a median factor of %.3f, unlike the calibration benchmark's %.3f (%.0f %% interval %.3f–%.3f): correcting by the calibration benchmark only",
			robust, factor, calibrationLevel*100, lo, hi))
	default:
		cal.Applied = true
		cal.Source = "benchmark"
		cal.Factor = factor
	}
	return cal, warnings
}

// calibrationTolerance widens the calibration benchmark's interval when
// checking whether the all-benchmark median agrees with it, because both
// estimates are noisy.
// NOTE: a code change that moves every benchmark by less than this, on a
// machine of a different speed, is taken for machine speed.
const calibrationTolerance = 1.05

// agrees reports whether x lies in [lo, hi] widened by calibrationTolerance.
func agrees(x, lo, hi float64) bool {
	return x >= lo/calibrationTolerance && x <= hi*calibrationTolerance
}

// findCalibration returns the first time-unit pair, in report order, named
// name with samples on both sides, or nil.
func findCalibration(pairs []*pair, name string) *pair {
	if name == "" {
		return nil
	}
	for _, p := range pairs {
		if p.key.Name == name && p.kind == kindTime && p.base != nil && p.cur != nil {
			return p
		}
	}
	return nil
}

// minRobustSeries is the fewest time units for a robust factor: with
// fewer, the median ratio is one benchmark's ratio, not the machine's.
const minRobustSeries = 4

// robustFactor returns the median, over every time unit with positive
// samples on both sides, of new median / baseline median. It reports
// false when fewer than minRobustSeries time units qualify.
func robustFactor(pairs []*pair) (float64, bool) {
	var ratios []float64
	for _, p := range pairs {
		if p.kind != kindTime || len(p.base) == 0 || len(p.cur) == 0 {
			continue
		}
		b, c := stats.Median(p.base), stats.Median(p.cur)
		if b > 0 && c > 0 {
			ratios = append(ratios, c/b)
		}
	}
	if len(ratios) < minRobustSeries {
		return 0, false
	}
	slices.Sort(ratios)
	return stats.Median(ratios), true
}

// logRatio returns the Hodges–Lehmann estimate of cur / base on the log
// scale with its confidence interval. Every sample must be positive.
func logRatio(base, cur []float64, level float64) (ratio, lo, hi float64) {
	shift, l, h := stats.HodgesLehmann(logs(base), logs(cur), level)
	return math.Exp(shift), math.Exp(l), math.Exp(h)
}

func logs(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = math.Log(x)
	}
	return out
}

// positive reports whether every value is above zero.
func positive(xs []float64) bool {
	return len(xs) > 0 && xs[0] > 0 // xs is sorted
}

// adjustForMachine returns the new samples with the machine-speed factor
// divided out: time units are divided by it, rates multiplied.
func adjustForMachine(p *pair, factor float64) []float64 {
	if factor == 1 || p.kind == kindOther {
		return p.cur
	}
	out := make([]float64, len(p.cur))
	for i, v := range p.cur {
		if p.kind == kindTime {
			out[i] = v / factor
		} else {
			out[i] = v * factor
		}
	}
	return out
}
