package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses shared by every subcommand.
const (
	exitPass       = 0
	exitRegression = 1
	exitError      = 2
)

// errRegression marks a finished comparison that found a regression; it
// maps to exit status 1 and prints nothing more.
var errRegression = errors.New("regression found")

// command is one subcommand: its name, a one-line summary for the top-level
// usage, and its entry point.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, env *cmdEnv) error
}

// cmdEnv carries the process streams and environment lookup, so tests can
// run subcommands in-process without touching the real environment.
type cmdEnv struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// run dispatches args to a subcommand and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runEnv(ctx, args, &cmdEnv{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv})
}

func runEnv(ctx context.Context, args []string, env *cmdEnv) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		printUsage(env.stderr)
		if len(args) == 0 {
			return exitError
		}
		return exitPass
	}
	if args[0] == "version" || args[0] == "-version" || args[0] == "--version" {
		fmt.Fprintf(env.stdout, "perfgate %s\n", version)
		return exitPass
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], env)
		switch {
		case err == nil:
			return exitPass
		case errors.Is(err, errRegression):
			return exitRegression
		case errors.Is(err, errHelp):
			return exitPass
		case isPrintedUsageError(err):
			return exitError
		default:
			fmt.Fprintf(env.stderr, "perfgate %s: %v\n", c.name, err)
			return exitError
		}
	}
	fmt.Fprintf(env.stderr, "perfgate: unknown command %q; run 'perfgate -h' for the list\n", args[0])
	return exitError
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: perfgate COMMAND [flags] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "  %-10s %s\n", "version", "print the perfgate version")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'perfgate COMMAND -h' for a command's flags.")
	fmt.Fprintln(w, "Exit status: 0 pass, 1 regression found, 2 usage, input or internal error.")
}

// isPrintedUsageError reports whether err is a flag error that the flag
// package has already printed.
func isPrintedUsageError(err error) bool {
	var ue *usageError
	return errors.As(err, &ue) && ue.printed
}
