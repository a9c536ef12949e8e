package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/perfgate/perfgate/compare"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func ptr(v float64) *float64 { return &v }

// fixtureReport returns a report that exercises every verdict, two
// packages, a higher-is-better unit, a name with Markdown and workflow
// command characters, a change from 0 (infinite ratio), calibration and
// warnings. It is built by hand so the golden files test formatting only.
func fixtureReport() *compare.Report {
	return &compare.Report{
		Verdict:         "fail",
		PerfgateVersion: "0.1.0",
		Settings: compare.Settings{
			Multiplier: 2, MultiplierSource: "ci-default", CI: true,
			Alpha: 0.05, Correction: "holm", Test: "mann-whitney-u, one-sided",
			MinEffect: 0.01, Calibration: "Calibrate", Baseline: "baseline/baseline.json",
		},
		Calibration: compare.Calibration{Applied: true, Source: "benchmark", Factor: 1.25},
		Environment: compare.Environment{
			Baseline: map[string][]string{"cpu": {"AMD EPYC"}, "note": {"before"}},
			New:      map[string][]string{"cpu": {"AMD EPYC"}, "note": {"after"}},
		},
		Warnings: []string{"config note differs: baseline \"before\", new \"after\"", "multi\nline warning with 100% | pipes"},
		Summary:  compare.Summary{Regressions: 2, Improvements: 1, Unchanged: 1, Inconclusive: 1, New: 1, Missing: 1},
		Benchmarks: []compare.Result{
			{
				Pkg: "example.com/cache", Name: "Get/size=1,kind=a:b", Procs: 2, Unit: "ns/op", Better: "lower",
				Verdict: compare.Regression, Reason: "median +25.0%, new p95 130 > limit 100",
				Baseline: &compare.Stats{N: 10, Median: 40, P95: 50}, New: &compare.Stats{N: 10, Median: 50, P95: 130},
				Ratio: ptr(1.25), RatioLow: ptr(1.2), RatioHigh: ptr(1.31),
				PValue: ptr(0.0001), PAdjusted: ptr(0.0005), Limit: ptr(100),
			},
			{
				Pkg: "example.com/cache", Name: "Get/size=1,kind=a:b", Procs: 2, Unit: "allocs/op", Better: "lower", Exact: true,
				Verdict: compare.Regression, Reason: "exact unit grew from 0 to 1",
				Baseline: &compare.Stats{N: 10, Median: 0, P95: 0}, New: &compare.Stats{N: 10, Median: 1, P95: 1},
				Ratio: ptr(math.Inf(1)), Limit: ptr(0),
			},
			{
				Pkg: "example.com/cache", Name: "Put_*star*", Procs: 2, Unit: "MB/s", Better: "higher",
				Verdict:  compare.Improvement,
				Baseline: &compare.Stats{N: 10, Median: 1500, P95: 1600}, New: &compare.Stats{N: 10, Median: 123456, P95: 130000},
				Ratio: ptr(82.304), RatioLow: ptr(80), RatioHigh: ptr(85),
				PValue: ptr(1e-5), PAdjusted: ptr(6e-5), Limit: ptr(750),
			},
			{
				Pkg: "example.com/cache", Name: "Small", Procs: 2, Unit: "ns/op", Better: "lower",
				Verdict:  compare.Unchanged,
				Baseline: &compare.Stats{N: 10, Median: 0.2926, P95: 0.3}, New: &compare.Stats{N: 10, Median: 0.2883, P95: 0.3},
				Ratio: ptr(0.985), RatioLow: ptr(0.97), RatioHigh: ptr(1.01),
				PValue: ptr(0.61), PAdjusted: ptr(1), Limit: ptr(0.6),
			},
			{
				Pkg: "example.com/token", Name: "Verify", Procs: 1, Unit: "ns/op", Better: "lower",
				Verdict: compare.Inconclusive, Reason: "3 samples per side cannot reach significance; run with -count 10",
				Baseline: &compare.Stats{N: 3, Median: 2500, P95: 2600}, New: &compare.Stats{N: 3, Median: 2700, P95: 2800},
				Ratio: ptr(1.08), RatioLow: ptr(0.99), RatioHigh: ptr(1.2),
				PValue: ptr(0.1), PAdjusted: ptr(0.4), Limit: ptr(5200),
			},
			{
				Pkg: "example.com/token", Name: "Issue", Procs: 1, Unit: "ns/op", Better: "lower",
				Verdict: compare.New, New: &compare.Stats{N: 10, Median: 3100, P95: 3300},
			},
			{
				Pkg: "example.com/token", Name: "Old", Procs: 1, Unit: "B/op", Better: "lower",
				Verdict: compare.Missing, Reason: "in the baseline but not in the new results",
				Baseline: &compare.Stats{N: 10, Median: 20480, P95: 20480},
			},
		},
	}
}

// checkGolden compares got with testdata/name, or rewrites the file with
// -update.
func checkGolden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read golden file: %v; run go test -update to create it", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		tb.Errorf("output differs from %s (-want +got); run go test -update if the change is intended:\n%s", path, diff)
	}
}

func TestWriteGolden(t *testing.T) {
	for _, f := range Formats() {
		t.Run(string(f), func(t *testing.T) {
			r := fixtureReport()
			var buf bytes.Buffer
			if err := Write(&buf, r, f); err != nil {
				t.Fatalf("Write(%s): %v", f, err)
			}
			checkGolden(t, "fixture."+string(f)+".golden", buf.Bytes())
			if diff := cmp.Diff(fixtureReport(), r); diff != "" {
				t.Errorf("Write(%s) changed the report (-before +after):\n%s", f, diff)
			}
		})
	}
	t.Run("annotations", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteAnnotations(&buf, fixtureReport()); err != nil {
			t.Fatalf("WriteAnnotations: %v", err)
		}
		checkGolden(t, "fixture.annotations.golden", buf.Bytes())
	})
}

func TestWriteEmptyReport(t *testing.T) {
	r := &compare.Report{Verdict: "pass", Settings: compare.Settings{Multiplier: 1.5, MultiplierSource: "default", Alpha: 0.05, Correction: "holm"}}
	for _, f := range Formats() {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, r, f); err != nil {
				t.Fatalf("Write(%s): %v", f, err)
			}
			checkGolden(t, "empty."+string(f)+".golden", buf.Bytes())
		})
	}
}

func TestWriteTextSummaryIsLastLine(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteText(&buf, fixtureReport()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	last := lines[len(lines)-1]
	want := "FAIL: 2 regressions, 1 improvement, 1 unchanged, 1 inconclusive, 1 new, 1 missing; multiplier 2 (ci-default), alpha 0.05 (holm), min effect 1%"
	if last != want {
		t.Errorf("last line = %q, want %q", last, want)
	}
}

func TestWriteTextColumnsAligned(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteText(&buf, fixtureReport()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	header := lines[0]
	col := strings.Index(header, "verdict")
	for _, line := range lines[1:] {
		if line == "" {
			break
		}
		if strings.HasPrefix(line, "pkg: ") {
			continue
		}
		if len(line) < col || line[col-2:col] != "  " || line[col] == ' ' {
			t.Errorf("row %q does not start its verdict at column %d like the header", line, col)
		}
	}
}

func TestWriteJSONSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, fixtureReport()); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	for _, key := range []string{"verdict", "settings", "warnings", "benchmarks", "summary", "calibration", "environment", "perfgate_version"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("top-level key %q missing", key)
		}
	}
	benchmarks := doc["benchmarks"].([]any)
	first := benchmarks[0].(map[string]any)
	for _, key := range []string{"pkg", "name", "procs", "unit", "verdict", "baseline", "new", "ratio", "ratio_ci_low", "ratio_ci_high", "p_value", "p_adjusted", "limit"} {
		if _, ok := first[key]; !ok {
			t.Errorf("benchmark key %q missing", key)
		}
	}
	if got := benchmarks[1].(map[string]any)["ratio"]; got != nil {
		t.Errorf("ratio of a change from 0 = %v, want null", got)
	}
	if got := first["name"]; got != "Get/size=1,kind=a:b" {
		t.Errorf("name = %v, want the name without the -N suffix", got)
	}
}

func TestWriteJSONEmptyListsAreNotNull(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, &compare.Report{Verdict: "pass"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"warnings": []`, `"benchmarks": []`, `"baseline": {}`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("JSON of an empty report lacks %s:\n%s", want, buf.String())
		}
	}
}

func TestWriteJUnitCounts(t *testing.T) {
	tests := []struct {
		name         string
		allowMissing bool
		wantFailures int
		wantSkipped  int
	}{
		{"missing fails", false, 3, 1},
		{"missing allowed is skipped", true, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixtureReport()
			r.Settings.AllowMissing = tt.allowMissing
			var buf bytes.Buffer
			if err := WriteJUnit(&buf, r); err != nil {
				t.Fatal(err)
			}
			var doc junitSuites
			if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatalf("output is not XML: %v", err)
			}
			if doc.Tests != 7 {
				t.Errorf("tests = %d, want 7", doc.Tests)
			}
			if doc.Failures != tt.wantFailures {
				t.Errorf("failures = %d, want %d", doc.Failures, tt.wantFailures)
			}
			if doc.Skipped != tt.wantSkipped {
				t.Errorf("skipped = %d, want %d", doc.Skipped, tt.wantSkipped)
			}
			if len(doc.Suites) != 2 {
				t.Errorf("suites = %d, want one per package (2)", len(doc.Suites))
			}
		})
	}
}

func TestEscape(t *testing.T) {
	tests := []struct {
		name         string
		in           string
		wantData     string
		wantProperty string
	}{
		{"plain", "Get ns/op", "Get ns/op", "Get ns/op"},
		{"percent first", "100%0A", "100%250A", "100%250A"},
		{"line breaks", "a\r\nb\nc", "a%0D%0Ab%0Ac", "a%0D%0Ab%0Ac"},
		{"colon and comma", "size=1,kind=a:b", "size=1,kind=a:b", "size=1%2Ckind=a%3Ab"},
		{"double colon", "x::error", "x::error", "x%3A%3Aerror"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EscapeData(tt.in); got != tt.wantData {
				t.Errorf("EscapeData(%q) = %q, want %q", tt.in, got, tt.wantData)
			}
			if got := EscapeProperty(tt.in); got != tt.wantProperty {
				t.Errorf("EscapeProperty(%q) = %q, want %q", tt.in, got, tt.wantProperty)
			}
		})
	}
}

func TestWriteAnnotationsOnePerFailure(t *testing.T) {
	tests := []struct {
		name         string
		allowMissing bool
		want         int
	}{
		{"regressions and missing", false, 3},
		{"missing allowed", true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixtureReport()
			r.Settings.AllowMissing = tt.allowMissing
			var buf bytes.Buffer
			if err := WriteAnnotations(&buf, r); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
			if len(lines) != tt.want {
				t.Fatalf("got %d annotation lines, want %d:\n%s", len(lines), tt.want, buf.String())
			}
			for _, line := range lines {
				if !strings.HasPrefix(line, "::error title=") {
					t.Errorf("line %q is not an ::error command", line)
				}
				// The title ends at the first "::" after the command name,
				// so an escaped title must contain no ":" or ",".
				title, _, ok := strings.Cut(strings.TrimPrefix(line, "::error title="), "::")
				if !ok || strings.ContainsAny(title, ":,") {
					t.Errorf("title %q is not escaped as a property", title)
				}
			}
		})
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats() {
		got, err := ParseFormat(string(f))
		if err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, nil", f, got, err, f)
		}
	}
	_, err := ParseFormat("html")
	if err == nil || !strings.Contains(err.Error(), "text, markdown, json, junit") {
		t.Errorf("ParseFormat(html) error = %v, want one listing the formats", err)
	}
}

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) string
		in   string
		want string
	}{
		{"text pipe", markdownText, "a|b", `a\|b`},
		{"text html", markdownText, "<b>&", "&lt;b&gt;&amp;"},
		{"text emphasis", markdownText, "*x*_y_", `\*x\*\_y\_`},
		{"code pipe", codeSpan, "a|b", "`a\\|b`"},
		{"code backquote", codeSpan, "a`b", "``a`b``"},
		{"code edge backquote", codeSpan, "`a", "`` `a ``"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fn(tt.in); got != tt.want {
				t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		v    float64
		unit string
		want string
	}{
		{0, "ns/op", "0"},
		{0.2926, "ns/op", "0.2926"},
		{44.6, "ns/op", "44.6"},
		{1234, "ns/op", "1234"},
		{123456, "ns/op", "123.5k"},
		{20480, "B/op", "20.00Ki"},
		{math.NaN(), "ns/op", "n/a"},
	}
	for _, tt := range tests {
		if got := formatValue(tt.v, tt.unit); got != tt.want {
			t.Errorf("formatValue(%g, %q) = %q, want %q", tt.v, tt.unit, got, tt.want)
		}
	}
}

func TestCalibrationLine(t *testing.T) {
	tests := []struct {
		name string
		cal  compare.Calibration
		want string
	}{
		{"not applied", compare.Calibration{Source: "none", Factor: 1}, ""},
		{"benchmark", compare.Calibration{Applied: true, Source: "benchmark", Factor: 1.5},
			"calibration: machine-speed factor 1.500 divided out of time and rate units, from benchmark Calibrate"},
		{"robust", compare.Calibration{Applied: true, Source: "robust", Factor: 0.8},
			"calibration: machine-speed factor 0.800 divided out of time and rate units (median over all time units, within the interval of benchmark Calibrate)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &compare.Report{Calibration: tt.cal, Settings: compare.Settings{Calibration: "Calibrate"}}
			if got := calibrationLine(r); got != tt.want {
				t.Errorf("calibrationLine = %q, want %q", got, tt.want)
			}
		})
	}
}

// largeReport returns a report with the given numbers of regressions and
// unchanged results, each with a reason of about 150 characters.
func largeReport(regressions, unchanged int) *compare.Report {
	r := &compare.Report{Verdict: "fail", Settings: compare.Settings{Multiplier: 1, MultiplierSource: "default", Alpha: 0.01, Correction: "bh"}}
	add := func(i int, v compare.Verdict) {
		r.Benchmarks = append(r.Benchmarks, compare.Result{
			Pkg: "example.com/p", Name: fmt.Sprintf("Case/n=%05d", i), Procs: 2, Unit: "ns/op", Verdict: v,
			Reason:   strings.Repeat("slower than the baseline by a margin ", 4),
			Baseline: &compare.Stats{N: 10, Median: 100, P95: 110}, New: &compare.Stats{N: 10, Median: 120, P95: 130},
			Ratio: ptr(1.2), RatioLow: ptr(1.1), RatioHigh: ptr(1.3), PValue: ptr(0.001), PAdjusted: ptr(0.002), Limit: ptr(110),
		})
	}
	for i := range unchanged {
		add(i, compare.Unchanged)
	}
	for i := range regressions {
		add(unchanged+i, compare.Regression)
	}
	r.Summary = compare.Summary{Regressions: regressions, Unchanged: unchanged}
	return r
}

func TestWriteMarkdownLimit(t *testing.T) {
	tests := []struct {
		name        string
		regressions int
		unchanged   int
		wantListed  int // regression rows expected in the output
		wantNote    string
	}{
		{"small report is complete", 3, 10, 3, ""},
		{"unchanged left out", 5, 3000, 5, "3000 unchanged results are not listed"},
		{"regressions cut", 1000, 10, -1, "(10 of them unchanged) are not listed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteMarkdown(&buf, largeReport(tt.regressions, tt.unchanged)); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if n := utf8.RuneCountInString(out); n > MarkdownLimit {
				t.Errorf("output is %d characters, want at most %d", n, MarkdownLimit)
			}
			listed := strings.Count(out, "**regression**")
			if tt.wantListed >= 0 && listed != tt.wantListed {
				t.Errorf("regression rows = %d, want %d", listed, tt.wantListed)
			}
			if tt.wantNote == "" {
				if strings.Contains(out, "not listed") {
					t.Errorf("output leaves results out, want the complete report")
				}
				return
			}
			if !strings.Contains(out, tt.wantNote) {
				t.Errorf("output lacks %q", tt.wantNote)
			}
			if tt.wantListed < 0 {
				want := fmt.Sprintf("%d results (%d of them unchanged) are not listed", tt.regressions+tt.unchanged-listed, tt.unchanged)
				if !strings.Contains(out, want) {
					t.Errorf("output lists %d regressions but lacks %q", listed, want)
				}
				if listed == 0 {
					t.Error("output lists no regression, want as many as fit")
				}
			}
		})
	}
}
