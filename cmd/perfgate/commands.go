package main

// commands lists the subcommands in the order the usage prints them. Each
// lives in a file of its own.
func commands() []command {
	return []command{
		runCommand(),
		baselineCommand(),
		compareCommand(),
		pushCommand(),
	}
}
