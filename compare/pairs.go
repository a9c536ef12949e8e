package compare

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"golang.org/x/perf/benchunit"

	"github.com/perfgate/perfgate/baseline"
	"github.com/perfgate/perfgate/internal/results"
	"github.com/perfgate/perfgate/internal/stats"
)

// unitKind is the way machine speed acts on a unit.
type unitKind int

const (
	kindOther unitKind = iota // not affected by machine speed (B/op, allocs/op, custom counts)
	kindTime                  // time per something: a slower machine raises it
	kindRate                  // something per second: a slower machine lowers it
)

// kindOf classifies unit after benchunit.Tidy has turned ns into sec and
// MB into B, so "ns/op" is time and "MB/s" is a rate.
func kindOf(unit string) unitKind {
	_, tidy := benchunit.Tidy(1, unit)
	switch {
	case strings.HasPrefix(tidy, "sec/"):
		return kindTime
	case strings.HasSuffix(tidy, "/s"), strings.HasSuffix(tidy, "/sec"):
		return kindRate
	}
	return kindOther
}

// pair is one benchmark and unit with the samples of both sides, either of
// which is nil when the benchmark is missing or new.
type pair struct {
	key    results.Key
	better string
	exact  bool // "assume=exact" metadata on either side
	kind   unitKind
	base   []float64 // sorted copy
	cur    []float64 // sorted copy, before calibration
}

// lowerIsBetter reports whether a larger value is worse.
func (p *pair) lowerIsBetter() bool { return p.better != results.HigherIsBetter }

// worseTail returns the side of the unit's samples where slow runs land.
func (p *pair) worseTail() stats.Tail {
	return stats.WorseTail(!p.lowerIsBetter())
}

// constant reports whether both sides have at least two samples and each
// side holds a single value. One sample proves nothing about variance.
func (p *pair) constant() bool {
	if len(p.base) < 2 || len(p.cur) < 2 {
		return false
	}
	return p.base[0] == p.base[len(p.base)-1] && p.cur[0] == p.cur[len(p.cur)-1]
}

// pairSeries matches the baseline's benchmarks with the new run's series
// by package, name, GOMAXPROCS and unit, and returns them sorted by those
// keys. Sample slices are sorted copies, so the inputs are not modified.
func pairSeries(base *baseline.Baseline, cur *results.Set) ([]*pair, error) {
	byKey := map[results.Key]*pair{}
	var pairs []*pair
	get := func(k results.Key) *pair {
		if p, ok := byKey[k]; ok {
			return p
		}
		p := &pair{key: k, kind: kindOf(k.Unit)}
		byKey[k] = p
		pairs = append(pairs, p)
		return p
	}

	for i := range base.Benchmarks {
		b := &base.Benchmarks[i]
		k := results.Key{Pkg: b.Pkg, Name: b.Name, Procs: b.Procs, Unit: b.Unit}
		if err := checkFinite(b.Samples); err != nil {
			return nil, fmt.Errorf("baseline benchmark %s: %w", describe(k), err)
		}
		p := get(k)
		p.base = sortedCopy(b.Samples)
		p.better = b.Better
		p.exact = p.exact || b.Exact
	}
	for _, s := range cur.Series {
		if err := checkFinite(s.Values); err != nil {
			return nil, fmt.Errorf("%s: benchmark %s: %w", s.Source, describe(s.Key), err)
		}
		p := get(s.Key)
		if p.cur != nil {
			p.cur = sortedCopy(append(slices.Clone(p.cur), s.Values...))
		} else {
			p.cur = sortedCopy(s.Values)
		}
		// The new run's metadata takes precedence because it describes
		// the code as it is now.
		if s.Better != "" {
			p.better = s.Better
		}
		p.exact = p.exact || s.Exact
	}

	slices.SortStableFunc(pairs, func(a, b *pair) int {
		return cmp.Or(
			cmp.Compare(a.key.Pkg, b.key.Pkg),
			cmp.Compare(a.key.Name, b.key.Name),
			cmp.Compare(a.key.Procs, b.key.Procs),
			cmp.Compare(a.key.Unit, b.key.Unit),
		)
	})
	return pairs, nil
}

func sortedCopy(xs []float64) []float64 {
	if xs == nil {
		return nil
	}
	c := slices.Clone(xs)
	slices.Sort(c)
	return c
}

func checkFinite(xs []float64) error {
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("sample %d is %v: every sample must be a finite number", i+1, x)
		}
	}
	return nil
}

// describe names a benchmark the way messages show it: pkg.Name-procs unit.
func describe(k results.Key) string {
	name := k.Name
	if k.Pkg != "" {
		name = k.Pkg + "." + name
	}
	return fmt.Sprintf("%s-%d %s", name, k.Procs, k.Unit)
}
