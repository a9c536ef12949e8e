package runner

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNoBenchmarks means go test succeeded but printed no result line: the
// -bench expression matched nothing, or the packages have no test files.
var ErrNoBenchmarks = errors.New("no benchmarks matched")

// maxMessageLines is the maximum number of lines of the go tool's message
// that an error shows. The partial file has all of them.
const maxMessageLines = 40

// GoTestError reports a run that produced no usable results file: a build
// failure, a failing or panicking benchmark, an interrupted run, or no
// benchmark matched. The results file was left as it was.
type GoTestError struct {
	// Err is ErrNoBenchmarks (wrapped with the -bench expression) or the
	// go command's error, such as an *exec.ExitError. When the context
	// ended the run, Err also wraps the context's error.
	Err error
	// Message holds the go tool's message lines: standard output except
	// result lines, the testing package's configuration lines, PASS and
	// ok lines, then standard error.
	Message []string
	// Output is the results file, which keeps its previous content.
	Output string
	// OutputExists reports whether Output existed, from an earlier run.
	OutputExists bool
	// Partial is the file holding the output written so far followed by
	// the go command's standard error, or "" when it could not be kept.
	Partial string
}

func (e *GoTestError) Error() string {
	var b strings.Builder
	if errors.Is(e.Err, ErrNoBenchmarks) {
		b.WriteString(e.Err.Error())
	} else {
		fmt.Fprintf(&b, "go test failed: %v", e.Err)
	}
	state := "unchanged"
	if !e.OutputExists {
		state = "not written"
	}
	if e.Partial != "" {
		fmt.Fprintf(&b, " (%s %s, output so far in %s)", e.Output, state, e.Partial)
	} else {
		fmt.Fprintf(&b, " (%s %s)", e.Output, state)
	}
	lines := e.Message
	if len(lines) > maxMessageLines {
		lines = lines[:maxMessageLines]
	}
	for _, line := range lines {
		b.WriteString("\n\t" + line)
	}
	if n := len(e.Message) - len(lines); n > 0 {
		fmt.Fprintf(&b, "\n\t... %d more lines", n)
	}
	if errors.Is(e.Err, ErrNoBenchmarks) {
		b.WriteString("\nlist the benchmarks with 'go test -list Benchmark PACKAGES', or check that the packages have _test.go files")
	}
	return b.String()
}

func (e *GoTestError) Unwrap() error { return e.Err }
