package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"golang.org/x/perf/benchunit"

	"github.com/perfgate/perfgate/compare"
)

// notApplicable fills a cell whose value does not exist, such as the
// baseline median of a new benchmark.
const notApplicable = "n/a"

// benchmarkName returns the name as go test prints it: the name after
// "Benchmark" with a -N GOMAXPROCS suffix when N is not 1.
func benchmarkName(r *compare.Result) string {
	if r.Procs == 1 || r.Procs == 0 {
		return r.Name
	}
	return r.Name + "-" + strconv.Itoa(r.Procs)
}

// formatValue returns v with four significant digits, switching to SI
// prefixes outside [0.001, 10000) so columns stay narrow. Units of bytes
// ("B/op", "B/s") get IEC prefixes (Ki, Mi), and other units such as
// "MB/s" SI prefixes, because benchunit.ClassOf classes every unit that
// contains a B as binary.
func formatValue(v float64, unit string) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return notApplicable
	case v == 0:
		return "0"
	}
	if a := math.Abs(v); a >= 1e-3 && a < 1e4 {
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	class := benchunit.Decimal
	if strings.HasPrefix(unit, "B/") {
		class = benchunit.Binary
	}
	return benchunit.Scale(v, class)
}

// medianCell returns the median of one side, or n/a when the side is
// absent.
func medianCell(s *compare.Stats, unit string) string {
	if s == nil {
		return notApplicable
	}
	return formatValue(s.Median, unit)
}

// percent formats a ratio as a signed percentage change: 1.123 is "+12.3%".
func percent(ratio float64) string {
	return fmt.Sprintf("%+.1f%%", (ratio-1)*100)
}

// deltaCell returns the median change with its confidence interval, for
// example "+12.3% [+10.1%, +14.5%]".
func deltaCell(r *compare.Result) string {
	if !finite(r.Ratio) {
		return notApplicable
	}
	s := percent(*r.Ratio)
	if finite(r.RatioLow) && finite(r.RatioHigh) {
		s += " [" + percent(*r.RatioLow) + ", " + percent(*r.RatioHigh) + "]"
	}
	return s
}

// pCell returns the adjusted p-value with two significant digits.
func pCell(r *compare.Result) string {
	if !finite(r.PAdjusted) {
		return notApplicable
	}
	return strconv.FormatFloat(*r.PAdjusted, 'g', 2, 64)
}

func finite(p *float64) bool {
	return p != nil && !math.IsNaN(*p) && !math.IsInf(*p, 0)
}

// summaryCounts returns the verdict counts as "1 regression, 2
// improvements, ...", always in the same order.
func summaryCounts(s compare.Summary) string {
	parts := []string{
		plural(s.Regressions, "regression", "regressions"),
		plural(s.Improvements, "improvement", "improvements"),
		fmt.Sprintf("%d unchanged", s.Unchanged),
		fmt.Sprintf("%d inconclusive", s.Inconclusive),
		fmt.Sprintf("%d new", s.New),
		fmt.Sprintf("%d missing", s.Missing),
	}
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// settingsLine returns the settings that decide a verdict, for the
// summary line.
func settingsLine(r *compare.Report) string {
	s := r.Settings
	line := fmt.Sprintf("multiplier %s (%s), alpha %s (%s)",
		strconv.FormatFloat(s.Multiplier, 'g', -1, 64), s.MultiplierSource,
		strconv.FormatFloat(s.Alpha, 'g', -1, 64), s.Correction)
	if s.MinEffect > 0 {
		line += ", min effect " + strconv.FormatFloat(s.MinEffect*100, 'g', -1, 64) + "%"
	}
	return line
}

// calibrationLine describes the machine-speed correction, or returns ""
// when none was applied.
func calibrationLine(r *compare.Report) string {
	c := r.Calibration
	if !c.Applied {
		return ""
	}
	line := fmt.Sprintf("calibration: machine-speed factor %.3f divided out of time and rate units", c.Factor)
	switch c.Source {
	case "benchmark":
		line += ", from benchmark " + r.Settings.Calibration
	case "robust":
		line += " (median over all time units, within the interval of benchmark " + r.Settings.Calibration + ")"
	default:
		line += " (source: " + c.Source + ")"
	}
	return line
}

// needsReason reports whether a result's reason belongs in the output: the
// verdicts a reader has to act on or understand.
func needsReason(r *compare.Result) bool {
	switch r.Verdict {
	case compare.Regression, compare.Inconclusive, compare.Missing:
		return r.Reason != ""
	}
	return false
}

// verdictWord returns "PASS" or "FAIL" from the report verdict.
func verdictWord(r *compare.Report) string {
	if r.Verdict == "pass" {
		return "PASS"
	}
	return "FAIL"
}
