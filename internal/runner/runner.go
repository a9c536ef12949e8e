package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Result describes a successful run.
type Result struct {
	Output  string        // the results file written
	Results int           // benchmark result lines in it
	Elapsed time.Duration // wall time of the measured run, without the discovery run
}

// Run runs the benchmarks that opts selects and writes the results file
// atomically: the output goes to a temporary file beside it, which is
// renamed over opts.Output only when go test exits 0 with at least one
// result line. Any older opts.Output+".partial" is then removed.
//
// On failure the results file keeps its previous content, the output so
// far and then go test's standard error are kept in opts.Output+".partial",
// and the error is a
// *GoTestError for a failed run or no matching benchmark (test for
// ErrNoBenchmarks with errors.Is). Invalid options and files that cannot
// be written give other errors.
func Run(ctx context.Context, opts Options) (*Result, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	start := opts.Now()
	header, err := envLines(ctx, &opts, start)
	if err != nil {
		return nil, err
	}

	var prog *progress
	stopRedraw := func() {}
	if opts.Progress != nil {
		fmt.Fprint(opts.Progress, "\r\x1b[Kcounting benchmarks with a -benchtime 1x run")
		total := discoverTotal(ctx, &opts)
		prog = newProgress(opts.Progress, opts.Now, total)
		stopRedraw = redrawEverySecond(prog)
		defer stopRedraw()
	}

	tmp, err := createTemp(opts.Output)
	if err != nil {
		return nil, err
	}
	// Until the temporary file is renamed, a return removes it.
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	for _, line := range header {
		if _, err := io.WriteString(tmp, line); err != nil {
			return nil, fmt.Errorf("write %s: %w", tmp.Name(), err)
		}
	}

	// The measured run.
	var onResult func(string)
	if prog != nil {
		onResult = prog.result
		prog.redraw()
	}
	runStart := opts.Now()
	out, runErr := runPasses(ctx, &opts, tmp, onResult)
	elapsed := opts.Now().Sub(runStart)
	stopRedraw()
	if prog != nil {
		prog.clear()
	}

	if runErr == nil && out.results == 0 {
		runErr = fmt.Errorf("%w: -bench %q in %s", ErrNoBenchmarks, opts.Bench, strings.Join(opts.Packages, " "))
	}
	if runErr != nil {
		if ctx.Err() != nil {
			runErr = fmt.Errorf("%w: %w", ctx.Err(), runErr)
		}
		_, statErr := os.Stat(opts.Output)
		gtErr := &GoTestError{Err: runErr, Message: out.message, Output: opts.Output, OutputExists: statErr == nil}
		partial := opts.Output + ".partial"
		// Build errors go to standard error, so the partial file gets it
		// too, after the output.
		_, writeErr := io.WriteString(tmp, out.stderr)
		if writeErr != nil {
			return nil, gtErr
		}
		if err := keepFile(tmp, partial); err == nil {
			keep = true
			gtErr.Partial = partial
		}
		return nil, gtErr
	}

	if err := keepFile(tmp, opts.Output); err != nil {
		return nil, err
	}
	keep = true
	if err := os.Remove(opts.Output + ".partial"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("remove the stale partial output: %w", err)
	}
	return &Result{Output: opts.Output, Results: out.results, Elapsed: elapsed}, nil
}

// runPasses runs go test once with -count opts.Count or, with
// opts.Interleave, opts.Count times with -count 1, appending every pass's
// output to raw. It stops at the first failing pass or at a first pass
// without results.
func runPasses(ctx context.Context, opts *Options, raw io.Writer, onResult func(string)) (testOutput, error) {
	passes, count := 1, opts.Count
	if opts.Interleave {
		passes, count = opts.Count, 1
	}
	var all testOutput
	for pass := range passes {
		out, err := runGoTest(ctx, opts, opts.testArgs(opts.Benchtime, count, opts.CPU), raw, onResult)
		all.results += out.results
		all.message = append(all.message, out.message...)
		all.stderr += out.stderr
		if err != nil || (pass == 0 && out.results == 0) {
			return all, err
		}
	}
	return all, nil
}

// discoverTotal returns the number of result lines the measured run will
// print, found by running every benchmark once at the first -cpu value.
// It returns 0 (unknown) when the discovery run fails, so the measured run
// reports the failure with its full output.
func discoverTotal(ctx context.Context, opts *Options) int {
	cpus, _ := parseCPUList(opts.CPU)
	firstCPU := ""
	if len(cpus) > 0 {
		firstCPU = fmt.Sprint(cpus[0])
	}
	out, err := runGoTest(ctx, opts, opts.testArgs("1x", 1, firstCPU), io.Discard, nil)
	if err != nil {
		return 0
	}
	return out.results * opts.Count * max(len(cpus), 1)
}

// redrawEverySecond redraws p once a second until the returned function
// is called. When stop returns, no redraw is running or will run, and
// later calls of stop do nothing.
func redrawEverySecond(p *progress) (stop func()) {
	ticker := time.NewTicker(time.Second)
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		for {
			select {
			case <-ticker.C:
				p.redraw()
			case <-done:
				return
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			ticker.Stop()
			close(done)
			<-exited
		})
	}
}

// createTemp creates a temporary file in the directory of path, so that
// a rename onto path is atomic.
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create the results file beside %s: %w", path, err)
	}
	return f, nil
}

// keepFile flushes and closes tmp, then renames it to path, replacing any
// file there.
func keepFile(tmp *os.File, path string) error {
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
