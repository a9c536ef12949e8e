package results

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, and that every
// accepted input yields finite, non-negative samples in non-empty series.
func FuzzParse(f *testing.F) {
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
	f.Add([]byte("Unit x better=higher assume=exact\nBenchmarkA-2 1 5 x\n"))

	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Parse("fuzz", bytes.NewReader(data), ParseOptions{})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T %v is not *InputError", err, err)
			}
			return
		}
		if len(set.Series) == 0 {
			t.Fatal("Parse returned no series and no error")
		}
		for _, s := range set.Series {
			if len(s.Values) == 0 {
				t.Errorf("series %+v has no values", s.Key)
			}
			for _, v := range s.Values {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Errorf("series %+v has value %v", s.Key, v)
				}
			}
			if s.Procs < 1 {
				t.Errorf("series %+v has Procs %d", s.Key, s.Procs)
			}
			if s.Better != LowerIsBetter && s.Better != HigherIsBetter {
				t.Errorf("series %+v has Better %q", s.Key, s.Better)
			}
		}
	})
}
