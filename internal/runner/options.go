package runner

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Options configures Run. The zero value runs every benchmark of the
// package in the current directory once and writes bench.txt.
type Options struct {
	// Bench is the -bench regular expression. Default ".".
	Bench string
	// Count is the -count value, the number of results per benchmark.
	// Default 1.
	Count int
	// Interleave runs go test Count times with -count 1 instead of once
	// with -count Count. The results of one benchmark then spread over the
	// whole run instead of following each other, so a burst of load from
	// other processes moves one result of many benchmarks rather than
	// every result of one. Default false.
	Interleave bool
	// CPU is the -cpu list of GOMAXPROCS values, such as "1,2,4". Default
	// "", which leaves go test's default (the current GOMAXPROCS).
	CPU string
	// Benchtime is the -benchtime value: a duration such as "100ms" or an
	// iteration count such as "1000x". Default "", which leaves go test's
	// default of 1s.
	Benchtime string
	// Packages are the package patterns passed to go test. Default ".".
	Packages []string
	// Output is the results file, relative to the process's working
	// directory (not Dir). Default "bench.txt".
	Output string

	// Dir is the working directory of the go and git commands. Default "",
	// the process's working directory.
	Dir string
	// GoCommand is the go command to run. Default "go".
	GoCommand string
	// GitCommand is the git command used to read the commit. Default "git".
	GitCommand string
	// Env is the environment of the go and git commands. Default nil,
	// which passes on the process's environment.
	Env []string
	// GOMAXPROCS is written as the gomaxprocs configuration line. Callers
	// pass runtime.GOMAXPROCS(0), which equals the test binary's default
	// because both processes see the same environment and CPU limits.
	// Default 0, which leaves the line out.
	GOMAXPROCS int
	// Now returns the current time. Default time.Now.
	Now func() time.Time
	// Progress receives the progress display (benchmark runs done of the
	// total, time elapsed and an estimate of the time left), redrawn in
	// place with carriage returns, so set it only for a terminal. Default
	// nil, which shows nothing and skips the discovery run.
	Progress io.Writer
}

// withDefaults returns a copy of o with defaults filled in, or an error
// naming the first invalid option.
func (o Options) withDefaults() (Options, error) {
	if o.Bench == "" {
		o.Bench = "."
	}
	if _, err := regexp.Compile(o.Bench); err != nil {
		return o, fmt.Errorf("invalid -bench %q: %w", o.Bench, err)
	}

	if o.Count == 0 {
		o.Count = 1
	}
	if o.Count < 0 {
		return o, fmt.Errorf("invalid -count %d: must be at least 1", o.Count)
	}
	if _, err := parseCPUList(o.CPU); err != nil {
		return o, err
	}
	if err := checkBenchtime(o.Benchtime); err != nil {
		return o, err
	}

	if len(o.Packages) == 0 {
		o.Packages = []string{"."}
	}
	for _, pkg := range o.Packages {
		if strings.HasPrefix(pkg, "-") {
			return o, fmt.Errorf("invalid package %q: flags go before the packages", pkg)
		}
	}
	if o.Output == "" {
		o.Output = "bench.txt"
	}

	if o.GoCommand == "" {
		o.GoCommand = "go"
	}
	if o.GitCommand == "" {
		o.GitCommand = "git"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o, nil
}

// parseCPUList returns the GOMAXPROCS values of a -cpu list, or nil for "".
func parseCPUList(list string) ([]int, error) {
	if list == "" {
		return nil, nil
	}
	var cpus []int
	for _, field := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("invalid -cpu %q: want a comma-separated list of positive integers such as 1,2,4", list)
		}
		cpus = append(cpus, n)
	}
	return cpus, nil
}

// checkBenchtime accepts what the testing package accepts for -benchtime:
// a positive duration or a positive iteration count followed by "x".
func checkBenchtime(s string) error {
	if s == "" {
		return nil
	}
	if count, ok := strings.CutSuffix(s, "x"); ok {
		if n, err := strconv.Atoi(count); err == nil && n > 0 {
			return nil
		}
	} else if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return nil
	}
	return fmt.Errorf("invalid -benchtime %q: want a positive duration such as 100ms or an iteration count such as 1000x", s)
}

// testArgs returns the go test arguments for a run with the given
// benchtime, count and cpu list.
//
// TODO: pass a -timeout. go test's default of 10 minutes per test binary
// ends a package whose benchmarks run longer with a panic.
func (o *Options) testArgs(benchtime string, count int, cpu string) []string {
	args := []string{"test", "-run", "^$", "-bench", o.Bench, "-benchmem", "-count", strconv.Itoa(count)}
	if cpu != "" {
		args = append(args, "-cpu", cpu)
	}
	if benchtime != "" {
		args = append(args, "-benchtime", benchtime)
	}
	return append(args, o.Packages...)
}
