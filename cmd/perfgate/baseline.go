package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/perfgate/perfgate/baseline"
	"github.com/perfgate/perfgate/internal/results"
)

const baselineUsage = `usage: perfgate baseline save [-o FILE] [-filter EXPR] RESULTS...
       perfgate baseline show [FILE]

Save reads RESULTS, files of 'go test -bench' output in text or
'go test -json' form ("-" reads standard input; several files are merged),
and writes a baseline to FILE (default ` + baseline.DefaultPath + `). The
baseline contains every sample, with the median and p95 of each benchmark and
unit, and the environment of the run. The file is replaced atomically, and
nothing is written when an input is invalid.

Show prints a baseline file (default ` + baseline.DefaultPath + `) as a table.

Exit status: 0 success, 2 usage, input or internal error.
`

// baselineDeps holds what tests replace in perfgate baseline.
type baselineDeps struct {
	now func() time.Time
}

func baselineCommand() command {
	return command{
		name:    "baseline",
		summary: "save a baseline from results files, or show one",
		run: func(ctx context.Context, args []string, env *cmdEnv) error {
			return runBaseline(ctx, args, env, baselineDeps{now: time.Now})
		},
	}
}

func runBaseline(_ context.Context, args []string, env *cmdEnv, deps baselineDeps) error {
	if len(args) == 0 {
		io.WriteString(env.stderr, baselineUsage)
		return &usageError{err: fmt.Errorf("missing subcommand; use save or show")}
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		io.WriteString(env.stderr, baselineUsage)
		return errHelp
	case "save":
		return runBaselineSave(args[1:], env, deps)
	case "show":
		return runBaselineShow(args[1:], env)
	}
	io.WriteString(env.stderr, baselineUsage)
	return &usageError{err: fmt.Errorf("unknown subcommand %q; use save or show", args[0])}
}

const baselineSaveUsage = `usage: perfgate baseline save [-o FILE] [-filter EXPR] RESULTS...

Save summarises RESULTS (text or -json output of 'go test -bench'; "-" reads
standard input) into a baseline file.

Flags:
`

func runBaselineSave(args []string, env *cmdEnv, deps baselineDeps) error {
	fs := newFlagSet("baseline save", baselineSaveUsage, env.stderr)
	output := fs.String("o", baseline.DefaultPath, "write the baseline to `file`")
	filter := fs.String("filter", "", "keep only results matching the benchproc filter `expression`, e.g. note:before or '.name:Cache*'")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &usageError{err: fmt.Errorf("missing RESULTS; name at least one results file, or - for standard input")}
	}

	set, err := results.ParseFiles(fs.Args(), env.stdin, results.ParseOptions{Filter: *filter})
	if err != nil {
		return err
	}
	b, err := baseline.FromSet(set, deps.now(), version)
	if err != nil {
		return err
	}
	if err := baseline.Save(*output, b); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "wrote %s: %d series from %s\n", *output, len(b.Benchmarks), strings.Join(sourceNames(b.Sources), ", "))
	return nil
}

// sourceNames returns the input names as a user reads them.
func sourceNames(sources []string) []string {
	names := slices.Clone(sources)
	for i, s := range names {
		if s == "-" {
			names[i] = "standard input"
		}
	}
	return names
}

const baselineShowUsage = `usage: perfgate baseline show [FILE]

Show prints the baseline in FILE (default ` + baseline.DefaultPath + `): its
creation time, perfgate version, sources and environment, then one row per
benchmark and unit with the sample count, the median and the p95 with its
95% confidence interval. It takes no flags but -h.
`

func runBaselineShow(args []string, env *cmdEnv) error {
	fs := newFlagSet("baseline show", baselineShowUsage, env.stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return &usageError{err: fmt.Errorf("too many arguments: %q; name one baseline file", fs.Args())}
	}
	path := baseline.DefaultPath
	if fs.NArg() == 1 {
		path = fs.Arg(0)
	}
	b, err := baseline.Load(path)
	if err != nil {
		return err
	}
	return writeBaselineTable(env.stdout, path, b)
}

// writeBaselineTable prints b as a header and one table per package.
func writeBaselineTable(w io.Writer, path string, b *baseline.Baseline) error {
	var out strings.Builder
	fmt.Fprintf(&out, "baseline: %s\n", path)
	fmt.Fprintf(&out, "created:  %s\n", b.Created.UTC().Format(time.RFC3339))
	fmt.Fprintf(&out, "perfgate: %s (format version %d)\n", b.PerfgateVersion, b.Version)
	fmt.Fprintf(&out, "sources:  %s\n", strings.Join(sourceNames(b.Sources), ", "))
	if len(b.Env) > 0 {
		out.WriteString("env:\n")
		tw := tabwriter.NewWriter(&out, 0, 0, 1, ' ', 0)
		for _, key := range slices.Sorted(maps.Keys(b.Env)) {
			fmt.Fprintf(tw, "  %s:\t%s\n", key, strings.Join(b.Env[key], " | "))
		}
		tw.Flush()
	}

	// One table per package, in order of first appearance.
	var pkgs []string
	byPkg := map[string][]baseline.Benchmark{}
	for _, bm := range b.Benchmarks {
		if _, ok := byPkg[bm.Pkg]; !ok {
			pkgs = append(pkgs, bm.Pkg)
		}
		byPkg[bm.Pkg] = append(byPkg[bm.Pkg], bm)
	}

	unbounded := false
	for _, pkg := range pkgs {
		out.WriteString("\n")
		if pkg != "" {
			fmt.Fprintf(&out, "pkg: %s\n", pkg)
		}
		tw := tabwriter.NewWriter(&out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "name\tunit\tn\tmedian\tp95\tp95 95% CI\tnotes")
		for _, bm := range byPkg[pkg] {
			if math.IsInf(bm.P95Low, 0) || math.IsInf(bm.P95High, 0) {
				unbounded = true
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t[%s, %s]\t%s\n",
				displayName(bm.Name, bm.Procs), bm.Unit, bm.N,
				formatValue(bm.Median), formatValue(bm.P95),
				formatValue(bm.P95Low), formatValue(bm.P95High), notes(bm))
		}
		tw.Flush()
	}
	if unbounded {
		out.WriteString("\n±Inf: too few samples for a finite confidence bound; more runs (-count) narrow the interval.\n")
	}
	_, err := io.WriteString(w, trimLineEnds(out.String()))
	return err
}

// trimLineEnds removes the padding tabwriter leaves after the last
// non-empty cell of a row.
func trimLineEnds(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, " ")
	}
	return strings.Join(lines, "\n")
}

// displayName returns the benchmark name as go test prints it, without
// the "Benchmark" prefix.
func displayName(name string, procs int) string {
	if procs == 1 {
		return name
	}
	return name + "-" + strconv.Itoa(procs)
}

func notes(bm baseline.Benchmark) string {
	var parts []string
	if bm.Better == results.HigherIsBetter {
		parts = append(parts, "higher is better")
	}
	if bm.Exact {
		parts = append(parts, "exact")
	}
	return strings.Join(parts, ", ")
}

// formatValue prints v with four significant digits, in plain notation
// from 0.0001 up to 1e9 and in exponent notation outside that range.
func formatValue(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case v == 0:
		return "0"
	}
	abs := math.Abs(v)
	if abs < 1e-4 || abs >= 1e9 {
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	decimals := max(0, 3-int(math.Floor(math.Log10(abs))))
	return strconv.FormatFloat(v, 'f', decimals, 64)
}
