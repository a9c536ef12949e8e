package main

// commands lists the subcommands in the order the usage prints them. Each
// lives in a file of its own.
func commands() []command {
	return []command{
		// run, baseline, compare and push are registered here as they land.
	}
}
