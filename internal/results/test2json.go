package results

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxJSONLineBytes bounds one line of `go test -json` output. An output
// event holds at most one line of text, which the text parser limits to
// MaxLineBytes; JSON escaping can grow it up to six times.
const maxJSONLineBytes = 6*MaxLineBytes + 4096

// testEvent is the part of a test2json event that the parser needs.
type testEvent struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// packageOutput is the joined output text of one package so far, with the
// JSON line on which each of its text lines starts.
type packageOutput struct {
	text       bytes.Buffer
	lineStarts []int // lineStarts[i] is the JSON line of text line i+1
	midLine    bool  // the text does not end with a newline
}

func (o *packageOutput) add(output string, jsonLine int) {
	for len(output) > 0 {
		if !o.midLine {
			o.lineStarts = append(o.lineStarts, jsonLine)
		}
		i := bytes.IndexByte([]byte(output), '\n')
		if i < 0 {
			o.text.WriteString(output)
			o.midLine = true
			return
		}
		o.text.WriteString(output[:i+1])
		o.midLine = false
		output = output[i+1:]
	}
}

// parseTest2JSON reads the JSON of `go test -json`, joins the output events
// of each package in order and parses the joined text. test2json reports a
// benchmark result line as two events, the name and then the values, so
// the events must be joined before any line is parsed. A package's text is
// parsed when its final pass, fail or skip event arrives, and any package
// left at the end of the input is parsed then, in first-seen order.
func (p *parser) parseTest2JSON(file string, src *bufio.Reader) error {
	pending := map[string]*packageOutput{}
	var order []string

	flush := func(pkg string) error {
		out := pending[pkg]
		delete(pending, pkg)
		lineOf := func(n int) int {
			if n >= 1 && n <= len(out.lineStarts) {
				return out.lineStarts[n-1]
			}
			return 0
		}
		var initConfig []string
		if pkg != "" {
			initConfig = []string{"pkg", pkg}
		}
		return p.parseText(file, newSource(&out.text), lineOf, initConfig...)
	}

	for jsonLine := 1; ; jsonLine++ {
		line, tooLong, err := readLongLine(src, maxJSONLineBytes)
		if err == io.EOF {
			break
		}
		if err != nil {
			return &InputError{File: file, Line: jsonLine, Err: err, Msg: fmt.Sprintf("read failed: %v", err)}
		}
		if tooLong {
			return &InputError{File: file, Line: jsonLine, Err: ErrLineTooLong,
				Msg: fmt.Sprintf("line is longer than %d bytes, the limit for one go test -json event; shorten the benchmark name", maxJSONLineBytes)}
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}

		ev, err := decodeEvent(line)
		if err != nil {
			return &InputError{File: file, Line: jsonLine, Err: ErrNotBenchmark,
				Msg: fmt.Sprintf("not go test -json output: %v; pass the unmodified output of go test -json -bench, or its text output without -json", err)}
		}

		out := pending[ev.Package]
		if out == nil {
			out = &packageOutput{}
			pending[ev.Package] = out
			order = append(order, ev.Package)
		}
		if ev.Action == "output" {
			out.add(ev.Output, jsonLine)
		}
		if ev.Test == "" && (ev.Action == "pass" || ev.Action == "fail" || ev.Action == "skip") {
			if err := flush(ev.Package); err != nil {
				return err
			}
		}
	}

	for _, pkg := range order {
		if pending[pkg] == nil {
			continue
		}
		if err := flush(pkg); err != nil {
			return err
		}
	}
	return nil
}

func decodeEvent(line []byte) (testEvent, error) {
	var ev testEvent
	if err := json.Unmarshal(line, &ev); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return ev, fmt.Errorf("invalid JSON at byte %d: %w", syn.Offset, err)
		}
		return ev, err
	}
	if ev.Action == "" {
		return ev, errors.New(`event has no "Action" field`)
	}
	return ev, nil
}
