package governance

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// listStore is a Store that can also list its agents, as both
// implementations can.
type listStore interface {
	Store
	List(ctx context.Context) ([]Agent, error)
}

// storeFactories returns a constructor for each Store implementation. The
// same contract tests run against all of them.
func storeFactories() map[string]func(tb testing.TB) listStore {
	return map[string]func(tb testing.TB) listStore{
		"memory": func(testing.TB) listStore { return NewMemoryStore() },
		"sqlite file": func(tb testing.TB) listStore {
			tb.Helper()
			return openSQLite(tb, filepath.Join(tb.TempDir(), "agents.db"))
		},
		"sqlite in memory": func(tb testing.TB) listStore {
			tb.Helper()
			return openSQLite(tb, ":memory:")
		},
	}
}

func openSQLite(tb testing.TB, path string) *SQLiteStore {
	tb.Helper()
	s, err := OpenSQLiteStore(context.Background(), path)
	if err != nil {
		tb.Fatalf("OpenSQLiteStore(%q): %v", path, err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestStoreContract(t *testing.T) {
	for name, newStore := range storeFactories() {
		t.Run(name, func(t *testing.T) {
			t.Run("get missing", func(t *testing.T) { testStoreGetMissing(t, newStore(t)) })
			t.Run("put then get", func(t *testing.T) { testStorePutGet(t, newStore(t)) })
			t.Run("put replaces", func(t *testing.T) { testStorePutReplaces(t, newStore(t)) })
			t.Run("status kept verbatim", func(t *testing.T) { testStoreStatusVerbatim(t, newStore(t)) })
			t.Run("put rejects invalid", func(t *testing.T) { testStoreRejectsInvalid(t, newStore(t)) })
			t.Run("boundary confidence", func(t *testing.T) { testStoreBoundaryConfidence(t, newStore(t)) })
			t.Run("delete", func(t *testing.T) { testStoreDelete(t, newStore(t)) })
			t.Run("list sorted", func(t *testing.T) { testStoreList(t, newStore(t)) })
			t.Run("canceled context", func(t *testing.T) { testStoreCanceled(t, newStore(t)) })
			t.Run("concurrent puts", func(t *testing.T) { testStoreConcurrent(t, newStore(t)) })
		})
	}
}

func testStoreGetMissing(t *testing.T, s listStore) {
	_, err := s.Get(context.Background(), "nobody")
	if !errors.Is(err, ErrAgentNotFound) {
		t.Errorf("Get(nobody) error = %v, want ErrAgentNotFound", err)
	}
}

func testStorePutGet(t *testing.T, s listStore) {
	ctx := context.Background()
	want := Agent{ID: "a1", Name: "Mail bot", Status: StatusSupervised, Confidence: 0.75}
	if err := s.Put(ctx, want); err != nil {
		t.Fatalf("Put: %v", err)
	}
	got, err := s.Get(ctx, "a1")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Get mismatch (-want +got):\n%s", diff)
	}
}

func testStorePutReplaces(t *testing.T, s listStore) {
	ctx := context.Background()
	putAgent(t, s, Agent{ID: "a1", Name: "old", Status: StatusStudent, Confidence: 0.5})
	want := Agent{ID: "a1", Name: "new", Status: StatusAutonomous, Confidence: 0.95}
	putAgent(t, s, want)
	got, err := s.Get(ctx, "a1")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Get after replace mismatch (-want +got):\n%s", diff)
	}
	agents, err := s.List(ctx)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(agents) != 1 {
		t.Errorf("List after replace has %d agents, want 1", len(agents))
	}
}

func testStoreStatusVerbatim(t *testing.T, s listStore) {
	putAgent(t, s, Agent{ID: "a1", Status: "AUTONOMOUS", Confidence: 0.95})
	got, err := s.Get(context.Background(), "a1")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if got.Status != "AUTONOMOUS" {
		t.Errorf("Status = %q, want %q", got.Status, "AUTONOMOUS")
	}
}

func testStoreRejectsInvalid(t *testing.T, s listStore) {
	tests := []struct {
		name  string
		agent Agent
	}{
		{"empty id", Agent{Name: "no id", Status: StatusStudent, Confidence: 0.5}},
		{"NaN confidence", Agent{ID: "a1", Status: StatusStudent, Confidence: math.NaN()}},
		{"negative confidence", Agent{ID: "a1", Status: StatusStudent, Confidence: -0.01}},
		{"confidence above one", Agent{ID: "a1", Status: StatusStudent, Confidence: 1.01}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.Put(context.Background(), tt.agent); err == nil {
				t.Errorf("Put(%+v) error = nil, want an error", tt.agent)
			}
		})
	}
	if _, err := s.Get(context.Background(), "a1"); !errors.Is(err, ErrAgentNotFound) {
		t.Errorf("Get(a1) after rejected puts error = %v, want ErrAgentNotFound", err)
	}
}

func testStoreBoundaryConfidence(t *testing.T, s listStore) {
	for _, c := range []float64{0, 1} {
		a := Agent{ID: fmt.Sprint(c), Status: StatusStudent, Confidence: c}
		putAgent(t, s, a)
		got, err := s.Get(context.Background(), a.ID)
		if err != nil || got.Confidence != c {
			t.Errorf("Get(%s) = %+v, %v, want confidence %v", a.ID, got, err, c)
		}
	}
}

func testStoreDelete(t *testing.T, s listStore) {
	ctx := context.Background()
	putAgent(t, s, Agent{ID: "a1", Status: StatusStudent, Confidence: 0.5})
	putAgent(t, s, Agent{ID: "a2", Status: StatusStudent, Confidence: 0.5})
	if err := s.Delete(ctx, "a1"); err != nil {
		t.Fatalf("Delete(a1): %v", err)
	}
	if _, err := s.Get(ctx, "a1"); !errors.Is(err, ErrAgentNotFound) {
		t.Errorf("Get(a1) after Delete error = %v, want ErrAgentNotFound", err)
	}
	if _, err := s.Get(ctx, "a2"); err != nil {
		t.Errorf("Get(a2) after deleting a1: %v", err)
	}
	if err := s.Delete(ctx, "a1"); !errors.Is(err, ErrAgentNotFound) {
		t.Errorf("second Delete(a1) error = %v, want ErrAgentNotFound", err)
	}
}

func testStoreList(t *testing.T, s listStore) {
	ctx := context.Background()
	agents, err := s.List(ctx)
	if err != nil {
		t.Fatalf("List on empty store: %v", err)
	}
	if len(agents) != 0 {
		t.Errorf("List on empty store = %v, want none", agents)
	}
	want := []Agent{
		{ID: "a", Name: "first", Status: StatusIntern, Confidence: 0.6},
		{ID: "b", Name: "second", Status: StatusPaused, Confidence: 0.2},
		{ID: "c", Name: "third", Status: StatusAutonomous, Confidence: 1},
	}
	for _, i := range []int{2, 0, 1} {
		putAgent(t, s, want[i])
	}
	got, err := s.List(ctx)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List mismatch (-want +got):\n%s", diff)
	}
}

func testStoreCanceled(t *testing.T, s listStore) {
	putAgent(t, s, Agent{ID: "a1", Status: StatusStudent, Confidence: 0.5})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Get(ctx, "a1"); !errors.Is(err, context.Canceled) {
		t.Errorf("Get with canceled context error = %v, want context.Canceled", err)
	}
	if err := s.Put(ctx, Agent{ID: "a2", Status: StatusStudent}); !errors.Is(err, context.Canceled) {
		t.Errorf("Put with canceled context error = %v, want context.Canceled", err)
	}
	if err := s.Delete(ctx, "a1"); !errors.Is(err, context.Canceled) {
		t.Errorf("Delete with canceled context error = %v, want context.Canceled", err)
	}
}

func testStoreConcurrent(t *testing.T, s listStore) {
	ctx := context.Background()
	const workers, perWorker = 4, 25
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				a := Agent{ID: fmt.Sprintf("w%d-%02d", w, i), Status: StatusIntern, Confidence: 0.6}
				if err := s.Put(ctx, a); err != nil {
					t.Errorf("Put(%s): %v", a.ID, err)
					return
				}
				if _, err := s.Get(ctx, a.ID); err != nil {
					t.Errorf("Get(%s): %v", a.ID, err)
				}
			}
		}()
	}
	wg.Wait()
	agents, err := s.List(ctx)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(agents) != workers*perWorker {
		t.Errorf("List has %d agents, want %d", len(agents), workers*perWorker)
	}
}

func TestSQLiteStorePersists(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "agents.db")
	want := Agent{ID: "a1", Name: "kept", Status: StatusSupervised, Confidence: 0.8}

	first, err := OpenSQLiteStore(ctx, path)
	if err != nil {
		t.Fatalf("first open: %v", err)
	}
	putAgent(t, first, want)
	if err := first.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	second := openSQLite(t, path)
	got, err := second.Get(ctx, "a1")
	if err != nil {
		t.Fatalf("Get after reopen: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Get after reopen mismatch (-want +got):\n%s", diff)
	}
}

func TestOpenSQLiteStoreRejects(t *testing.T) {
	tests := []struct {
		name string
		path string
	}{
		{"empty path", ""},
		{"question mark", filepath.Join(t.TempDir(), "agents?.db")},
		{"missing directory", filepath.Join(t.TempDir(), "no", "such", "dir", "agents.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := OpenSQLiteStore(context.Background(), tt.path)
			if err == nil {
				s.Close()
				t.Fatalf("OpenSQLiteStore(%q) error = nil, want an error", tt.path)
			}
		})
	}
}

func TestServiceOverSQLite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "agents.db")
	store := openSQLite(t, path)
	s, err := NewService(Options{Store: store})
	if err != nil {
		t.Fatal(err)
	}

	if _, err := s.RegisterAgent(ctx, "a1", "bot"); err != nil {
		t.Fatalf("RegisterAgent: %v", err)
	}
	for range 8 {
		if _, err := s.RecordOutcome(ctx, "a1", true, ImpactHigh); err != nil {
			t.Fatalf("RecordOutcome: %v", err)
		}
	}
	d := mustCheck(t, s, "a1", "deploy", false)
	if !d.Allowed || d.Status != StatusAutonomous || d.Confidence != 0.9 {
		t.Errorf("Check(deploy) = %+v, want allowed for an autonomous agent at 0.9", d)
	}

	if _, err := s.Pause(ctx, "a1"); err != nil {
		t.Fatalf("Pause: %v", err)
	}
	if d := mustCheck(t, s, "a1", "read", false); d.Allowed {
		t.Errorf("Check(read) of paused agent Allowed = true, want false")
	}

	// A status written in upper case by another program is still read.
	if _, err := store.db.ExecContext(ctx, "UPDATE agents SET status = 'SUPERVISED' WHERE id = 'a1'"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Resume(ctx, "a1"); err != nil {
		t.Fatalf("Resume after upper-case write: %v", err)
	}

	// An invalid status written by another program makes checks fail.
	if _, err := store.db.ExecContext(ctx, "UPDATE agents SET status = 'wizard' WHERE id = 'a1'"); err != nil {
		t.Fatal(err)
	}
	s.cache.InvalidateAll()
	if _, err := s.Check(ctx, "a1", "read", false); err == nil {
		t.Error("Check with invalid stored status error = nil, want an error")
	}

	if err := s.Delete(ctx, "a1"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if d := mustCheck(t, s, "a1", "read", false); d.Reason != ReasonAgentNotFound {
		t.Errorf("Check after Delete Reason = %q, want %q", d.Reason, ReasonAgentNotFound)
	}
}
