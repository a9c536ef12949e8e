package governance

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestRegisterAgent(t *testing.T) {
	s, store := newTestService(t, Options{})
	ctx := context.Background()

	a, err := s.RegisterAgent(ctx, "a1", "Mail bot")
	if err != nil {
		t.Fatalf("RegisterAgent: %v", err)
	}
	want := Agent{ID: "a1", Name: "Mail bot", Status: StatusStudent, Confidence: 0.5}
	if a != want {
		t.Errorf("RegisterAgent = %+v, want %+v", a, want)
	}
	stored, err := store.Get(ctx, "a1")
	if err != nil || stored != want {
		t.Errorf("stored agent = %+v, %v, want %+v", stored, err, want)
	}

	if _, err := s.RegisterAgent(ctx, "a1", "again"); !errors.Is(err, ErrAgentExists) {
		t.Errorf("second RegisterAgent error = %v, want ErrAgentExists", err)
	}
	if _, err := s.RegisterAgent(ctx, "", "no id"); err == nil {
		t.Error("RegisterAgent with empty id error = nil, want an error")
	}
}

func TestRegisterAgentReusesDeletedID(t *testing.T) {
	tests := []struct {
		name   string
		delete func(tb testing.TB, s *Service, store *MemoryStore)
	}{
		{"deleted through service", func(tb testing.TB, s *Service, _ *MemoryStore) {
			if err := s.Delete(context.Background(), "a1"); err != nil {
				tb.Fatalf("Delete: %v", err)
			}
		}},
		{"stored as deleted", func(tb testing.TB, _ *Service, store *MemoryStore) {
			putAgent(tb, store, Agent{ID: "a1", Status: StatusDeleted, Confidence: 1})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, store := newTestService(t, Options{})
			ctx := context.Background()
			if _, err := s.RegisterAgent(ctx, "a1", "old"); err != nil {
				t.Fatalf("RegisterAgent: %v", err)
			}
			tt.delete(t, s, store)
			a, err := s.RegisterAgent(ctx, "a1", "new")
			if err != nil {
				t.Fatalf("RegisterAgent after delete: %v", err)
			}
			if a.Name != "new" || a.Status != StatusStudent {
				t.Errorf("RegisterAgent after delete = %+v, want a new student", a)
			}
		})
	}
}

func TestRecordOutcomeSteps(t *testing.T) {
	tests := []struct {
		name           string
		start          float64
		status         Status
		success        bool
		impact         Impact
		wantConfidence float64
		wantStatus     Status
	}{
		{"high success", 0.5, StatusIntern, true, ImpactHigh, 0.55, StatusIntern},
		{"high failure", 0.5, StatusIntern, false, ImpactHigh, 0.4, StatusStudent},
		{"low success", 0.5, StatusIntern, true, ImpactLow, 0.51, StatusIntern},
		{"low failure", 0.5, StatusIntern, false, ImpactLow, 0.48, StatusStudent},
		{"new student promoted by low success", 0.5, StatusStudent, true, ImpactLow, 0.51, StatusIntern},
		{"reaches supervised exactly", 0.65, StatusIntern, true, ImpactHigh, 0.7, StatusSupervised},
		{"reaches autonomous exactly", 0.89, StatusSupervised, true, ImpactLow, 0.9, StatusAutonomous},
		{"reaches intern exactly", 0.49, StatusStudent, true, ImpactLow, 0.5, StatusIntern},
		{"drops below autonomous", 0.9, StatusAutonomous, false, ImpactLow, 0.88, StatusSupervised},
		{"drops below supervised", 0.7, StatusSupervised, false, ImpactHigh, 0.6, StatusIntern},
		{"clamped at one", 0.98, StatusAutonomous, true, ImpactHigh, 1, StatusAutonomous},
		{"clamped at zero", 0.05, StatusStudent, false, ImpactHigh, 0, StatusStudent},
		{"stays at zero", 0, StatusStudent, false, ImpactLow, 0, StatusStudent},
		{"upper-case stored status", 0.85, "SUPERVISED", true, ImpactHigh, 0.9, StatusAutonomous},
		{"paused keeps status", 0.85, StatusPaused, true, ImpactHigh, 0.9, StatusPaused},
		{"stopped keeps status", 0.5, StatusStopped, false, ImpactHigh, 0.4, StatusStopped},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, store := newTestService(t, Options{})
			putAgent(t, store, Agent{ID: "a1", Status: tt.status, Confidence: tt.start})
			a, err := s.RecordOutcome(context.Background(), "a1", tt.success, tt.impact)
			if err != nil {
				t.Fatalf("RecordOutcome: %v", err)
			}
			if a.Confidence != tt.wantConfidence {
				t.Errorf("Confidence = %v, want %v", a.Confidence, tt.wantConfidence)
			}
			if a.Status != tt.wantStatus {
				t.Errorf("Status = %q, want %q", a.Status, tt.wantStatus)
			}
			stored, err := store.Get(context.Background(), "a1")
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if stored != a {
				t.Errorf("stored agent = %+v, want the returned %+v", stored, a)
			}
		})
	}
}

func TestRecordOutcomeRepeatedStepsHitThresholds(t *testing.T) {
	s, _ := newTestService(t, Options{})
	ctx := context.Background()
	if _, err := s.RegisterAgent(ctx, "a1", "bot"); err != nil {
		t.Fatal(err)
	}
	// From 0.5, four high-impact successes reach 0.7 and four more 0.9.
	wantAfter := map[int]Status{1: StatusIntern, 3: StatusIntern, 4: StatusSupervised, 7: StatusSupervised, 8: StatusAutonomous}
	for i := 1; i <= 8; i++ {
		a, err := s.RecordOutcome(ctx, "a1", true, ImpactHigh)
		if err != nil {
			t.Fatal(err)
		}
		if want, ok := wantAfter[i]; ok && a.Status != want {
			t.Errorf("after %d successes: Status = %q (confidence %v), want %q", i, a.Status, a.Confidence, want)
		}
	}
}

func TestRecordOutcomeRejects(t *testing.T) {
	s, _ := newTestService(t, Options{})
	ctx := context.Background()
	if _, err := s.RegisterAgent(ctx, "a1", "bot"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordOutcome(ctx, "a1", true, Impact(7)); err == nil || !strings.Contains(err.Error(), "invalid impact 7") {
		t.Errorf("RecordOutcome with impact 7 error = %v, want one naming the invalid impact", err)
	}
	if _, err := s.RecordOutcome(ctx, "nobody", true, ImpactLow); !errors.Is(err, ErrAgentNotFound) {
		t.Errorf("RecordOutcome(nobody) error = %v, want ErrAgentNotFound", err)
	}
}

func TestImpactString(t *testing.T) {
	tests := []struct {
		impact Impact
		want   string
	}{
		{ImpactLow, "low"},
		{ImpactHigh, "high"},
		{Impact(3), "Impact(3)"},
	}
	for _, tt := range tests {
		if got := tt.impact.String(); got != tt.want {
			t.Errorf("Impact(%d).String() = %q, want %q", int(tt.impact), got, tt.want)
		}
	}
}

func TestLifecycleTransitions(t *testing.T) {
	type op func(*Service, context.Context, string) (Agent, error)
	pause := (*Service).Pause
	resume := (*Service).Resume
	stop := (*Service).Stop

	tests := []struct {
		name       string
		start      Agent
		op         op
		wantStatus Status
		wantErr    error
	}{
		{"pause autonomous", Agent{Status: StatusAutonomous, Confidence: 0.95}, pause, StatusPaused, nil},
		{"pause paused", Agent{Status: StatusPaused, Confidence: 0.95}, pause, StatusPaused, nil},
		{"pause stopped", Agent{Status: StatusStopped, Confidence: 0.95}, pause, "", ErrAgentStopped},
		{"resume to autonomous", Agent{Status: StatusPaused, Confidence: 0.95}, resume, StatusAutonomous, nil},
		{"resume to intern at boundary", Agent{Status: StatusPaused, Confidence: 0.5}, resume, StatusIntern, nil},
		{"resume to student", Agent{Status: StatusPaused, Confidence: 0.2}, resume, StatusStudent, nil},
		{"resume corrects level", Agent{Status: StatusStudent, Confidence: 0.75}, resume, StatusSupervised, nil},
		{"resume upper-case paused", Agent{Status: "PAUSED", Confidence: 0.7}, resume, StatusSupervised, nil},
		{"resume stopped", Agent{Status: StatusStopped, Confidence: 0.95}, resume, "", ErrAgentStopped},
		{"stop intern", Agent{Status: StatusIntern, Confidence: 0.6}, stop, StatusStopped, nil},
		{"stop paused", Agent{Status: StatusPaused, Confidence: 0.6}, stop, StatusStopped, nil},
		{"stop deleted", Agent{Status: StatusDeleted, Confidence: 0.6}, stop, "", ErrAgentNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, store := newTestService(t, Options{})
			start := tt.start
			start.ID = "a1"
			putAgent(t, store, start)

			a, err := tt.op(s, context.Background(), "a1")
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if a.Status != tt.wantStatus {
				t.Errorf("Status = %q, want %q", a.Status, tt.wantStatus)
			}
			if a.Confidence != start.Confidence {
				t.Errorf("Confidence = %v, want unchanged %v", a.Confidence, start.Confidence)
			}
		})
	}
}

func TestLifecycleUnknownAgent(t *testing.T) {
	s, _ := newTestService(t, Options{})
	ctx := context.Background()
	for name, op := range map[string]func(context.Context, string) (Agent, error){
		"Pause": s.Pause, "Resume": s.Resume, "Stop": s.Stop,
	} {
		if _, err := op(ctx, "nobody"); !errors.Is(err, ErrAgentNotFound) {
			t.Errorf("%s(nobody) error = %v, want ErrAgentNotFound", name, err)
		}
	}
	if err := s.Delete(ctx, "nobody"); !errors.Is(err, ErrAgentNotFound) {
		t.Errorf("Delete(nobody) error = %v, want ErrAgentNotFound", err)
	}
}

// TestChangesInvalidateCache checks that every change that can change a
// decision is visible to the very next check, although that check would
// otherwise be a cache hit.
func TestChangesInvalidateCache(t *testing.T) {
	tests := []struct {
		name         string
		start        Agent
		action       string
		change       func(tb testing.TB, s *Service)
		wantAllowed  bool
		wantStatus   Status
		wantNotFound bool
	}{
		{
			name:   "level drop",
			start:  Agent{Status: StatusSupervised, Confidence: 0.7},
			action: "create",
			change: func(tb testing.TB, s *Service) {
				tb.Helper()
				if _, err := s.RecordOutcome(context.Background(), "a1", false, ImpactLow); err != nil {
					tb.Fatal(err)
				}
			},
			wantAllowed: false, wantStatus: StatusIntern,
		},
		{
			name:   "level rise",
			start:  Agent{Status: StatusSupervised, Confidence: 0.89},
			action: "deploy",
			change: func(tb testing.TB, s *Service) {
				tb.Helper()
				if _, err := s.RecordOutcome(context.Background(), "a1", true, ImpactLow); err != nil {
					tb.Fatal(err)
				}
			},
			wantAllowed: true, wantStatus: StatusAutonomous,
		},
		{
			name:   "pause",
			start:  Agent{Status: StatusAutonomous, Confidence: 0.95},
			action: "read",
			change: func(tb testing.TB, s *Service) {
				tb.Helper()
				if _, err := s.Pause(context.Background(), "a1"); err != nil {
					tb.Fatal(err)
				}
			},
			wantAllowed: false, wantStatus: StatusPaused,
		},
		{
			name:   "resume",
			start:  Agent{Status: StatusPaused, Confidence: 0.95},
			action: "read",
			change: func(tb testing.TB, s *Service) {
				tb.Helper()
				if _, err := s.Resume(context.Background(), "a1"); err != nil {
					tb.Fatal(err)
				}
			},
			wantAllowed: true, wantStatus: StatusAutonomous,
		},
		{
			name:   "stop",
			start:  Agent{Status: StatusAutonomous, Confidence: 0.95},
			action: "read",
			change: func(tb testing.TB, s *Service) {
				tb.Helper()
				if _, err := s.Stop(context.Background(), "a1"); err != nil {
					tb.Fatal(err)
				}
			},
			wantAllowed: false, wantStatus: StatusStopped,
		},
		{
			name:   "delete",
			start:  Agent{Status: StatusAutonomous, Confidence: 0.95},
			action: "read",
			change: func(tb testing.TB, s *Service) {
				tb.Helper()
				if err := s.Delete(context.Background(), "a1"); err != nil {
					tb.Fatal(err)
				}
			},
			wantAllowed: false, wantNotFound: true,
		},
		{
			name:   "action table change",
			start:  Agent{Status: StatusIntern, Confidence: 0.6},
			action: "read",
			change: func(tb testing.TB, s *Service) {
				tb.Helper()
				if err := s.SetActions(map[string]int{"read": 3}); err != nil {
					tb.Fatal(err)
				}
			},
			wantAllowed: false, wantStatus: StatusIntern,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, store := newTestService(t, Options{})
			start := tt.start
			start.ID = "a1"
			putAgent(t, store, start)

			before := mustCheck(t, s, "a1", tt.action, false)
			if before.Allowed == tt.wantAllowed {
				t.Fatalf("before the change Allowed = %v already; the case tests nothing", before.Allowed)
			}
			tt.change(t, s)

			after := mustCheck(t, s, "a1", tt.action, false)
			if after.Allowed != tt.wantAllowed {
				t.Errorf("after the change Allowed = %v, want %v (reason %q)", after.Allowed, tt.wantAllowed, after.Reason)
			}
			if tt.wantNotFound {
				if after.Reason != ReasonAgentNotFound {
					t.Errorf("after the change Reason = %q, want %q", after.Reason, ReasonAgentNotFound)
				}
			} else if after.Status != tt.wantStatus {
				t.Errorf("after the change Status = %q, want %q", after.Status, tt.wantStatus)
			}
		})
	}
}

func TestConfidenceChangeKeepsCache(t *testing.T) {
	s, store := newTestService(t, Options{})
	putAgent(t, store, Agent{ID: "a1", Status: StatusIntern, Confidence: 0.6})
	mustCheck(t, s, "a1", "draft", false)
	if _, err := s.RecordOutcome(context.Background(), "a1", true, ImpactLow); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s, "a1", "draft", false)
	if st := s.CacheStats(); st.Hits != 1 || st.Invalidations != 0 {
		t.Errorf("CacheStats hits, invalidations = %d, %d, want 1, 0: the level did not change", st.Hits, st.Invalidations)
	}
}
