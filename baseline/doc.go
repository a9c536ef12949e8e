// Package baseline stores the reference results that perfgate compares new
// runs against, as a versioned JSON file.
//
// A Baseline holds, for each benchmark and unit, the raw samples in run
// order with their count, median and p95, plus the environment of the run
// (every config line), the creation time and the perfgate version. The
// median and the p95 are Harrell–Davis estimates, which weigh every sample,
// so the p95 of ten samples is not simply the maximum. Their confidence
// intervals are distribution-free: order statistics chosen from the
// binomial distribution, at CILevel. With few samples a bound may not
// exist; it is then infinite in memory and null in the file.
//
// Save replaces a file atomically, so a failed save leaves the old
// baseline in place. Load rejects a file that is corrupt, truncated,
// written by a newer format version, or inconsistent, with an error that
// names the file and the problem.
package baseline
