package compare

import "fmt"

// selectFamily splits the tests into those that can reach significance and
// those that cannot. The smallest possible p-value of a test depends only
// on its sample sizes. If it is above α/K, the test can never be rejected
// in a family of K, so leaving it out keeps the error rate at α and lowers
// the bar for the others. K is the smallest size for which at most K tests
// pass that check, which is Tarone's rule for discrete tests.
func selectFamily(tests []*test, alpha float64) (family, unreachable []*test) {
	for k := 1; k <= len(tests); k++ {
		count := 0
		for _, t := range tests {
			if t.mw.PMin <= alpha/float64(k) {
				count++
			}
		}
		if count <= k {
			for _, t := range tests {
				if t.mw.PMin <= alpha/float64(k) {
					family = append(family, t)
				} else {
					unreachable = append(unreachable, t)
				}
			}
			return family, unreachable
		}
	}
	return tests, nil
}

func missingResult(p *pair, opts Options) Result {
	r := baseResult(p)
	r.Verdict = Missing
	r.Reason = "in the baseline but not in the new run; this fails the gate unless -allow-missing is set"
	if opts.AllowMissing {
		r.Reason = "in the baseline but not in the new run; allowed by -allow-missing"
	}
	return r
}

func newResult(p *pair) Result {
	r := baseResult(p)
	r.Verdict = New
	r.Reason = "not in the baseline; save a new baseline to start tracking it"
	return r
}

func calibrationResult(p *pair, cal Calibration) Result {
	r := baseResult(p)
	r.Verdict = Unchanged
	r.Reason = "calibration benchmark: measures the machine, not the code, so it is not tested"
	if cal.BenchmarkFactor > 0 {
		r.Ratio = ptr(cal.BenchmarkFactor)
		r.Reason = fmt.Sprintf("calibration benchmark: measures the machine (ratio %.3f), not the code, so it is not tested", cal.BenchmarkFactor)
	}
	return r
}

func tooFewResult(p *pair) Result {
	r := baseResult(p)
	r.Verdict = Inconclusive
	r.Reason = fmt.Sprintf("too few samples: %d baseline and %d new, and a one-sided test needs at least %d per side; run with -count 10",
		len(p.base), len(p.cur), minSamples)
	return r
}

// unreachableResult reports a test left out of the family; familySize
// counts every test of the run, as Bonferroni would.
func unreachableResult(t *test, familySize int, alpha float64) Result {
	p := t.pair
	r := baseResult(p)
	r.Verdict = Inconclusive
	r.PValue = ptr(t.pWorse)
	r.Reason = fmt.Sprintf("too few samples: with %d baseline and %d new samples the smallest possible p-value is %.2g, too large to reach significance at α=%g across the %s of this run; run with -count 10",
		len(p.base), len(t.cur), t.mw.PMin, alpha, plural(familySize, "test"))
	return r
}

// tally counts the verdicts and decides the gate: fail on any regression,
// and on any missing benchmark unless AllowMissing.
func tally(out []Result, opts Options) (Summary, string) {
	var s Summary
	fail := false
	for _, r := range out {
		switch r.Verdict {
		case Regression:
			s.Regressions++
			fail = true
		case Improvement:
			s.Improvements++
		case Unchanged:
			s.Unchanged++
		case Inconclusive:
			s.Inconclusive++
		case New:
			s.New++
		case Missing:
			s.Missing++
			fail = fail || !opts.AllowMissing
		}
	}
	if fail {
		return s, "fail"
	}
	return s, "pass"
}
