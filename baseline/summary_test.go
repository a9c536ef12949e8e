package baseline

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/perfgate/perfgate/internal/results"
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

func TestP95MatchesResistantQuantile(t *testing.T) {
	slow := []float64{990, 995, 998, 1000, 1001, 1003, 1005, 1008, 1012, 1900}
	fast := []float64{100, 990, 995, 998, 1000, 1001, 1003, 1005, 1008, 1012}
	tests := []struct {
		name   string
		sorted []float64
		better string
		tail   stats.Tail
	}{
		{"slow time outlier", slow, results.LowerIsBetter, stats.UpperTail},
		{"slow rate outlier", fast, results.HigherIsBetter, stats.LowerTail},
		{"fast time outlier kept", fast, results.LowerIsBetter, stats.UpperTail},
		{"one sample", []float64{3}, results.LowerIsBetter, stats.UpperTail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := &results.Set{Series: []*results.Series{{
				Key:    results.Key{Pkg: "p", Name: "A", Procs: 1, Unit: "u"},
				Values: tt.sorted,
				Better: tt.better,
			}}}
			b, err := FromSet(set, time.Unix(0, 0), "test")
			if err != nil {
				t.Fatal(err)
			}
			want := stats.ResistantQuantile(tt.sorted, 0.95, tt.tail)
			if got := b.Benchmarks[0].P95; math.Abs(got-want) > 1e-9*math.Max(1, want) {
				t.Errorf("FromSet(%v, %s).P95 = %v, want %v", tt.sorted, tt.better, got, want)
			}
		})
	}
}
