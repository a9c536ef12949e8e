// Package config loads perfgate.yaml, the optional file that sets a
// project's comparison defaults.
//
// Every key is optional, and an unset key is left nil so the caller can
// apply its own order of precedence: a command-line flag first, then the
// file, then the built-in default. Unknown keys are errors, so a misspelt
// key cannot silently leave a default in force. Every error names the file,
// and the line when the YAML decoder reports one.
package config
