// Package stats provides the distribution-free estimators and tests that
// perfgate's comparison uses. The estimators are Harrell–Davis
// quantiles, with an outlier-resistant variant that first drops samples
// beyond 5 scaled MADs from the median, and order-statistic confidence
// intervals for quantiles. It also provides the exact and
// normal-approximation Mann–Whitney U test, the Hodges–Lehmann shift
// estimate with its confidence interval, and the Holm and
// Benjamini–Hochberg multiple-comparison adjustments.
//
// The package assumes independent samples and makes no assumption about
// their distribution. Functions that take a slice named sorted require it
// in ascending order without NaN; they do not check this and do not modify
// their input. Programmer errors (an empty slice, a probability outside
// [0, 1]) panic with a "stats:" prefix.
package stats
