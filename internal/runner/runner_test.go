package runner

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixedStart is the injected start time of every run in these tests.
var fixedStart = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

// baseOptions returns options that run the module in dir quickly and write
// results into a fresh temporary directory.
func baseOptions(tb testing.TB, dir string) Options {
	tb.Helper()
	return Options{
		Count:      2,
		Benchtime:  "1x",
		Dir:        dir,
		Output:     filepath.Join(tb.TempDir(), "bench.txt"),
		Env:        childEnv(tb),
		GOMAXPROCS: 3,
		Now:        func() time.Time { return fixedStart },
	}
}

func readFile(tb testing.TB, path string) string {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

func countResultLines(text string) int {
	n := 0
	for _, line := range strings.Split(text, "\n") {
		if isResultLine(line) {
			n++
		}
	}
	return n
}

func TestRunWritesHeaderAndResults(t *testing.T) {
	dir := writeModule(t, map[string]string{"a_test.go": passingBench})
	opts := baseOptions(t, dir)

	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if res.Results != 2 {
		t.Errorf("Result.Results = %d, want 2", res.Results)
	}
	got := readFile(t, opts.Output)
	lines := strings.Split(got, "\n")
	if len(lines) < 3 {
		t.Fatalf("results file has %d lines, want a header and results:\n%s", len(lines), got)
	}
	if !strings.HasPrefix(lines[0], "goversion: go1.") {
		t.Errorf("line 1 = %q, want the goversion line", lines[0])
	}
	if lines[1] != "gomaxprocs: 3" {
		t.Errorf("line 2 = %q, want %q", lines[1], "gomaxprocs: 3")
	}
	if lines[2] != "start-time: 2026-03-04T05:06:07Z" {
		t.Errorf("line 3 = %q, want %q", lines[2], "start-time: 2026-03-04T05:06:07Z")
	}
	if strings.Contains(got, "commit:") {
		t.Errorf("results file has a commit line outside a git checkout:\n%s", got)
	}
	if n := countResultLines(got); n != 2 {
		t.Errorf("result lines = %d, want 2 (-count 2):\n%s", n, got)
	}
	if !strings.Contains(got, "pkg: example.com/tiny") {
		t.Errorf("results file lacks go test's own pkg line:\n%s", got)
	}
	assertOnlyFiles(t, filepath.Dir(opts.Output), "bench.txt")
}

func TestRunInterleave(t *testing.T) {
	tests := []struct {
		name       string
		interleave bool
		want       string // result names in file order
	}{
		{"in a row", false, "BenchmarkFirst BenchmarkFirst BenchmarkFirst BenchmarkSecond BenchmarkSecond BenchmarkSecond"},
		{"interleaved", true, "BenchmarkFirst BenchmarkSecond BenchmarkFirst BenchmarkSecond BenchmarkFirst BenchmarkSecond"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeModule(t, map[string]string{"a_test.go": twoBenches})
			opts := baseOptions(t, dir)
			opts.Count = 3
			opts.CPU = "1"
			opts.Interleave = tt.interleave

			res, err := Run(context.Background(), opts)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if res.Results != 6 {
				t.Errorf("Result.Results = %d, want 6", res.Results)
			}
			var names []string
			for _, line := range strings.Split(readFile(t, opts.Output), "\n") {
				if isResultLine(line) {
					names = append(names, strings.Fields(line)[0])
				}
			}
			if got := strings.Join(names, " "); got != tt.want {
				t.Errorf("result order = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestRunInterleaveNoMatchStopsEarly(t *testing.T) {
	dir := writeModule(t, map[string]string{"a_test.go": passingBench})
	opts := baseOptions(t, dir)
	opts.Bench = "NoSuchBenchmark"
	opts.Count = 3
	opts.Interleave = true

	_, err := Run(context.Background(), opts)
	if !errors.Is(err, ErrNoBenchmarks) {
		t.Fatalf("Run error = %v, want ErrNoBenchmarks", err)
	}
	// One "ok" line per go test run; the runner drops them from the
	// message but keeps them in the partial file.
	partial := readFile(t, opts.Output+".partial")
	if n := strings.Count(partial, "ok  \texample.com/tiny"); n != 1 {
		t.Errorf("go test ran %d times, want 1 (stop after a first pass without results):\n%s", n, partial)
	}
}

func TestRunCommitLine(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed; without it Run leaves the commit line out")
	}
	dir := writeModule(t, map[string]string{"a_test.go": passingBench})
	opts := baseOptions(t, dir)
	// Ignore the user's git configuration, such as commit signing.
	opts.Env = append(opts.Env, "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=test", "-c", "user.email=test@example.com"}, args...)...)
		cmd.Dir = dir
		cmd.Env = opts.Env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "fixture")
	head := git("rev-parse", "HEAD")

	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if want := "\ncommit: " + head + "\n"; !strings.Contains(readFile(t, opts.Output), want) {
		t.Errorf("clean checkout: results file lacks %q:\n%s", want, readFile(t, opts.Output))
	}

	if err := os.WriteFile(filepath.Join(dir, "a_test.go"), []byte(passingBench+"\n// changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if want := "\ncommit: " + head + "-dirty\n"; !strings.Contains(readFile(t, opts.Output), want) {
		t.Errorf("changed checkout: results file lacks %q:\n%s", want, readFile(t, opts.Output))
	}
}

func TestRunFailureKeepsPreviousResults(t *testing.T) {
	tests := []struct {
		name        string
		files       map[string]string
		bench       string
		wantNoMatch bool   // the error wraps ErrNoBenchmarks
		wantMessage string // in the error text, from the go tool's output
	}{
		{"no benchmark matched", map[string]string{"a_test.go": passingBench}, "NoSuchBenchmark", true, "no benchmarks matched"},
		{"no test files", map[string]string{"a.go": noBench}, ".", true, "[no test files]"},
		{"compile error", map[string]string{"a_test.go": passingBench, "b.go": compileError}, ".", false, "undefined: undefinedName"},
		{"failing benchmark", map[string]string{"a_test.go": failingBench}, ".", false, "fixture failure 7f3a"},
		{"panicking benchmark", map[string]string{"a_test.go": panickingBench}, ".", false, "fixture panic 91c2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeModule(t, tt.files)
			opts := baseOptions(t, dir)
			opts.Bench = tt.bench
			const previous = "previous good results\n"
			if err := os.WriteFile(opts.Output, []byte(previous), 0o644); err != nil {
				t.Fatal(err)
			}

			_, err := Run(context.Background(), opts)

			var gtErr *GoTestError
			if !errors.As(err, &gtErr) {
				t.Fatalf("Run error = %v, want a *GoTestError", err)
			}
			if got := errors.Is(err, ErrNoBenchmarks); got != tt.wantNoMatch {
				t.Errorf("errors.Is(err, ErrNoBenchmarks) = %v, want %v", got, tt.wantNoMatch)
			}
			if !strings.Contains(err.Error(), tt.wantMessage) {
				t.Errorf("error text lacks %q:\n%v", tt.wantMessage, err)
			}
			if !strings.Contains(err.Error(), opts.Output+" unchanged") {
				t.Errorf("error text does not say the results file is unchanged:\n%v", err)
			}
			if got := readFile(t, opts.Output); got != previous {
				t.Errorf("results file = %q, want the previous content %q", got, previous)
			}
			partial := readFile(t, opts.Output+".partial")
			if !strings.HasPrefix(partial, "goversion: ") {
				t.Errorf("partial output lacks the header:\n%s", partial)
			}
			// The go tool's message comes from standard output or, for a
			// build failure, standard error; the partial file has both.
			if !tt.wantNoMatch && !strings.Contains(partial, tt.wantMessage) {
				t.Errorf("partial output lacks %q:\n%s", tt.wantMessage, partial)
			}
			assertOnlyFiles(t, filepath.Dir(opts.Output), "bench.txt", "bench.txt.partial")
		})
	}
}

func TestRunSuccessRemovesStalePartial(t *testing.T) {
	dir := writeModule(t, map[string]string{"a_test.go": passingBench})
	opts := baseOptions(t, dir)
	if err := os.WriteFile(opts.Output+".partial", []byte("stale\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatalf("Run: %v", err)
	}
	assertOnlyFiles(t, filepath.Dir(opts.Output), "bench.txt")
}

func TestRunProgress(t *testing.T) {
	dir := writeModule(t, map[string]string{"a_test.go": passingBench})
	opts := baseOptions(t, dir)
	var progress bytes.Buffer
	opts.Progress = &progress

	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatalf("Run: %v", err)
	}
	got := progress.String()
	// The discovery run finds one benchmark; -count 2 makes two runs.
	for _, want := range []string{"1/2 benchmark runs", "2/2 benchmark runs", "last BenchmarkSum"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress output lacks %q:\n%q", want, got)
		}
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("progress output does not end by clearing its line:\n%q", got)
	}
}

func TestRunNoProgressWithoutWriter(t *testing.T) {
	dir := writeModule(t, map[string]string{"a_test.go": passingBench})
	opts := baseOptions(t, dir)
	opts.Progress = nil
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if res.Results != 2 {
		t.Errorf("Result.Results = %d, want 2", res.Results)
	}
}

func TestRunCanceled(t *testing.T) {
	dir := writeModule(t, map[string]string{"a_test.go": passingBench})
	opts := baseOptions(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	_, err := Run(ctx, opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run error = %v, want context.Canceled", err)
	}
	if _, statErr := os.Stat(opts.Output); !errors.Is(statErr, os.ErrNotExist) {
		t.Errorf("results file exists after a canceled run: %v", statErr)
	}
}

func TestRunInvalidOptions(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"negative count", func(o *Options) { o.Count = -1 }, "invalid -count -1"},
		{"zero cpu", func(o *Options) { o.CPU = "1,0" }, `invalid -cpu "1,0"`},
		{"word cpu", func(o *Options) { o.CPU = "two" }, `invalid -cpu "two"`},
		{"zero iterations", func(o *Options) { o.Benchtime = "0x" }, `invalid -benchtime "0x"`},
		{"negative duration", func(o *Options) { o.Benchtime = "-1s" }, `invalid -benchtime "-1s"`},
		{"unitless benchtime", func(o *Options) { o.Benchtime = "100" }, `invalid -benchtime "100"`},
		{"bad regexp", func(o *Options) { o.Bench = "Cache(" }, `invalid -bench "Cache("`},
		{"flag as package", func(o *Options) { o.Packages = []string{"-v"} }, `invalid package "-v"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{Output: filepath.Join(t.TempDir(), "bench.txt"), GoCommand: "/nonexistent/go"}
			tt.edit(&opts)
			_, err := Run(context.Background(), opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestRunMissingGoCommand(t *testing.T) {
	opts := Options{Output: filepath.Join(t.TempDir(), "bench.txt"), GoCommand: "/nonexistent/go"}
	_, err := Run(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "read the go version") {
		t.Errorf("Run error = %v, want one about reading the go version", err)
	}
}

// assertOnlyFiles fails t unless dir holds exactly the named files, so
// no temporary file is left behind.
func assertOnlyFiles(tb testing.TB, dir string, names ...string) {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		tb.Errorf("files in %s = %v, want %v", dir, got, names)
	}
}
