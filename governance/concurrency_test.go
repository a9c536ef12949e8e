package governance

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
)

var concurrencyActions = []string{"read", "draft", "create", "delete_file", "Send_Email", "frobnicate", "device_get_location"}

// TestConcurrentChecksNeverStale moves agents through the levels while other
// goroutines check them. Once a change has returned, no check that starts
// afterwards may see an older level.
func TestConcurrentChecksNeverStale(t *testing.T) {
	for _, rising := range []bool{true, false} {
		t.Run(fmt.Sprintf("rising=%v", rising), func(t *testing.T) {
			s, store := newTestService(t, Options{CacheSize: 64})
			ctx := context.Background()
			const agents, readersPerAgent = 4, 3

			var wg sync.WaitGroup
			for i := range agents {
				id := fmt.Sprintf("agent-%d", i)
				start := Agent{ID: id, Status: StatusStudent, Confidence: 0}
				if !rising {
					start = Agent{ID: id, Status: StatusAutonomous, Confidence: 1}
				}
				putAgent(t, store, start)

				// committed is the level rank of the last change that returned.
				var committed atomic.Int64
				committed.Store(int64(levelRank(start.Status)))
				var done atomic.Bool

				wg.Add(1)
				go func() {
					defer wg.Done()
					defer done.Store(true)
					for range 25 {
						a, err := s.RecordOutcome(ctx, id, rising, ImpactHigh)
						if err != nil {
							t.Errorf("RecordOutcome(%s): %v", id, err)
							return
						}
						committed.Store(int64(levelRank(a.Status)))
					}
				}()

				for r := range readersPerAgent {
					wg.Add(1)
					go func() {
						defer wg.Done()
						rng := rand.New(rand.NewPCG(uint64(i), uint64(r)))
						for !done.Load() {
							floor := committed.Load()
							action := concurrencyActions[rng.IntN(len(concurrencyActions))]
							d, err := s.Check(ctx, id, action, false)
							if err != nil {
								t.Errorf("Check(%s, %s): %v", id, action, err)
								return
							}
							got := int64(levelRank(d.Status))
							if rising && got < floor {
								t.Errorf("Check(%s, %s) status %s, want rank at least %d: stale decision", id, action, d.Status, floor)
								return
							}
							if !rising && got > floor {
								t.Errorf("Check(%s, %s) status %s, want rank at most %d: stale decision", id, action, d.Status, floor)
								return
							}
						}
					}()
				}
			}
			wg.Wait()
		})
	}
}

// TestConcurrentMixedUse runs checks, outcomes, lifecycle changes and
// invalidations from many goroutines, then verifies that every cached
// decision matches the agent's final stored state.
func TestConcurrentMixedUse(t *testing.T) {
	s, store := newTestService(t, Options{CacheSize: 128})
	ctx := context.Background()
	const agents, workers, steps = 6, 8, 400

	ids := make([]string, agents)
	for i := range ids {
		ids[i] = fmt.Sprintf("agent-%d", i)
		if _, err := s.RegisterAgent(ctx, ids[i], "bot"); err != nil {
			t.Fatal(err)
		}
	}
	tables := []map[string]int{nil, {"read": 1, "draft": 2, "create": 3, "delete": 4, "send_email": 4}}

	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(42, uint64(w)))
			for range steps {
				id := ids[rng.IntN(len(ids))]
				action := concurrencyActions[rng.IntN(len(concurrencyActions))]
				var err error
				switch n := rng.IntN(100); {
				case n < 70:
					_, err = s.Check(ctx, id, action, rng.IntN(2) == 0)
				case n < 90:
					_, err = s.RecordOutcome(ctx, id, rng.IntN(3) > 0, Impact(rng.IntN(2)))
				case n < 94:
					_, err = s.Pause(ctx, id)
				case n < 98:
					_, err = s.Resume(ctx, id)
				default:
					err = s.SetActions(tables[rng.IntN(len(tables))])
				}
				if err != nil {
					t.Errorf("worker %d: %v", w, err)
					return
				}
			}
		}()
	}
	wg.Wait()

	// Every decision now, cached or not, must match the stored state.
	table := s.actions.Load()
	for _, id := range ids {
		a, err := store.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, action := range concurrencyActions {
			want := decide(a, table.Complexity(action))
			for range 2 {
				got := mustCheck(t, s, id, action, false)
				if got.Allowed != want.Allowed || got.Status != want.Status || got.RequiresApproval != want.RequiresApproval || got.Complexity != want.Complexity {
					t.Errorf("Check(%s, %s) = %+v, want %+v from the stored agent %+v", id, action, got, want, a)
				}
			}
		}
	}
}

// TestConcurrentOutcomesNotLost checks that outcomes recorded at the same
// time for one agent all count.
func TestConcurrentOutcomesNotLost(t *testing.T) {
	s, store := newTestService(t, Options{})
	ctx := context.Background()
	putAgent(t, store, Agent{ID: "a1", Status: StatusStudent, Confidence: 0})

	const workers, perWorker = 8, 10
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range perWorker {
				if _, err := s.RecordOutcome(ctx, "a1", true, ImpactLow); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()

	a, err := store.Get(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if want := 0.8; a.Confidence != want {
		t.Errorf("Confidence after %d low-impact successes = %v, want %v", workers*perWorker, a.Confidence, want)
	}
	if a.Status != StatusSupervised {
		t.Errorf("Status = %q, want %q", a.Status, StatusSupervised)
	}
}
