package compare

import (
	"fmt"
	"slices"
	"testing"

	"github.com/perfgate/perfgate/baseline"
	"github.com/perfgate/perfgate/internal/results"
	"github.com/perfgate/perfgate/internal/stats"
)

const testPkg = "example.com/p"

// series describes one benchmark and unit for the test builders.
type series struct {
	name   string
	unit   string
	values []float64
	better string // "" means lower
	exact  bool
}

func lower(better string) string {
	if better == "" {
		return results.LowerIsBetter
	}
	return better
}

// makeBaseline builds a baseline from series the way a saved baseline
// holds them, with env as its config lines.
func makeBaseline(tb testing.TB, env map[string][]string, ss ...series) *baseline.Baseline {
	tb.Helper()
	b := &baseline.Baseline{Version: baseline.FormatVersion, Env: env}
	for _, s := range ss {
		sorted := slices.Sorted(slices.Values(s.values))
		b.Benchmarks = append(b.Benchmarks, baseline.Benchmark{
			Pkg: testPkg, Name: s.name, Procs: 8, Unit: s.unit,
			Better: lower(s.better), Exact: s.exact, N: len(s.values),
			Median: stats.Median(sorted), P95: stats.HarrellDavis(sorted, 0.95),
			Samples: slices.Clone(s.values),
		})
	}
	return b
}

// makeSet builds a parsed results set from series.
func makeSet(tb testing.TB, env map[string][]string, ss ...series) *results.Set {
	tb.Helper()
	set := &results.Set{Env: env, Files: []string{"new.txt"}}
	for i, s := range ss {
		set.Series = append(set.Series, &results.Series{
			Key:    results.Key{Pkg: testPkg, Name: s.name, Procs: 8, Unit: s.unit},
			Values: slices.Clone(s.values),
			Better: lower(s.better),
			Exact:  s.exact,
			Source: fmt.Sprintf("new.txt:%d", i+1),
		})
	}
	return set
}

// around returns n values spread evenly over center ± 1 %, in an order
// that is not sorted.
func around(center float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		j := (i * 7) % n // a fixed shuffle for n not divisible by 7
		out[i] = center * (0.99 + 0.02*float64(j)/float64(max(1, n-1)))
	}
	return out
}

func constant(v float64, n int) []float64 {
	return slices.Repeat([]float64{v}, n)
}

// find returns the result for name and unit, failing the test when absent.
func find(tb testing.TB, rep *Report, name, unit string) Result {
	tb.Helper()
	for _, r := range rep.Benchmarks {
		if r.Name == name && r.Unit == unit {
			return r
		}
	}
	tb.Fatalf("no result for %s %s in %d results", name, unit, len(rep.Benchmarks))
	return Result{}
}

func mustCompare(tb testing.TB, base *baseline.Baseline, cur *results.Set, opts Options) *Report {
	tb.Helper()
	rep, err := Compare(base, cur, opts)
	if err != nil {
		tb.Fatalf("Compare: %v", err)
	}
	return rep
}

// checkoutBase is the baseline of the worked example in docs/method.md:
// ten runs of about 1000 ns/op, one of which hit a slow outlier.
var checkoutBase = []float64{990, 995, 998, 1000, 1001, 1003, 1005, 1008, 1012, 1900}

// scaled returns xs times factor, followed by extra.
func scaled(xs []float64, factor float64, extra ...float64) []float64 {
	out := make([]float64, 0, len(xs)+len(extra))
	for _, x := range xs {
		out = append(out, x*factor)
	}
	return append(out, extra...)
}
