package main

import (
	"errors"
	"flag"
	"io"
)

// version is the perfgate release, stamped into baselines and reports.
var version = "0.1.0"

// errHelp is returned when -h was given: usage was printed and the exit
// status is 0.
var errHelp = errors.New("help requested")

// newFlagSet returns a flag set that reports errors instead of exiting and
// prints usage to stderr. The flag package accepts both -flag and --flag.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		io.WriteString(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, mapping -h to errHelp and other errors to a usage
// error (the flag package has already printed the message and usage).
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return errHelp
	}
	if err != nil {
		return &usageError{err: err, printed: true}
	}
	return nil
}

// usageError is a bad flag or argument. When printed is set, the flag
// package has already shown the message with the usage, so the dispatcher
// only sets the exit status.
type usageError struct {
	err     error
	printed bool
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }
