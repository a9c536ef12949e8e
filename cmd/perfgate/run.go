package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"golang.org/x/term"

	"github.com/perfgate/perfgate/internal/runner"
)

const runUsage = `usage: perfgate run [-bench REGEXP] [-count N] [-interleave] [-cpu LIST] [-benchtime D] [-o FILE] [PACKAGES]

perfgate run runs the benchmarks of PACKAGES (default ".") with
	go test -run '^$' -bench REGEXP -benchmem
and writes the output to FILE, after configuration lines that the test
binary does not print: goversion, gomaxprocs, commit (with a -dirty suffix
for uncommitted changes; left out outside a git checkout) and start-time.

With -interleave, go test runs N times with -count 1, so the N results
of a benchmark are spread over the whole run. A burst of load from other
processes then moves one result of many benchmarks instead of every
result of one, which keeps medians steadier on a shared machine.

FILE is replaced only by a successful run. A build failure, a failing
benchmark or no matching benchmark exits 2 with the go tool's message.
FILE then keeps its content, and FILE.partial holds the output so far
followed by go test's standard error.

On a terminal, progress (benchmark runs done of the total, time elapsed,
an estimate of the time left) is drawn on stderr. Finding the total runs
every benchmark once more with -benchtime 1x. Off a terminal, only errors
are printed.

Flags:
`

// runDeps holds what tests replace in perfgate run.
type runDeps struct {
	dir        string               // working directory of go test, or "" for the current one
	isTerminal func(io.Writer) bool // whether progress may be drawn on the writer
	now        func() time.Time
}

// defaultRunDeps draws progress only when stderr is a terminal.
var defaultRunDeps = runDeps{isTerminal: isTerminalWriter, now: time.Now}

func runCommand() command {
	return command{
		name:    "run",
		summary: "run Go benchmarks and write a results file",
		run: func(ctx context.Context, args []string, env *cmdEnv) error {
			return runRun(ctx, args, env, defaultRunDeps)
		},
	}
}

func runRun(ctx context.Context, args []string, env *cmdEnv, deps runDeps) error {
	fs := newFlagSet("run", runUsage, env.stderr)
	bench := fs.String("bench", ".", "run only the benchmarks whose names match the regular expression `REGEXP`")
	count := fs.Int("count", 1, "run each benchmark `N` times")
	interleave := fs.Bool("interleave", false, "run the whole suite N times with -count 1 instead of each benchmark N times in a row")
	cpu := fs.String("cpu", "", "comma-separated `LIST` of GOMAXPROCS values to run each benchmark with (default: the current GOMAXPROCS)")
	benchtime := fs.String("benchtime", "", "run each benchmark for duration `D` such as 100ms, or for a fixed count such as 1000x (default: go test's 1s)")
	output := fs.String("o", "bench.txt", "write the results to `FILE`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}

	opts := runner.Options{
		Bench:      *bench,
		Count:      *count,
		Interleave: *interleave,
		CPU:        *cpu,
		Benchtime:  *benchtime,
		Packages:   fs.Args(),
		Output:     *output,
		Dir:        deps.dir,
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		Now:        deps.now,
	}
	if *count < 1 {
		return fmt.Errorf("invalid -count %d: must be at least 1", *count)
	}
	terminal := deps.isTerminal(env.stderr)
	if terminal {
		opts.Progress = env.stderr
	}

	res, err := runner.Run(ctx, opts)
	if err != nil {
		return err
	}
	if terminal {
		fmt.Fprintf(env.stderr, "wrote %d results to %s in %s\n", res.Results, res.Output, res.Elapsed.Round(time.Second))
	}
	return nil
}

// isTerminalWriter reports whether w is a file open on a terminal.
func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
