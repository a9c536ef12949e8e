// Package bench is the benchmark suite of the governance service: the
// results that perfgate gates in CI. It has no code outside its tests.
//
// Families and their sub-benchmark keys:
//
//   - BenchmarkGovernanceGate: Service.Check with the decision cache
//     disabled, per store (memory, sqlite), complexity (1-4) and maturity
//     (student to autonomous). Complexity above maturity is the denied path.
//   - BenchmarkUncachedCheck: the same uncached check on a fixed mix of
//     agents and actions, beside the plainest alternative (impl=plain).
//   - BenchmarkCacheHit, BenchmarkCacheMiss, BenchmarkCacheEvict: the
//     decision cache, each beside a mutex-and-map alternative.
//   - BenchmarkConcurrentChecks: Service.Check from 1, 2 and 4 parallel
//     goroutines over a realistic mix, with sampled latency percentiles
//     and checks/s, beside a cache with one global lock (impl=plain).
//   - BenchmarkTokenIssue, BenchmarkTokenVerify: HS256 agent tokens, beside
//     the golang-jwt library used directly (impl=jwt).
//   - BenchmarkCalibrate: fixed work that does not depend on project code,
//     so perfgate can tell a slower machine from slower code.
//
// Assumptions: every benchmark checks its result once before timing, so a
// wrong fixture fails instead of measuring the wrong path. Inputs are built
// before the timer starts and come from fixed seeds, so two runs measure
// the same work. "make bench" runs the suite with the count and benchtime
// set in the Makefile.
package bench
