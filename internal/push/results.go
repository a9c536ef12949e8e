package push

import (
	"errors"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/perfgate/perfgate/internal/results"
	"github.com/perfgate/perfgate/internal/stats"
)

// RegisterResults registers gauges for raw benchmark results on reg: per
// series the sample median and the outlier-resistant Harrell-Davis p95, as
// perfgate compare reports them, and the sample count with
// side="new", plus the info metric and the push time (now). Series without
// samples are skipped. set is not modified.
//
// It returns an error when a metric cannot be registered.
func RegisterResults(reg prometheus.Registerer, set *results.Set, info Info, now time.Time) error {
	if set == nil {
		return errors.New("register result metrics: result set is nil")
	}
	g := newGauges(reg)
	for _, s := range set.Series {
		if len(s.Values) == 0 {
			continue
		}
		sorted := slices.Clone(s.Values)
		slices.Sort(sorted)
		id := seriesID{pkg: s.Pkg, name: s.Name, procs: s.Procs, unit: toBaseUnit(s.Unit)}
		tail := stats.WorseTail(s.Better == results.HigherIsBetter)
		g.setSummary(id, sideNew, len(sorted), stats.Median(sorted), stats.ResistantQuantile(sorted, 0.95, tail))
	}
	setCommon(g, info, now)
	return g.err
}
