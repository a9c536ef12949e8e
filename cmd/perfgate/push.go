package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/perfgate/perfgate/compare"
	"github.com/perfgate/perfgate/internal/push"
	"github.com/perfgate/perfgate/internal/results"
)

const pushUsage = `usage: perfgate push -gateway URL [-job NAME] [-label name=value]... FILE

Push FILE to a Prometheus pushgateway, replacing the metrics of the group
(job plus labels) that an earlier push left there. FILE is either the JSON
of 'perfgate compare -format json' (recognised by its top-level "verdict"
and "benchmarks" keys) or Go benchmark results as 'perfgate compare' reads
them; "-" reads standard input. docs/metrics.md lists the metrics.

Basic auth comes from PERFGATE_PUSH_USERNAME and PERFGATE_PUSH_PASSWORD,
or from user information in the URL; neither is ever printed. The commit
and branch come from the flags, else from the results' commit config line,
else from GITHUB_SHA and GITHUB_HEAD_REF or GITHUB_REF_NAME.

Exit status: 0 pushed, 2 usage or input error or a failed push.

Flags:
`

// pushCommand returns the push subcommand for the dispatcher.
func pushCommand() command {
	return command{
		name:    "push",
		summary: "push a comparison or benchmark results to a Prometheus pushgateway",
		run:     runPush,
	}
}

func runPush(ctx context.Context, args []string, env *cmdEnv) error {
	fs := newFlagSet("push", pushUsage, env.stderr)
	p := &pushFlags{required: true}
	fs.StringVar(&p.url, "gateway", "", "pushgateway `URL`, e.g. http://127.0.0.1:9091 (required)")
	fs.StringVar(&p.job, "job", push.DefaultJob, "job `name`, the first grouping key")
	fs.Var(&p.labels, "label", "extra grouping key as `name=value`, e.g. runner=ubuntu-latest; repeatable; never a commit or run id")
	fs.Var(&p.headers, "header", "HTTP header as `'Name: value'` sent with the push, e.g. for a proxy; repeatable")
	fs.DurationVar(&p.timeout, "timeout", push.DefaultTimeout, "maximum `duration` of the push, every retry included")
	fs.StringVar(&p.commit, "commit", "", "commit `id` for perfgate_run_info")
	fs.StringVar(&p.branch, "branch", "", "branch `name` for perfgate_run_info")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if p.url == "" {
		return errors.New("missing -gateway URL, e.g. -gateway http://127.0.0.1:9091")
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("want one FILE, got %d arguments; name a compare JSON or a results file, or - for standard input", fs.NArg())
	}

	path := fs.Arg(0)
	reg, err := pushRegistry(path, env, p)
	if err != nil {
		return err
	}
	return p.send(ctx, env, reg)
}

// pushRegistry reads FILE and registers its metrics on a new registry.
func pushRegistry(path string, env *cmdEnv, p *pushFlags) (*prometheus.Registry, error) {
	data, err := readInput(path, env.stdin)
	if err != nil {
		return nil, err
	}
	reg := prometheus.NewRegistry()

	if r, ok, err := decodeCompareJSON(path, data); ok {
		if err != nil {
			return nil, err
		}
		info := p.info(env, push.InfoFromConfig(r.Environment.New))
		if err := push.RegisterReport(reg, r, info, time.Now()); err != nil {
			return nil, fmt.Errorf("build push metrics: %w", err)
		}
		return reg, nil
	}

	// Not a report: parse it as benchmark results. A file is parsed by
	// name so messages carry file:line.
	paths, stdin := []string{path}, io.Reader(bytes.NewReader(data))
	set, err := results.ParseFiles(paths, stdin, results.ParseOptions{})
	if err != nil {
		return nil, fmt.Errorf("%s is neither a compare JSON report nor benchmark results: %w", path, err)
	}
	info := p.info(env, push.InfoFromConfig(set.Env))
	if err := push.RegisterResults(reg, set, info, time.Now()); err != nil {
		return nil, fmt.Errorf("build push metrics: %w", err)
	}
	return reg, nil
}

func readInput(path string, stdin io.Reader) ([]byte, error) {
	if path == "-" {
		data, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		return data, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read push input: %w", err)
	}
	return data, nil
}

// decodeCompareJSON decodes data as a compare report when it is one JSON object
// with top-level "verdict" and "benchmarks" keys. ok is false for anything
// else, including the event stream of 'go test -json'.
func decodeCompareJSON(path string, data []byte) (r *compare.Report, ok bool, err error) {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return nil, false, nil
	}
	if _, v := top["verdict"]; !v {
		return nil, false, nil
	}
	if _, b := top["benchmarks"]; !b {
		return nil, false, nil
	}
	r = &compare.Report{}
	if err := json.Unmarshal(data, r); err != nil {
		return nil, true, fmt.Errorf("decode compare report %s: %w", path, err)
	}
	return r, true, nil
}
