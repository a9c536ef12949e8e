package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"
)

// unescapeCommand reverses EscapeProperty, as the Actions runner does.
var unescapeCommand = strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")

func FuzzEscapeProperty(f *testing.F) {
	for _, seed := range []string{"", "a:b,c", "100%", "%0A", "x\r\ny", "::error"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		escaped := EscapeProperty(s)
		if strings.ContainsAny(escaped, ":,\r\n") {
			t.Errorf("EscapeProperty(%q) = %q, which still contains a separator", s, escaped)
		}
		if got := unescapeCommand.Replace(escaped); got != s {
			t.Errorf("unescape(EscapeProperty(%q)) = %q, want the input back", s, got)
		}
	})
}

func FuzzWriters(f *testing.F) {
	f.Add("Get/size=1", "ns/op", "example.com/p", "slower", "note differs")
	f.Add("a|b`c<d>", "MB/s", "", "x\ny", "100%|")
	f.Fuzz(func(t *testing.T, name, unit, pkg, reason, warning string) {
		r := fixtureReport()
		r.Warnings = append(r.Warnings, warning)
		r.Benchmarks[0].Name, r.Benchmarks[0].Unit, r.Benchmarks[0].Pkg, r.Benchmarks[0].Reason = name, unit, pkg, reason
		for _, format := range Formats() {
			var buf bytes.Buffer
			if err := Write(&buf, r, format); err != nil {
				t.Fatalf("Write(%s): %v", format, err)
			}
			if format == JSON && !json.Valid(buf.Bytes()) {
				t.Fatalf("Write(json) produced invalid JSON")
			}
			if format == JUnit {
				var doc junitSuites
				if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
					t.Fatalf("Write(junit) produced XML that does not parse: %v", err)
				}
			}
			if format == Markdown && utf8.RuneCount(buf.Bytes()) > MarkdownLimit {
				t.Fatalf("Write(markdown) produced more than %d characters", MarkdownLimit)
			}
		}
		var buf bytes.Buffer
		if err := WriteAnnotations(&buf, r); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
			if !strings.HasPrefix(line, "::error title=") {
				t.Errorf("annotation line %q does not start a workflow command", line)
			}
		}
	})
}
