package runner

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Configuration keys that Run adds at the top of the results file. The test
// binary prints goos, goarch, pkg and cpu itself.
const (
	KeyGoVersion  = "goversion"  // the go command's version, e.g. go1.26.8
	KeyGOMAXPROCS = "gomaxprocs" // GOMAXPROCS of a benchmark without a -N name suffix
	KeyCommit     = "commit"     // git commit hash, with a -dirty suffix for uncommitted changes
	KeyStartTime  = "start-time" // start of the run, RFC 3339 in UTC
)

// envLines returns the configuration lines that describe the run, each
// ending in a newline. The commit line is left out outside a git checkout
// or when git is not installed, because a missing commit is not an error.
func envLines(ctx context.Context, opts *Options, start time.Time) ([]string, error) {
	goVersion, err := output(ctx, opts.Dir, opts.Env, opts.GoCommand, "env", "GOVERSION")
	if err != nil {
		return nil, fmt.Errorf("read the go version: %w", err)
	}

	var lines []string
	lines = append(lines, configLine(KeyGoVersion, goVersion))
	if opts.GOMAXPROCS > 0 {
		lines = append(lines, configLine(KeyGOMAXPROCS, strconv.Itoa(opts.GOMAXPROCS)))
	}
	if commit := gitCommit(ctx, opts); commit != "" {
		lines = append(lines, configLine(KeyCommit, commit))
	}
	lines = append(lines, configLine(KeyStartTime, start.UTC().Format(time.RFC3339)))
	return lines, nil
}

// gitCommit returns HEAD of the checkout that contains opts.Dir, with a
// "-dirty" suffix when tracked files have uncommitted changes, or "" when
// opts.Dir is not in a git checkout. Untracked files do not count, because
// results files and build outputs are usually untracked.
func gitCommit(ctx context.Context, opts *Options) string {
	head, err := output(ctx, opts.Dir, opts.Env, opts.GitCommand, "rev-parse", "HEAD")
	if err != nil || head == "" {
		return ""
	}
	status, err := output(ctx, opts.Dir, opts.Env, opts.GitCommand, "status", "--porcelain", "--untracked-files=no")
	if err != nil {
		return ""
	}
	if status != "" {
		return head + "-dirty"
	}
	return head
}

// configLine formats one configuration line. A value never contains a
// newline, because a newline would end the line early.
func configLine(key, value string) string {
	return key + ": " + strings.ReplaceAll(value, "\n", " ") + "\n"
}

// output runs name with args in dir and returns its trimmed standard
// output. The error carries the command's standard error.
func output(ctx context.Context, dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			return "", fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
		}
		return "", fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, msg)
	}
	return strings.TrimSpace(string(out)), nil
}
