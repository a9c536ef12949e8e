package bench

import (
	"crypto/sha256"
	"testing"
)

// BenchmarkCalibrate hashes a fixed 4 KiB buffer with SHA-256. It uses no
// project code, so its time changes only with the machine, the Go version
// and the load, and perfgate divides that change out of the other
// benchmarks' times.
//
// The work, the buffer and the name must never change: a change makes
// every stored baseline's calibration figure incomparable with new runs.
func BenchmarkCalibrate(b *testing.B) {
	var buf [4096]byte
	for i := range buf {
		buf[i] = byte(i % 251)
	}
	b.ReportAllocs()
	for b.Loop() {
		sha256.Sum256(buf[:])
	}
}
