package stats

import (
	"math"
	"slices"
	"testing"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		name   string
		sorted []float64
		want   float64
	}{
		{"one", []float64{7}, 7},
		{"odd", []float64{1, 2, 9}, 2},
		{"even", []float64{1, 2, 4, 9}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Median(tt.sorted); got != tt.want {
				t.Errorf("Median(%v) = %v, want %v", tt.sorted, got, tt.want)
			}
		})
	}
}

func TestHarrellDavis(t *testing.T) {
	// With n = 3 and q = 0.5 the weights are I(1/3; 2, 2) = 7/27,
	// 13/27 and 7/27, from the Beta(2, 2) CDF 3x² - 2x³.
	tests := []struct {
		name   string
		sorted []float64
		q      float64
		want   float64
	}{
		{"single", []float64{4}, 0.95, 4},
		{"q zero is min", []float64{1, 2, 3}, 0, 1},
		{"q one is max", []float64{1, 2, 3}, 1, 3},
		{"two values median is mean", []float64{1, 3}, 0.5, 2},
		{"beta weights n3", []float64{0, 0, 1}, 0.5, 7.0 / 27},
		{"symmetric median", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.5, 5.5},
		{"constant", []float64{3, 3, 3, 3}, 0.95, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := HarrellDavis(tt.sorted, tt.q)
			if math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("HarrellDavis(%v, %v) = %v, want %v", tt.sorted, tt.q, got, tt.want)
			}
		})
	}
}

func TestHarrellDavisP95BelowMax(t *testing.T) {
	sorted := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	got := HarrellDavis(sorted, 0.95)
	if !(got > 9 && got < 10) {
		t.Errorf("HarrellDavis(1..10, 0.95) = %v, want between 9 and 10", got)
	}
	lower := HarrellDavis(sorted, 0.9)
	if !(lower < got) {
		t.Errorf("HarrellDavis(1..10, 0.9) = %v, want below p95 %v", lower, got)
	}
}

func TestHarrellDavisInputUnchanged(t *testing.T) {
	sorted := []float64{1, 2, 5, 8}
	orig := slices.Clone(sorted)
	HarrellDavis(sorted, 0.95)
	QuantileCI(sorted, 0.5, 0.95)
	if !slices.Equal(sorted, orig) {
		t.Errorf("input changed to %v, want %v", sorted, orig)
	}
}

func TestQuantileCI(t *testing.T) {
	ten := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	tests := []struct {
		name   string
		sorted []float64
		q      float64
		level  float64
		lo, hi float64
	}{
		// Binomial(10, 0.5): P(B <= 1) = 11/1024 <= 0.025 < P(B <= 2) = 56/1024.
		{"median n10", ten, 0.5, 0.95, 2, 9},
		// Binomial(10, 0.95): P(B <= 7) = 0.0115 <= 0.025 < P(B <= 8) = 0.086.
		{"p95 n10 has no upper bound", ten, 0.95, 0.95, 8, math.Inf(1)},
		{"median n3 unbounded", []float64{1, 2, 3}, 0.5, 0.95, math.Inf(-1), math.Inf(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := QuantileCI(tt.sorted, tt.q, tt.level)
			if lo != tt.lo || hi != tt.hi {
				t.Errorf("QuantileCI(%v, %v, %v) = [%v, %v], want [%v, %v]",
					tt.sorted, tt.q, tt.level, lo, hi, tt.lo, tt.hi)
			}
		})
	}
}

func TestPanics(t *testing.T) {
	tests := []struct {
		name string
		call func()
	}{
		{"median empty", func() { Median(nil) }},
		{"harrell-davis empty", func() { HarrellDavis(nil, 0.5) }},
		{"harrell-davis q above one", func() { HarrellDavis([]float64{1}, 1.5) }},
		{"harrell-davis q NaN", func() { HarrellDavis([]float64{1}, math.NaN()) }},
		{"quantile CI empty", func() { QuantileCI(nil, 0.5, 0.95) }},
		{"quantile CI level one", func() { QuantileCI([]float64{1}, 0.5, 1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic, want panic", tt.name)
				}
			}()
			tt.call()
		})
	}
}
