package stats

import (
	"math"
	"math/big"
	"slices"
	"sort"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"
)

// maxExactCount is the largest number of rank arrangements, C(n1+n2, n1),
// for which the exact null distribution is computed. Up to 2^53 every count
// is an integer that float64 stores without rounding.
const maxExactCount = 1 << 53

// maxExactTiesN bounds the combined sample size for the exact test with
// ties, whose cost grows as n³ per call and cannot be cached.
const maxExactTiesN = 60

// MannWhitneyResult is the outcome of a Mann–Whitney U test of y against x.
type MannWhitneyResult struct {
	// U counts the pairs (x[i], y[j]) with y[j] > x[i], plus half the ties.
	U float64
	// PGreater is the one-sided p-value for the alternative that y tends
	// to be larger than x: P(U ≥ observed) under the null hypothesis.
	PGreater float64
	// PLess is the one-sided p-value for the alternative that y tends to
	// be smaller than x.
	PLess float64
	// PMin is the smallest one-sided p-value that samples of these sizes
	// can produce: 1 / C(len(x)+len(y), len(x)) when there are no ties.
	PMin float64
	// Exact reports whether the p-values come from the exact permutation
	// distribution (conditional on ties) rather than the normal
	// approximation.
	Exact bool
}

// MannWhitney runs the Mann–Whitney U (Wilcoxon rank-sum) test of y
// against x. It uses the exact permutation distribution when there are at
// most 2^53 arrangements (with ties, also at most 60 values in all) and the
// normal approximation with tie and continuity corrections otherwise.
// Neither input needs to be sorted and neither is modified. It panics if
// either sample is empty.
func MannWhitney(x, y []float64) MannWhitneyResult {
	nx, ny := len(x), len(y)
	if nx == 0 || ny == 0 {
		panic("stats: MannWhitney of empty sample")
	}

	ranks2, tied := doubledRanks(x, y)
	w2 := 0 // doubled rank sum of y
	for _, r := range ranks2[nx:] {
		w2 += r
	}
	u := float64(w2)/2 - float64(ny*(ny+1))/2

	res := MannWhitneyResult{U: u, PMin: 1 / binomial(nx+ny, nx)}
	total := binomial(nx+ny, nx)
	switch {
	case !tied && total <= maxExactCount:
		counts := uCounts(nx, ny)
		ui := int(math.Round(u))
		res.PGreater = tailSum(counts[ui:]) / total
		res.PLess = tailSum(counts[:ui+1]) / total
		res.Exact = true
	case tied && total <= maxExactCount && nx+ny <= maxExactTiesN:
		counts := rankSumCounts(ranks2, ny)
		res.PGreater = tailSum(counts[w2:]) / total
		res.PLess = tailSum(counts[:w2+1]) / total
		res.Exact = true
	default:
		res.PGreater, res.PLess = normalApprox(ranks2, nx, ny, u)
	}
	return res
}

// doubledRanks returns twice the mid-rank of every value of x followed by y,
// so that mid-ranks of ties stay integers, and whether any value is tied.
func doubledRanks(x, y []float64) ([]int, bool) {
	all := make([]float64, 0, len(x)+len(y))
	all = append(all, x...)
	all = append(all, y...)
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return all[order[a]] < all[order[b]] })

	ranks2 := make([]int, len(all))
	tied := false
	for i := 0; i < len(order); {
		j := i + 1
		for j < len(order) && all[order[j]] == all[order[i]] {
			j++
		}
		if j-i > 1 {
			tied = true
		}
		// Positions i..j-1 hold ranks i+1..j, whose mean doubled is i+j+1.
		for k := i; k < j; k++ {
			ranks2[order[k]] = i + j + 1
		}
		i = j
	}
	return ranks2, tied
}

var uCountsCache sync.Map // [2]int{nx, ny} -> []float64

// uCounts returns, for u = 0..nx*ny, the number of arrangements without
// ties whose U statistic is u. These are the coefficients of the Gaussian
// binomial coefficient [nx+ny choose ny]_q. Results are cached because a
// run usually compares many benchmarks with the same sample sizes.
func uCounts(nx, ny int) []float64 {
	key := [2]int{nx, ny}
	if c, ok := uCountsCache.Load(key); ok {
		return c.([]float64)
	}

	// Build [nx+i choose i]_q for i = 1..ny: multiply by (1 - q^(nx+i)),
	// then divide by (1 - q^i), which is a running sum with stride i.
	// Before each division the product has degree up to i·nx + i, so the
	// buffer has room beyond the final degree nx·ny.
	c := make([]float64, nx*ny+nx+ny+1)
	c[0] = 1
	deg := 0
	for i := 1; i <= ny; i++ {
		shift := nx + i
		for k := deg + shift; k >= shift; k-- {
			c[k] -= c[k-shift]
		}
		// The quotient has degree deg+nx; running the sum up to the
		// product's degree deg+shift turns the entries above it back to 0.
		for k := i; k <= deg+shift; k++ {
			c[k] += c[k-i]
		}
		deg += nx
	}
	c = c[:nx*ny+1]
	uCountsCache.Store(key, c)
	return c
}

// rankSumCounts returns, for every doubled rank sum s, the number of ways
// to choose m of the values whose doubled ranks are ranks2 with sum s.
func rankSumCounts(ranks2 []int, m int) []float64 {
	maxSum := 0
	sorted := slices.Clone(ranks2)
	slices.Sort(sorted)
	for _, r := range sorted[len(sorted)-m:] {
		maxSum += r
	}

	// ways[k][s]: subsets of size k of the values seen so far with sum s.
	ways := make([][]float64, m+1)
	for k := range ways {
		ways[k] = make([]float64, maxSum+1)
	}
	ways[0][0] = 1
	for i, r := range ranks2 {
		for k := min(i+1, m); k >= 1; k-- {
			for s := maxSum; s >= r; s-- {
				ways[k][s] += ways[k-1][s-r]
			}
		}
	}
	return ways[m]
}

// normalApprox returns the one-sided p-values of U from the normal
// approximation, with the variance corrected for ties and a continuity
// correction of one half.
func normalApprox(ranks2 []int, nx, ny int, u float64) (pGreater, pLess float64) {
	n := float64(nx + ny)
	mean := float64(nx*ny) / 2

	// Tie correction: subtract Σ(t³ - t) / (n(n-1)) over tie groups.
	counts := map[int]int{}
	for _, r := range ranks2 {
		counts[r]++
	}
	tieSum := 0.0
	for _, t := range counts {
		tf := float64(t)
		tieSum += tf*tf*tf - tf
	}
	variance := float64(nx*ny) / 12 * ((n + 1) - tieSum/(n*(n-1)))
	if variance <= 0 {
		// Every value is equal: no evidence either way.
		return 1, 1
	}
	sd := math.Sqrt(variance)
	norm := distuv.UnitNormal
	pGreater = norm.Survival((u - mean - 0.5) / sd)
	pLess = norm.CDF((u - mean + 0.5) / sd)
	return min(pGreater, 1), min(pLess, 1)
}

// binomial returns C(n, k) as a float64, which is exact below 2^53.
func binomial(n, k int) float64 {
	f, _ := new(big.Float).SetInt(new(big.Int).Binomial(int64(n), int64(k))).Float64()
	return f
}

func tailSum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}
