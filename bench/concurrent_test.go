package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gonum.org/v1/gonum/stat"

	"github.com/perfgate/perfgate/governance"
)

// The mix of BenchmarkConcurrentChecks, in checks per 1000: most for warm
// agents whose decisions stay cached, a few for agents whose decisions
// were evicted or never cached, and a few for unknown agents, which the
// service never caches. A miss allocates a cache entry (176 B) and an
// unknown agent a not-found error (96 B), so the cold and unknown shares
// are kept small enough that the average stays under 1 B per check. Go
// reports B/op as a truncated integer, and an average near a whole number
// would flip between two values from run to run, which perfgate would read
// as growth of a constant unit.
const (
	warmAgents   = 100  // 100 agents x 8 actions = 800 cached decisions, below the cache size of 1000
	coldAgents   = 5000 // checked rarely, so their decisions are mostly evicted again
	coldPer1000  = 3
	unknownPer1k = 2
	mixLength    = 1 << 16 // checks in the fixed sequence that each goroutine walks through
)

// mixActions are the actions of the mix: every complexity, exact and
// substring matches.
var mixActions = []string{"read", "search", "analyze", "device_get_location", "create", "send_email", "delete", "bulk_update_and_execute"}

// sampleEvery is the sampling interval of the latency percentiles. One
// check in 64 is timed, so the clock reads add about 1 ns to the average
// check on the machine in docs/benchmarks.md, where a pair of reads costs
// about 50 ns.
const sampleEvery = 64

// samplesPerGoroutine bounds each goroutine's latency buffer, which is
// reused as a ring, so timing allocates nothing after setup.
const samplesPerGoroutine = 1 << 13

type mixOp struct{ agentID, action string }

// concurrentMix returns the fixed check sequence, drawn from a seeded
// generator so every run checks the same agents in the same order.
func concurrentMix() []mixOp {
	rng := rand.New(rand.NewPCG(1, 2))
	ops := make([]mixOp, mixLength)
	for i := range ops {
		action := mixActions[rng.IntN(len(mixActions))]
		switch r := rng.IntN(1000); {
		case r < unknownPer1k:
			ops[i] = mixOp{agentID("unknown", rng.IntN(coldAgents)), action}
		case r < unknownPer1k+coldPer1000:
			ops[i] = mixOp{agentID("cold", rng.IntN(coldAgents)), action}
		default:
			ops[i] = mixOp{agentID("warm", rng.IntN(warmAgents)), action}
		}
	}
	return ops
}

// BenchmarkConcurrentChecks runs cached checks from parallel goroutines
// over the fixed mix: Service.Check (impl=governance) beside
// plainCachedChecker, whose cache has one global lock (impl=plain). Each
// gomaxprocs=N sub-benchmark sets GOMAXPROCS itself and restores it, so
// one run of the suite covers 1, 2 and 4. The -N suffix of the name shows
// the -cpu value of the run instead.
//
// It reports checks/s and the sampled p50, p95 and p99 latency of one
// check. A latency sample includes one clock read, about 25 ns on the
// machine in docs/benchmarks.md.
func BenchmarkConcurrentChecks(b *testing.B) {
	ctx := context.Background()
	store := governance.NewMemoryStore()
	plain := newPlainChecker()
	for i := range warmAgents {
		m := maturities[i%len(maturities)]
		putAgent(b, store, agentID("warm", i), m)
		plain.add(agentID("warm", i), m.rank)
	}
	for i := range coldAgents {
		m := maturities[i%len(maturities)]
		putAgent(b, store, agentID("cold", i), m)
		plain.add(agentID("cold", i), m.rank)
	}
	ops := concurrentMix()

	b.Run("impl=governance", func(b *testing.B) {
		for _, procs := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("gomaxprocs=%d", procs), func(b *testing.B) {
				svc := newService(b, store, governance.Options{})
				check := func(agentID, action string) {
					svc.Check(ctx, agentID, action, false)
				}
				runMix(b, procs, ops, check)
			})
		}
	})

	b.Run("impl=plain", func(b *testing.B) {
		for _, procs := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("gomaxprocs=%d", procs), func(b *testing.B) {
				cached := &plainCachedChecker{cache: newMutexMap(), checker: plain}
				// An unbounded cache ends up holding the decisions of every
				// known agent. Filling it before the timer keeps map growth,
				// whose cost per check depends on the iteration count, out
				// of B/op.
				for i := range coldAgents {
					for _, action := range mixActions {
						cached.check(agentID("cold", i), action)
					}
				}
				check := func(agentID, action string) {
					cached.check(agentID, action)
				}
				runMix(b, procs, ops, check)
			})
		}
	})
}

// runMix warms the cache behind check with every warm decision, as a
// running service would have, then runs check over ops from procs
// goroutines at GOMAXPROCS procs and reports the metrics.
func runMix(b *testing.B, procs int, ops []mixOp, check func(agentID, action string)) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	for i := range warmAgents {
		for _, action := range mixActions {
			check(agentID("warm", i), action)
		}
	}

	// RunParallel starts GOMAXPROCS goroutines. Their sample buffers are
	// made here, before the timer, so the timed loop allocates only what
	// the checks allocate.
	rings := make([][]time.Duration, procs)
	for g := range rings {
		rings[g] = make([]time.Duration, 0, samplesPerGoroutine)
	}
	var (
		nextGoroutine atomic.Int64
		mu            sync.Mutex
		// samples holds ns per sampled check from every goroutine. It is
		// made with room for every ring, so merging the rings at the end
		// of the timed region does not allocate.
		samples = make([]float64, 0, procs*samplesPerGoroutine)
	)
	base := time.Now()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		g := int(nextGoroutine.Add(1) - 1)
		ring := rings[g%procs]
		// Goroutines start at different points of the sequence, so they
		// do not check the same agent at the same time.
		i := g * (mixLength / 8) % mixLength
		n := 0
		for pb.Next() {
			op := &ops[i]
			i = (i + 1) % mixLength
			n++
			if n%sampleEvery != 0 {
				check(op.agentID, op.action)
				continue
			}
			start := time.Since(base)
			check(op.agentID, op.action)
			latency := time.Since(base) - start
			if len(ring) < cap(ring) {
				ring = append(ring, latency)
			} else {
				ring[(n/sampleEvery)%cap(ring)] = latency
			}
		}
		mu.Lock()
		for _, d := range ring {
			samples = append(samples, float64(d.Nanoseconds()))
		}
		mu.Unlock()
	})
	b.StopTimer()

	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
	if len(samples) == 0 {
		// Too few checks to sample, as in a run with -benchtime 1x.
		return
	}
	slices.Sort(samples)
	for _, q := range []struct {
		p    float64
		unit string
	}{{0.50, "p50-ns/op"}, {0.95, "p95-ns/op"}, {0.99, "p99-ns/op"}} {
		b.ReportMetric(stat.Quantile(q.p, stat.Empirical, samples, nil), q.unit)
	}
}
