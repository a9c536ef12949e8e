package baseline

import (
	"encoding/json"
	"math"
)

// benchmarkJSON is a Benchmark as stored, field for field in the same
// order. JSON has no infinity, so an interval bound that does not exist
// is null.
type benchmarkJSON struct {
	Pkg        string    `json:"pkg"`
	Name       string    `json:"name"`
	Procs      int       `json:"procs"`
	Unit       string    `json:"unit"`
	Better     string    `json:"better"`
	Exact      bool      `json:"exact"`
	N          int       `json:"n"`
	Median     float64   `json:"median"`
	MedianLow  *float64  `json:"median_low"`
	MedianHigh *float64  `json:"median_high"`
	P95        float64   `json:"p95"`
	P95Low     *float64  `json:"p95_low"`
	P95High    *float64  `json:"p95_high"`
	Samples    []float64 `json:"samples"`
}

// MarshalJSON writes bm with infinite interval bounds as null.
func (bm Benchmark) MarshalJSON() ([]byte, error) {
	return json.Marshal(benchmarkJSON{
		Pkg:        bm.Pkg,
		Name:       bm.Name,
		Procs:      bm.Procs,
		Unit:       bm.Unit,
		Better:     bm.Better,
		Exact:      bm.Exact,
		N:          bm.N,
		Median:     bm.Median,
		MedianLow:  finiteOrNil(bm.MedianLow),
		MedianHigh: finiteOrNil(bm.MedianHigh),
		P95:        bm.P95,
		P95Low:     finiteOrNil(bm.P95Low),
		P95High:    finiteOrNil(bm.P95High),
		Samples:    bm.Samples,
	})
}

// UnmarshalJSON reads bm, turning a null or absent lower bound into -Inf
// and a null or absent upper bound into +Inf.
func (bm *Benchmark) UnmarshalJSON(data []byte) error {
	var v benchmarkJSON
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*bm = Benchmark{
		Pkg:        v.Pkg,
		Name:       v.Name,
		Procs:      v.Procs,
		Unit:       v.Unit,
		Better:     v.Better,
		Exact:      v.Exact,
		N:          v.N,
		Median:     v.Median,
		MedianLow:  valueOr(v.MedianLow, math.Inf(-1)),
		MedianHigh: valueOr(v.MedianHigh, math.Inf(1)),
		P95:        v.P95,
		P95Low:     valueOr(v.P95Low, math.Inf(-1)),
		P95High:    valueOr(v.P95High, math.Inf(1)),
		Samples:    v.Samples,
	}
	return nil
}

func finiteOrNil(x float64) *float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return nil
	}
	return &x
}

func valueOr(p *float64, def float64) float64 {
	if p == nil {
		return def
	}
	return *p
}
