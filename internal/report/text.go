package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/perfgate/perfgate/compare"
)

// textHeader names the columns of the text table.
var textHeader = []string{"benchmark", "unit", "baseline median", "new median", "delta [CI]", "p adjusted", "verdict"}

// textRightAligned marks the numeric columns of the text table.
var textRightAligned = []bool{false, false, true, true, true, true, false}

// WriteText writes r as an aligned table for a terminal, followed by the
// reasons for regressions, inconclusive and missing results, the
// calibration factor, the warnings, and a one-line summary last. Results of
// each package are grouped under a "pkg:" line.
func WriteText(w io.Writer, r *compare.Report) error {
	bw := bufio.NewWriter(w)

	// Rows are collected first because every column width depends on all
	// rows. A nil row marks a "pkg:" line in front of the next row.
	var rows [][]string
	var pkgs []string
	pkg := "\x00" // no package has this name, so the first row starts a group
	for i := range r.Benchmarks {
		b := &r.Benchmarks[i]
		if b.Pkg != pkg {
			pkg = b.Pkg
			rows = append(rows, nil)
			pkgs = append(pkgs, pkg)
		}
		rows = append(rows, []string{
			benchmarkName(b), b.Unit,
			medianCell(b.Baseline, b.Unit), medianCell(b.New, b.Unit),
			deltaCell(b), pCell(b), string(b.Verdict),
		})
	}
	widths := columnWidths(textHeader, rows)

	writeRow(bw, textHeader, widths)
	group := 0
	for _, row := range rows {
		if row == nil {
			if pkgs[group] != "" {
				fmt.Fprintf(bw, "pkg: %s\n", pkgs[group])
			}
			group++
			continue
		}
		writeRow(bw, row, widths)
	}
	if len(r.Benchmarks) == 0 {
		fmt.Fprintln(bw, "(no benchmarks)")
	}

	writeTextNotes(bw, r)
	fmt.Fprintf(bw, "\n%s: %s; %s\n", verdictWord(r), summaryCounts(r.Summary), settingsLine(r))
	return bw.Flush()
}

// writeTextNotes writes the sections between the table and the summary.
func writeTextNotes(w io.Writer, r *compare.Report) {
	first := true
	for i := range r.Benchmarks {
		b := &r.Benchmarks[i]
		if !needsReason(b) {
			continue
		}
		if first {
			fmt.Fprintln(w, "\nreasons:")
			first = false
		}
		fmt.Fprintf(w, "  %s %s: %s: %s\n", qualifiedName(b), b.Unit, b.Verdict, oneLine(b.Reason))
	}
	if line := calibrationLine(r); line != "" {
		fmt.Fprintf(w, "\n%s\n", line)
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintln(w, "\nwarnings:")
		for _, warning := range r.Warnings {
			fmt.Fprintf(w, "  - %s\n", oneLine(warning))
		}
	}
}

// qualifiedName returns the package and benchmark name, which together
// identify a benchmark across packages.
func qualifiedName(b *compare.Result) string {
	if b.Pkg == "" {
		return benchmarkName(b)
	}
	return b.Pkg + " " + benchmarkName(b)
}

// oneLine replaces line breaks so that one note stays on one line.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

func columnWidths(header []string, rows [][]string) []int {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	return widths
}

// writeRow writes cells padded to widths, two spaces apart, with no
// trailing spaces.
func writeRow(w io.Writer, cells []string, widths []int) {
	var sb strings.Builder
	for i, cell := range cells {
		pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
		if i > 0 {
			sb.WriteString("  ")
		}
		if textRightAligned[i] {
			sb.WriteString(pad + cell)
		} else if i < len(cells)-1 {
			sb.WriteString(cell + pad)
		} else {
			sb.WriteString(cell)
		}
	}
	fmt.Fprintln(w, sb.String())
}
