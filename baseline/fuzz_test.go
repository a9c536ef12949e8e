package baseline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad checks that no file content makes the baseline reader panic,
// and that whatever it accepts passes Validate and saves again. It calls
// Decode, which is Load after reading the file.
func FuzzLoad(f *testing.F) {
	for _, files := range [][]string{{"fiber-duplicate-names.txt"}, {"units-exact.txt"}, {"test2json-split-lines.json"}} {
		data, err := json.MarshalIndent(fromCases(f, files...), "", "  ")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	paths, err := filepath.Glob(filepath.Join(casesDir, "*"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no seed files in %s: %v", casesDir, err)
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Decode(data)
		if err != nil {
			return
		}
		if err := b.Validate(); err != nil {
			t.Fatalf("Decode accepted a baseline that Validate rejects: %v", err)
		}
		if _, err := json.Marshal(b); err != nil {
			t.Fatalf("accepted baseline does not encode: %v", err)
		}
	})
}
