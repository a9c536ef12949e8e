package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// DefaultPath is the file the compare command reads when no -config flag
// is given and the file exists, relative to the working directory.
const DefaultPath = "perfgate.yaml"

// Config is the content of a perfgate.yaml file. A nil field was not set.
type Config struct {
	// Multiplier is the factor over the baseline p95 that the new p95 must
	// exceed for a regression, outside CI. Positive.
	Multiplier *float64 `yaml:"multiplier"`

	// CIMultiplier replaces Multiplier when the CI environment variable is
	// true. Positive.
	CIMultiplier *float64 `yaml:"ci_multiplier"`

	// Alpha is the family-wise error rate across every test of a run,
	// strictly between 0 and 1.
	Alpha *float64 `yaml:"alpha"`

	// MinEffect is the minimum relative change of the median that can be a
	// regression, as a fraction (0.02 is 2 %). At least 0.
	MinEffect *float64 `yaml:"min_effect"`

	// Calibration names the benchmark whose speed ratio is divided out of
	// time units. An empty string disables calibration.
	Calibration *string `yaml:"calibration"`

	// AllowMissing makes a benchmark that is in the baseline but not in the
	// new results pass the gate.
	AllowMissing *bool `yaml:"allow_missing"`

	// Baseline is the baseline file path, relative to the working
	// directory of the perfgate process (not to the config file).
	Baseline *string `yaml:"baseline"`
}

// Load reads and validates the config file at path. A missing file is an
// error that wraps os.ErrNotExist, so callers that treat the file as
// optional check for it first.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes and validates data, naming the file as name in errors. An
// empty document yields a Config with every field nil.
func Parse(name string, data []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, decodeError(name, err)
	}

	// A second document would be ignored by Decode, which hides mistakes
	// such as a stray "---" that splits the settings in two.
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, fmt.Errorf("%s:%d: more than one YAML document; keep all settings in one document and remove the extra \"---\"", name, extra.Line)
	}

	if err := c.validate(name, data); err != nil {
		return nil, err
	}
	return &c, nil
}

// validate checks the value ranges, naming the key's line when it can be
// found.
func (c *Config) validate(name string, data []byte) error {
	checks := []struct {
		key   string
		value *float64
		ok    func(float64) bool
		rule  string
	}{
		{"multiplier", c.Multiplier, func(v float64) bool { return v > 0 }, "a positive number, for example 1.5"},
		{"ci_multiplier", c.CIMultiplier, func(v float64) bool { return v > 0 }, "a positive number, for example 2"},
		{"alpha", c.Alpha, func(v float64) bool { return v > 0 && v < 1 }, "a number between 0 and 1, for example 0.05"},
		{"min_effect", c.MinEffect, func(v float64) bool { return v >= 0 }, "a fraction of at least 0, for example 0.02 for 2 %"},
	}
	for _, check := range checks {
		if check.value == nil {
			continue
		}
		v := *check.value
		if math.IsNaN(v) || math.IsInf(v, 0) || !check.ok(v) {
			return fmt.Errorf("%s: invalid %s %s; set it to %s", position(name, data, check.key), check.key, strconv.FormatFloat(v, 'g', -1, 64), check.rule)
		}
	}
	if c.Baseline != nil && strings.TrimSpace(*c.Baseline) == "" {
		return fmt.Errorf("%s: baseline is empty; set it to a file path or remove the key", position(name, data, "baseline"))
	}
	return nil
}

// position returns "name:line" for the top-level key, or name alone when
// the key cannot be located.
func position(name string, data []byte, key string) string {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		return name
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return name
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return fmt.Sprintf("%s:%d", name, m.Content[i].Line)
		}
	}
	return name
}

// linePrefix matches the "line N: " that the YAML decoder puts before each
// message.
var linePrefix = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// decodeError rewrites a YAML decoder error as "file:line: message" lines
// and adds the fix for the common cases.
func decodeError(name string, err error) error {
	var typeErr *yaml.TypeError
	var msgs []string
	if errors.As(err, &typeErr) {
		msgs = typeErr.Errors
	} else {
		msgs = []string{err.Error()}
	}

	lines := make([]string, 0, len(msgs))
	for _, msg := range msgs {
		where := name
		if m := linePrefix.FindStringSubmatch(msg); m != nil {
			where = name + ":" + m[1]
			msg = m[2]
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		lines = append(lines, where+": "+explain(msg))
	}
	return &DecodeError{Message: strings.Join(lines, "; "), Err: err}
}

// DecodeError is a config file that is not valid YAML or does not match
// the expected keys and types. Message holds one "file:line: problem; fix"
// entry per problem, and Err is the YAML decoder's own error.
type DecodeError struct {
	Message string
	Err     error
}

func (e *DecodeError) Error() string { return e.Message }
func (e *DecodeError) Unwrap() error { return e.Err }

// fieldNotFound matches the decoder's message for an unknown key.
var fieldNotFound = regexp.MustCompile(`^field (\S+) not found in type \S+$`)

// explain appends the fix to a decoder message.
func explain(msg string) string {
	if m := fieldNotFound.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown key %q; valid keys are %s", m[1], strings.Join(Keys(), ", "))
	}
	if strings.Contains(msg, "cannot unmarshal") {
		return msg + "; check the value's type (numbers unquoted, allow_missing true or false)"
	}
	return msg
}

// Keys returns the valid top-level keys in the order they are documented.
func Keys() []string {
	return []string{"multiplier", "ci_multiplier", "alpha", "min_effect", "calibration", "allow_missing", "baseline"}
}
