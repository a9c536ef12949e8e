package bench

import (
	"context"
	"testing"

	"github.com/perfgate/perfgate/governance"
)

// uncachedOp is one check of uncachedMix with its expected outcome.
type uncachedOp struct {
	agentID, action string
	allowed         bool
}

// uncachedMix returns a fixed rotation of agents and actions: every
// maturity against every complexity, so 6 of the 16 checks are denied.
func uncachedMix() []uncachedOp {
	var ops []uncachedOp
	for _, m := range maturities {
		for complexity := 1; complexity <= 4; complexity++ {
			ops = append(ops, uncachedOp{"agent-" + string(m.status), actionOf[complexity], m.rank >= complexity})
		}
	}
	return ops
}

// BenchmarkUncachedCheck measures the uncached check on the memory store
// over the mix of every maturity and complexity (impl=governance), beside
// plainChecker, the plainest check with the same maturity rule
// (impl=plain).
func BenchmarkUncachedCheck(b *testing.B) {
	ops := uncachedMix()

	b.Run("impl=governance", func(b *testing.B) {
		ctx := context.Background()
		store := governance.NewMemoryStore()
		for _, m := range maturities {
			putAgent(b, store, "agent-"+string(m.status), m)
		}
		svc := newService(b, store, governance.Options{DisableCache: true})
		for _, op := range ops {
			d, err := svc.Check(ctx, op.agentID, op.action, false)
			checkDecision(b, d, err, op.allowed)
		}
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			op := &ops[i%len(ops)]
			svc.Check(ctx, op.agentID, op.action, false)
			i++
		}
	})

	b.Run("impl=plain", func(b *testing.B) {
		plain := newPlainChecker()
		for _, m := range maturities {
			plain.add("agent-"+string(m.status), m.rank)
		}
		for _, op := range ops {
			if got, _ := plain.check(op.agentID, op.action); got != op.allowed {
				b.Fatalf("plain check %s %s: got %v, want %v", op.agentID, op.action, got, op.allowed)
			}
		}
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			op := &ops[i%len(ops)]
			plain.check(op.agentID, op.action)
			i++
		}
	})
}
