package stats

import (
	"math"
	"slices"
	"testing"
)

func TestDropOutliers(t *testing.T) {
	// The baseline below has median 1002 and MAD 5, so the fence is
	// 1002 ± 5 × 1.4826 × 5 ≈ 1002 ± 37.
	withSlow := []float64{990, 995, 998, 1000, 1001, 1003, 1005, 1008, 1012, 1900}
	withFast := []float64{100, 990, 995, 998, 1000, 1001, 1003, 1005, 1008, 1012}
	tests := []struct {
		name   string
		sorted []float64
		tail   Tail
		want   []float64
	}{
		{"slow outlier dropped", withSlow, UpperTail, withSlow[:9]},
		{"slow outlier kept on lower tail", withSlow, LowerTail, withSlow},
		{"fast outlier dropped on lower tail", withFast, LowerTail, withFast[1:]},
		{"fast outlier kept on upper tail", withFast, UpperTail, withFast},
		{"inside fence kept", []float64{990, 995, 998, 1000, 1001, 1003, 1005, 1008, 1012, 1030}, UpperTail, []float64{990, 995, 998, 1000, 1001, 1003, 1005, 1008, 1012, 1030}},
		{"two of ten", []float64{990, 995, 998, 1000, 1001, 1003, 1005, 1008, 1800, 1900}, UpperTail, []float64{990, 995, 998, 1000, 1001, 1003, 1005, 1008}},
		{"at most two of ten", []float64{990, 995, 998, 1000, 1001, 1003, 1005, 1700, 1800, 1900}, UpperTail, []float64{990, 995, 998, 1000, 1001, 1003, 1005, 1700}},
		{"one of five", []float64{990, 1000, 1005, 1800, 1900}, UpperTail, []float64{990, 1000, 1005, 1800}},
		{"four of twenty", append(slices.Repeat([]float64{1000}, 15), 1800, 1900, 2000, 2100, 2200), UpperTail, append(slices.Repeat([]float64{1000}, 15), 1800)},
		{"zero MAD drops above median", []float64{5, 5, 5, 5, 6}, UpperTail, []float64{5, 5, 5, 5}},
		{"constant kept", []float64{5, 5, 5, 5}, UpperTail, []float64{5, 5, 5, 5}},
		{"two samples kept", []float64{1, 100}, UpperTail, []float64{1, 100}},
		{"empty", nil, UpperTail, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(tt.sorted)
			got := DropOutliers(tt.sorted, tt.tail)
			if !slices.Equal(got, tt.want) {
				t.Errorf("DropOutliers(%v) = %v, want %v", tt.sorted, got, tt.want)
			}
			if !slices.Equal(tt.sorted, before) {
				t.Errorf("DropOutliers modified its input: got %v, want %v", tt.sorted, before)
			}
		})
	}
}

func TestResistantQuantile(t *testing.T) {
	slow := []float64{990, 995, 998, 1000, 1001, 1003, 1005, 1008, 1012, 1900}
	tests := []struct {
		name   string
		sorted []float64
		q      float64
		tail   Tail
		want   float64
	}{
		{"outlier dropped", slow, 0.95, UpperTail, HarrellDavis(slow[:9], 0.95)},
		{"outlier on other tail", slow, 0.95, LowerTail, HarrellDavis(slow, 0.95)},
		{"single sample", []float64{7}, 0.95, UpperTail, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ResistantQuantile(tt.sorted, tt.q, tt.tail)
			if math.Abs(got-tt.want) > 1e-9*tt.want {
				t.Errorf("ResistantQuantile(%v, %v) = %v, want %v", tt.sorted, tt.q, got, tt.want)
			}
		})
	}

	// The outlier sets the plain Harrell–Davis p95 of slow, but the
	// resistant p95 stays within the regular samples.
	if got := ResistantQuantile(slow, 0.95, UpperTail); got > 1012 {
		t.Errorf("ResistantQuantile(slow) = %v, want at most the largest regular sample 1012", got)
	}
}

func TestResistantQuantileEmptyPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("ResistantQuantile(nil) did not panic, want a panic")
		}
	}()
	ResistantQuantile(nil, 0.95, UpperTail)
}

func TestWorseTail(t *testing.T) {
	if got := WorseTail(false); got != UpperTail {
		t.Errorf("WorseTail(false) = %v, want UpperTail", got)
	}
	if got := WorseTail(true); got != LowerTail {
		t.Errorf("WorseTail(true) = %v, want LowerTail", got)
	}
}
