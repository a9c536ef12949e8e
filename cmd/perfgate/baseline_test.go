package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/perfgate/perfgate/baseline"
)

// baselineTestDir holds the golden files of perfgate baseline; the shared
// input files are in ../../testdata/cases.
const baselineTestDir = "testdata/baseline"

var fixedNow = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

type baselineRun struct {
	code   int
	stdout string
	stderr string
}

// runBaselineCLI runs "perfgate baseline args..." in-process through the
// real dispatcher, with an empty environment.
func runBaselineCLI(tb testing.TB, stdin string, args ...string) baselineRun {
	tb.Helper()
	var stdout, stderr bytes.Buffer
	code := runEnv(context.Background(), append([]string{"baseline"}, args...), &cmdEnv{
		stdin:  strings.NewReader(stdin),
		stdout: &stdout,
		stderr: &stderr,
		getenv: func(string) string { return "" },
	})
	return baselineRun{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// saveFixedBaseline runs perfgate baseline save with a fixed clock, so the
// file's content is reproducible.
func saveFixedBaseline(tb testing.TB, args ...string) {
	tb.Helper()
	var stdout, stderr bytes.Buffer
	env := &cmdEnv{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	deps := baselineDeps{now: func() time.Time { return fixedNow }}
	if err := runBaseline(context.Background(), append([]string{"save"}, args...), env, deps); err != nil {
		tb.Fatalf("baseline save %q: %v\nstderr: %s", args, err, stderr.String())
	}
}

func caseFile(name string) string { return filepath.Join("../../testdata/cases", name) }

func checkBaselineGolden(tb testing.TB, name, got string) {
	tb.Helper()
	checkGolden(tb, filepath.Join(baselineTestDir, name), got)
}

func TestBaselineSaveBadInput(t *testing.T) {
	tests := []struct {
		file string
		line string // "" when the message names no line
	}{
		{"empty.txt", ""},
		{"no-results.txt", ""},
		{"non-finite.txt", ":4:"},
		{"truncated.txt", ":5:"},
		{"binary-garbage.txt", ":1:"},
		{"long-name.txt", ":3:"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "baseline.json")
			old := []byte("previous baseline\n")
			if err := os.WriteFile(out, old, 0o644); err != nil {
				t.Fatal(err)
			}
			fresh := filepath.Join(dir, "new", "baseline.json")

			for _, target := range []string{out, fresh} {
				res := runBaselineCLI(t, "", "save", "-o", target, caseFile(tt.file))
				if res.code != exitError {
					t.Errorf("exit status = %d, want %d", res.code, exitError)
				}
				if res.stdout != "" {
					t.Errorf("stdout = %q, want nothing", res.stdout)
				}
				if !strings.HasPrefix(res.stderr, "perfgate baseline: "+caseFile(tt.file)+tt.line) {
					t.Errorf("stderr = %q, want it to start with the file%s", res.stderr, tt.line)
				}
				if n := strings.Count(res.stderr, "\n"); n != 1 {
					t.Errorf("stderr has %d lines, want one message:\n%s", n, res.stderr)
				}
			}
			if got, _ := os.ReadFile(out); !bytes.Equal(got, old) {
				t.Errorf("existing baseline changed to %q", got)
			}
			if _, err := os.Stat(filepath.Dir(fresh)); !os.IsNotExist(err) {
				t.Errorf("Stat(%s) = %v, want nothing created", filepath.Dir(fresh), err)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("directory holds %d entries, want only the old baseline", len(entries))
			}
		})
	}
}

func TestBaselineSaveRealCases(t *testing.T) {
	tests := []struct {
		files  []string
		series int
	}{
		{[]string{"crc-old.txt"}, 72},
		{[]string{"crc-old.txt", "crc-new.txt"}, 72},
		{[]string{"fiber-duplicate-names.txt"}, 8},
		{[]string{"odd-whitespace.txt"}, 10},
		{[]string{"test2json-split-lines.json"}, 8},
		{[]string{"units-exact.txt"}, 2},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.files, "+"), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "baseline.json")
			args := []string{"save", "-o", out}
			for _, f := range tt.files {
				args = append(args, caseFile(f))
			}
			res := runBaselineCLI(t, "", args...)
			if res.code != exitPass {
				t.Fatalf("exit status = %d, want 0; stderr: %s", res.code, res.stderr)
			}
			b, err := baseline.Load(out)
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Benchmarks) != tt.series {
				t.Errorf("saved %d series, want %d", len(b.Benchmarks), tt.series)
			}
			if !strings.HasPrefix(res.stdout, "wrote "+out+": ") {
				t.Errorf("stdout = %q, want a line naming %s", res.stdout, out)
			}
		})
	}
}

func TestBaselineSaveFilter(t *testing.T) {
	for _, tt := range []struct {
		filter string
		size   []float64
	}{
		{"note:before", []float64{100}},
		{"note:after", []float64{105}},
	} {
		t.Run(tt.filter, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "b.json")
			// --flag spelling works as well as -flag.
			res := runBaselineCLI(t, "", "save", "--o", out, "--filter", tt.filter, caseFile("units-exact.txt"))
			if res.code != exitPass {
				t.Fatalf("exit status = %d, want 0; stderr: %s", res.code, res.stderr)
			}
			b, err := baseline.Load(out)
			if err != nil {
				t.Fatal(err)
			}
			if got := b.Benchmarks[0].Samples; b.Benchmarks[0].Name != "Size" || !cmp.Equal(got, tt.size) {
				t.Errorf("first series %s = %v, want Size %v", b.Benchmarks[0].Name, got, tt.size)
			}
			if !b.Benchmarks[0].Exact {
				t.Error("Size is not exact, want exact from the Unit metadata line")
			}
		})
	}
}

func TestBaselineSaveStdin(t *testing.T) {
	data, err := os.ReadFile(caseFile("fiber-duplicate-names.txt"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "b.json")
	res := runBaselineCLI(t, string(data), "save", "-o", out, "-")
	if res.code != exitPass {
		t.Fatalf("exit status = %d, want 0; stderr: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stdout, "from standard input") {
		t.Errorf("stdout = %q, want it to name standard input", res.stdout)
	}
}

func TestBaselineUsage(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"help", []string{"-h"}, exitPass, "usage: perfgate baseline save"},
		{"long help", []string{"--help"}, exitPass, "usage: perfgate baseline save"},
		{"save help", []string{"save", "-h"}, exitPass, "-filter expression"},
		{"show help", []string{"show", "--h"}, exitPass, "usage: perfgate baseline show"},
		{"no subcommand", nil, exitError, "missing subcommand"},
		{"unknown subcommand", []string{"load"}, exitError, `unknown subcommand "load"`},
		{"save without results", []string{"save"}, exitError, "missing RESULTS"},
		{"save unknown flag", []string{"save", "-x", "a.txt"}, exitError, "flag provided but not defined: -x"},
		{"show two files", []string{"show", "a.json", "b.json"}, exitError, "too many arguments"},
		{"invalid filter", []string{"save", "-o", "never-written.json", "-filter", "note:(", caseFile("units-exact.txt")}, exitError, `invalid filter "note:("`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runBaselineCLI(t, "", tt.args...)
			if res.code != tt.code {
				t.Errorf("exit status = %d, want %d", res.code, tt.code)
			}
			if !strings.Contains(res.stderr, tt.contains) {
				t.Errorf("stderr does not contain %q:\n%s", tt.contains, res.stderr)
			}
			if res.stdout != "" {
				t.Errorf("stdout = %q, want nothing", res.stdout)
			}
		})
	}
	if _, err := os.Stat("never-written.json"); !os.IsNotExist(err) {
		t.Errorf("Stat(never-written.json) = %v, want no file", err)
	}
}

func TestBaselineShowErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name     string
		path     string
		contains string
	}{
		{"missing", filepath.Join(dir, "absent.json"), "no such file"},
		{"corrupt", write("corrupt.json", "{\"version\": 1,\n\"benchmarks\": [}"), "invalid JSON at line 2"},
		{"truncated", write("truncated.json", "{\"version\": 1, \"benchmarks\": ["), "truncated at line 1"},
		{"newer version", write("v2.json", `{"version": 2}`), "written by a newer perfgate"},
		{"results file", caseFile("crc-old.txt"), "invalid JSON at line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runBaselineCLI(t, "", "show", tt.path)
			if res.code != exitError {
				t.Errorf("exit status = %d, want %d", res.code, exitError)
			}
			if !strings.Contains(res.stderr, tt.path) || !strings.Contains(res.stderr, tt.contains) {
				t.Errorf("stderr = %q, want it to name %s and contain %q", res.stderr, tt.path, tt.contains)
			}
			if res.stdout != "" {
				t.Errorf("stdout = %q, want nothing", res.stdout)
			}
		})
	}
}

func TestBaselineGolden(t *testing.T) {
	tests := []struct {
		name  string
		files []string
	}{
		{"fiber-units", []string{"units-exact.txt", "fiber-duplicate-names.txt"}},
		{"odd-whitespace", []string{"odd-whitespace.txt"}},
		{"crc-old", []string{"crc-old.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			saved := filepath.Join(t.TempDir(), "baseline.json")
			args := []string{"-o", saved}
			for _, f := range tt.files {
				args = append(args, caseFile(f))
			}
			saveFixedBaseline(t, args...)
			data, err := os.ReadFile(saved)
			if err != nil {
				t.Fatal(err)
			}
			checkBaselineGolden(t, tt.name+".json", string(data))

			// Show the committed file, so its path in the output is stable.
			res := runBaselineCLI(t, "", "show", filepath.Join(baselineTestDir, tt.name+".json"))
			if res.code != exitPass {
				t.Fatalf("exit status = %d, want 0; stderr: %s", res.code, res.stderr)
			}
			checkBaselineGolden(t, tt.name+".show.golden", res.stdout)
		})
	}
}

func TestBaselineShowDefaultPath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	res := runBaselineCLI(t, "", "show")
	if res.code != exitError || !strings.Contains(res.stderr, baseline.DefaultPath) {
		t.Errorf("show without a file: exit %d, stderr %q; want 2 naming %s", res.code, res.stderr, baseline.DefaultPath)
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{46.3, "46.30"},
		{40537.123, "40537"},
		{0.2926, "0.2926"},
		{1.5e-5, "1.5e-05"},
		{3.2e10, "3.2e+10"},
		{-2, "-2.000"},
	}
	for _, tt := range tests {
		if got := formatValue(tt.in); got != tt.want {
			t.Errorf("formatValue(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBaselineShowGroupsPackages(t *testing.T) {
	in := "pkg: a\nBenchmarkX 1 5 ns/op\npkg: b\nBenchmarkY 1 6 ns/op\npkg: a\nBenchmarkZ 1 7 ns/op\n"
	path := filepath.Join(t.TempDir(), "b.json")
	if res := runBaselineCLI(t, in, "save", "-o", path, "-"); res.code != exitPass {
		t.Fatalf("save: exit status %d; stderr: %s", res.code, res.stderr)
	}
	res := runBaselineCLI(t, "", "show", path)
	if res.code != exitPass {
		t.Fatalf("show: exit status %d; stderr: %s", res.code, res.stderr)
	}
	if n := strings.Count(res.stdout, "pkg: a\n"); n != 1 {
		t.Errorf("show prints package a %d times, want once:\n%s", n, res.stdout)
	}
	if a, z := strings.Index(res.stdout, "pkg: a"), strings.Index(res.stdout, "\nZ "); !(a < z && z < strings.Index(res.stdout, "pkg: b")) {
		t.Errorf("benchmark Z is not in package a's table:\n%s", res.stdout)
	}
}
