package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/perfgate/perfgate/compare"
)

// MarkdownLimit is the maximum length, in characters, of the output of
// WriteMarkdown. It is the limit that GitHub's REST API enforces on a
// comment body, which it rejects with "Body is too long (maximum is 65536
// characters)".
const MarkdownLimit = 65536

// WriteMarkdown writes r as GitHub-flavoured Markdown for a pull-request
// comment or a step summary. It starts with a heading that holds the
// verdict and the summary line. A table of every result that is not
// unchanged follows, regressions and missing benchmarks first so a
// reviewer finds them without searching, then the unchanged results in a
// collapsed section,
// the calibration factor and the warnings. A package column appears only
// when the results span several packages.
//
// The output stays within MarkdownLimit characters. When the full report
// is longer, the unchanged results are left out first. If it is still too
// long, the table lists regressions and missing benchmarks first and ends
// with a count of the rows left out.
func WriteMarkdown(w io.Writer, r *compare.Report) error {
	head := markdownHead(r)
	tail := markdownTail(r)
	withPkg := multiplePackages(r)

	var changed, unchanged []*compare.Result
	for i := range r.Benchmarks {
		if r.Benchmarks[i].Verdict == compare.Unchanged {
			unchanged = append(unchanged, &r.Benchmarks[i])
		} else {
			changed = append(changed, &r.Benchmarks[i])
		}
	}
	slices.SortStableFunc(changed, func(a, b *compare.Result) int {
		return verdictRank(a.Verdict) - verdictRank(b.Verdict)
	})

	var body strings.Builder
	if len(changed) > 0 {
		body.WriteString("\n" + markdownTable(changed, withPkg))
	}
	if len(unchanged) > 0 {
		fmt.Fprintf(&body, "\n<details><summary>%s</summary>\n\n", plural(len(unchanged), "unchanged result", "unchanged results"))
		body.WriteString(markdownTable(unchanged, withPkg))
		body.WriteString("\n</details>\n")
	}
	if len(r.Benchmarks) == 0 {
		body.WriteString("\nNo benchmarks.\n")
	}

	out := head + body.String() + tail
	if utf8.RuneCountInString(out) > MarkdownLimit {
		out = head + shortMarkdownBody(changed, len(unchanged), withPkg, MarkdownLimit-utf8.RuneCountInString(head+tail)) + tail
	}
	_, err := io.WriteString(w, out)
	return err
}

// markdownHead returns the heading and the summary paragraph.
func markdownHead(r *compare.Report) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "### perfgate compare: %s\n\n", verdictWord(r))
	fmt.Fprintf(&sb, "%s; %s", summaryCounts(r.Summary), markdownText(settingsLine(r)))
	if r.Settings.Baseline != "" {
		fmt.Fprintf(&sb, "; baseline %s", codeSpan(r.Settings.Baseline))
	}
	sb.WriteString(".\n")
	return sb.String()
}

// markdownTail returns the calibration line and the warnings.
func markdownTail(r *compare.Report) string {
	var sb strings.Builder
	if line := calibrationLine(r); line != "" {
		fmt.Fprintf(&sb, "\n%s.\n", markdownText(line))
	}
	if len(r.Warnings) > 0 {
		sb.WriteString("\n**Warnings**\n\n")
		for _, warning := range r.Warnings {
			fmt.Fprintf(&sb, "- %s\n", markdownText(oneLine(warning)))
		}
	}
	return sb.String()
}

// shortMarkdownBody returns the table of changed results in at most budget
// characters, without the unchanged results. Rows are ordered by how much
// they need attention, and a final line counts the rows left out.
func shortMarkdownBody(changed []*compare.Result, unchanged int, withPkg bool, budget int) string {
	ordered := slices.Clone(changed)
	slices.SortStableFunc(ordered, func(a, b *compare.Result) int {
		return verdictRank(a.Verdict) - verdictRank(b.Verdict)
	})

	// The closing note is reserved first, at its longest, so the rows can
	// use the rest of the budget.
	note := func(leftChanged int) string {
		left := plural(unchanged, "unchanged result is", "unchanged results are")
		if leftChanged > 0 {
			left = fmt.Sprintf("%s (%d of them unchanged) are", plural(leftChanged+unchanged, "result", "results"), unchanged)
		}
		return fmt.Sprintf("\n%s not listed, to keep this report within GitHub's comment limit; run with -format text or -format json for every result.\n", left)
	}
	budget -= utf8.RuneCountInString(note(len(changed)))

	header := markdownTableHeader(withPkg)
	var rows strings.Builder
	used := utf8.RuneCountInString("\n" + header)
	listed := 0
	for _, b := range ordered {
		row := markdownRow(b, withPkg)
		if used+utf8.RuneCountInString(row) > budget {
			break
		}
		rows.WriteString(row)
		used += utf8.RuneCountInString(row)
		listed++
	}

	var sb strings.Builder
	if listed > 0 {
		sb.WriteString("\n" + header + rows.String())
	}
	sb.WriteString(note(len(changed) - listed))
	return sb.String()
}

// verdictRank orders verdicts by how much a reader needs to see them.
func verdictRank(v compare.Verdict) int {
	switch v {
	case compare.Regression:
		return 0
	case compare.Missing:
		return 1
	case compare.Inconclusive:
		return 2
	case compare.New:
		return 3
	case compare.Improvement:
		return 4
	}
	return 5
}

func markdownTable(results []*compare.Result, withPkg bool) string {
	var sb strings.Builder
	sb.WriteString(markdownTableHeader(withPkg))
	for _, b := range results {
		sb.WriteString(markdownRow(b, withPkg))
	}
	return sb.String()
}

func markdownTableHeader(withPkg bool) string {
	header := "| benchmark | unit | baseline median | new median | delta [CI] | p adjusted | verdict |\n"
	rule := "|---|---|--:|--:|--:|--:|---|\n"
	if withPkg {
		header = "| package " + header
		rule = "|---" + rule
	}
	return header + rule
}

func markdownRow(b *compare.Result, withPkg bool) string {
	var sb strings.Builder
	sb.WriteString("| ")
	if withPkg {
		sb.WriteString(codeSpan(b.Pkg) + " | ")
	}
	verdict := string(b.Verdict)
	if b.Verdict == compare.Regression || b.Verdict == compare.Missing {
		verdict = "**" + verdict + "**"
	}
	if needsReason(b) {
		verdict += ": " + markdownText(oneLine(b.Reason))
	}
	cells := []string{
		codeSpan(benchmarkName(b)), markdownText(b.Unit),
		medianCell(b.Baseline, b.Unit), medianCell(b.New, b.Unit),
		deltaCell(b), pCell(b), verdict,
	}
	sb.WriteString(strings.Join(cells, " | "))
	sb.WriteString(" |\n")
	return sb.String()
}

func multiplePackages(r *compare.Report) bool {
	for i := 1; i < len(r.Benchmarks); i++ {
		if r.Benchmarks[i].Pkg != r.Benchmarks[0].Pkg {
			return true
		}
	}
	return false
}

// markdownEscaper backslash-escapes the characters that Markdown or a
// table would otherwise interpret, and escapes HTML's < and & so a
// benchmark name cannot open a tag.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"|", `\|`, "#", `\#`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
)

// markdownText escapes s for use as plain text in a paragraph or table
// cell.
func markdownText(s string) string { return markdownEscaper.Replace(s) }

// codeSpan returns s as an inline code span that is safe inside a table.
// A pipe is escaped, because the GFM table extension splits cells at every
// unescaped pipe, code spans included, and drops the backslash. The fence
// is longer than any run of backquotes in s.
func codeSpan(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(oneLine(s), "|", `\|`)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}
