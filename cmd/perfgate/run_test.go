package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Throwaway modules for perfgate run. They use only the standard library.
const (
	runFixtureGoMod = "module example.com/tiny\n\ngo 1.26\n"
	runFixturePass  = "package tiny\n\nimport \"testing\"\n\nfunc BenchmarkSum(b *testing.B) {\n\tn := 0\n\tfor b.Loop() {\n\t\tn++\n\t}\n}\n"
	runFixtureFail  = "package tiny\n\nimport \"testing\"\n\nfunc BenchmarkBroken(b *testing.B) {\n\tb.Fatal(\"fixture failure 5d1e\")\n}\n"
	runFixtureBuild = "package tiny\n\nvar broken = undefinedName\n"
)

// runCLIResult is the outcome of one perfgate run invocation.
type runCLIResult struct {
	code           int
	stdout, stderr string
	output         string // the -o file
}

// runRunCLI runs "perfgate run args..." through the command dispatch in
// a throwaway module holding files, with the terminal check replaced.
// It must not run in parallel, because it replaces defaultRunDeps.
func runRunCLI(tb testing.TB, files map[string]string, terminal bool, args ...string) runCLIResult {
	tb.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		tb.Fatalf("the tests run the go command, which is not on PATH: %v", err)
	}
	dir := tb.TempDir()
	files["go.mod"] = runFixtureGoMod
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	// A workspace or GOFLAGS of the developer could break the tiny module.
	tb.Setenv("GOFLAGS", "")
	tb.Setenv("GOWORK", "off")
	tb.Setenv("GOTOOLCHAIN", "local")

	saved := defaultRunDeps
	tb.Cleanup(func() { defaultRunDeps = saved })
	defaultRunDeps = runDeps{
		dir:        dir,
		isTerminal: func(io.Writer) bool { return terminal },
		now:        func() time.Time { return time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC) },
	}

	output := filepath.Join(tb.TempDir(), "bench.txt")
	var stdout, stderr bytes.Buffer
	env := &cmdEnv{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	code := runEnv(context.Background(), append([]string{"run", "-o", output}, args...), env)
	return runCLIResult{code: code, stdout: stdout.String(), stderr: stderr.String(), output: output}
}

func TestRunCommandWritesResults(t *testing.T) {
	res := runRunCLI(t, map[string]string{"a_test.go": runFixturePass}, false, "-count", "3", "-benchtime", "1x", "-cpu", "1")
	if res.code != exitPass {
		t.Fatalf("exit status = %d, want %d; stderr:\n%s", res.code, exitPass, res.stderr)
	}
	if res.stderr != "" {
		t.Errorf("stderr off a terminal = %q, want nothing", res.stderr)
	}
	if res.stdout != "" {
		t.Errorf("stdout = %q, want nothing", res.stdout)
	}
	data, err := os.ReadFile(res.output)
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	for _, want := range []string{"goversion: go1.", "gomaxprocs: ", "start-time: 2026-03-04T05:06:07Z", "pkg: example.com/tiny"} {
		if !strings.Contains(got, want) {
			t.Errorf("results file lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\nBenchmarkSum "); n != 3 {
		t.Errorf("results file has %d BenchmarkSum lines, want 3 (-count 3 -cpu 1):\n%s", n, got)
	}
}

func TestRunCommandInterleave(t *testing.T) {
	res := runRunCLI(t, map[string]string{"a_test.go": runFixturePass}, false, "-count", "2", "-interleave", "-benchtime", "1x", "-cpu", "1")
	if res.code != exitPass {
		t.Fatalf("exit status = %d, want %d; stderr:\n%s", res.code, exitPass, res.stderr)
	}
	data, err := os.ReadFile(res.output)
	if err != nil {
		t.Fatal(err)
	}
	// Each go test run prints its own pkg line.
	if n := strings.Count(string(data), "\npkg: example.com/tiny\n"); n != 2 {
		t.Errorf("results file has %d pkg lines, want 2 (two go test runs):\n%s", n, data)
	}
}

func TestRunCommandProgressOnTerminal(t *testing.T) {
	res := runRunCLI(t, map[string]string{"a_test.go": runFixturePass}, true, "-count", "2", "-benchtime", "1x")
	if res.code != exitPass {
		t.Fatalf("exit status = %d, want %d; stderr:\n%s", res.code, exitPass, res.stderr)
	}
	for _, want := range []string{"2/2 benchmark runs", "wrote 2 results to " + res.output} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("stderr on a terminal lacks %q:\n%q", want, res.stderr)
		}
	}
}

func TestRunCommandFailures(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		want  []string // in stderr
	}{
		{
			name:  "no benchmark matched",
			files: map[string]string{"a_test.go": runFixturePass},
			args:  []string{"-bench", "NoSuchBenchmark"},
			want:  []string{"perfgate run: no benchmarks matched: -bench \"NoSuchBenchmark\" in .", "go test -list"},
		},
		{
			name:  "compile error",
			files: map[string]string{"a_test.go": runFixturePass, "b.go": runFixtureBuild},
			want:  []string{"perfgate run: go test failed: exit status 1", "undefined: undefinedName", "[build failed]"},
		},
		{
			name:  "failing benchmark",
			files: map[string]string{"a_test.go": runFixtureFail},
			want:  []string{"perfgate run: go test failed: exit status 1", "--- FAIL: BenchmarkBroken", "fixture failure 5d1e"},
		},
		{
			name: "invalid count",
			args: []string{"-count", "0"},
			want: []string{"perfgate run: invalid -count 0: must be at least 1"},
		},
		{
			name: "invalid cpu list",
			args: []string{"-cpu", "1,x"},
			want: []string{`perfgate run: invalid -cpu "1,x"`},
		},
		{
			name: "unknown flag",
			args: []string{"-benchmem"},
			want: []string{"flag provided but not defined: -benchmem", "run 'perfgate run -h' for the flags"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.files == nil {
				tt.files = map[string]string{"a_test.go": runFixturePass}
			}
			res := runRunCLI(t, tt.files, false, append([]string{"-benchtime", "1x"}, tt.args...)...)
			if res.code != exitError {
				t.Errorf("exit status = %d, want %d", res.code, exitError)
			}
			for _, want := range tt.want {
				if !strings.Contains(res.stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, res.stderr)
				}
			}
			if _, err := os.Stat(res.output); err == nil {
				t.Errorf("results file %s was written by a failed run", res.output)
			}
		})
	}
}

func TestRunCommandHelp(t *testing.T) {
	res := runRunCLI(t, map[string]string{}, false, "-h")
	if res.code != exitPass {
		t.Errorf("exit status = %d, want %d", res.code, exitPass)
	}
	for _, want := range []string{"usage: perfgate run", "-benchtime D", "-o FILE"} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("help lacks %q:\n%s", want, res.stderr)
		}
	}
}
