package stats

import (
	"fmt"
	"sort"
)

// Holm returns the Holm–Bonferroni adjusted p-values of p, in the order of
// p: the i-th smallest p-value is multiplied by (m - i + 1), capped at 1,
// and made non-decreasing in that order. Rejecting every hypothesis whose
// adjusted p-value is at most α controls the family-wise error rate at α
// under any dependence between the tests. p is not modified. It panics if
// any value is NaN or outside [0, 1].
func Holm(p []float64) []float64 {
	m := len(p)
	order := make([]int, m)
	for i, v := range p {
		if !(v >= 0 && v <= 1) {
			panic(fmt.Sprintf("stats: Holm p-value %v outside [0, 1]", v))
		}
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return p[order[a]] < p[order[b]] })

	adjusted := make([]float64, m)
	running := 0.0
	for rank, idx := range order {
		v := min(1, float64(m-rank)*p[idx])
		running = max(running, v)
		adjusted[idx] = running
	}
	return adjusted
}
