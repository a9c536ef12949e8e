// Package results reads Go benchmark output into a Set of series, one per
// package, benchmark name, GOMAXPROCS and unit.
//
// It accepts the text that `go test -bench` prints and the JSON that
// `go test -json -bench` prints, and distinguishes them by the first
// non-space byte. The text format is parsed by golang.org/x/perf/benchfmt;
// JSON output events are joined per package first, because test2json splits
// each result line into two events. Unit metadata lines
// ("Unit U better=higher assume=exact") apply to every input of one call.
//
// The parser is strict, because a performance gate must not pass on input
// it did not understand. Each of these is an *InputError naming the file
// and, where there is one, the line: an input with no results, a line that
// benchfmt rejects, a NaN, infinite or negative value, a result line cut
// short, bytes that are not text (NUL or invalid UTF-8), and a line longer
// than MaxLineBytes. A benchmark name alone on a line is a progress line
// from `go test -v` and is skipped.
//
// Files are streamed line by line. JSON input is held in memory one
// package at a time, until the package's final pass or fail event.
package results
