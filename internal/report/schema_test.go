package report

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestJSONKeysDocumented checks that every key WriteJSON emits is named,
// in backquotes, in docs/json.md, so the schema document cannot fall
// behind the report types.
func TestJSONKeysDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/json.md")
	if err != nil {
		t.Fatalf("read schema document: %v", err)
	}
	documented := map[string]bool{}
	code := regexp.MustCompile("`([a-z0-9_]+)`")
	for _, m := range code.FindAllStringSubmatch(string(doc), -1) {
		documented[m[1]] = true
	}

	r := fixtureReport()
	r.Calibration.RobustFactor = 1.1
	r.Calibration.BenchmarkFactor = 1.2
	r.Calibration.BenchmarkLow = 1.1
	r.Calibration.BenchmarkHigh = 1.3
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var value any
	if err := json.Unmarshal(buf.Bytes(), &value); err != nil {
		t.Fatal(err)
	}

	keys := map[string]bool{}
	collectKeys(value, "", keys)
	var undocumented []string
	for key := range keys {
		if !documented[key] {
			undocumented = append(undocumented, key)
		}
	}
	sort.Strings(undocumented)
	if len(undocumented) > 0 {
		t.Errorf("keys missing from docs/json.md: %s", strings.Join(undocumented, ", "))
	}
}

// collectKeys adds every object key under v to keys, skipping the
// contents of "environment", whose keys are config names from the input.
func collectKeys(v any, parent string, keys map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		if parent == "environment" {
			return
		}
		for key, child := range v {
			keys[key] = true
			collectKeys(child, key, keys)
		}
	case []any:
		for _, child := range v {
			collectKeys(child, parent, keys)
		}
	}
}
