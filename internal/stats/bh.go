package stats

import (
	"fmt"
	"sort"
)

// BenjaminiHochberg returns the Benjamini–Hochberg adjusted p-values of p,
// in the order of p: the i-th smallest p-value is multiplied by m / i,
// capped at 1, and made non-decreasing from the largest down. Rejecting
// every hypothesis whose adjusted p-value is at most α controls the false
// discovery rate at α for independent or positively dependent tests. When
// every null hypothesis is true, a false discovery is any rejection, so it
// then also bounds the chance of rejecting anything at α. p is not
// modified. It panics if any value is NaN or outside [0, 1].
func BenjaminiHochberg(p []float64) []float64 {
	m := len(p)
	order := make([]int, m)
	for i, v := range p {
		if !(v >= 0 && v <= 1) {
			panic(fmt.Sprintf("stats: BenjaminiHochberg p-value %v outside [0, 1]", v))
		}
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return p[order[a]] < p[order[b]] })

	adjusted := make([]float64, m)
	running := 1.0
	for rank := m - 1; rank >= 0; rank-- {
		idx := order[rank]
		v := min(1, p[idx]*float64(m)/float64(rank+1))
		running = min(running, v)
		adjusted[idx] = running
	}
	return adjusted
}
