package results

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchproc"
)

// ParseOptions controls ParseFiles. The zero value reads every result.
type ParseOptions struct {
	// Filter is a golang.org/x/perf/benchproc filter expression, such as
	// "note:before", ".unit:ns/op" or ".file:old.txt", applied to each
	// result and value. "" keeps everything.
	Filter string
}

// stdinName is the name of standard input in messages and sources.
const stdinName = "<stdin>"

// ParseFiles reads the Go benchmark output in paths, in order, and merges
// it into one Set. The path "-" reads stdin. Each input must contain at least
// one result, and at least one result must pass opts.Filter.
//
// Errors about the content are *InputError values that name the file and
// line; an invalid filter is an error that names the expression.
func ParseFiles(paths []string, stdin io.Reader, opts ParseOptions) (*Set, error) {
	if len(paths) == 0 {
		return nil, errors.New("no results files given; pass at least one file, or - for standard input")
	}
	p, err := newParser(opts)
	if err != nil {
		return nil, err
	}
	for _, path := range paths {
		if err := p.parsePath(path, stdin); err != nil {
			return nil, err
		}
	}
	return p.finish()
}

// Parse reads one input of Go benchmark output from r; name identifies it
// in messages. It behaves as ParseFiles with a single file.
func Parse(name string, r io.Reader, opts ParseOptions) (*Set, error) {
	p, err := newParser(opts)
	if err != nil {
		return nil, err
	}
	if err := p.parseInput(name, name, r); err != nil {
		return nil, err
	}
	return p.finish()
}

// parser accumulates results across inputs. One benchfmt.Reader serves
// every input so that unit metadata carries from one file to the next.
type parser struct {
	filter     *benchproc.Filter
	filterExpr string
	reader     *benchfmt.Reader
	set        *Set
	index      map[Key]*Series
	envSeen    map[string]map[string]bool
	names      map[string]string        // interned benchmark names
	unitsOf    map[benchmarkID][]string // units of each benchmark's first line
	lastPkg    string
	fileLabel  string // the current input as listed, the value of ".file" in filters
	fileCount  int    // results read from the current input before filtering
}

func newParser(opts ParseOptions) (*parser, error) {
	p := &parser{
		filterExpr: opts.Filter,
		reader:     benchfmt.NewReader(strings.NewReader(""), ""),
		set:        &Set{Env: map[string][]string{}},
		index:      map[Key]*Series{},
		envSeen:    map[string]map[string]bool{},
		names:      map[string]string{},
		unitsOf:    map[benchmarkID][]string{},
	}
	if opts.Filter != "" {
		f, err := benchproc.NewFilter(opts.Filter)
		if err != nil {
			return nil, fmt.Errorf("invalid filter %q: %w", opts.Filter, err)
		}
		p.filter = f
	}
	return p, nil
}

func (p *parser) parsePath(path string, stdin io.Reader) error {
	if path == "-" {
		if stdin == nil {
			return &InputError{File: stdinName, Msg: "standard input is not available; pass a file name instead of -"}
		}
		return p.parseInput("-", stdinName, stdin)
	}
	f, err := os.Open(path)
	if err != nil {
		return &InputError{File: path, Err: err, Msg: fmt.Sprintf("cannot open results file: %v", unwrapPathError(err))}
	}
	defer f.Close()
	return p.parseInput(path, path, f)
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// parseInput detects the format of one input and parses it. label is the
// name recorded in Set.Files, and display the name used in messages.
func (p *parser) parseInput(label, display string, r io.Reader) error {
	p.set.Files = append(p.set.Files, label)
	p.fileLabel = label
	p.fileCount = 0
	src := newSource(r)

	var err error
	if looksLikeJSON(src) {
		err = p.parseTest2JSON(display, src)
	} else {
		err = p.parseText(display, src, nil)
	}
	if err != nil {
		return err
	}
	if p.fileCount == 0 {
		return &InputError{File: display, Err: ErrNoResults,
			Msg: "no benchmark results; run go test with -bench (for example go test -run '^$' -bench . -count 10) and check that the pattern matches benchmarks"}
	}
	return nil
}

// looksLikeJSON reports whether the first non-space byte within the first
// 4 KiB is '{'. It does not consume input.
func looksLikeJSON(src *bufio.Reader) bool {
	head, _ := src.Peek(4096)
	for _, c := range head {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '{':
			return true
		default:
			return false
		}
	}
	return false
}

// parseText feeds one text input to benchfmt. lineOf maps a line of the
// text to the line reported in messages; nil means the same line.
func (p *parser) parseText(file string, src *bufio.Reader, lineOf func(int) int, initConfig ...string) error {
	if lineOf == nil {
		lineOf = func(n int) int { return n }
	}
	guard := &lineGuard{src: src, file: file}
	// ".file" is internal configuration, as benchfmt.Files sets it, so
	// filters can select an input but Set.Env does not list it.
	p.reader.Reset(guard, file, append([]string{".file", p.fileLabel}, initConfig...)...)

	for p.reader.Scan() {
		var err error
		switch rec := p.reader.Result().(type) {
		case *benchfmt.Result:
			err = p.addResult(rec, file, lineOf, guard.unterminated)
		case *benchfmt.UnitMetadata:
			err = checkUnitMetadata(rec, file, lineOf)
		case *benchfmt.SyntaxError:
			err = syntaxError(rec, file, lineOf, guard.unterminated)
		}
		if err != nil {
			return err
		}
	}
	return readError(p.reader.Err(), file, lineOf)
}

// readError turns the error that ended a benchfmt read into an
// *InputError, keeping one the lineGuard produced.
func readError(err error, file string, lineOf func(int) int) error {
	if err == nil {
		return nil
	}
	var ie *InputError
	if errors.As(err, &ie) {
		out := *ie
		out.Line = lineOf(ie.Line)
		return &out
	}
	return &InputError{File: file, Err: err, Msg: fmt.Sprintf("read failed: %v", err)}
}

func syntaxError(se *benchfmt.SyntaxError, file string, lineOf func(int) int, unterminated int) error {
	if se.Msg == "missing iteration count" {
		// The name followed only by spaces: a progress line of go test -v.
		return nil
	}
	if se.Line == unterminated {
		return truncatedError(file, lineOf(se.Line), se.Msg)
	}
	return &InputError{File: file, Line: lineOf(se.Line), Err: ErrSyntax,
		Msg: fmt.Sprintf("invalid benchmark result line: %s; the output may be mixed with other text or cut short, so rerun the benchmarks", se.Msg)}
}

func truncatedError(file string, line int, detail string) error {
	return &InputError{File: file, Line: line, Err: ErrTruncated,
		Msg: fmt.Sprintf("result line is truncated (%s); the run was probably interrupted, so rerun the benchmarks", detail)}
}

func checkUnitMetadata(m *benchfmt.UnitMetadata, file string, lineOf func(int) int) error {
	valid := true
	switch m.Key {
	case "better":
		valid = m.Value == "higher" || m.Value == "lower"
	case "assume":
		valid = m.Value == "nothing" || m.Value == "exact"
	}
	if valid {
		return nil
	}
	_, line := m.Pos()
	return &InputError{File: file, Line: lineOf(line), Err: ErrUnitMetadata,
		Msg: fmt.Sprintf("unit %s has %s=%s; use better=higher or better=lower, and assume=nothing or assume=exact", m.OrigUnit, m.Key, m.Value)}
}

// addResult checks one benchmark line and adds its values to the set.
func (p *parser) addResult(res *benchfmt.Result, file string, lineOf func(int) int, unterminated int) error {
	_, textLine := res.Pos()
	line := lineOf(textLine)
	p.fileCount++

	for _, v := range res.Values {
		unit, value := original(v)
		if math.IsNaN(value) || math.IsInf(value, 0) || value < 0 {
			return &InputError{File: file, Line: line, Err: ErrInvalidValue,
				Msg: fmt.Sprintf("invalid value %v %s for Benchmark%s; values must be finite and non-negative, so check the benchmark's ReportMetric calls and rerun", value, unit, res.Name)}
		}
	}
	if err := p.checkComplete(res, file, line, textLine == unterminated); err != nil {
		return err
	}

	var match *benchproc.Match
	if p.filter != nil {
		// Match's error only explains a non-match, which the mask shows.
		m, _ := p.filter.Match(res)
		if !m.Any() {
			return nil
		}
		match = &m
	}

	p.recordEnv(res)
	name, procs := p.splitName(res.Name)
	pkg := p.pkgOf(res)
	for i, v := range res.Values {
		if match != nil && !match.Test(i) {
			continue
		}
		unit, value := original(v)
		key := Key{Pkg: pkg, Name: name, Procs: procs, Unit: unit}
		s := p.index[key]
		if s == nil {
			s = &Series{Key: key, Source: file + ":" + strconv.Itoa(line)}
			p.index[key] = s
			p.set.Series = append(p.set.Series, s)
		}
		s.Values = append(s.Values, value)
	}
	return nil
}

// original returns a value in the unit written in the input, undoing
// benchfmt's conversion to base units (ns/op to sec/op, MB/s to B/s).
func original(v benchfmt.Value) (unit string, value float64) {
	if v.OrigUnit != "" {
		return v.OrigUnit, v.OrigValue
	}
	return v.Unit, v.Value
}

// checkComplete rejects a result line that was cut short. Such a line has
// the next line's "PASS" or "FAIL" glued to its last unit, or it has fewer
// units than the benchmark's first line and only its last unit differs.
// The last line of an input without a newline is also cut short when its
// units differ from the benchmark's first line.
func (p *parser) checkComplete(res *benchfmt.Result, file string, line int, unterminated bool) error {
	last, _ := original(res.Values[len(res.Values)-1])
	if (strings.HasSuffix(last, "PASS") || strings.HasSuffix(last, "FAIL")) && last != "PASS" && last != "FAIL" {
		return truncatedError(file, line, fmt.Sprintf("unit %q ends in the text of the next line", last))
	}

	id := benchmarkID{p.pkgOf(res), p.intern(res.Name)}
	want, seen := p.unitsOf[id]
	if !seen {
		p.unitsOf[id] = strings.Fields(unitList(res))
		// NOTE: a benchmark's first line, cut short inside its last unit
		// ("ns/o"), cannot be distinguished from a custom unit.
		return nil
	}
	n := len(res.Values)
	if n == len(want) && unitsMatch(res, want, n) {
		return nil
	}
	shorter := n < len(want) && unitsMatch(res, want, n-1)
	if unterminated || shorter {
		return truncatedError(file, line, fmt.Sprintf("units %s where an earlier line of Benchmark%s has %s", unitList(res), res.Name, strings.Join(want, " ")))
	}
	return nil
}

// unitsMatch reports whether the first n units of res equal those of want.
func unitsMatch(res *benchfmt.Result, want []string, n int) bool {
	for i := 0; i < n; i++ {
		if u, _ := original(res.Values[i]); u != want[i] {
			return false
		}
	}
	return true
}

func unitList(res *benchfmt.Result) string {
	units := make([]string, len(res.Values))
	for i, v := range res.Values {
		units[i], _ = original(v)
	}
	return strings.Join(units, " ")
}

// recordEnv adds the file configuration of res to Set.Env.
func (p *parser) recordEnv(res *benchfmt.Result) {
	for _, cfg := range res.Config {
		if !cfg.File {
			continue
		}
		seen := p.envSeen[cfg.Key]
		if seen == nil {
			seen = map[string]bool{}
			p.envSeen[cfg.Key] = seen
		}
		if seen[string(cfg.Value)] {
			continue
		}
		value := string(cfg.Value)
		seen[value] = true
		p.set.Env[cfg.Key] = append(p.set.Env[cfg.Key], value)
	}
}

// splitName separates the -N GOMAXPROCS suffix from a benchmark name. A
// name without the suffix ran with GOMAXPROCS=1, which go test does not
// print.
func (p *parser) splitName(full benchfmt.Name) (name string, procs int) {
	procs = 1
	cut := len(full)
	for i := len(full) - 1; i > 0; i-- {
		c := full[i]
		if c >= '0' && c <= '9' {
			continue
		}
		if c == '-' && i < len(full)-1 {
			if n, err := strconv.Atoi(string(full[i+1:])); err == nil && n > 0 {
				procs, cut = n, i
			}
		}
		break
	}
	return p.intern(full[:cut]), procs
}

// benchmarkID is a full benchmark name, with its -N suffix, in a package.
type benchmarkID struct{ pkg, name string }

// intern returns b as a string, allocating only the first time.
func (p *parser) intern(b []byte) string {
	if s, ok := p.names[string(b)]; ok {
		return s
	}
	s := string(b)
	p.names[s] = s
	return s
}

// pkgOf returns the "pkg" config value of res, reusing the previous
// string while the package stays the same.
func (p *parser) pkgOf(res *benchfmt.Result) string {
	i, ok := res.ConfigIndex("pkg")
	if !ok {
		return ""
	}
	if v := res.Config[i].Value; string(v) != p.lastPkg {
		p.lastPkg = string(v)
	}
	return p.lastPkg
}

// finish sets each series' direction and exactness from the unit metadata
// of every input, and checks that something was kept.
func (p *parser) finish() (*Set, error) {
	units := p.reader.Units()
	for _, s := range p.set.Series {
		s.Better = better(units, s.Unit)
		if m := units.Get(s.Unit, "assume"); m != nil && m.Value == "exact" {
			s.Exact = true
		}
	}
	if len(p.set.Series) == 0 {
		return nil, &InputError{File: strings.Join(p.set.Files, ", "), Err: ErrFilterMatched,
			Msg: fmt.Sprintf("filter %q matched no results; check the expression against the config lines and names in the input", p.filterExpr)}
	}
	return p.set, nil
}

// better returns HigherIsBetter for units that benchfmt treats as
// higher-is-better (MB/s, B/s and "better=higher" metadata) and for any
// other rate unit ending in "/s". Every other unit is LowerIsBetter.
func better(units benchfmt.UnitMetadataMap, unit string) string {
	switch units.GetBetter(unit) {
	case 1:
		return HigherIsBetter
	case -1:
		return LowerIsBetter
	}
	if strings.HasSuffix(unit, "/s") {
		return HigherIsBetter
	}
	return LowerIsBetter
}
