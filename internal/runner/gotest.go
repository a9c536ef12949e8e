package runner

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// testOutput is the summary of one go test run's output that Run needs
// besides the raw copy.
type testOutput struct {
	results int      // benchmark result lines
	message []string // the go tool's message, as GoTestError.Message describes it
	stderr  string   // the go command's standard error
}

// runGoTest runs the go command with args, copies its standard output to
// raw line by line and calls onResult with the name of each result line.
// The error is the go command's, such as an *exec.ExitError.
func runGoTest(ctx context.Context, opts *Options, args []string, raw io.Writer, onResult func(name string)) (testOutput, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, opts.GoCommand, args...)
	cmd.Dir = opts.Dir
	cmd.Env = opts.Env
	// An interrupt lets go test stop the test binary and print what it
	// has. A kill would leave the test binary running.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return testOutput{}, err
	}
	if err := cmd.Start(); err != nil {
		return testOutput{}, err
	}

	var out testOutput
	copyErr := scanLines(stdout, func(line string) error {
		if _, err := io.WriteString(raw, line); err != nil {
			return err
		}
		text := strings.TrimRight(line, "\r\n")
		switch {
		case isResultLine(text):
			out.results++
			if onResult != nil {
				onResult(strings.Fields(text)[0])
			}
		case isTestingConfigLine(text), text == "PASS", strings.HasPrefix(text, "ok  \t"), text == "":
		default:
			out.message = append(out.message, text)
		}
		return nil
	})
	if copyErr != nil {
		// Stop the run, because its output cannot be kept, and drain the
		// pipe so the go command does not block before it receives the interrupt.
		cancel()
		io.Copy(io.Discard, stdout)
	}
	waitErr := cmd.Wait()
	out.stderr = stderr.String()
	for _, line := range strings.Split(strings.TrimRight(stderr.String(), "\n"), "\n") {
		if line != "" {
			out.message = append(out.message, line)
		}
	}
	return out, errors.Join(waitErr, copyErr)
}

// scanLines calls fn with each line of r, including its newline. Lines
// may be of any length.
func scanLines(r io.Reader, fn func(line string) error) error {
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			if ferr := fn(line); ferr != nil {
				return ferr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// isResultLine reports whether line is a benchmark result line of the Go
// benchmark format: a name starting with "Benchmark", an iteration count,
// then value and unit pairs.
func isResultLine(line string) bool {
	fields := strings.Fields(line)
	if len(fields) < 4 || len(fields)%2 != 0 || !strings.HasPrefix(fields[0], "Benchmark") {
		return false
	}
	_, err := strconv.ParseUint(fields[1], 10, 64)
	return err == nil
}

// isTestingConfigLine reports whether line is one of the configuration
// lines that the testing package prints before the first result. Other
// lines of that shape stay in the message, because "panic: ..." has it.
func isTestingConfigLine(line string) bool {
	for _, key := range []string{"goos: ", "goarch: ", "pkg: ", "cpu: "} {
		if strings.HasPrefix(line, key) {
			return true
		}
	}
	return false
}
