// Package compare decides whether new Go benchmark results regress against
// a baseline. It fails a gate only on slowdowns that are statistically
// significant, large enough to matter and visible in the tail.
//
// Each benchmark and unit is one of:
//
//   - missing or new, when only one side has it;
//   - exact, when "assume=exact" metadata is present or each side has at
//     least two samples that are all equal (B/op and allocs/op usually
//     are): any change in the worse direction is a regression, including
//     0 → 1 allocs/op;
//   - noisy, otherwise: a one-sided Mann–Whitney U test (exact up to 2^53
//     rank arrangements, normal approximation above) tests whether the new
//     samples are worse.
//
// A noisy unit regresses when all three conditions hold:
//
//  1. its p-value is at most Alpha after the Benjamini–Hochberg
//     adjustment over every noisy test of the run (Holm on request);
//  2. the new p95 is above the baseline's times Multiplier, or for
//     higher-is-better units the p5 below the baseline's divided by
//     Multiplier. Both are outlier-resistant estimates, Harrell–Davis over
//     the samples that stats.DropOutliers keeps. It removes the samples
//     more than 5 scaled MADs beyond the median on the worse side, at most
//     max(1, ⌊n/5⌋) of them. With 10 samples the plain Harrell–Davis p95
//     puts 84 % of its weight on the maximum, so one slow baseline sample
//     would set the limit;
//  3. the median moved by more than MinEffect in the worse direction.
//
// A significant change that fails (2), or a change beyond MinEffect that
// is not significant, is inconclusive, with the number of samples that
// would settle it. Fewer than 4 samples per side, or sample sizes whose
// smallest possible p-value cannot reach the level, are inconclusive too.
// Tests that cannot reach significance are left out of the adjustment's
// family.
//
// Benjamini–Hochberg is the default because the gate's verdict is wrong
// only when it fails a run with no real regression. In such a run every
// null hypothesis is true, and then the procedure bounds the chance of any
// rejection at Alpha, as Holm does. When a change slows several benchmarks
// together it flags more of them than Holm does.
//
// Machine speed: when both runs contain the calibration benchmark and its
// 99 % Hodges–Lehmann interval of new/baseline excludes 1, time units are
// divided by a factor, and rates multiplied. The factor is the median
// ratio over all time units when that lies inside the calibration
// benchmark's interval widened by 5 %, because one benchmark's noise
// would otherwise shift every result together. It is the calibration
// benchmark's own ratio when the other benchmarks moved differently, and
// no correction is made when they stayed within 5 % of 1. A factor outside
// 0.5–2 is a warning. Exact units are never calibrated.
//
// The package assumes independent samples within each run and makes no
// assumption about their distribution. It never prints or logs; findings
// that do not change a verdict (environment differences, calibration
// notes, too few samples) are returned as Report.Warnings.
package compare
