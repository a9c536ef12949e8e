// Command gatesimgate is a gatesim gate adapter that runs perfgate's
// comparison in-process: gatesimgate BASE NEW. It prints "NAME UNIT" for
// every regression (ns/op reported as sec/op, the name without the
// Benchmark prefix and the -N suffix), and exits 1 when the gate fails,
// 0 when it passes and 2 on error.
//
// By default it uses compare.DefaultOptions(ci) with ci from the CI
// environment variable, as the perfgate command does. The -multiplier,
// -alpha, -min-effect and -correction flags, and -no-tail to turn the p95
// condition off, exist to measure the defaults.
//
// With -perfgate PATH it runs that perfgate binary instead, as a user
// would: "baseline save" on BASE into a temporary file, then "compare
// -format json" on NEW, and reads the JSON report. The measuring flags do
// not apply in that mode.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/perfgate/perfgate/baseline"
	"github.com/perfgate/perfgate/compare"
	"github.com/perfgate/perfgate/internal/results"
)

func main() {
	code, err := run(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "gatesimgate:", err)
	}
	os.Exit(code)
}

func run(args []string) (int, error) {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	opts := compare.DefaultOptions(ci)
	fs := flag.NewFlagSet("gatesimgate", flag.ContinueOnError)
	fs.Float64Var(&opts.Multiplier, "multiplier", opts.Multiplier, "p95 multiplier")
	fs.Float64Var(&opts.Alpha, "alpha", opts.Alpha, "level of the multiple-comparison control")
	fs.Float64Var(&opts.MinEffect, "min-effect", opts.MinEffect, "minimum relative slowdown of the median")
	fs.StringVar(&opts.Correction, "correction", opts.Correction, "bh or holm")
	cli := fs.String("perfgate", "", "run this perfgate binary instead of the compare package")
	verbose := fs.Bool("v", false, "print every verdict and reason to stderr")
	noTail := fs.Bool("no-tail", false, "turn off the p95 condition (sets the multiplier to 0+)")
	if err := fs.Parse(args); err != nil {
		return 2, err
	}
	if fs.NArg() != 2 {
		return 2, fmt.Errorf("usage: gatesimgate [flags] BASE NEW, got %d arguments", fs.NArg())
	}
	if *noTail {
		// The smallest positive multiplier makes every new p95 exceed the
		// limit, which turns condition (2) off.
		opts.Multiplier = math.SmallestNonzeroFloat64
	}

	var rep *compare.Report
	var err error
	if *cli != "" {
		rep, err = runCLI(*cli, fs.Arg(0), fs.Arg(1))
	} else {
		rep, err = runPackage(fs.Arg(0), fs.Arg(1), opts)
	}
	if err != nil {
		return 2, err
	}
	if *verbose {
		fmt.Fprintf(os.Stderr, "calibration: %+v\nwarnings: %q\n", rep.Calibration, rep.Warnings)
	}

	for _, r := range rep.Benchmarks {
		if *verbose {
			fmt.Fprintf(os.Stderr, "%s %s: %s: %s\n", r.Name, r.Unit, r.Verdict, r.Reason)
		}
		if r.Verdict != compare.Regression {
			continue
		}
		unit := r.Unit
		if unit == "ns/op" {
			unit = "sec/op"
		}
		fmt.Println(r.Name, unit)
	}
	if rep.Verdict == "fail" {
		return 1, nil
	}
	return 0, nil
}

// runPackage compares in-process through baseline.FromSet and
// compare.Compare.
func runPackage(basePath, newPath string, opts compare.Options) (*compare.Report, error) {
	baseSet, err := results.ParseFiles([]string{basePath}, nil, results.ParseOptions{})
	if err != nil {
		return nil, err
	}
	base, err := baseline.FromSet(baseSet, time.Unix(0, 0).UTC(), "gatesimgate")
	if err != nil {
		return nil, err
	}
	cur, err := results.ParseFiles([]string{newPath}, nil, results.ParseOptions{})
	if err != nil {
		return nil, err
	}
	return compare.Compare(base, cur, opts)
}

// runCLI saves basePath as a baseline with the perfgate binary bin, then
// compares newPath against it and decodes the JSON report. Exit status 1
// (a failed gate) is not an error.
func runCLI(bin, basePath, newPath string) (*compare.Report, error) {
	dir, err := os.MkdirTemp("", "gatesimgate")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	saved := filepath.Join(dir, "baseline.json")

	save := exec.Command(bin, "baseline", "save", "-o", saved, basePath)
	if out, err := save.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("perfgate baseline save %s: %w: %s", basePath, err, out)
	}

	var stdout, stderr bytes.Buffer
	cmp := exec.Command(bin, "compare", "-baseline", saved, "-format", "json", newPath)
	cmp.Stdout, cmp.Stderr = &stdout, &stderr
	err = cmp.Run()
	var exitErr *exec.ExitError
	if err != nil && !(errors.As(err, &exitErr) && exitErr.ExitCode() == 1) {
		return nil, fmt.Errorf("perfgate compare %s: %w: %s", newPath, err, stderr.Bytes())
	}
	var rep compare.Report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		return nil, fmt.Errorf("decode perfgate compare -format json output: %w", err)
	}
	return &rep, nil
}
