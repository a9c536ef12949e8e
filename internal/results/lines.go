package results

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// MaxLineBytes is the longest input line accepted, not counting the
// newline. benchfmt reads lines with bufio.Scanner's default buffer of
// bufio.MaxScanTokenSize (64 KiB), which must also fit the newline. A
// longer line would stop it with a bare "token too long".
const MaxLineBytes = bufio.MaxScanTokenSize - 1

// lineGuard passes its input to benchfmt one whole line per Read. It
// rejects a line that is too long or is not text before benchfmt reads it. It never splits a line across an error, so benchfmt has
// processed every earlier line when the error reaches it.
type lineGuard struct {
	src  *bufio.Reader // buffer of at least MaxLineBytes+1 bytes
	file string
	line int    // number of the line in pending
	rest []byte // unread part of the current line
	err  error  // sticky error, returned once rest is drained

	// unterminated is the number of the last line when it had no
	// newline, 0 otherwise. It is set once src reaches EOF.
	unterminated int
}

// newSource returns a reader whose buffer holds a full line of
// MaxLineBytes plus its newline.
func newSource(r io.Reader) *bufio.Reader {
	return bufio.NewReaderSize(r, MaxLineBytes+1)
}

func (g *lineGuard) Read(p []byte) (int, error) {
	if len(g.rest) == 0 {
		if g.err != nil {
			return 0, g.err
		}
		g.err = g.next()
		if len(g.rest) == 0 {
			return 0, g.err
		}
	}
	n := copy(p, g.rest)
	g.rest = g.rest[n:]
	return n, nil
}

// next reads and checks one line into g.rest. It returns io.EOF after the
// last line, an *InputError for a bad line, or a read error.
func (g *lineGuard) next() error {
	data, err := g.src.ReadSlice('\n')
	if len(data) == 0 && err == io.EOF {
		return io.EOF
	}
	g.line++
	if errors.Is(err, bufio.ErrBufferFull) {
		if bytes.IndexByte(data, 0) >= 0 {
			return g.notText()
		}
		return &InputError{File: g.file, Line: g.line, Err: ErrLineTooLong,
			Msg: fmt.Sprintf("line is longer than %d bytes, the limit for one line of benchmark output; shorten the benchmark name", MaxLineBytes)}
	}
	if err != nil && err != io.EOF {
		msg := fmt.Sprintf("cannot read results file: %v", err)
		if g.line > 1 {
			msg = fmt.Sprintf("cannot read results file after line %d: %v", g.line-1, err)
		}
		return &InputError{File: g.file, Err: err, Msg: msg}
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return g.notText()
	}
	if err == io.EOF {
		g.unterminated = g.line
	}
	g.rest = data
	return nil
}

func (g *lineGuard) notText() error {
	return &InputError{File: g.file, Line: g.line, Err: ErrNotBenchmark,
		Msg: "not Go benchmark output: the line contains NUL bytes or invalid UTF-8; pass the text or -json output of go test -bench"}
}

// readLongLine reads one line of at most max bytes from r, without the
// newline, for formats such as JSON whose lines may exceed r's buffer. It
// returns io.EOF only when no bytes remain; tooLong reports a line over max.
func readLongLine(r *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := r.ReadSlice('\n')
		if len(line)+len(chunk) > max+1 {
			return nil, true, nil
		}
		line = append(line, chunk...)
		switch {
		case err == nil:
			return line[:len(line)-1], false, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(line) > 0:
			return line, false, nil
		default:
			return nil, false, err
		}
	}
}
