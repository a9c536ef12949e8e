package results

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func parseString(t testing.TB, in string, opts ParseOptions) *Set {
	t.Helper()
	set, err := Parse("bench.txt", strings.NewReader(in), opts)
	if err != nil {
		t.Fatalf("Parse error: %v\ninput:\n%s", err, in)
	}
	return set
}

func TestParseNameAndProcs(t *testing.T) {
	tests := []struct {
		line  string
		name  string
		procs int
	}{
		{"BenchmarkA-8 1 5 ns/op", "A", 8},
		{"BenchmarkA 1 5 ns/op", "A", 1},
		{"BenchmarkA/size=4k-16 1 5 ns/op", "A/size=4k", 16},
		{"BenchmarkA/x-y 1 5 ns/op", "A/x-y", 1},
		{"BenchmarkA/x- 1 5 ns/op", "A/x-", 1},
		{"BenchmarkA/n=-2-4 1 5 ns/op", "A/n=-2", 4},
		{"BenchmarkA#01-2 1 5 ns/op", "A#01", 2},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			set := parseString(t, tt.line+"\n", ParseOptions{})
			got := set.Series[0].Key
			if got.Name != tt.name || got.Procs != tt.procs {
				t.Errorf("name, procs = %q, %d; want %q, %d", got.Name, got.Procs, tt.name, tt.procs)
			}
		})
	}
}

func TestParseBetter(t *testing.T) {
	in := "Unit score better=higher\nUnit latency-ns better=lower\n" +
		"BenchmarkA 1 5 ns/op 3 MB/s 7 B/s 2 ops/s 9 score 4 latency-ns 8 B/op 1 allocs/op 6 custom\n"
	set := parseString(t, in, ParseOptions{})
	want := map[string]string{
		"ns/op":      LowerIsBetter,
		"MB/s":       HigherIsBetter,
		"B/s":        HigherIsBetter,
		"ops/s":      HigherIsBetter,
		"score":      HigherIsBetter,
		"latency-ns": LowerIsBetter,
		"B/op":       LowerIsBetter,
		"allocs/op":  LowerIsBetter,
		"custom":     LowerIsBetter,
	}
	for _, s := range set.Series {
		if s.Better != want[s.Unit] {
			t.Errorf("unit %s: Better = %q, want %q", s.Unit, s.Better, want[s.Unit])
		}
	}
	if len(set.Series) != len(want) {
		t.Errorf("len(Series) = %d, want %d", len(set.Series), len(want))
	}
}

func TestParseKeepsUnitAsWritten(t *testing.T) {
	// benchfmt converts ns/op to sec/op internally; the set keeps the
	// input's unit and value, including a zero that benchfmt leaves as is.
	set := parseString(t, "BenchmarkA 1 5 ns/op\nBenchmarkA 1 0 ns/op\nBenchmarkA 1 2.5 MB/s\n", ParseOptions{})
	if len(set.Series) != 2 {
		t.Fatalf("len(Series) = %d, want 2", len(set.Series))
	}
	if got := set.Series[0]; got.Unit != "ns/op" || !cmp.Equal(got.Values, []float64{5, 0}) {
		t.Errorf("first series = %s %v, want ns/op [5 0]", got.Unit, got.Values)
	}
	if got := set.Series[1]; got.Unit != "MB/s" || !cmp.Equal(got.Values, []float64{2.5}) {
		t.Errorf("second series = %s %v, want MB/s [2.5]", got.Unit, got.Values)
	}
}

func TestParseProgressLines(t *testing.T) {
	in := "BenchmarkA\nBenchmarkA   \t\nBenchmarkA-2 1 5 ns/op\n"
	set := parseString(t, in, ParseOptions{})
	if len(set.Series) != 1 || !cmp.Equal(set.Series[0].Values, []float64{5}) {
		t.Errorf("series = %d, want one with [5]", len(set.Series))
	}
}

func TestParseUnterminatedLastLine(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr error
	}{
		{"complete line", "BenchmarkA 1 5 ns/op 3 B/op\nBenchmarkA 1 6 ns/op 3 B/op", nil},
		{"single line", "BenchmarkA 1 5 ns/op", nil},
		{"cut in unit", "BenchmarkA 1 5 ns/op 3 B/op\nBenchmarkA 1 6 ns/op 3 B/", ErrTruncated},
		{"cut before unit", "BenchmarkA 1 5 ns/op 3 B/op\nBenchmarkA 1 6 ns/op 3", ErrTruncated},
		{"cut in value", "BenchmarkA 1 5 ns/op\nBenchmarkA 1", ErrTruncated},
		{"fewer units mid-file", "BenchmarkA 1 5 ns/op 3 B/op 1 allocs/op\nBenchmarkA 1 6 ns/op 3 B/o\nok\n", ErrTruncated},
		{"PASS glued to unit", "BenchmarkA 1 5 ns/op 3 B/PASS\nok\n", ErrTruncated},
		{"different unit sets", "BenchmarkA 1 5 ns/op\nBenchmarkA 1 6 ns/op 2 hits\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bench.txt", strings.NewReader(tt.in), ParseOptions{})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Parse error = %v, want %v", err, tt.wantErr)
			}
			var ie *InputError
			if tt.wantErr != nil && (!errors.As(err, &ie) || ie.Line != 2 && ie.Line != 1) {
				t.Errorf("error %v does not name the cut line", err)
			}
		})
	}
}

func TestParseInputErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
		line int
	}{
		{"bad iteration count", "BenchmarkA x 5 ns/op\n", ErrSyntax, 1},
		{"missing unit mid-file", "BenchmarkA 1 5\nBenchmarkA 1 5 ns/op\n", ErrSyntax, 1},
		{"invalid better", "Unit x better=sideways\nBenchmarkA 1 5 x\n", ErrUnitMetadata, 1},
		{"invalid assume", "Unit x assume=normal\nBenchmarkA 1 5 x\n", ErrUnitMetadata, 1},
		{"NUL byte", "BenchmarkA 1 5 ns/op\nab\x00c\n", ErrNotBenchmark, 2},
		{"invalid UTF-8", "goos: linux\n\xff\xfe\n", ErrNotBenchmark, 2},
		{"only config", "goos: linux\ngoarch: amd64\n", ErrNoResults, 0},
		{"long line", "BenchmarkA 1 5 ns/op\n" + strings.Repeat("x", MaxLineBytes+1) + "\n", ErrLineTooLong, 2},
		{"JSON without Action", `{"Output":"x"}` + "\n", ErrNotBenchmark, 1},
		{"JSON broken line", `{"Action":"start","Package":"p"}` + "\n{\"Action\":\n", ErrNotBenchmark, 2},
		{"JSON no results", `{"Action":"output","Package":"p","Output":"PASS\n"}` + "\n", ErrNoResults, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bench.txt", strings.NewReader(tt.in), ParseOptions{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse error = %v, want %v", err, tt.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T is not *InputError", err)
			}
			if ie.Line != tt.line {
				t.Errorf("InputError.Line = %d, want %d (error %v)", ie.Line, tt.line, err)
			}
			if ie.File != "bench.txt" {
				t.Errorf("InputError.File = %q, want bench.txt", ie.File)
			}
		})
	}
}

func TestParseLongestLine(t *testing.T) {
	name := strings.Repeat("x", MaxLineBytes-len("Benchmark 1 5 ns/op"))
	set := parseString(t, "Benchmark"+name+" 1 5 ns/op\n", ParseOptions{})
	if got := len(set.Series[0].Name); got != len(name) {
		t.Errorf("name length = %d, want %d", got, len(name))
	}
}

func TestParseFilesStdinAndMerge(t *testing.T) {
	stdin := strings.NewReader("pkg: p\nBenchmarkA-2 1 7 ns/op\n")
	set, err := ParseFiles([]string{"-", casePath("fiber-duplicate-names.txt")}, stdin, ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := set.Files, []string{"-", casePath("fiber-duplicate-names.txt")}; !cmp.Equal(got, want) {
		t.Errorf("Files = %q, want %q", got, want)
	}
	if got := set.Series[0]; got.Pkg != "p" || got.Source != "<stdin>:2" {
		t.Errorf("first series = pkg %q from %q, want pkg p from <stdin>:2", got.Pkg, got.Source)
	}
	if got := len(set.Series); got != 9 {
		t.Errorf("len(Series) = %d, want 9", got)
	}
}

func TestParseFilesErrors(t *testing.T) {
	tests := []struct {
		name     string
		paths    []string
		opts     ParseOptions
		contains string
	}{
		{"no paths", nil, ParseOptions{}, "no results files given"},
		{"missing file", []string{"testdata/does-not-exist.txt"}, ParseOptions{}, "testdata/does-not-exist.txt: cannot open results file: no such file or directory"},
		{"invalid filter", []string{casePath("units-exact.txt")}, ParseOptions{Filter: "note:("}, `invalid filter "note:("`},
		{"filter matches nothing", []string{casePath("units-exact.txt")}, ParseOptions{Filter: "note:never"}, `filter "note:never" matched no results`},
		{"directory", []string{"testdata"}, ParseOptions{}, "testdata:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := ParseFiles(tt.paths, nil, tt.opts)
			if err == nil {
				t.Fatalf("ParseFiles = %d series, want error", len(set.Series))
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not contain %q", err, tt.contains)
			}
		})
	}
}

func TestParseTest2JSONPackages(t *testing.T) {
	// Events of two packages interleave; each package's text is joined on
	// its own, and a result split over two events is read once.
	events := []string{
		`{"Action":"output","Package":"a","Output":"pkg: a\n"}`,
		`{"Action":"output","Package":"b","Output":"pkg: b\n"}`,
		`{"Action":"output","Package":"a","Output":"BenchmarkX-2 \t"}`,
		`{"Action":"output","Package":"b","Output":"BenchmarkX-2 \t"}`,
		`{"Action":"output","Package":"a","Output":"10\t5 ns/op\n"}`,
		`{"Action":"output","Package":"b","Output":"10\t7 ns/op\n"}`,
		`{"Action":"pass","Package":"b"}`,
		``,
		`{"Action":"output","Package":"a","Output":"BenchmarkX-2 10 6 ns/op\n"}`,
	}
	set := parseString(t, strings.Join(events, "\n")+"\n", ParseOptions{})
	want := map[string][]float64{"a": {5, 6}, "b": {7}}
	for _, s := range set.Series {
		if !cmp.Equal(s.Values, want[s.Pkg]) {
			t.Errorf("package %s values = %v, want %v", s.Pkg, s.Values, want[s.Pkg])
		}
	}
	if len(set.Series) != 2 {
		t.Errorf("len(Series) = %d, want 2", len(set.Series))
	}
	if got := set.Series[0].Source; got != "bench.txt:4" {
		t.Errorf("first series Source = %q, want bench.txt:4 (package b is parsed first, and its result starts there)", got)
	}
}

func TestParseTest2JSONErrorLine(t *testing.T) {
	events := []string{
		`{"Action":"start","Package":"a"}`,
		`{"Action":"output","Package":"a","Output":"BenchmarkX-2 10 5 ns/op\n"}`,
		`{"Action":"output","Package":"a","Output":"BenchmarkX-2 10 "}`,
		`{"Action":"output","Package":"a","Output":"NaN ns/op\n"}`,
		`{"Action":"pass","Package":"a"}`,
	}
	_, err := Parse("bench.json", strings.NewReader(strings.Join(events, "\n")), ParseOptions{})
	var ie *InputError
	if !errors.As(err, &ie) || !errors.Is(err, ErrInvalidValue) {
		t.Fatalf("Parse error = %v, want ErrInvalidValue", err)
	}
	if ie.Line != 3 {
		t.Errorf("InputError.Line = %d, want 3, the JSON line where the result starts", ie.Line)
	}
}

func TestParseDoesNotReadRealEnv(t *testing.T) {
	t.Setenv("CI", "true")
	t.Setenv("GOMAXPROCS", "3")
	set := parseString(t, "BenchmarkA 1 5 ns/op\n", ParseOptions{})
	if got := set.Series[0].Procs; got != 1 {
		t.Errorf("Procs = %d, want 1 whatever the environment", got)
	}
}

func TestParseFilterByFile(t *testing.T) {
	in := "goos: linux\nBenchmarkA 1 5 ns/op\n"
	set := parseString(t, in, ParseOptions{Filter: ".file:bench.txt"})
	if len(set.Series) != 1 {
		t.Errorf("len(Series) = %d, want 1", len(set.Series))
	}
	if _, ok := set.Env[".file"]; ok {
		t.Errorf("Env lists .file: %q", set.Env)
	}
	if _, err := Parse("bench.txt", strings.NewReader(in), ParseOptions{Filter: ".file:other.txt"}); !errors.Is(err, ErrFilterMatched) {
		t.Errorf("filter on another file: error %v, want ErrFilterMatched", err)
	}
}

func TestParseCRLF(t *testing.T) {
	set := parseString(t, "pkg: p\r\nBenchmarkA-2 1 5 ns/op\r\nBenchmarkA-2 1 6 ns/op\r\n", ParseOptions{})
	if got := set.Series[0]; got.Pkg != "p" || got.Unit != "ns/op" || !cmp.Equal(got.Values, []float64{5, 6}) {
		t.Errorf("series = pkg %q unit %q %v, want pkg p ns/op [5 6]", got.Pkg, got.Unit, got.Values)
	}
}
