package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/perfgate/perfgate/governance"
)

// maturity is one maturity level with a confidence inside its range.
type maturity struct {
	status     governance.Status
	rank       int // the highest complexity the level may perform
	confidence float64
}

var maturities = []maturity{
	{governance.StatusStudent, 1, 0.30},
	{governance.StatusIntern, 2, 0.60},
	{governance.StatusSupervised, 3, 0.80},
	{governance.StatusAutonomous, 4, 0.95},
}

// actionOf maps each complexity to an action that matches the default
// action table exactly, so the lookup takes the fast exact-match path.
var actionOf = map[int]string{1: "read", 2: "analyze", 3: "create", 4: "delete"}

// openStore returns an empty store of the given kind. The SQLite database
// is a file in a temporary directory, as a service would use, so reads go
// through the page cache and the driver.
func openStore(tb testing.TB, kind string) governance.Store {
	tb.Helper()
	switch kind {
	case "memory":
		return governance.NewMemoryStore()
	case "sqlite":
		ctx := context.Background()
		store, err := governance.OpenSQLiteStore(ctx, filepath.Join(tb.TempDir(), "agents.db"))
		if err != nil {
			tb.Fatalf("OpenSQLiteStore: %v", err)
		}
		tb.Cleanup(func() {
			if err := store.Close(); err != nil {
				tb.Errorf("close store: %v", err)
			}
		})
		return store
	}
	tb.Fatalf("unknown store %q: want memory or sqlite", kind)
	return nil
}

// newService returns a service over store with the given options. The
// Store field of opts is ignored.
func newService(tb testing.TB, store governance.Store, opts governance.Options) *governance.Service {
	tb.Helper()
	opts.Store = store
	svc, err := governance.NewService(opts)
	if err != nil {
		tb.Fatalf("NewService: %v", err)
	}
	return svc
}

// putAgent stores an agent at maturity m directly, because RegisterAgent
// always starts an agent as a student.
func putAgent(tb testing.TB, store governance.Store, id string, m maturity) {
	tb.Helper()
	a := governance.Agent{ID: id, Name: "agent " + id, Status: m.status, Confidence: m.confidence}
	if err := store.Put(context.Background(), a); err != nil {
		tb.Fatalf("store.Put(%q): %v", id, err)
	}
}

// agentID returns a fixed id for agent number i.
func agentID(prefix string, i int) string {
	return fmt.Sprintf("%s-%05d", prefix, i)
}

// checkDecision fails tb unless err is nil and d.Allowed equals
// wantAllowed.
func checkDecision(tb testing.TB, d governance.Decision, err error, wantAllowed bool) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("Check: %v", err)
	}
	if d.Allowed != wantAllowed {
		tb.Fatalf("Check: got Allowed %v (%s), want %v", d.Allowed, d.Reason, wantAllowed)
	}
}
