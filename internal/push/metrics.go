package push

import (
	"math"
	"strconv"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/perf/benchunit"
)

// Label names perfgate puts on its metrics. A grouping key may not reuse
// them, because the pushgateway rejects a push whose metrics already carry
// a grouping label.
var reservedLabels = []string{
	"benchmark", "pkg", "procs", "unit", "side", "verdict",
	"commit", "branch", "go_version", "goos", "goarch", "cpu", "perfgate_version",
	"job", "instance",
}

// IsReservedLabel reports whether name is a label perfgate's metrics use
// (or job or instance), which a grouping key must not repeat.
func IsReservedLabel(name string) bool {
	for _, r := range reservedLabels {
		if r == name {
			return true
		}
	}
	return false
}

// benchmarkLabels are the labels of every per-benchmark series.
var benchmarkLabels = []string{"pkg", "benchmark", "procs", "unit"}

// Values for the side label.
const (
	sideNew      = "new"
	sideBaseline = "baseline"
)

// baseUnit is a benchmark unit converted to Prometheus base units.
type baseUnit struct {
	unit   string  // tidied unit for the unit label, e.g. "sec/op"
	scale  float64 // a value in the input unit times scale is in base units
	suffix string  // metric name suffix, e.g. "_seconds"; "" for counts
}

// convert returns v in base units. It divides by the inverse of a scale
// below 1, so 50 ns becomes exactly 5e-08 s rather than 5.0000000000000004e-08.
func (u baseUnit) convert(v float64) float64 {
	if u.scale < 1 {
		return v / math.Round(1/u.scale)
	}
	return v * u.scale
}

// toBaseUnit converts a Go benchmark unit with benchunit.Tidy ("ns/op"
// becomes "sec/op" with scale 1e-9) and picks the metric name suffix from
// the tidied numerator.
func toBaseUnit(unit string) baseUnit {
	scale, tidied := benchunit.Tidy(1, unit)
	num, den, _ := strings.Cut(tidied, "/")
	if i := strings.LastIndexByte(num, '-'); i >= 0 {
		num = num[i+1:] // "p95-sec" measures seconds
	}

	suffix := ""
	switch {
	case num == "sec":
		suffix = "_seconds"
	case num == "B" && den == "s":
		suffix = "_bytes_per_second"
	case num == "B":
		suffix = "_bytes"
	}
	return baseUnit{unit: tidied, scale: scale, suffix: suffix}
}

// gauges creates gauge vectors on first use and registers them, so only
// families that receive a value are exposed. Names that differ only in
// their unit suffix share one help text.
type gauges struct {
	reg  prometheus.Registerer
	vecs map[string]*prometheus.GaugeVec
	err  error // first registration error
}

func newGauges(reg prometheus.Registerer) *gauges {
	return &gauges{reg: reg, vecs: map[string]*prometheus.GaugeVec{}}
}

// set stores value in the series of family name with the given labels.
// labelNames must be the same on every call for one name.
func (g *gauges) set(name, help string, labelNames []string, labelValues []string, value float64) {
	vec, ok := g.vecs[name]
	if !ok {
		vec = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: name, Help: help}, labelNames)
		if err := g.reg.Register(vec); err != nil && g.err == nil {
			g.err = err
		}
		g.vecs[name] = vec
	}
	vec.WithLabelValues(labelValues...).Set(value)
}

// seriesID names one benchmark series in label values.
type seriesID struct {
	pkg, name string
	procs     int
	unit      baseUnit
}

func (s seriesID) labelValues(extra ...string) []string {
	return append([]string{s.pkg, s.name, strconv.Itoa(s.procs), s.unit.unit}, extra...)
}

func withLabels(extra ...string) []string {
	return append(append([]string{}, benchmarkLabels...), extra...)
}

// setSummary sets the median, p95 and sample count of one side.
func (g *gauges) setSummary(id seriesID, side string, n int, median, p95 float64) {
	labels := withLabels("side")
	values := id.labelValues(side)
	g.set("perfgate_benchmark_median"+id.unit.suffix,
		"Harrell-Davis estimate of the median of the benchmark's samples, in base units; side is new or baseline.",
		labels, values, id.unit.convert(median))
	g.set("perfgate_benchmark_p95"+id.unit.suffix,
		"Harrell-Davis estimate of the 95th percentile of the benchmark's samples, in base units; side is new or baseline.",
		labels, values, id.unit.convert(p95))
	g.set("perfgate_benchmark_samples",
		"Number of samples of the benchmark; side is new or baseline.",
		labels, values, float64(n))
}
