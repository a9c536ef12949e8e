package results_test

import (
	"fmt"
	"strings"

	"github.com/perfgate/perfgate/internal/results"
)

func ExampleParse() {
	output := `goos: linux
pkg: example.com/cache
BenchmarkGet/size=64-2    1000000    52.1 ns/op    0 B/op    0 allocs/op
BenchmarkGet/size=64-2    1000000    50.9 ns/op    0 B/op    0 allocs/op
`
	set, err := results.Parse("bench.txt", strings.NewReader(output), results.ParseOptions{Filter: ".unit:ns/op"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range set.Series {
		fmt.Printf("%s %s procs=%d %s %v better=%s\n", s.Pkg, s.Name, s.Procs, s.Unit, s.Values, s.Better)
	}
	fmt.Println(set.Env["goos"])

	_, err = results.Parse("empty.txt", strings.NewReader("PASS\n"), results.ParseOptions{})
	fmt.Println(err)
	// Output:
	// example.com/cache Get/size=64 procs=2 ns/op [52.1 50.9] better=lower
	// [linux]
	// empty.txt: no benchmark results; run go test with -bench (for example go test -run '^$' -bench . -count 10) and check that the pattern matches benchmarks
}
