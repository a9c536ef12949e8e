package compare

import (
	"errors"
	"fmt"

	"github.com/perfgate/perfgate/baseline"
	"github.com/perfgate/perfgate/internal/results"
)

// Compare gates the new results cur against base and returns the full
// report. It fills every Settings field except MultiplierSource, CI and
// Baseline, which belong to the caller. It returns an error only for
// invalid options, a nil input or a non-finite sample. Everything else,
// such as differing configs or too few samples, is part of the report.
// Neither input is modified.
//
// Calibration.Source is "robust" when the calibration benchmark shows a
// machine-speed change and the median ratio over all time units agrees
// with it. That median is then the factor. It is "benchmark" when the
// other time units moved differently, and the calibration benchmark's own
// ratio is the factor. It is "none" when nothing is applied.
func Compare(base *baseline.Baseline, cur *results.Set, opts Options) (*Report, error) {
	if base == nil || cur == nil {
		return nil, errors.New("compare: baseline and new results are both required")
	}
	if err := opts.validate(); err != nil {
		return nil, fmt.Errorf("compare: %w", err)
	}
	pairs, err := pairSeries(base, cur)
	if err != nil {
		return nil, fmt.Errorf("compare: %w", err)
	}

	rep := &Report{
		Settings: Settings{
			Multiplier:   opts.Multiplier,
			Alpha:        opts.Alpha,
			Correction:   correctionName(opts),
			Test:         "mann-whitney-u, one-sided",
			MinEffect:    opts.MinEffect,
			Calibration:  opts.Calibration,
			AllowMissing: opts.AllowMissing,
		},
		Environment: Environment{Baseline: base.Env, New: cur.Env},
		Warnings:    []string{},
		Benchmarks:  make([]Result, 0, len(pairs)),
	}
	rep.Warnings = append(rep.Warnings, environmentWarnings(base.Env, cur.Env)...)

	// Machine speed first, because it changes every time unit.
	cal, calWarnings := calibrate(pairs, opts.Calibration)
	rep.Calibration = cal
	rep.Warnings = append(rep.Warnings, calWarnings...)
	calPair := findCalibration(pairs, opts.Calibration)

	// Sort every pair into the verdict it can get without a test, and
	// build a test for each noisy unit.
	out := make([]Result, len(pairs))
	var tests []*test
	testIndex := map[*test]int{}
	fewSamples := 0
	for i, p := range pairs {
		switch {
		case p.cur == nil:
			out[i] = missingResult(p, opts)
		case p.base == nil:
			out[i] = newResult(p)
		case p.exact || p.constant():
			out[i] = judgeExact(p)
		case p == calPair:
			out[i] = calibrationResult(p, cal)
		case len(p.base) < minSamples || len(p.cur) < minSamples:
			out[i] = tooFewResult(p)
			fewSamples++
		default:
			t := newTest(p, factorFor(cal))
			testIndex[t] = i
			tests = append(tests, t)
		}
	}

	// Adjust over the family of tests that can reach significance at all.
	family, unreachable := selectFamily(tests, opts.Alpha)
	for _, t := range unreachable {
		out[testIndex[t]] = unreachableResult(t, len(tests), opts.Alpha)
		fewSamples++
	}
	worse := make([]float64, len(family))
	better := make([]float64, len(family))
	for k, t := range family {
		worse[k], better[k] = t.pWorse, t.pBetter
	}
	adjust, _, label := opts.correction()
	adjWorse, adjBetter := adjust(worse), adjust(better)
	for k, t := range family {
		j := judgement{pAdjWorse: adjWorse[k], pAdjBetter: adjBetter[k], familySize: len(family), method: label}
		out[testIndex[t]] = judgeNoisy(t, j, cal, opts)
	}

	if fewSamples > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf(
			"%s inconclusive because of too few samples to reach significance; run with -count 10", plural(fewSamples, "result")))
	}
	rep.Benchmarks = out
	rep.Summary, rep.Verdict = tally(out, opts)
	return rep, nil
}

func correctionName(opts Options) string {
	_, method, _ := opts.correction()
	return method
}

// factorFor returns the factor to divide out of time units.
func factorFor(cal Calibration) float64 {
	if !cal.Applied {
		return 1
	}
	return cal.Factor
}
