package results

import (
	"errors"
	"fmt"
)

// Sentinel errors that an *InputError wraps, so callers can tell the kinds
// of bad input apart with errors.Is.
var (
	ErrNoResults     = errors.New("no benchmark results")
	ErrNotBenchmark  = errors.New("not Go benchmark output")
	ErrTruncated     = errors.New("truncated benchmark output")
	ErrInvalidValue  = errors.New("invalid benchmark value")
	ErrLineTooLong   = errors.New("line too long")
	ErrSyntax        = errors.New("invalid benchmark line")
	ErrUnitMetadata  = errors.New("invalid unit metadata")
	ErrFilterMatched = errors.New("filter matched no results")
)

// InputError is a problem with one input: a file that cannot be read or
// content that is not valid Go benchmark output. Msg states what is wrong
// and how to fix it.
type InputError struct {
	File string // as named by the caller; "<stdin>" for standard input
	Line int    // 1-based line number; 0 when the problem has no line
	Msg  string
	Err  error // a sentinel such as ErrTruncated, or the underlying I/O error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func (e *InputError) Unwrap() error { return e.Err }
