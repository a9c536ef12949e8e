// Command benchgen writes a synthetic file of Go benchmark output, for
// measuring how fast perfgate compare and benchstat read and compare large
// inputs. The output is a pure function of the flags.
//
// Usage:
//
//	go run ./internal/tools/benchgen [-seed N] [-benchmarks N] [-samples N] [-slow F] [-o FILE]
//
// Each benchmark reports three units: ns/op with about 2 % log-normal
// noise, and B/op and allocs/op that are constant, as they usually are.
// With -slow F, every tenth benchmark's ns/op is multiplied by 1+F, so a
// pair of files made with different seeds and -slow 0 and -slow 0.1 has
// real regressions to find.
package main
