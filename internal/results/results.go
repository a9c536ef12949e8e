package results

// Key identifies one benchmark series: package, full name, GOMAXPROCS and
// unit. The same name in two packages is two series.
type Key struct {
	Pkg   string // value of the "pkg" config line in force, "" when none
	Name  string // full name after "Benchmark", without the -N suffix
	Procs int    // the -N GOMAXPROCS suffix; 1 when the name has none
	Unit  string // as written in the input, for example "ns/op"
}

// Better values for Series.Better.
const (
	LowerIsBetter  = "lower"
	HigherIsBetter = "higher"
)

// Series holds every sample of one Key, in input order.
type Series struct {
	Key
	Values []float64
	Better string // LowerIsBetter or HigherIsBetter, from metadata or the unit
	Exact  bool   // "Unit U assume=exact" metadata was present
	Source string // "file:line" of the first sample, for messages
}

// Set is the merged content of one or more result files.
type Set struct {
	Series []*Series           // in first-seen order
	Env    map[string][]string // every config key, with its distinct values in first-seen order
	Files  []string            // the inputs, as named by the caller ("-" for stdin)
}
