// Package baseline stores the reference results that perfgate compares new
// runs against, as a versioned JSON file.
//
// A Baseline holds, for each benchmark and unit, the raw samples in run
// order with their count, median and p95, plus the environment of the run
// (every config line), the creation time and the perfgate version. The
// median is the sample median, as compare reports it. The p95 is a
// Harrell–Davis estimate, which weighs every sample, so the p95 of ten
// samples is not simply the maximum. It is taken
// after dropping gross outliers on the unit's worse side (at most a fifth
// of the samples, beyond five scaled MADs), as compare does for its limit,
// so one stray slow sample does not set the limit. Their confidence
// intervals are distribution-free: order statistics chosen from the
// binomial distribution, at CILevel. With few samples a bound may not
// exist; it is then infinite in memory and null in the file.
//
// Save replaces a file atomically, so a failed save leaves the old
// baseline in place. Load rejects a file that is corrupt, truncated,
// written by a newer format version, or inconsistent, with an error that
// names the file and the problem.
package baseline
