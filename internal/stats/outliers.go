package stats

import (
	"math"
	"slices"
)

// Tail selects the side of a sample on which DropOutliers looks for
// outliers.
type Tail int

const (
	// UpperTail is the side of values far above the median, such as slow
	// runs of a time per operation.
	UpperTail Tail = iota
	// LowerTail is the side of values far below the median, such as slow
	// runs of a throughput.
	LowerTail
)

// WorseTail returns the tail where the worse values of a unit lie: the
// upper tail for a time or size per operation, the lower tail for a
// throughput, whose higher values are better.
func WorseTail(higherIsBetter bool) Tail {
	if higherIsBetter {
		return LowerTail
	}
	return UpperTail
}

// OutlierFence is the distance from the median, in scaled median absolute
// deviations, beyond which DropOutliers treats a sample as a gross outlier.
// For normal data the scaled MAD estimates the standard deviation, so the
// fence sits near five standard deviations, which a normal sample passes
// with a probability below one in a million. With 10 samples the MAD is
// itself uncertain, so regular samples pass a little more often.
const OutlierFence = 5

// madScale turns the median absolute deviation into an estimate of the
// standard deviation for normal data: 1 / Φ⁻¹(3/4).
const madScale = 1.4826

// MaxOutlierShare is the largest share of the samples that DropOutliers
// removes: two of 10. With at most one removed, a baseline with two slow
// outliers kept its p95 near the second one. Two outliers of 10 barely
// move the median and MAD that set the fence. DropOutliers removes one
// sample even where the share rounds down to none.
const MaxOutlierShare = 0.2

// DropOutliers returns sorted without the gross outliers on one tail: the
// samples more than OutlierFence scaled median absolute deviations beyond
// the median on that tail. It removes at most max(1, ⌊n·MaxOutlierShare⌋)
// samples, the most extreme ones, and none when n < 3.
//
// When more than half the samples are equal, the MAD is 0 and every
// sample beyond the median on that tail counts as an outlier, still
// within the limit above.
//
// The result is a subslice of sorted, which is not modified.
func DropOutliers(sorted []float64, tail Tail) []float64 {
	n := len(sorted)
	if n < 3 {
		return sorted
	}
	median := Median(sorted)
	deviations := make([]float64, n)
	for i, x := range sorted {
		deviations[i] = math.Abs(x - median)
	}
	slices.Sort(deviations)
	fence := OutlierFence * madScale * Median(deviations)
	maxDrop := max(1, int(float64(n)*MaxOutlierShare))

	if tail == LowerTail {
		drop := 0
		for drop < maxDrop && median-sorted[drop] > fence {
			drop++
		}
		return sorted[drop:]
	}
	drop := 0
	for drop < maxDrop && sorted[n-1-drop]-median > fence {
		drop++
	}
	return sorted[:n-drop]
}

// ResistantQuantile returns the outlier-resistant estimate of quantile q
// of sorted: the Harrell–Davis estimate over DropOutliers(sorted, tail).
// With 10 samples the Harrell–Davis p95 puts 84 % of its weight on the
// largest sample, so one slow outlier would otherwise set it.
//
// It panics if sorted is empty or q is outside [0, 1]; sorted is not
// modified.
func ResistantQuantile(sorted []float64, q float64, tail Tail) float64 {
	if len(sorted) == 0 {
		panic("stats: ResistantQuantile of empty slice")
	}
	return HarrellDavis(DropOutliers(sorted, tail), q)
}
