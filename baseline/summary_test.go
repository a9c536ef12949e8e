package baseline

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/perfgate/perfgate/internal/stats"
)

func TestQuantileCacheMatchesStats(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	cache := newQuantileCache()
	for _, n := range []int{1, 2, 3, 5, 10, 20, 59, 100} {
		for trial := 0; trial < 3; trial++ {
			sorted := make([]float64, n)
			for i := range sorted {
				sorted[i] = rng.ExpFloat64() * 100
			}
			slices.Sort(sorted)
			for _, q := range []float64{0, 0.5, 0.95, 1} {
				want := stats.HarrellDavis(sorted, q)
				if got := cache.harrellDavis(sorted, q); math.Abs(got-want) > 1e-9*math.Max(1, want) {
					t.Errorf("n=%d q=%v: harrellDavis = %v, want %v", n, q, got, want)
				}
				wantLo, wantHi := stats.QuantileCI(sorted, q, CILevel)
				if lo, hi := cache.quantileCI(sorted, q, CILevel); lo != wantLo || hi != wantHi {
					t.Errorf("n=%d q=%v: quantileCI = [%v, %v], want [%v, %v]", n, q, lo, hi, wantLo, wantHi)
				}
			}
		}
	}
}
