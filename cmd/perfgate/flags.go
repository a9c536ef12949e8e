package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// version is the perfgate release, stamped into baselines and reports.
var version = "0.1.0"

// errHelp is returned when -h was given: usage was printed and the exit
// status is 0.
var errHelp = errors.New("help requested")

// newFlagSet returns a flag set that reports errors instead of exiting.
// -h prints the full usage to stderr. A flag error prints the error and a
// one-line hint, so the message is not lost above the flag list. The flag
// package accepts both -flag and --flag.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	out := &watchWriter{w: stderr}
	fs.SetOutput(out)
	fs.Usage = func() {
		// The flag package prints the error before it calls Usage, and
		// prints nothing before it for -h.
		if out.wrote {
			fmt.Fprintf(stderr, "run 'perfgate %s -h' for the flags\n", name)
			return
		}
		io.WriteString(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// watchWriter records whether anything was written through it.
type watchWriter struct {
	w     io.Writer
	wrote bool
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.wrote = true
	return w.w.Write(p)
}

// parseFlags parses args, mapping -h to errHelp and other errors to a
// usage error that the flag package has already printed with its hint.
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
// package has already shown the message, so the dispatcher only sets the
// exit status.
type usageError struct {
	err     error
	printed bool
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }
