package report

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/perfgate/perfgate/compare"
)

// JUnit XML elements, in the subset that CI test-report views read.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Skipped  int          `xml:"skipped,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Skipped    int             `xml:"skipped,attr"`
		Properties []junitProperty `xml:"properties>property,omitempty"`
		Cases      []junitCase     `xml:"testcase"`
		SystemOut  string          `xml:"system-out,omitempty"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		ClassName string        `xml:"classname,attr"`
		Failure   *junitMessage `xml:"failure,omitempty"`
		Skipped   *junitMessage `xml:"skipped,omitempty"`
		SystemOut string        `xml:"system-out,omitempty"`
	}
	junitMessage struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr,omitempty"`
		Text    string `xml:",chardata"`
	}
)

// junitNoPackage names the suite of results that have no "pkg:" line.
const junitNoPackage = "benchmarks"

// WriteJUnit writes r as JUnit XML: one test suite per package and one
// test case per benchmark and unit, named "Name-N unit". The mapping is:
//
//   - regression: a failure of type "regression";
//   - missing: a failure of type "missing", or skipped when the report
//     allows missing benchmarks, because then it does not fail the gate;
//   - inconclusive: skipped, because it neither passes nor fails the
//     gate, with the reason, which names what would settle it;
//   - improvement, unchanged and new: passed, with the change in
//     system-out.
//
// Each suite carries the settings as properties and the report's warnings
// and summary in its system-out, so any one suite is self-contained.
func WriteJUnit(w io.Writer, r *compare.Report) error {
	doc := junitSuites{Name: "perfgate compare"}
	props := junitProperties(r)
	footer := junitFooter(r)

	index := map[string]int{}
	for i := range r.Benchmarks {
		b := &r.Benchmarks[i]
		name := b.Pkg
		if name == "" {
			name = junitNoPackage
		}
		k, ok := index[name]
		if !ok {
			k = len(doc.Suites)
			index[name] = k
			doc.Suites = append(doc.Suites, junitSuite{Name: name, Properties: props, SystemOut: footer})
		}
		suite := &doc.Suites[k]
		c := junitTestCase(b, name, r.Settings.AllowMissing)
		suite.Tests++
		doc.Tests++
		if c.Failure != nil {
			suite.Failures++
			doc.Failures++
		}
		if c.Skipped != nil {
			suite.Skipped++
			doc.Skipped++
		}
		suite.Cases = append(suite.Cases, c)
	}

	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode report as JUnit XML: %w", err)
	}
	bw.WriteString("\n")
	return bw.Flush()
}

func junitTestCase(b *compare.Result, className string, allowMissing bool) junitCase {
	c := junitCase{Name: benchmarkName(b) + " " + b.Unit, ClassName: className}
	detail := fmt.Sprintf("baseline median %s, new median %s, delta %s, adjusted p %s",
		medianCell(b.Baseline, b.Unit), medianCell(b.New, b.Unit), deltaCell(b), pCell(b))
	message := string(b.Verdict)
	if b.Reason != "" {
		message += ": " + oneLine(b.Reason)
	}
	switch {
	case b.Verdict == compare.Regression, b.Verdict == compare.Missing && !allowMissing:
		c.Failure = &junitMessage{Message: message, Type: string(b.Verdict), Text: detail}
	case b.Verdict == compare.Inconclusive, b.Verdict == compare.Missing:
		c.Skipped = &junitMessage{Message: message, Text: detail}
	default:
		c.SystemOut = message + "; " + detail
	}
	return c
}

func junitProperties(r *compare.Report) []junitProperty {
	s := r.Settings
	return []junitProperty{
		{"verdict", r.Verdict},
		{"multiplier", fmt.Sprint(s.Multiplier)},
		{"multiplier_source", s.MultiplierSource},
		{"alpha", fmt.Sprint(s.Alpha)},
		{"correction", s.Correction},
		{"baseline", s.Baseline},
		{"perfgate_version", r.PerfgateVersion},
	}
}

func junitFooter(r *compare.Report) string {
	var sb strings.Builder
	if line := calibrationLine(r); line != "" {
		sb.WriteString(line + "\n")
	}
	for _, warning := range r.Warnings {
		sb.WriteString("warning: " + oneLine(warning) + "\n")
	}
	fmt.Fprintf(&sb, "%s: %s; %s", verdictWord(r), summaryCounts(r.Summary), settingsLine(r))
	return sb.String()
}
