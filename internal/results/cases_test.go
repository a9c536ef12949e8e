package results

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// casesDir holds real benchmark files and bad inputs shared with the CLI
// tests.
const casesDir = "../../testdata/cases"

func casePath(name string) string { return filepath.Join(casesDir, name) }

func parseCase(t testing.TB, opts ParseOptions, names ...string) *Set {
	t.Helper()
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = casePath(n)
	}
	set, err := ParseFiles(paths, nil, opts)
	if err != nil {
		t.Fatalf("ParseFiles(%v) error: %v", names, err)
	}
	return set
}

// find returns the series with key k, or fails the test.
func find(t testing.TB, set *Set, k Key) *Series {
	t.Helper()
	for _, s := range set.Series {
		if s.Key == k {
			return s
		}
	}
	t.Fatalf("no series %+v among %d series", k, len(set.Series))
	return nil
}

func TestBadCases(t *testing.T) {
	tests := []struct {
		file     string
		want     error
		line     int
		contains string
	}{
		{"empty.txt", ErrNoResults, 0, "run go test with -bench"},
		{"no-results.txt", ErrNoResults, 0, "run go test with -bench"},
		{"non-finite.txt", ErrInvalidValue, 4, "NaN"},
		{"truncated.txt", ErrTruncated, 5, "rerun the benchmarks"},
		{"binary-garbage.txt", ErrNotBenchmark, 1, "not Go benchmark output"},
		{"long-name.txt", ErrLineTooLong, 3, "longer than 65535 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := casePath(tt.file)
			set, err := ParseFiles([]string{path}, nil, ParseOptions{})
			if err == nil {
				t.Fatalf("ParseFiles(%s) = %d series, want error", tt.file, len(set.Series))
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %q does not wrap %q", err, tt.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T is not *InputError", err)
			}
			if ie.File != path {
				t.Errorf("InputError.File = %q, want %q", ie.File, path)
			}
			if ie.Line != tt.line {
				t.Errorf("InputError.Line = %d, want %d", ie.Line, tt.line)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not contain %q", err, tt.contains)
			}
			if strings.Contains(err.Error(), "token too long") {
				t.Errorf("error %q is bufio's bare message", err)
			}
		})
	}
}

func TestNonFiniteNamesEachLine(t *testing.T) {
	// Each kind of invalid value is rejected, and the error names its line.
	head := "pkg: example.com/app/bench\n"
	tests := []struct {
		name  string
		value string
	}{
		{"nan", "NaN"},
		{"positive infinity", "+Inf"},
		{"negative infinity", "-Inf"},
		{"negative", "-12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := head + "BenchmarkParse-4 100 10 ns/op\nBenchmarkParse-4 100 " + tt.value + " ns/op\n"
			_, err := Parse("bench.txt", strings.NewReader(in), ParseOptions{})
			var ie *InputError
			if !errors.As(err, &ie) || !errors.Is(err, ErrInvalidValue) {
				t.Fatalf("Parse error = %v, want an InputError wrapping ErrInvalidValue", err)
			}
			if ie.Line != 3 {
				t.Errorf("InputError.Line = %d, want 3", ie.Line)
			}
		})
	}
}

func TestCRCOldNew(t *testing.T) {
	for _, tt := range []struct {
		file string
		note string
	}{
		{"crc-old.txt", "hw acceleration disabled"},
		{"crc-new.txt", "hw acceleration enabled"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			set := parseCase(t, ParseOptions{}, tt.file)
			if got := set.Env["note"]; !cmp.Equal(got, []string{tt.note}) {
				t.Errorf("Env[note] = %q, want [%q]", got, tt.note)
			}
			if got := set.Env["pkg"]; !cmp.Equal(got, []string{"hash/crc32"}) {
				t.Errorf("Env[pkg] = %q, want [hash/crc32]", got)
			}
			// 36 sub-benchmarks, each with ns/op and MB/s.
			if got := len(set.Series); got != 72 {
				t.Errorf("len(Series) = %d, want 72", got)
			}
			key := Key{Pkg: "hash/crc32", Name: "CRC32/poly=IEEE/size=15/align=0", Procs: 8}
			key.Unit = "ns/op"
			ns := find(t, set, key)
			key.Unit = "MB/s"
			mbs := find(t, set, key)
			if len(ns.Values) != 10 || len(mbs.Values) != 10 {
				t.Errorf("samples = %d ns/op and %d MB/s, want 10 each", len(ns.Values), len(mbs.Values))
			}
			if ns.Better != LowerIsBetter {
				t.Errorf("ns/op Better = %q, want %q", ns.Better, LowerIsBetter)
			}
			if mbs.Better != HigherIsBetter {
				t.Errorf("MB/s Better = %q, want %q", mbs.Better, HigherIsBetter)
			}
		})
	}
}

func TestCRCMergesAcrossNotes(t *testing.T) {
	set := parseCase(t, ParseOptions{}, "crc-old.txt", "crc-new.txt")
	if got, want := set.Env["note"], []string{"hw acceleration disabled", "hw acceleration enabled"}; !cmp.Equal(got, want) {
		t.Errorf("Env[note] = %q, want %q", got, want)
	}
	if got := len(set.Series); got != 72 {
		t.Errorf("len(Series) = %d, want 72: a config difference must not split series", got)
	}
	if got := len(set.Series[0].Values); got != 20 {
		t.Errorf("samples in merged series = %d, want 20", got)
	}
	if got := len(set.Files); got != 2 {
		t.Errorf("len(Files) = %d, want 2", got)
	}
}

func TestCRCFilterByNote(t *testing.T) {
	set := parseCase(t, ParseOptions{Filter: `note:"hw acceleration enabled"`}, "crc-old.txt", "crc-new.txt")
	if got := set.Env["note"]; !cmp.Equal(got, []string{"hw acceleration enabled"}) {
		t.Errorf("Env[note] = %q, want only the kept note", got)
	}
	if got := len(set.Series[0].Values); got != 10 {
		t.Errorf("samples = %d, want 10", got)
	}
}

func TestUnitsExact(t *testing.T) {
	tests := []struct {
		filter   string
		size     []float64
		nonExact []float64
	}{
		{"", []float64{100, 105}, []float64{100, 101, 101, 101, 101, 101}},
		{"note:before", []float64{100}, []float64{100, 101, 101}},
		{"note:after", []float64{105}, []float64{101, 101, 101}},
	}
	for _, tt := range tests {
		t.Run("filter="+tt.filter, func(t *testing.T) {
			set := parseCase(t, ParseOptions{Filter: tt.filter}, "units-exact.txt")
			size := find(t, set, Key{Name: "Size", Procs: 1, Unit: "text-bytes"})
			if !cmp.Equal(size.Values, tt.size) {
				t.Errorf("Size values = %v, want %v", size.Values, tt.size)
			}
			// The metadata line is about the unit, so it applies to every
			// benchmark that reports text-bytes.
			if !size.Exact {
				t.Errorf("Size Exact = false, want true from assume=exact")
			}
			non := find(t, set, Key{Name: "NonExact", Procs: 1, Unit: "text-bytes"})
			if !cmp.Equal(non.Values, tt.nonExact) {
				t.Errorf("NonExact values = %v, want %v", non.Values, tt.nonExact)
			}
		})
	}
}

func TestFiberDuplicateNames(t *testing.T) {
	set := parseCase(t, ParseOptions{}, "fiber-duplicate-names.txt")
	for _, tt := range []struct {
		pkg    string
		values []float64
	}{
		{"github.com/gofiber/fiber/v3/middleware/cache", []float64{19.01, 18.42}},
		{"github.com/gofiber/fiber/v3/middleware/csrf", []float64{0.2926, 0.2883}},
	} {
		t.Run(tt.pkg, func(t *testing.T) {
			s := find(t, set, Key{Pkg: tt.pkg, Name: "AppendMsgitem", Procs: 12, Unit: "ns/op"})
			if !cmp.Equal(s.Values, tt.values) {
				t.Errorf("values = %v, want %v", s.Values, tt.values)
			}
		})
	}
	// Two packages × four units; the bare progress lines add nothing.
	if got := len(set.Series); got != 8 {
		t.Errorf("len(Series) = %d, want 8", got)
	}
}

func TestOddWhitespace(t *testing.T) {
	set := parseCase(t, ParseOptions{}, "odd-whitespace.txt")
	want := []Key{
		{Name: "Fib10", Procs: 8, Unit: "ns/op"},
		{Name: "Fib20", Procs: 1, Unit: "ns/op"},
		{Name: "Fib/my_tabled_benchmark_-_10", Procs: 8, Unit: "ns/op"},
		{Name: "Fib/my_tabled_benchmark_-_20", Procs: 1, Unit: "ns/op"},
		{Name: "Fib/my/tabled/benchmark_-_20", Procs: 1, Unit: "ns/op"},
		{Name: "Fib/my/tabled/benchmark_-_20,var1=13,var2=14", Procs: 1, Unit: "ns/op"},
		{Name: "Fib11", Procs: 16, Unit: "ns/op"},
		{Name: "Fib11", Procs: 16, Unit: "auxMetricUnits"},
		{Name: "Fib22", Procs: 16, Unit: "ns/op"},
		{Name: "Fib22", Procs: 16, Unit: "auxMetricUnits"},
	}
	var got []Key
	for _, s := range set.Series {
		got = append(got, s.Key)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keys differ (-want +got):\n%s", diff)
	}
	if s := find(t, set, Key{Name: "Fib22", Procs: 16, Unit: "auxMetricUnits"}); !cmp.Equal(s.Values, []float64{4}) {
		t.Errorf("Fib22 auxMetricUnits = %v, want [4]", s.Values)
	}
}

func TestTest2JSONEqualsText(t *testing.T) {
	fromJSON := parseCase(t, ParseOptions{}, "test2json-split-lines.json")
	fromText, err := ParseFiles([]string{"testdata/test2json-split-lines.txt"}, nil, ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ignoreSource := func(s Series) Series { s.Source = ""; return s }
	if diff := cmp.Diff(fromText.Series, fromJSON.Series, cmp.Transformer("noSource", ignoreSource)); diff != "" {
		t.Errorf("series differ (-text +json):\n%s", diff)
	}
	if diff := cmp.Diff(fromText.Env, fromJSON.Env); diff != "" {
		t.Errorf("Env differs (-text +json):\n%s", diff)
	}
	parts := find(t, fromJSON, Key{Pkg: "example.com/t2j", Name: "Join/parts=4#01", Procs: 2, Unit: "parts/op"})
	if !cmp.Equal(parts.Values, []float64{64, 64, 64}) {
		t.Errorf("parts/op = %v, want [64 64 64]", parts.Values)
	}
	// Sources name the JSON line on which each series' first result line
	// starts.
	json := casePath("test2json-split-lines.json")
	first := find(t, fromJSON, Key{Pkg: "example.com/t2j", Name: "Join/parts=4", Procs: 2, Unit: "ns/op"})
	if want := json + ":12"; first.Source != want {
		t.Errorf("Join/parts=4 Source = %q, want %q", first.Source, want)
	}
	if want := json + ":19"; parts.Source != want {
		t.Errorf("Join/parts=4#01 Source = %q, want %q", parts.Source, want)
	}
}
