// Package push turns perfgate results into Prometheus metrics and sends
// them to a Prometheus Pushgateway.
//
// RegisterReport and RegisterResults add gauges for a comparison report or
// for raw benchmark results to a prometheus.Registerer. Push sends a
// gatherer's metrics to a gateway with github.com/prometheus/client_golang's
// push package, replacing the group (HTTP PUT), with a bounded number of
// attempts, exponential backoff and an overall timeout.
//
// Assumptions:
//   - Values are converted to base units with golang.org/x/perf/benchunit
//     (ns/op becomes seconds, MB/s becomes bytes per second), and the
//     metric name carries the unit as a suffix (_seconds, _bytes,
//     _bytes_per_second). A unit with no base-unit form, such as allocs/op,
//     keeps a name without a suffix, and the unit label names it.
//   - Grouping keys are the job and the labels the caller gives. A commit or
//     run id must not be a grouping key, because a pushgateway keeps every
//     group until it is deleted. Commit, branch and Go version are labels
//     of the perfgate_run_info metric instead.
//   - The package never logs. Errors never contain credentials: user
//     information in the gateway URL is moved into a basic-auth header and
//     removed from every message, and header values are never formatted.
//
// docs/metrics.md documents every metric.
package push
