package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/perfgate/perfgate/compare"
)

// WriteJSON writes r as one indented JSON object followed by a newline.
// The schema is documented in docs/json.md. Lists are [] rather than null
// when empty, and an optional number that is not finite (the ratio of a
// change from 0, for example) is written as null because JSON has no
// infinity.
func WriteJSON(w io.Writer, r *compare.Report) error {
	out := *r
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	out.Benchmarks = make([]compare.Result, len(r.Benchmarks))
	for i, b := range r.Benchmarks {
		b.Ratio = finiteOrNil(b.Ratio)
		b.RatioLow = finiteOrNil(b.RatioLow)
		b.RatioHigh = finiteOrNil(b.RatioHigh)
		b.PValue = finiteOrNil(b.PValue)
		b.PAdjusted = finiteOrNil(b.PAdjusted)
		b.Limit = finiteOrNil(b.Limit)
		out.Benchmarks[i] = b
	}
	if out.Environment.Baseline == nil {
		out.Environment.Baseline = map[string][]string{}
	}
	if out.Environment.New == nil {
		out.Environment.New = map[string][]string{}
	}

	// Encode into memory first so that an encoding error leaves w empty
	// rather than holding half a document.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // keep "p95 > limit" readable; no HTML consumes this
	if err := enc.Encode(&out); err != nil {
		return fmt.Errorf("encode report as JSON: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func finiteOrNil(p *float64) *float64 {
	if p == nil || math.IsNaN(*p) || math.IsInf(*p, 0) {
		return nil
	}
	return p
}
