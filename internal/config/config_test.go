package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestParseValid(t *testing.T) {
	data := []byte(`# perfgate settings
multiplier: 1.5
ci_multiplier: 2
alpha: 0.01
min_effect: 0.02
calibration: Calibrate
allow_missing: true
baseline: baseline/main.json
`)
	c, err := Parse("perfgate.yaml", data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checkFloat(t, "multiplier", c.Multiplier, 1.5)
	checkFloat(t, "ci_multiplier", c.CIMultiplier, 2)
	checkFloat(t, "alpha", c.Alpha, 0.01)
	checkFloat(t, "min_effect", c.MinEffect, 0.02)
	if c.Calibration == nil || *c.Calibration != "Calibrate" {
		t.Errorf("calibration = %v, want Calibrate", c.Calibration)
	}
	if c.AllowMissing == nil || !*c.AllowMissing {
		t.Errorf("allow_missing = %v, want true", c.AllowMissing)
	}
	if c.Baseline == nil || *c.Baseline != "baseline/main.json" {
		t.Errorf("baseline = %v, want baseline/main.json", c.Baseline)
	}
}

func TestParseUnsetKeysStayNil(t *testing.T) {
	tests := []struct {
		name string
		data string
	}{
		{"empty file", ""},
		{"comment only", "# nothing set yet\n"},
		{"one key", "alpha: 0.05\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("perfgate.yaml", []byte(tt.data))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if c.Multiplier != nil || c.CIMultiplier != nil || c.MinEffect != nil || c.Calibration != nil || c.AllowMissing != nil || c.Baseline != nil {
				t.Errorf("Parse(%q) set a key that the file does not contain: %+v", tt.data, c)
			}
		})
	}
}

func TestParseEmptyCalibrationDisables(t *testing.T) {
	c, err := Parse("perfgate.yaml", []byte("calibration: \"\"\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if c.Calibration == nil || *c.Calibration != "" {
		t.Errorf("calibration = %v, want a pointer to \"\"", c.Calibration)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string // substrings of the error message
	}{
		{"unknown key", "alpha: 0.05\nmultipler: 2\n", []string{"p.yaml:2:", `unknown key "multipler"`, "multiplier, ci_multiplier"}},
		{"wrong type", "alpha: 0.05\nallow_missing: maybe\n", []string{"p.yaml:2:", "allow_missing true or false"}},
		{"list value", "multiplier: [1]\n", []string{"p.yaml:1:"}},
		{"syntax", "alpha: 0.05\n  multiplier: 2\n", []string{"p.yaml:2:"}},
		{"multiplier zero", "alpha: 0.05\nmultiplier: 0\n", []string{"p.yaml:2:", "invalid multiplier 0", "a positive number"}},
		{"ci multiplier negative", "ci_multiplier: -2\n", []string{"p.yaml:1:", "invalid ci_multiplier -2"}},
		{"alpha of 1", "alpha: 1\n", []string{"p.yaml:1:", "invalid alpha 1", "between 0 and 1"}},
		{"alpha not a number", "alpha: .nan\n", []string{"p.yaml:1:", "invalid alpha NaN"}},
		{"negative min effect", "\n\nmin_effect: -0.1\n", []string{"p.yaml:3:", "invalid min_effect -0.1"}},
		{"infinite multiplier", "multiplier: .inf\n", []string{"p.yaml:1:", "invalid multiplier +Inf"}},
		{"empty baseline", "baseline: \"\"\n", []string{"p.yaml:1:", "baseline is empty"}},
		{"two documents", "alpha: 0.05\n---\nmultiplier: 2\n", []string{"p.yaml:2:", "more than one YAML document"}},
		{"top level list", "- alpha\n", []string{"p.yaml:1:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("p.yaml", []byte(tt.data))
			if err == nil {
				t.Fatalf("Parse(%q) = nil error, want an error", tt.data)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Parse(%q) error = %q, want it to contain %q", tt.data, err, w)
				}
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("Parse(%q) error = %q, want a single line", tt.data, err)
			}
		})
	}
}

func TestDecodeErrorUnwraps(t *testing.T) {
	_, err := Parse("p.yaml", []byte("bogus: 1\n"))
	var typeErr *yaml.TypeError
	if !errors.As(err, &typeErr) {
		t.Errorf("Parse error %T does not unwrap to *yaml.TypeError", err)
	}
	var decodeErr *DecodeError
	if !errors.As(err, &decodeErr) {
		t.Errorf("Parse error %T is not a *DecodeError", err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "perfgate.yaml")
	if err := os.WriteFile(path, []byte("multiplier: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	checkFloat(t, "multiplier", c.Multiplier, 3)

	_, err = Load(filepath.Join(dir, "absent.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(absent) error = %v, want os.ErrNotExist", err)
	}
}

func checkFloat(tb testing.TB, key string, got *float64, want float64) {
	tb.Helper()
	if got == nil {
		tb.Errorf("%s = nil, want %g", key, want)
		return
	}
	if *got != want {
		tb.Errorf("%s = %g, want %g", key, *got, want)
	}
}
