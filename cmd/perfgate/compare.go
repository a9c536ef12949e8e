package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/perfgate/perfgate/baseline"
	"github.com/perfgate/perfgate/compare"
	"github.com/perfgate/perfgate/internal/config"
	"github.com/perfgate/perfgate/internal/report"
	"github.com/perfgate/perfgate/internal/results"
)

const compareUsage = `usage: perfgate compare [flags] RESULTS...

Compare RESULTS, files of 'go test -bench' output in text or 'go test -json'
form ("-" reads standard input; several files are merged), against a
baseline. A benchmark regresses only when its slowdown is statistically
significant and its new p95 exceeds the baseline p95 times the multiplier.

-baseline takes a baseline file written by 'perfgate baseline save', or a raw
results file of the earlier run. -filter selects the results of RESULTS and
of a raw results baseline, unless -baseline-filter gives the baseline its
own. A baseline file is used as saved, so a benchmark that -filter drops
from RESULTS is missing: save a filtered baseline, or use -allow-missing.

Settings come from the flags, then from perfgate.yaml, then from the
defaults. When the CI environment variable is "true" or "1", the CI
multiplier replaces the multiplier.

Under GitHub Actions (GITHUB_ACTIONS=true), the text and markdown formats
also print one ::error annotation per failing benchmark on standard output,
and the markdown format is appended to $GITHUB_STEP_SUMMARY.

Exit status: 0 pass, 1 regression or missing benchmark, 2 usage, input or
internal error.

Flags:
`

// compareCommand returns the compare subcommand for the dispatcher.
func compareCommand() command {
	return command{
		name:    "compare",
		summary: "compare results with a baseline; exit 1 on a regression",
		run:     runCompare,
	}
}

// compareFlags holds the parsed flags of perfgate compare.
type compareFlags struct {
	baseline       string
	baselineFilter string
	format         string
	filter         string
	configPath     string
	output         string
	calibration    string
	multiplier     float64
	alpha          float64
	minEffect      float64
	allowMissing   bool

	set map[string]bool // names of the flags given on the command line
}

func addCompareFlags(fs *flag.FlagSet) *compareFlags {
	f := &compareFlags{}
	fs.StringVar(&f.baseline, "baseline", "", "baseline `file`: a baseline JSON or a raw results file (default: perfgate.yaml's baseline, else "+baseline.DefaultPath+")")
	fs.StringVar(&f.baselineFilter, "baseline-filter", "", "benchproc filter `expression` for a raw results baseline, in place of -filter, e.g. note:before")
	fs.StringVar(&f.format, "format", string(report.Text), "output `format`: text, markdown, json or junit")
	fs.StringVar(&f.filter, "filter", "", "benchproc filter `expression` for RESULTS and a raw results baseline, e.g. '.name:Cache*' or note:after")
	fs.StringVar(&f.configPath, "config", "", "config `file` (default "+config.DefaultPath+" when it exists)")
	fs.StringVar(&f.output, "o", "", "write the report to `file` instead of standard output")
	fs.StringVar(&f.calibration, "calibration", "", "`name` of the calibration benchmark whose speed ratio is divided out of time units; \"\" disables (default "+compare.DefaultCalibration+")")
	fs.Float64Var(&f.multiplier, "multiplier", 0, "regression limit as a positive `factor` over the baseline p95 ("+multiplierDefaults()+")")
	fs.Float64Var(&f.alpha, "alpha", 0, "family-wise false-alarm `rate` across all tests of the run, between 0 and 1 (default "+formatFloat(compare.DefaultAlpha)+")")
	fs.Float64Var(&f.minEffect, "min-effect", 0, "minimum relative change of the median that can regress, as a `fraction`: 0.02 is 2% (default "+formatFloat(compare.DefaultMinEffect)+")")
	fs.BoolVar(&f.allowMissing, "allow-missing", false, "pass when a baseline benchmark is missing from RESULTS")
	return f
}

// multiplierDefaults describes the built-in multipliers for the help text.
func multiplierDefaults() string {
	if compare.DefaultMultiplier == compare.DefaultCIMultiplier {
		return "default " + formatFloat(compare.DefaultMultiplier) + ", under CI too"
	}
	return "default " + formatFloat(compare.DefaultMultiplier) + ", or " + formatFloat(compare.DefaultCIMultiplier) + " when CI is true"
}

// runCompare is the entry point of perfgate compare.
func runCompare(ctx context.Context, args []string, env *cmdEnv) error {
	fs := newFlagSet("compare", compareUsage, env.stderr)
	f := addCompareFlags(fs)
	push := addPushFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })

	// Check everything the command line alone decides before reading any
	// file, so a mistyped flag fails at once, even with large inputs.
	paths := fs.Args()
	if len(paths) == 0 {
		return errors.New("no RESULTS given; name one or more files of 'go test -bench' output, or - for standard input")
	}
	format, err := report.ParseFormat(f.format)
	if err != nil {
		return fmt.Errorf("invalid -format: %w", err)
	}
	if err := f.validate(); err != nil {
		return err
	}

	cfg, err := loadCompareConfig(f)
	if err != nil {
		return err
	}
	opts, settings := resolveCompareOptions(f, cfg, isTrue(env.getenv("CI")))

	base, err := loadCompareBaseline(settings.Baseline, f)
	if err != nil {
		return err
	}
	set, err := results.ParseFiles(paths, env.stdin, results.ParseOptions{Filter: f.filter})
	if err != nil {
		return err
	}
	rep, err := compare.Compare(base, set, opts)
	if err != nil {
		return err // Compare's errors already start with "compare:"
	}
	rep.PerfgateVersion = version
	rep.Settings.MultiplierSource = settings.MultiplierSource
	rep.Settings.CI = settings.CI
	rep.Settings.Baseline = settings.Baseline

	if err := writeCompareOutputs(rep, format, f.output, env); err != nil {
		return err
	}
	// The push comes after the report so that a slow or failing gateway
	// never hides the verdict. pushReport returns an error only with
	// -push-required.
	if err := push.pushReport(ctx, env, rep); err != nil {
		return err
	}
	if rep.Verdict != "pass" {
		return errRegression
	}
	return nil
}

// validate checks the ranges of the numeric flags that were given.
func (f *compareFlags) validate() error {
	checks := []struct {
		name  string
		value float64
		ok    bool
		rule  string
	}{
		{"multiplier", f.multiplier, f.multiplier > 0, "a positive factor, for example 1.5"},
		{"alpha", f.alpha, f.alpha > 0 && f.alpha < 1, "a rate between 0 and 1, for example 0.05"},
		{"min-effect", f.minEffect, f.minEffect >= 0, "a fraction of at least 0, for example 0.02 for 2%"},
	}
	for _, c := range checks {
		if !f.set[c.name] {
			continue
		}
		if math.IsNaN(c.value) || math.IsInf(c.value, 0) || !c.ok {
			return fmt.Errorf("invalid -%s %s; use %s", c.name, formatFloat(c.value), c.rule)
		}
	}
	if f.baseline == "-" {
		return errors.New("invalid -baseline -: a baseline cannot come from standard input; name a file")
	}
	if f.set["baseline"] && f.baseline == "" {
		return errors.New(`invalid -baseline "": name a baseline or results file, or leave the flag out to use the default`)
	}
	return nil
}

// loadCompareConfig reads -config, or perfgate.yaml in the working
// directory when it exists. It returns an empty Config when there is no
// file.
func loadCompareConfig(f *compareFlags) (*config.Config, error) {
	path := f.configPath
	if !f.set["config"] {
		if _, err := os.Stat(config.DefaultPath); errors.Is(err, os.ErrNotExist) {
			return &config.Config{}, nil
		}
		path = config.DefaultPath
	}
	cfg, err := config.Load(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("config file %s not found; create it or leave out -config to use %s when it exists: %w", path, config.DefaultPath, err)
	}
	return cfg, err
}

// resolveCompareOptions applies the order of precedence for each setting:
// flag, then config file, then default. It returns the options for
// compare.Compare and the report settings that only the command can fill.
func resolveCompareOptions(f *compareFlags, cfg *config.Config, ci bool) (compare.Options, compare.Settings) {
	opts := compare.DefaultOptions(ci)
	settings := compare.Settings{CI: ci, MultiplierSource: "default"}
	if ci {
		settings.MultiplierSource = "ci-default"
	}

	switch {
	case f.set["multiplier"]:
		opts.Multiplier, settings.MultiplierSource = f.multiplier, "flag"
	case ci && cfg.CIMultiplier != nil:
		opts.Multiplier, settings.MultiplierSource = *cfg.CIMultiplier, "config"
	case !ci && cfg.Multiplier != nil:
		opts.Multiplier, settings.MultiplierSource = *cfg.Multiplier, "config"
	}

	opts.Alpha = pick(f.set["alpha"], f.alpha, cfg.Alpha, opts.Alpha)
	opts.MinEffect = pick(f.set["min-effect"], f.minEffect, cfg.MinEffect, opts.MinEffect)
	opts.Calibration = pick(f.set["calibration"], f.calibration, cfg.Calibration, opts.Calibration)
	opts.AllowMissing = pick(f.set["allow-missing"], f.allowMissing, cfg.AllowMissing, opts.AllowMissing)
	settings.Baseline = pick(f.set["baseline"], f.baseline, cfg.Baseline, baseline.DefaultPath)
	return opts, settings
}

// pick returns the flag value when the flag was given, else the config
// value when it is set, else the default.
func pick[T any](flagSet bool, flagValue T, configValue *T, defaultValue T) T {
	switch {
	case flagSet:
		return flagValue
	case configValue != nil:
		return *configValue
	}
	return defaultValue
}

// test2jsonFields are the keys of a 'go test -json' event. A JSON file
// whose first key is one of them holds raw results, not a baseline.
var test2jsonFields = map[string]bool{
	"Time": true, "Action": true, "Package": true, "Test": true,
	"Output": true, "Elapsed": true, "ImportPath": true, "FailedBuild": true,
}

// loadCompareBaseline reads the baseline at path. A raw results file (Go
// benchmark text, or 'go test -json' events) is summarised into a
// baseline in memory. Anything else is read as a baseline file, so a
// corrupt baseline is reported as one.
func loadCompareBaseline(path string, f *compareFlags) (*baseline.Baseline, error) {
	raw, err := isRawResults(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("baseline %s not found; create it with 'perfgate baseline save -o %s RESULTS' or name another file with -baseline", path, path)
	}
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	if !raw {
		if f.set["baseline-filter"] {
			return nil, fmt.Errorf("-baseline-filter applies only to a raw results file, and %s is a baseline file; filter when saving it with 'perfgate baseline save -filter'", path)
		}
		return baseline.Load(path)
	}

	filter := f.filter
	if f.set["baseline-filter"] {
		filter = f.baselineFilter
	}
	set, err := results.ParseFiles([]string{path}, nil, results.ParseOptions{Filter: filter})
	if err != nil {
		return nil, fmt.Errorf("read baseline results: %w", err)
	}
	b, err := baseline.FromSet(set, time.Now().UTC(), version)
	if err != nil {
		return nil, fmt.Errorf("summarise baseline results %s: %w", path, err)
	}
	return b, nil
}

// isRawResults reports whether the file at path holds raw benchmark
// results rather than a baseline. It reads only the start of the file:
// a baseline is a JSON object, and so is the first event of 'go test
// -json', but the two start with different keys.
func isRawResults(path string) (bool, error) {
	// A .json file is a baseline unless it starts like 'go test -json'
	// output, so an empty or garbled baseline file is reported as a
	// damaged baseline, not as missing benchmark results.
	jsonName := strings.EqualFold(filepath.Ext(path), ".json")
	file, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer file.Close()

	r := bufio.NewReader(file)
	for {
		c, err := r.ReadByte()
		if errors.Is(err, io.EOF) {
			// The results parser rejects an empty file with a message
			// that explains how to produce results, and the baseline loader
			// explains how to save a baseline.
			return !jsonName, nil
		}
		if err != nil {
			return false, err
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			continue
		}
		if c != '{' {
			return !jsonName, nil
		}
		break
	}
	r.UnreadByte()

	dec := json.NewDecoder(r)
	if _, err := dec.Token(); err != nil {
		return false, nil
	}
	key, err := dec.Token()
	if err != nil {
		return false, nil
	}
	name, ok := key.(string)
	return ok && test2jsonFields[name], nil
}

// writeCompareOutputs writes the report to -o or standard output, then the
// GitHub Actions annotations and step summary when running there.
func writeCompareOutputs(rep *compare.Report, format report.Format, output string, env *cmdEnv) error {
	var buf bytes.Buffer
	if err := report.Write(&buf, rep, format); err != nil {
		return err
	}
	if output != "" {
		if err := os.WriteFile(output, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	} else if _, err := env.stdout.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write report: %w", err)
	}

	if !isTrue(env.getenv("GITHUB_ACTIONS")) || (format != report.Text && format != report.Markdown) {
		return nil
	}
	if err := report.WriteAnnotations(env.stdout, rep); err != nil {
		return fmt.Errorf("write GitHub annotations: %w", err)
	}
	if format == report.Markdown {
		return appendStepSummary(env, buf.Bytes())
	}
	return nil
}

// appendStepSummary appends markdown to the file named by
// GITHUB_STEP_SUMMARY, which GitHub shows on the run's summary page.
func appendStepSummary(env *cmdEnv, markdown []byte) error {
	path := env.getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		fmt.Fprintln(env.stderr, "perfgate compare: warning: GITHUB_STEP_SUMMARY is not set, so no step summary was written")
		return nil
	}
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("append step summary: %w", err)
	}
	if _, err := file.Write(append(markdown, '\n')); err != nil {
		file.Close()
		return fmt.Errorf("append step summary %s: %w", path, err)
	}
	if err := file.Close(); err != nil {
		return fmt.Errorf("append step summary %s: %w", path, err)
	}
	return nil
}

// isTrue reports whether an environment value means true, as CI systems
// set it: "true" in any case, or "1".
func isTrue(v string) bool {
	return strings.EqualFold(v, "true") || v == "1"
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
