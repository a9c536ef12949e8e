package stats

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// HodgesLehmann returns the Hodges–Lehmann estimate of the shift from x to
// y, the median of all differences y[j] - x[i], with its distribution-free
// confidence interval at the given level. The bounds are the order
// statistics of those differences picked by the Mann–Whitney critical
// value, which is exact when C(len(x)+len(y), len(x)) ≤ 2^53 and from the
// normal approximation otherwise. When the two distributions differ only
// by a shift, the interval covers it with probability at least level.
//
// With samples too small for that level a bound is -Inf (lo) or +Inf (hi).
// Neither input is modified. It panics if either sample is empty or level
// is outside (0, 1).
func HodgesLehmann(x, y []float64, level float64) (shift, lo, hi float64) {
	nx, ny := len(x), len(y)
	if nx == 0 || ny == 0 {
		panic("stats: HodgesLehmann of empty sample")
	}
	if !(level > 0 && level < 1) {
		panic(fmt.Sprintf("stats: HodgesLehmann level %v outside (0, 1)", level))
	}

	diffs := make([]float64, 0, nx*ny)
	for _, xi := range x {
		for _, yj := range y {
			diffs = append(diffs, yj-xi)
		}
	}
	slices.Sort(diffs)
	shift = Median(diffs)

	k := criticalCount(nx, ny, (1-level)/2)
	if k == 0 {
		return shift, math.Inf(-1), math.Inf(1)
	}
	return shift, diffs[k-1], diffs[len(diffs)-k]
}

// criticalCount returns the largest k with P(U < k) ≤ tail under the null
// hypothesis, where U is the Mann–Whitney statistic for sizes nx and ny.
func criticalCount(nx, ny int, tail float64) int {
	total := binomial(nx+ny, nx)
	if total <= maxExactCount {
		counts := uCounts(nx, ny)
		cum := 0.0
		for k, c := range counts {
			// cum is P(U < k) here.
			if (cum+c)/total > tail {
				return k
			}
			cum += c
		}
		return len(counts)
	}

	mn := float64(nx * ny)
	sd := math.Sqrt(mn * float64(nx+ny+1) / 12)
	z := distuv.UnitNormal.Quantile(tail)
	return max(0, int(math.Floor(mn/2+z*sd+0.5)))
}
