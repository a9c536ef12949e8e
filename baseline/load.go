package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// maxFileBytes bounds the size of a baseline file that Load reads. A
// baseline of 10,000 series of 100 samples is about 20 MB.
const maxFileBytes = 256 << 20

// Load reads and validates the baseline file at path. Every error names
// the file and the problem. The problems are a missing or unreadable file,
// invalid or truncated JSON (with line and column), a format version newer
// than FormatVersion, a missing field, and values that are not finite or
// do not agree with each other.
func Load(path string) (*Baseline, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read baseline: %w; create it with 'perfgate baseline save -o %s RESULTS'", err, path)
	}
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read baseline %s: %w", path, err)
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("read baseline %s: file is larger than %d bytes; check that it is a perfgate baseline", path, maxFileBytes)
	}
	b, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("read baseline %s: %w", path, err)
	}
	return b, nil
}

// Decode parses and validates a baseline held in memory. Errors are as for
// Load, without the file name.
func Decode(data []byte) (*Baseline, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("file is empty; save a baseline with perfgate baseline save")
	}

	// Read the version first, so a newer format is reported as such and
	// not as whatever field it changed.
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, jsonError(data, err)
	}
	if head.Version == nil {
		return nil, errors.New(`missing "version"; this is not a perfgate baseline, so save one with perfgate baseline save`)
	}
	if *head.Version > FormatVersion {
		return nil, fmt.Errorf("written by a newer perfgate (format version %d, this perfgate reads up to %d); upgrade perfgate", *head.Version, FormatVersion)
	}
	if *head.Version < 1 {
		return nil, fmt.Errorf(`invalid "version" %d; save the baseline again`, *head.Version)
	}

	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, jsonError(data, err)
	}
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return &b, nil
}

// jsonError describes a decoding error with the line and column where it
// happened.
func jsonError(data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax) && syntax.Error() == "unexpected end of JSON input":
		line, col := position(data, syntax.Offset-1)
		return fmt.Errorf("truncated at line %d, column %d: %w; restore the file or save the baseline again", line, col, err)
	case errors.As(err, &syntax):
		// Offset counts the bytes read, including the offending one.
		line, col := position(data, syntax.Offset-1)
		return fmt.Errorf("invalid JSON at line %d, column %d: %w; restore the file or save the baseline again", line, col, err)
	case errors.As(err, &typ):
		line, col := position(data, typ.Offset)
		field := typ.Field
		return fmt.Errorf("invalid value for %q at line %d, column %d: got a JSON %s, want %s; restore the file or save the baseline again", field, line, col, typ.Value, typ.Type)
	}
	return fmt.Errorf("invalid baseline: %w", err)
}

// position converts a byte offset into a 1-based line and column.
func position(data []byte, offset int64) (line, col int) {
	offset = max(0, min(offset, int64(len(data))))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
