// Package stats provides the distribution-free estimators and tests that
// perfgate's comparison uses: Harrell–Davis quantiles, order-statistic
// confidence intervals for quantiles, the exact and normal-approximation
// Mann–Whitney U test, the Hodges–Lehmann shift estimate with its
// confidence interval, and Holm's multiple-comparison adjustment.
//
// The package assumes independent samples and makes no assumption about
// their distribution. Functions that take a slice named sorted require it
// in ascending order without NaN; they do not check this and do not modify
// their input. Programmer errors (an empty slice, a probability outside
// [0, 1]) panic with a "stats:" prefix.
package stats
