package stats

import (
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"
)

// Median returns the median of sorted: the middle value, or the mean of the
// two middle values when len(sorted) is even. It panics if sorted is empty.
func Median(sorted []float64) float64 {
	n := len(sorted)
	if n == 0 {
		panic("stats: Median of empty slice")
	}
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// HarrellDavis returns the Harrell–Davis estimate of quantile q of sorted:
// a weighted mean of all order statistics with Beta(q(n+1), (1-q)(n+1))
// weights. Unlike a plain sample quantile it moves smoothly with the data,
// so the p95 of 10 samples is not simply the maximum.
//
// It panics if sorted is empty or q is outside [0, 1]. For q = 0 and q = 1
// it returns the minimum and the maximum.
func HarrellDavis(sorted []float64, q float64) float64 {
	n := len(sorted)
	if n == 0 {
		panic("stats: HarrellDavis of empty slice")
	}
	checkProbability("HarrellDavis", q)
	if n == 1 || q == 0 {
		return sorted[0]
	}
	if q == 1 {
		return sorted[n-1]
	}

	sum := 0.0
	for i, w := range hdWeights(n, q) {
		sum += w * sorted[i]
	}
	return sum
}

var hdWeightsCache sync.Map // hdKey -> []float64

type hdKey struct {
	n int
	q float64
}

// hdWeights returns the Harrell–Davis weights for n order statistics:
// w[i] = I((i+1)/n) - I(i/n), where I is the Beta(q(n+1), (1-q)(n+1))
// CDF. They depend only on n and q, so they are cached.
func hdWeights(n int, q float64) []float64 {
	key := hdKey{n, q}
	if w, ok := hdWeightsCache.Load(key); ok {
		return w.([]float64)
	}
	m := float64(n + 1)
	beta := distuv.Beta{Alpha: q * m, Beta: (1 - q) * m}
	w := make([]float64, n)
	prev := 0.0
	for i := range w {
		cdf := beta.CDF(float64(i+1) / float64(n))
		w[i] = cdf - prev
		prev = cdf
	}
	hdWeightsCache.Store(key, w)
	return w
}

// QuantileCI returns a distribution-free confidence interval for quantile
// q of the population that sorted was drawn from. The bounds are order
// statistics X(l) and X(u) chosen from the Binomial(n, q) distribution so
// that each tail holds at most (1-level)/2, which makes the coverage at
// least level for any continuous distribution.
//
// When n is too small for a bound to exist at that level, the bound is
// -Inf (lo) or +Inf (hi): with 10 samples, for example, the 95 % interval
// of the p95 has no finite upper bound. It panics if sorted is empty, q is
// outside [0, 1] or level is outside (0, 1).
func QuantileCI(sorted []float64, q, level float64) (lo, hi float64) {
	n := len(sorted)
	if n == 0 {
		panic("stats: QuantileCI of empty slice")
	}
	checkProbability("QuantileCI", q)
	if !(level > 0 && level < 1) {
		panic(fmt.Sprintf("stats: QuantileCI level %v outside (0, 1)", level))
	}

	tail := (1 - level) / 2
	binom := distuv.Binomial{N: float64(n), P: q}

	// The lower bound is X(l) for the largest l with P(B < l) <= tail,
	// where B counts the samples below the true quantile.
	lo = math.Inf(-1)
	for l := n; l >= 1; l-- {
		if binom.CDF(float64(l-1)) <= tail {
			lo = sorted[l-1]
			break
		}
	}

	// The upper bound is X(u) for the smallest u with P(B >= u) <= tail.
	hi = math.Inf(1)
	for u := 1; u <= n; u++ {
		if 1-binom.CDF(float64(u-1)) <= tail {
			hi = sorted[u-1]
			break
		}
	}
	return lo, hi
}

func checkProbability(fn string, q float64) {
	if !(q >= 0 && q <= 1) {
		panic(fmt.Sprintf("stats: %s probability %v outside [0, 1]", fn, q))
	}
}
