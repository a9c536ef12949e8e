package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/model"

	"github.com/perfgate/perfgate/compare"
	"github.com/perfgate/perfgate/internal/push"
)

// Environment variables for gateway basic auth. They are read through
// cmdEnv.getenv and never printed.
const (
	envPushUsername = "PERFGATE_PUSH_USERNAME"
	envPushPassword = "PERFGATE_PUSH_PASSWORD"
)

// pushFlags holds the pushgateway settings shared by perfgate push and
// perfgate compare -push.
type pushFlags struct {
	url      string
	job      string
	labels   labelFlag
	headers  headerFlag
	required bool
	timeout  time.Duration
	commit   string // overrides the commit from the results and GITHUB_SHA
	branch   string // overrides GITHUB_HEAD_REF and GITHUB_REF_NAME
}

// addPushFlags registers the -push flags of perfgate compare on fs. Without
// -push, pushReport does nothing.
func addPushFlags(fs *flag.FlagSet) *pushFlags {
	p := &pushFlags{}
	fs.StringVar(&p.url, "push", "", "push the report's metrics to the Prometheus pushgateway at `URL`, e.g. http://127.0.0.1:9091")
	fs.StringVar(&p.job, "push-job", push.DefaultJob, "job `name`, the first grouping key of the push")
	fs.Var(&p.labels, "push-label", "extra grouping key as `name=value`, e.g. runner=ubuntu-latest; repeatable; never a commit or run id")
	fs.BoolVar(&p.required, "push-required", false, "exit 2 when the push fails; by default a failed push is reported on stderr and the exit status is the gate's")
	fs.DurationVar(&p.timeout, "push-timeout", push.DefaultTimeout, "maximum `duration` of the push, every retry included")
	fs.Var(&p.headers, "push-header", "HTTP header as `'Name: value'` sent with the push, e.g. for a proxy; repeatable")
	return p
}

// pushReport pushes the metrics of r when -push was given. A failed push
// is printed on env.stderr as "perfgate: push to URL failed: ..." and
// pushReport returns nil, so the gate's exit status is kept. With
// -push-required it returns the error instead and prints nothing.
func (p *pushFlags) pushReport(ctx context.Context, env *cmdEnv, r *compare.Report) error {
	if p.url == "" {
		return nil
	}
	info := p.info(env, push.InfoFromConfig(r.Environment.New))
	reg := prometheus.NewRegistry()
	if err := push.RegisterReport(reg, r, info, time.Now()); err != nil {
		return fmt.Errorf("build push metrics: %w", err)
	}
	err := p.send(ctx, env, reg)
	if err == nil || p.required {
		return err
	}
	fmt.Fprintf(env.stderr, "perfgate: %v; the gate's verdict is unchanged (use -push-required to fail on a push error)\n", err)
	return nil
}

// send pushes the metrics of g with the flags' settings and prints one
// line on env.stderr when the push succeeded.
func (p *pushFlags) send(ctx context.Context, env *cmdEnv, g prometheus.Gatherer) error {
	header, err := p.headers.header()
	if err != nil {
		return fmt.Errorf("push failed: %w", err)
	}
	opts := push.Options{
		URL:      p.url,
		Job:      p.job,
		Grouping: p.labels,
		Header:   header,
		Username: env.getenv(envPushUsername),
		Password: env.getenv(envPushPassword),
		Timeout:  p.timeout,
	}
	if err := push.Push(ctx, g, opts); err != nil {
		var pe *push.Error
		if errors.As(err, &pe) {
			return err // already "push to URL failed: ..."
		}
		return fmt.Errorf("push failed: %w", err)
	}
	fmt.Fprintf(env.stderr, "perfgate: pushed metrics to %s (job %s%s)\n", redactedURL(p.url), p.job, p.labels.describe())
	return nil
}

// info completes the run description: a flag wins, then the config lines
// of the results, then the GitHub Actions variables.
func (p *pushFlags) info(env *cmdEnv, fromResults push.Info) push.Info {
	info := fromResults
	info.PerfgateVersion = version
	info.Commit = firstNonEmpty(p.commit, info.Commit, env.getenv("GITHUB_SHA"))
	// GITHUB_HEAD_REF is the source branch of a pull request;
	// GITHUB_REF_NAME is then "N/merge", so it only serves other events.
	info.Branch = firstNonEmpty(p.branch, info.Branch, env.getenv("GITHUB_HEAD_REF"), env.getenv("GITHUB_REF_NAME"))
	return info
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// redactedURL hides user information in a gateway URL for messages.
func redactedURL(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		scheme, rest = "", raw
	}
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		rest = "xxxxx@" + rest[at+1:]
	}
	if scheme == "" {
		return rest
	}
	return scheme + "://" + rest
}

// labelFlag collects repeated name=value grouping keys.
type labelFlag []push.Label

func (l *labelFlag) String() string { return "" }

func (l *labelFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("%q is not name=value", s)
	}
	if !model.LabelName(name).IsValidLegacy() {
		return fmt.Errorf("invalid label name %q; use letters, digits and underscores, not starting with a digit", name)
	}
	if push.IsReservedLabel(name) {
		return fmt.Errorf("label %q is already a label of perfgate's metrics; choose another name", name)
	}
	for _, existing := range *l {
		if existing.Name == name {
			return fmt.Errorf("label %q given twice", name)
		}
	}
	*l = append(*l, push.Label{Name: name, Value: value})
	return nil
}

func (l labelFlag) describe() string {
	var b strings.Builder
	for _, x := range l {
		fmt.Fprintf(&b, ", %s=%s", x.Name, x.Value)
	}
	return b.String()
}

// headerFlag collects repeated "Name: value" headers. Values may be
// secrets, and the flag package quotes a value that Set rejects, so Set
// accepts everything and header reports a malformed entry by its position.
type headerFlag []string

func (h *headerFlag) String() string { return "" }

func (h *headerFlag) Set(s string) error {
	*h = append(*h, s)
	return nil
}

// header returns the headers, or an error naming the first malformed
// entry by its position among the header flags.
func (h headerFlag) header() (http.Header, error) {
	if len(h) == 0 {
		return nil, nil
	}
	hdr := http.Header{}
	for i, s := range h {
		name, value, ok := strings.Cut(s, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" || strings.ContainsAny(name, " \t") || value == "" {
			return nil, fmt.Errorf("invalid header flag number %d: want 'Name: value', for example 'X-Scope-OrgID: ci'", i+1)
		}
		hdr.Add(name, value)
	}
	return hdr, nil
}
