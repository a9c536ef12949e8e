package baseline

import (
	"math"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/perfgate/perfgate/internal/results"
)

const casesDir = "../testdata/cases"

var created = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

func parseCases(t testing.TB, names ...string) *results.Set {
	t.Helper()
	var paths []string
	for _, n := range names {
		paths = append(paths, filepath.Join(casesDir, n))
	}
	set, err := results.ParseFiles(paths, nil, results.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func fromCases(t testing.TB, names ...string) *Baseline {
	t.Helper()
	b, err := FromSet(parseCases(t, names...), created, "test")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFromSetSummaries(t *testing.T) {
	set := &results.Set{
		Series: []*results.Series{{
			Key:    results.Key{Pkg: "p", Name: "A", Procs: 2, Unit: "ns/op"},
			Values: []float64{10, 12, 11, 30, 9, 10, 11, 12, 10, 11},
			Better: results.LowerIsBetter,
		}},
		Env:   map[string][]string{"goos": {"linux"}},
		Files: []string{"a.txt"},
	}
	b, err := FromSet(set, created.In(time.FixedZone("x", 3600)), "1.2.3")
	if err != nil {
		t.Fatal(err)
	}

	bm := b.Benchmarks[0]
	if bm.N != 10 {
		t.Errorf("N = %d, want 10", bm.N)
	}
	if !cmp.Equal(bm.Samples, set.Series[0].Values) {
		t.Errorf("Samples = %v, want the input in run order", bm.Samples)
	}

	// The Harrell–Davis median weighs every sample, so it stays near the
	// sample median 11 despite the outlier 30.
	if bm.Median < 10.5 || bm.Median > 11.6 {
		t.Errorf("Median = %v, want about 11", bm.Median)
	}
	// The outlier 30 is dropped for the p95, and Harrell–Davis weighs the
	// upper samples that are left, so the p95 lies just under their
	// maximum 12.
	if !(bm.P95 > 11.5 && bm.P95 <= 12) {
		t.Errorf("P95 = %v, want in (11.5, 12]: the outlier 30 must not set it", bm.P95)
	}

	if !math.IsInf(bm.P95High, 1) {
		t.Errorf("P95High = %v, want +Inf: ten samples give no finite upper bound at 95%%", bm.P95High)
	}
	if bm.P95Low > bm.P95 {
		t.Errorf("P95Low = %v above P95 = %v", bm.P95Low, bm.P95)
	}
	if !(bm.MedianLow <= bm.Median && bm.Median <= bm.MedianHigh) {
		t.Errorf("median CI [%v, %v] does not contain %v", bm.MedianLow, bm.MedianHigh, bm.Median)
	}

	if !b.Created.Equal(created) || b.Created.Location() != time.UTC {
		t.Errorf("Created = %v, want %v in UTC", b.Created, created)
	}
	if b.Version != FormatVersion || b.PerfgateVersion != "1.2.3" {
		t.Errorf("Version, PerfgateVersion = %d, %q; want %d, 1.2.3", b.Version, b.PerfgateVersion, FormatVersion)
	}
}

func TestFromSetDoesNotShareOrMutate(t *testing.T) {
	set := parseCases(t, "crc-old.txt")
	before := slices.Clone(set.Series[0].Values)
	envBefore := slices.Clone(set.Env["note"])
	b, err := FromSet(set, created, "test")
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(set.Series[0].Values, before) {
		t.Errorf("input values changed to %v, want %v", set.Series[0].Values, before)
	}
	set.Series[0].Values[0] = -1
	set.Env["note"][0] = "changed"
	set.Files[0] = "changed"
	if b.Benchmarks[0].Samples[0] == -1 {
		t.Error("baseline samples share memory with the set")
	}
	if !cmp.Equal(b.Env["note"], envBefore) {
		t.Errorf("baseline Env[note] = %q, want %q", b.Env["note"], envBefore)
	}
	if b.Sources[0] == "changed" {
		t.Error("baseline Sources share memory with the set")
	}
}

func TestFromSetErrors(t *testing.T) {
	key := results.Key{Name: "A", Procs: 1, Unit: "ns/op"}
	tests := []struct {
		name string
		set  *results.Set
	}{
		{"nil set", nil},
		{"no series", &results.Set{}},
		{"empty series", &results.Set{Series: []*results.Series{{Key: key}}}},
		{"NaN sample", &results.Set{Series: []*results.Series{{Key: key, Values: []float64{1, math.NaN()}}}}},
		{"negative sample", &results.Set{Series: []*results.Series{{Key: key, Values: []float64{-1}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if b, err := FromSet(tt.set, created, "test"); err == nil {
				t.Errorf("FromSet = %d benchmarks, want error", len(b.Benchmarks))
			}
		})
	}
}

func TestFromSetKeepsDirectionAndExactness(t *testing.T) {
	b := fromCases(t, "crc-old.txt", "units-exact.txt")
	tests := []struct {
		key    results.Key
		better string
		exact  bool
	}{
		{results.Key{Pkg: "hash/crc32", Name: "CRC32/poly=IEEE/size=15/align=0", Procs: 8, Unit: "MB/s"}, results.HigherIsBetter, false},
		{results.Key{Pkg: "hash/crc32", Name: "CRC32/poly=IEEE/size=15/align=0", Procs: 8, Unit: "ns/op"}, results.LowerIsBetter, false},
		{results.Key{Name: "Size", Procs: 1, Unit: "text-bytes"}, results.LowerIsBetter, true},
	}
	for _, tt := range tests {
		t.Run(describe(tt.key), func(t *testing.T) {
			bm, ok := b.Lookup(tt.key)
			if !ok {
				t.Fatalf("Lookup(%+v) found nothing", tt.key)
			}
			if bm.Better != tt.better || bm.Exact != tt.exact {
				t.Errorf("Better, Exact = %q, %v; want %q, %v", bm.Better, bm.Exact, tt.better, tt.exact)
			}
			if got := b.Index()[tt.key]; got != bm {
				t.Errorf("Index()[key] = %p, want %p", got, bm)
			}
		})
	}
	if _, ok := b.Lookup(results.Key{Name: "Absent", Procs: 1, Unit: "ns/op"}); ok {
		t.Error("Lookup of an absent key found a benchmark")
	}
}

func TestFromSetFiberTwoPackages(t *testing.T) {
	b := fromCases(t, "fiber-duplicate-names.txt")
	index := b.Index()
	if len(index) != len(b.Benchmarks) || len(b.Benchmarks) != 8 {
		t.Errorf("%d benchmarks with %d distinct keys, want 8 and 8", len(b.Benchmarks), len(index))
	}
	if err := b.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}
