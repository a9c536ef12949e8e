package results

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// writeSuite writes a results file of benchmarks × 3 units × samples lines
// with seeded values, shaped like go test -benchmem output.
func writeSuite(tb testing.TB, dir string, benchmarks, samples int) string {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	var buf bytes.Buffer
	buf.WriteString("goos: linux\ngoarch: amd64\npkg: example.com/suite\ncpu: test\n")
	for s := 0; s < samples; s++ {
		for b := 0; b < benchmarks; b++ {
			fmt.Fprintf(&buf, "BenchmarkSuite/case=%04d-2 \t 1000000\t %.1f ns/op\t %d B/op\t %d allocs/op\n",
				b, 100+rng.Float64()*10, 64, 2)
		}
	}
	buf.WriteString("PASS\nok  \texample.com/suite\t1.000s\n")
	path := filepath.Join(dir, "suite.txt")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkParseFiles parses 1,000 benchmarks × 3 units × 20 samples, the
// size of a large suite.
func BenchmarkParseFiles(b *testing.B) {
	path := writeSuite(b, b.TempDir(), 1000, 20)
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	b.ReportAllocs()
	for b.Loop() {
		set, err := ParseFiles([]string{path}, nil, ParseOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(set.Series) != 3000 {
			b.Fatalf("len(Series) = %d, want 3000", len(set.Series))
		}
	}
}

func TestParseLargeSuite(t *testing.T) {
	path := writeSuite(t, t.TempDir(), 1000, 20)
	set, err := ParseFiles([]string{path}, nil, ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(set.Series); got != 3000 {
		t.Errorf("len(Series) = %d, want 3000", got)
	}
	for _, s := range set.Series {
		if len(s.Values) != 20 {
			t.Fatalf("series %+v has %d samples, want 20", s.Key, len(s.Values))
		}
	}
}
