package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// bruteForceP returns P(W ≥ w) and P(W ≤ w) for the rank sum W of y by
// enumerating every way to split the pooled values, mid-ranks for ties.
func bruteForceP(tb testing.TB, x, y []float64) (pGreater, pLess float64) {
	tb.Helper()
	ranks2, _ := doubledRanks(x, y)
	n, m := len(ranks2), len(y)
	observed := 0
	for _, r := range ranks2[len(x):] {
		observed += r
	}
	var ge, le, total float64
	for mask := 0; mask < 1<<n; mask++ {
		if popcount(mask) != m {
			continue
		}
		sum := 0
		for i := 0; i < n; i++ {
			if mask&(1<<i) != 0 {
				sum += ranks2[i]
			}
		}
		total++
		if sum >= observed {
			ge++
		}
		if sum <= observed {
			le++
		}
	}
	return ge / total, le / total
}

func popcount(v int) int {
	c := 0
	for ; v != 0; v &= v - 1 {
		c++
	}
	return c
}

func TestMannWhitneyExact(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
	}{
		{"separated", []float64{1, 2, 3, 4, 5}, []float64{6, 7, 8, 9, 10}},
		{"reversed", []float64{6, 7, 8, 9, 10}, []float64{1, 2, 3, 4, 5}},
		{"interleaved", []float64{1, 3, 5, 7}, []float64{2, 4, 6, 8, 10}},
		{"unequal sizes", []float64{1.5, 2.5}, []float64{1, 2, 3, 4, 5, 6}},
		{"ties across samples", []float64{0, 0, 1, 2, 2}, []float64{0, 2, 2, 3, 3, 3}},
		{"zero to one", []float64{0, 0, 0, 0, 0}, []float64{0, 0, 0, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MannWhitney(tt.x, tt.y)
			wantG, wantL := bruteForceP(t, tt.x, tt.y)
			if !got.Exact {
				t.Errorf("MannWhitney(%v, %v).Exact = false, want true", tt.x, tt.y)
			}
			if math.Abs(got.PGreater-wantG) > 1e-12 {
				t.Errorf("MannWhitney(%v, %v).PGreater = %v, want %v", tt.x, tt.y, got.PGreater, wantG)
			}
			if math.Abs(got.PLess-wantL) > 1e-12 {
				t.Errorf("MannWhitney(%v, %v).PLess = %v, want %v", tt.x, tt.y, got.PLess, wantL)
			}
		})
	}
}

func TestMannWhitneySeparated(t *testing.T) {
	got := MannWhitney([]float64{1, 2, 3, 4, 5}, []float64{6, 7, 8, 9, 10})
	if got.U != 25 {
		t.Errorf("U = %v, want 25", got.U)
	}
	if want := 1.0 / 252; math.Abs(got.PGreater-want) > 1e-15 {
		t.Errorf("PGreater = %v, want 1/252", got.PGreater)
	}
	if got.PLess != 1 {
		t.Errorf("PLess = %v, want 1", got.PLess)
	}
	if want := 1.0 / 252; math.Abs(got.PMin-want) > 1e-15 {
		t.Errorf("PMin = %v, want 1/252", got.PMin)
	}
}

func TestMannWhitneyAllEqual(t *testing.T) {
	got := MannWhitney([]float64{3, 3, 3, 3}, []float64{3, 3, 3, 3})
	if got.PGreater != 1 || got.PLess != 1 {
		t.Errorf("p-values = %v, %v, want 1, 1", got.PGreater, got.PLess)
	}
}

func TestMannWhitneyNormalCloseToExact(t *testing.T) {
	// 30 against 30 values is exact; 40 against 40 exceeds 2^53
	// arrangements and uses the normal approximation. Both should agree
	// with the exact result on the smaller case to about 0.005.
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 30)
	y := make([]float64, 30)
	for i := range x {
		x[i] = rng.NormFloat64()
		y[i] = rng.NormFloat64() + 0.4
	}
	exact := MannWhitney(x, y)
	ranks2, _ := doubledRanks(x, y)
	approxG, approxL := normalApprox(ranks2, 30, 30, exact.U)
	if math.Abs(approxG-exact.PGreater) > 0.005 {
		t.Errorf("normal PGreater = %v, want near exact %v", approxG, exact.PGreater)
	}
	if math.Abs(approxL-exact.PLess) > 0.005 {
		t.Errorf("normal PLess = %v, want near exact %v", approxL, exact.PLess)
	}

	big := MannWhitney(slices.Repeat(x, 2)[:40], slices.Repeat(y, 2)[:40])
	if big.Exact {
		t.Errorf("40 against 40 with ties: Exact = true, want false")
	}
}

func TestMannWhitneyInputUnchanged(t *testing.T) {
	x := []float64{3, 1, 2}
	y := []float64{9, 7, 8}
	MannWhitney(x, y)
	HodgesLehmann(x, y, 0.95)
	if !slices.Equal(x, []float64{3, 1, 2}) || !slices.Equal(y, []float64{9, 7, 8}) {
		t.Errorf("inputs changed to %v and %v", x, y)
	}
}

func TestHodgesLehmann(t *testing.T) {
	ten := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	shifted := make([]float64, len(ten))
	for i, v := range ten {
		shifted[i] = v + 100
	}
	tests := []struct {
		name          string
		x, y          []float64
		shift, lo, hi float64
	}{
		{"pure shift n3", []float64{1, 2, 3}, []float64{11, 12, 13}, 10, math.Inf(-1), math.Inf(1)},
		// For 10 against 10 the two-sided 5 % critical value is U ≤ 23, so
		// the bounds are the 24th smallest and 24th largest differences.
		// The differences are 91..109 with 91 once, 92 twice, and so on, so
		// 21 of them are at most 96 and the 24th smallest is 97.
		{"shift n10", ten, shifted, 100, 97, 103},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shift, lo, hi := HodgesLehmann(tt.x, tt.y, 0.95)
			if shift != tt.shift || lo != tt.lo || hi != tt.hi {
				t.Errorf("HodgesLehmann = %v [%v, %v], want %v [%v, %v]", shift, lo, hi, tt.shift, tt.lo, tt.hi)
			}
		})
	}
}

func TestCriticalCount(t *testing.T) {
	tests := []struct {
		nx, ny int
		tail   float64
		want   int
	}{
		{10, 10, 0.025, 24},
		{5, 5, 0.025, 3},
		{3, 3, 0.025, 0},
	}
	for _, tt := range tests {
		if got := criticalCount(tt.nx, tt.ny, tt.tail); got != tt.want {
			t.Errorf("criticalCount(%d, %d, %v) = %d, want %d", tt.nx, tt.ny, tt.tail, got, tt.want)
		}
	}
}

func TestHolm(t *testing.T) {
	tests := []struct {
		name string
		p    []float64
		want []float64
	}{
		{"empty", nil, []float64{}},
		{"single", []float64{0.03}, []float64{0.03}},
		{"monotone", []float64{0.01, 0.04, 0.03, 0.005}, []float64{0.03, 0.06, 0.06, 0.02}},
		{"capped", []float64{0.5, 0.6}, []float64{1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Holm(tt.p)
			if len(got) != len(tt.want) {
				t.Fatalf("Holm(%v) = %v, want %v", tt.p, got, tt.want)
			}
			for i := range got {
				if math.Abs(got[i]-tt.want[i]) > 1e-12 {
					t.Errorf("Holm(%v) = %v, want %v", tt.p, got, tt.want)
					break
				}
			}
		})
	}
}

func TestBenjaminiHochberg(t *testing.T) {
	tests := []struct {
		name string
		p    []float64
		want []float64
	}{
		{"empty", nil, []float64{}},
		{"single", []float64{0.03}, []float64{0.03}},
		// Sorted: 0.005×4/1 = 0.02, 0.01×4/2 = 0.02, 0.03×4/3 = 0.04, 0.04×4/4 = 0.04.
		{"step up", []float64{0.01, 0.04, 0.03, 0.005}, []float64{0.02, 0.04, 0.04, 0.02}},
		{"smaller later value lowers earlier", []float64{0.02, 0.021}, []float64{0.021, 0.021}},
		{"capped", []float64{0.9, 0.6}, []float64{0.9, 0.9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BenjaminiHochberg(tt.p)
			if len(got) != len(tt.want) {
				t.Fatalf("BenjaminiHochberg(%v) = %v, want %v", tt.p, got, tt.want)
			}
			for i := range got {
				if math.Abs(got[i]-tt.want[i]) > 1e-12 {
					t.Errorf("BenjaminiHochberg(%v) = %v, want %v", tt.p, got, tt.want)
					break
				}
			}
		})
	}
}
