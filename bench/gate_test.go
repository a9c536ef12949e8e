package bench

import (
	"context"
	"fmt"
	"testing"

	"github.com/perfgate/perfgate/governance"
)

// BenchmarkGovernanceGate measures one full check with the cache disabled:
// action lookup, store read and the decision, for every complexity and
// maturity on both stores.
func BenchmarkGovernanceGate(b *testing.B) {
	ctx := context.Background()
	for _, kind := range []string{"memory", "sqlite"} {
		b.Run("store="+kind, func(b *testing.B) {
			store := openStore(b, kind)
			for _, m := range maturities {
				putAgent(b, store, "agent-"+string(m.status), m)
			}
			svc := newService(b, store, governance.Options{DisableCache: true})

			for complexity := 1; complexity <= 4; complexity++ {
				for _, m := range maturities {
					name := fmt.Sprintf("complexity=%d/maturity=%s", complexity, m.status)
					id, action := "agent-"+string(m.status), actionOf[complexity]
					allowed := m.rank >= complexity
					b.Run(name, func(b *testing.B) {
						d, err := svc.Check(ctx, id, action, false)
						checkDecision(b, d, err, allowed)
						b.ReportAllocs()
						for b.Loop() {
							svc.Check(ctx, id, action, false)
						}
					})
				}
			}
		})
	}
}
