package governance

import (
	"context"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when the test advances it.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// newTestService returns a service over a new memory store.
func newTestService(tb testing.TB, opts Options) (*Service, *MemoryStore) {
	tb.Helper()
	store := NewMemoryStore()
	if opts.Store == nil {
		opts.Store = store
	}
	s, err := NewService(opts)
	if err != nil {
		tb.Fatalf("NewService: %v", err)
	}
	return s, store
}

// putAgent stores an agent directly, bypassing the service's rules.
func putAgent(tb testing.TB, store Store, a Agent) {
	tb.Helper()
	if err := store.Put(context.Background(), a); err != nil {
		tb.Fatalf("Put(%+v): %v", a, err)
	}
}

// mustCheck runs a check that must not fail.
func mustCheck(tb testing.TB, s *Service, agentID, action string, requireApproval bool) Decision {
	tb.Helper()
	d, err := s.Check(context.Background(), agentID, action, requireApproval)
	if err != nil {
		tb.Fatalf("Check(%q, %q, %v): %v", agentID, action, requireApproval, err)
	}
	return d
}
