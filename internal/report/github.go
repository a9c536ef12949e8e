package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/perfgate/perfgate/compare"
)

// WriteAnnotations writes one GitHub Actions "::error" workflow command per
// result that fails the gate: every regression, and every missing benchmark
// unless the report allows missing ones. The runner turns each line it
// reads on a step's standard output into an annotation on the run.
func WriteAnnotations(w io.Writer, r *compare.Report) error {
	bw := bufio.NewWriter(w)
	for i := range r.Benchmarks {
		b := &r.Benchmarks[i]
		if b.Verdict != compare.Regression && (b.Verdict != compare.Missing || r.Settings.AllowMissing) {
			continue
		}
		title := fmt.Sprintf("perfgate %s: %s %s", b.Verdict, qualifiedName(b), b.Unit)
		message := fmt.Sprintf("%s %s: %s", qualifiedName(b), b.Unit, b.Verdict)
		if b.Verdict == compare.Regression {
			message += fmt.Sprintf(", median %s to %s (%s)",
				medianCell(b.Baseline, b.Unit), medianCell(b.New, b.Unit), deltaCell(b))
		}
		if b.Reason != "" {
			message += "\n" + b.Reason
		}
		fmt.Fprintf(bw, "::error title=%s::%s\n", EscapeProperty(title), EscapeData(message))
	}
	return bw.Flush()
}

// dataEscaper and propertyEscaper apply the escaping of escapeData and
// escapeProperty in GitHub's @actions/core toolkit. A Replacer makes one
// pass, so the "%" of an inserted escape is never escaped again.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// EscapeData escapes the message of a workflow command, the text after
// "::": %, carriage return and line feed.
func EscapeData(s string) string { return dataEscaper.Replace(s) }

// EscapeProperty escapes a property value of a workflow command, such as
// title=: the characters of EscapeData plus ":" and ",", which would end
// the value.
func EscapeProperty(s string) string { return propertyEscaper.Replace(s) }
