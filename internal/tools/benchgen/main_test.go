package main

import (
	"bytes"
	"testing"

	"github.com/perfgate/perfgate/internal/results"
)

func TestGenerateDeterministic(t *testing.T) {
	var first, second bytes.Buffer
	if err := generate(&first, 7, 20, 5, 0.1); err != nil {
		t.Fatal(err)
	}
	if err := generate(&second, 7, 20, 5, 0.1); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("two runs with the same flags wrote different files")
	}
}

func TestGenerateParses(t *testing.T) {
	var buf bytes.Buffer
	if err := generate(&buf, 1, 20, 5, 0); err != nil {
		t.Fatal(err)
	}
	set, err := results.Parse("generated", &buf, results.ParseOptions{})
	if err != nil {
		t.Fatalf("parse generated file: %v", err)
	}
	if got, want := len(set.Series), 20*3; got != want {
		t.Errorf("series = %d, want %d (20 benchmarks × 3 units)", got, want)
	}
	for _, s := range set.Series {
		if len(s.Values) != 5 {
			t.Errorf("%s %s has %d samples, want 5", s.Name, s.Unit, len(s.Values))
		}
	}
}
