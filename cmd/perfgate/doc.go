// Command perfgate is a performance regression gate for Go benchmarks. It
// runs benchmarks, stores baselines, and fails a CI job only when a
// benchmark got worse by more than noise can explain.
//
// Usage:
//
//	perfgate run [-bench REGEXP] [-count N] [-cpu LIST] [-benchtime D] [-o FILE] [PACKAGES]
//	perfgate baseline save [-o FILE] [-filter EXPR] RESULTS...
//	perfgate baseline show [FILE]
//	perfgate compare [-baseline FILE] [-format text|markdown|json|junit] [-multiplier X] [-alpha A] RESULTS...
//	perfgate push -gateway URL [-job NAME] [-label k=v]... FILE
//	perfgate version
//
// Every command takes -h for its flags; -flag and --flag are the same.
// RESULTS are files of 'go test -bench' output, as text or as the JSON of
// 'go test -json'; "-" reads standard input and several files are merged.
//
// # Run
//
// perfgate run runs 'go test -run ^$ -bench REGEXP -benchmem' and writes the
// output to FILE (default bench.txt), preceded by the configuration lines
// the test binary does not print: goversion, gomaxprocs, commit and
// start-time. A failed run never replaces a previous FILE; its output goes
// to FILE.partial.
//
// # Baselines
//
// perfgate baseline save summarises results into a versioned JSON file
// (default baseline/baseline.json) that keeps every raw sample, the median
// and the p95 with a confidence interval, the direction of "better" for
// each unit, and every configuration line of the run. The write is atomic:
// a failed save leaves the previous file as it was.
//
// # Compare
//
// perfgate compare gates RESULTS against a baseline, or against a raw
// results file of an earlier run. A benchmark is identified by package,
// full name, GOMAXPROCS and unit. It regresses when all of these hold:
//
//   - a one-sided Mann-Whitney U test finds the slowdown significant after
//     Benjamini-Hochberg adjustment across every test of the run (-alpha);
//   - the new p95 exceeds the baseline p95 times the multiplier
//     (-multiplier; the CI multiplier applies when CI is true);
//   - the median got worse by more than the minimum effect (-min-effect).
//
// Units that are exact (Unit metadata assume=exact, or constant on both
// sides, as allocs/op usually is) regress on any growth. Units where higher
// is better, such as MB/s, regress downward. When both runs contain the
// calibration benchmark (Calibrate), a slower or faster machine is divided
// out of time units. Too few samples give "inconclusive", with the -count
// that would settle it; that never fails the gate. A benchmark in the
// baseline but not in RESULTS is "missing" and fails unless -allow-missing.
// Differences between the runs' configuration lines (cpu, Go version,
// note, ...) are warnings. docs/method.md explains the method and its
// measured error rates.
//
// Settings come from the flags, then from perfgate.yaml in the working
// directory (or -config FILE), then from the defaults.
//
// # Push
//
// perfgate push, and perfgate compare with -push URL, replace the metrics of
// a Prometheus pushgateway group with the results. docs/metrics.md lists
// the metrics.
//
// # Exit status
//
//	0  pass: no regression, no missing benchmark
//	1  a regression, or a missing benchmark without -allow-missing
//	2  usage, input, baseline or internal error
//
// perfgate never exits 0 after an error.
//
// # Examples
//
// From the top of the perfgate repository, these run on files it ships:
//
//	perfgate baseline save -o /tmp/perfgate-example.json testdata/cases/crc-old.txt
//	perfgate baseline show /tmp/perfgate-example.json
//	perfgate compare -baseline testdata/cases/crc-old.txt testdata/cases/crc-new.txt
//	perfgate compare -baseline testdata/cases/units-exact.txt -baseline-filter note:before -filter note:after -format json testdata/cases/units-exact.txt
package main
