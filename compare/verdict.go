package compare

import (
	"fmt"
	"math"

	"github.com/perfgate/perfgate/internal/stats"
)

// minSamples is the fewest samples per side for which a one-sided
// Mann–Whitney test can reach p ≤ 0.05: with 3 against 3 the smallest
// p-value is 1/20.
const minSamples = 4

// ratioLevel is the confidence level of the reported ratio interval.
const ratioLevel = 0.95

// tailQuantile is the quantile that condition (2) compares.
const tailQuantile = 0.95

// test holds the per-benchmark numbers of a noisy unit that feed the
// multiple-comparison step.
type test struct {
	pair *pair
	cur  []float64 // new samples after calibration, sorted
	mw   stats.MannWhitneyResult
	// pWorse and pBetter are the one-sided p-values for a change in the
	// bad and the good direction of the unit.
	pWorse, pBetter float64
}

func newTest(p *pair, factor float64) *test {
	t := &test{pair: p, cur: adjustForMachine(p, factor)}
	t.mw = stats.MannWhitney(p.base, t.cur)
	t.pWorse, t.pBetter = t.mw.PGreater, t.mw.PLess
	if !p.lowerIsBetter() {
		t.pWorse, t.pBetter = t.mw.PLess, t.mw.PGreater
	}
	return t
}

// judgement is the outcome of the family step for one test: its adjusted
// p-values and the size of the family.
type judgement struct {
	pAdjWorse, pAdjBetter float64
	familySize            int
	method                string // the correction, as messages name it
}

// summarize returns the n, median and outlier-resistant p95 of sorted, or
// nil for no samples. Outliers are dropped on the unit's worse side, so
// the p95 is the one that condition (2) compares for lower-is-better
// units.
func summarize(sorted []float64, worse stats.Tail) *Stats {
	if len(sorted) == 0 {
		return nil
	}
	return &Stats{N: len(sorted), Median: stats.Median(sorted), P95: stats.ResistantQuantile(sorted, tailQuantile, worse)}
}

// baseResult fills the fields every verdict shares.
func baseResult(p *pair) Result {
	return Result{
		Pkg:      p.key.Pkg,
		Name:     p.key.Name,
		Procs:    p.key.Procs,
		Unit:     p.key.Unit,
		Better:   betterOf(p),
		Exact:    p.exact,
		Baseline: summarize(p.base, p.worseTail()),
		New:      summarize(p.cur, p.worseTail()),
	}
}

func betterOf(p *pair) string {
	if p.lowerIsBetter() {
		return "lower"
	}
	return "higher"
}

// worseWord names the bad direction of the unit.
func worseWord(p *pair) (worse, better string) {
	if p.lowerIsBetter() {
		return "slower", "faster"
	}
	return "lower", "higher"
}

// judgeExact compares a unit that does not vary: any change in the bad
// direction is a regression, however small, including 0 → 1 allocs/op.
func judgeExact(p *pair) Result {
	r := baseResult(p)
	b, c := stats.Median(p.base), stats.Median(p.cur)
	if b != 0 {
		r.Ratio = ptr(c / b)
	}
	basis := "exact unit (constant on both sides)"
	if p.exact {
		basis = "exact unit (assume=exact)"
	}
	worse := c > b
	if !p.lowerIsBetter() {
		worse = c < b
	}
	switch {
	case c == b:
		r.Verdict = Unchanged
		r.Reason = fmt.Sprintf("%s: unchanged at %s", basis, formatValue(b))
	case worse:
		r.Verdict = Regression
		r.Reason = fmt.Sprintf("%s: went from %s to %s, and any change in the worse direction is a regression", basis, formatValue(b), formatValue(c))
	default:
		r.Verdict = Improvement
		r.Reason = fmt.Sprintf("%s: went from %s to %s", basis, formatValue(b), formatValue(c))
	}
	return r
}

// judgeNoisy applies the three regression conditions to a unit that
// varies: (1) significant after the multiple-comparison adjustment, (2)
// new tail quantile beyond the baseline's times the multiplier, (3) median
// change beyond MinEffect.
func judgeNoisy(t *test, j judgement, cal Calibration, opts Options) Result {
	p := t.pair
	r := baseResult(p)
	worse, better := worseWord(p)
	r.PValue = ptr(t.pWorse)
	r.PAdjusted = ptr(j.pAdjWorse)

	// The ratio is new median / baseline median after calibration; the
	// interval comes from Hodges–Lehmann on log values.
	bMed, cMed := stats.Median(p.base), stats.Median(t.cur)
	ratio := 1.0 // both medians zero
	switch {
	case bMed > 0:
		ratio = cMed / bMed
		r.Ratio = ptr(ratio)
	case cMed > 0:
		ratio = math.Inf(1) // growth from a zero median
	}
	if positive(p.base) && positive(t.cur) {
		_, lo, hi := logRatio(p.base, t.cur, ratioLevel)
		r.RatioLow, r.RatioHigh = finitePtr(lo), finitePtr(hi)
	}

	// change is the relative change of the median; worsening is the same
	// change counted positive in the unit's bad direction.
	change := ratio - 1
	worsening := change
	if !p.lowerIsBetter() {
		worsening = -change
	}
	size := pct(math.Abs(change))

	exceedsLimit, limit := tailCondition(p, t.cur, cal, opts)
	r.Limit = ptr(limit)

	significant := j.pAdjWorse <= opts.Alpha
	settle := settleHint(len(p.base), len(t.cur))
	tests := fmt.Sprintf("p=%.2g, %.2g after %s over %s", t.pWorse, j.pAdjWorse, j.method, plural(j.familySize, "test"))
	// For a lower-is-better unit the limit applies to the p95; for a
	// higher-is-better one to the p5, which must fall below it.
	tail, beyond, within := "p95", "beyond", "within"
	if !p.lowerIsBetter() {
		tail, beyond, within = "p5", "below", "above"
	}

	switch {
	case significant && !(worsening > opts.MinEffect):
		r.Verdict = Unchanged
		r.Reason = fmt.Sprintf("%s by %s (%s), within the %s minimum effect", worse, size, tests, pct(opts.MinEffect))
	case significant && exceedsLimit:
		r.Verdict = Regression
		r.Reason = fmt.Sprintf("%s by %s (%s), and the new %s is %s the limit %s", worse, size, tests, tail, beyond, formatValue(limit))
	case significant:
		r.Verdict = Inconclusive
		r.Reason = fmt.Sprintf("%s by %s (%s), but the new %s is %s the limit %s; %s", worse, size, tests, tail, within, formatValue(limit), settle)
	case j.pAdjBetter <= opts.Alpha && -worsening > opts.MinEffect:
		r.Verdict = Improvement
		r.PValue = ptr(t.pBetter)
		r.PAdjusted = ptr(j.pAdjBetter)
		r.Reason = fmt.Sprintf("%s by %s (p=%.2g, %.2g after %s over %s)", better, size, t.pBetter, j.pAdjBetter, j.method, plural(j.familySize, "test"))
	case worsening > opts.MinEffect:
		r.Verdict = Inconclusive
		r.Reason = fmt.Sprintf("%s by %s but not significant (%s); %s", worse, size, tests, settle)
	default:
		r.Verdict = Unchanged
		r.Reason = fmt.Sprintf("no significant change (%s)", tests)
	}
	return r
}

// tailCondition reports whether the new samples' tail is beyond the
// baseline's tail times the multiplier, and returns that limit in the new
// run's raw units (calibration factor included). For lower-is-better
// units the tail is the p95; for higher-is-better units it is the p5,
// and the limit divides by the multiplier. Both sides use the
// outlier-resistant estimate, so one slow outlier in the baseline does
// not raise the limit above a run that is slower on every sample.
func tailCondition(p *pair, cur []float64, cal Calibration, opts Options) (bool, float64) {
	speed := 1.0
	if cal.Applied {
		switch p.kind {
		case kindTime:
			speed = cal.Factor
		case kindRate:
			speed = 1 / cal.Factor
		}
	}
	if p.lowerIsBetter() {
		limit := stats.ResistantQuantile(p.base, tailQuantile, stats.UpperTail) * opts.Multiplier
		return stats.ResistantQuantile(cur, tailQuantile, stats.UpperTail) > limit, limit * speed
	}
	limit := stats.ResistantQuantile(p.base, 1-tailQuantile, stats.LowerTail) / opts.Multiplier
	return stats.ResistantQuantile(cur, 1-tailQuantile, stats.LowerTail) < limit, limit * speed
}

// settleHint returns the advice that would make a result conclusive:
// more samples.
func settleHint(nBase, nNew int) string {
	return fmt.Sprintf("run with -count %d to settle it (now %d baseline and %d new samples)", max(10, 2*min(nBase, nNew)), nBase, nNew)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func pct(f float64) string { return fmt.Sprintf("%.1f %%", f*100) }

func formatValue(v float64) string { return fmt.Sprintf("%.4g", v) }

func ptr(v float64) *float64 { return &v }

// finitePtr returns nil for an infinite bound, which JSON cannot encode.
func finitePtr(v float64) *float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return nil
	}
	return &v
}
