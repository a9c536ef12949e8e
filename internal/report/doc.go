// Package report renders a compare.Report in the output formats of
// perfgate compare: an aligned text table, Markdown for pull-request
// comments and GitHub step summaries, JSON, JUnit XML, and GitHub Actions
// workflow-command annotations.
//
// The writers only format. They never decide a verdict, read the
// environment or print on their own, and they leave the report unchanged.
// Numbers that have no finite value, such as the ratio against a baseline
// median of 0, are shown as "n/a" in the tables and as null in JSON.
package report
