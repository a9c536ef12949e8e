package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/perfgate/perfgate/compare"
)

// Format is an output format of perfgate compare.
type Format string

// Formats accepted by Write and ParseFormat.
const (
	Text     Format = "text"
	Markdown Format = "markdown"
	JSON     Format = "json"
	JUnit    Format = "junit"
)

// Formats returns every format in the order the help text lists them.
func Formats() []Format { return []Format{Text, Markdown, JSON, JUnit} }

// ParseFormat returns the Format named s, or an error that lists the valid
// names.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats() {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, 0, len(Formats()))
	for _, f := range Formats() {
		names = append(names, string(f))
	}
	return "", fmt.Errorf("unknown format %q; use one of %s", s, strings.Join(names, ", "))
}

// Write renders r in format f to w.
func Write(w io.Writer, r *compare.Report, f Format) error {
	switch f {
	case Text:
		return WriteText(w, r)
	case Markdown:
		return WriteMarkdown(w, r)
	case JSON:
		return WriteJSON(w, r)
	case JUnit:
		return WriteJUnit(w, r)
	}
	return fmt.Errorf("unknown format %q", f)
}
