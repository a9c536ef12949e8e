package governance

import (
	"sync/atomic"
	"unsafe"
)

// hitStripes is the number of hit counters of a cache. Many more stripes
// than running goroutines keep two goroutines from sharing a stripe in most
// cases. A shared stripe still counts correctly, only slower.
const (
	hitStripeBits = 6
	hitStripes    = 1 << hitStripeBits
)

// stackShift drops the offset within a goroutine stack from a stack
// address. Goroutine stacks are at least 2 KiB in Go 1.26 and do not
// overlap, so two goroutines running at the same time get different
// values of address >> stackShift. Different values can still share a
// stripe after hashing.
const stackShift = 11

// hitCounter is one stripe of a cache's hit count, padded so that no other
// stripe shares its 64-byte cache line.
type hitCounter struct {
	n atomic.Uint64
	_ [56]byte
}

// hitCount counts cache hits so that goroutines on different cores mostly
// write different cache lines. A counter that every hit writes moves its
// cache line between cores on every hit. In a parallel Get benchmark over
// 800 keys on a 2-core AMD EPYC VM, a counter per entry let lock-free hits
// on 2 cores reach only 1.2 times the throughput of 1 core, because both
// cores hit the same entries. Without a counter they reached 2 times.
//
// The address of a local variable chooses the stripe, because it
// distinguishes goroutines for the cost of a multiplication. A sync.Pool of
// stripes, the usual way to get a per-processor value, also scaled but
// added about 15 ns to each hit in that benchmark, against 2.5 ns for this.
type hitCount struct {
	stripes [hitStripes]hitCounter
}

// add counts one hit.
func (h *hitCount) add() {
	var marker byte
	// The address is only hashed, never turned back into a pointer, so
	// a moved stack at worst changes the stripe of a later hit.
	stack := uint64(uintptr(unsafe.Pointer(&marker))) >> stackShift
	// Fibonacci hashing spreads neighbouring stacks over the stripes.
	i := stack * 0x9E3779B97F4A7C15 >> (64 - hitStripeBits)
	h.stripes[i].n.Add(1)
}

// load returns the hits counted so far.
func (h *hitCount) load() uint64 {
	var sum uint64
	for i := range h.stripes {
		sum += h.stripes[i].n.Load()
	}
	return sum
}
