package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
)

func main() {
	seed := flag.Uint64("seed", 1, "seed of the random noise")
	benchmarks := flag.Int("benchmarks", 1000, "number of benchmarks")
	samples := flag.Int("samples", 20, "samples per benchmark, as with go test -count")
	slow := flag.Float64("slow", 0, "relative slowdown of every tenth benchmark's ns/op, e.g. 0.1")
	out := flag.String("o", "", "output file (default standard output)")
	flag.Parse()

	if *benchmarks < 1 || *samples < 1 || *slow < 0 {
		fmt.Fprintln(os.Stderr, "benchgen: -benchmarks and -samples must be at least 1 and -slow at least 0")
		os.Exit(2)
	}
	w := io.Writer(os.Stdout)
	var file *os.File
	if *out != "" {
		var err error
		if file, err = os.Create(*out); err != nil {
			fmt.Fprintf(os.Stderr, "benchgen: %v\n", err)
			os.Exit(2)
		}
		w = file
	}
	if err := generate(w, *seed, *benchmarks, *samples, *slow); err != nil {
		fmt.Fprintf(os.Stderr, "benchgen: %v\n", err)
		os.Exit(2)
	}
	if file != nil {
		if err := file.Close(); err != nil {
			fmt.Fprintf(os.Stderr, "benchgen: %v\n", err)
			os.Exit(2)
		}
	}
}

// generate writes the benchmark file. The true ns/op, B/op and allocs/op
// of each benchmark depend only on its index, so two files with different
// seeds differ only by noise and by -slow.
func generate(w io.Writer, seed uint64, benchmarks, samples int, slow float64) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "goos: linux")
	fmt.Fprintln(bw, "goarch: amd64")
	fmt.Fprintln(bw, "pkg: example.com/synthetic")
	fmt.Fprintln(bw, "cpu: synthetic")

	noise := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	for i := range benchmarks {
		truth := rand.New(rand.NewPCG(uint64(i), 0x5851f42d4c957f2d))
		nsPerOp := 50 * math.Exp(truth.Float64()*8) // 50 ns to about 150 µs
		bytesPerOp := float64(16 * truth.IntN(256))
		allocsPerOp := float64(truth.IntN(16))
		if i%10 == 0 {
			nsPerOp *= 1 + slow
		}
		for range samples {
			v := nsPerOp * math.Exp(0.02*noise.NormFloat64())
			fmt.Fprintf(bw, "BenchmarkSynthetic/case=%04d-2\t%8d\t%12.1f ns/op\t%8.0f B/op\t%6.0f allocs/op\n",
				i, 1000, v, bytesPerOp, allocsPerOp)
		}
	}
	fmt.Fprintln(bw, "PASS")
	fmt.Fprintln(bw, "ok  \texample.com/synthetic\t1.000s")
	return bw.Flush()
}
