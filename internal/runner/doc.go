// Package runner runs Go benchmarks with "go test" and writes the raw
// output to a results file that perfgate baseline and perfgate compare read.
//
// Run invokes the go command as
//
//	go test -run '^$' -bench REGEXP -benchmem [-count N] [-cpu LIST] [-benchtime D] PACKAGES
//
// and copies its standard output to the results file unchanged. A header of
// configuration lines in the Go benchmark format ("key: value") comes first.
// It holds what the test binary does not print itself: the go command's
// version, the default GOMAXPROCS, the commit of the enclosing git checkout
// and the start time of the run.
//
// Assumptions:
//   - The go command runs the benchmarks of several packages one package
//     at a time, so one package's benchmarks do not disturb another's
//     (cmd/go of Go 1.26 serializes test binary runs whenever -bench is
//     set).
//   - A run succeeds only when go test exits 0 and printed at least one
//     result line. Every other outcome is an error. The output written so
//     far and go test's standard error then go to FILE.partial, and FILE
//     keeps its previous content.
//   - The total shown by the progress display comes from a discovery run
//     with -benchtime 1x -count 1 before the measured run, so every
//     benchmark's setup runs once more than without progress.
//
// The package never prints or logs. Progress goes to the writer in
// Options.Progress, and the caller decides whether to set it.
package runner
