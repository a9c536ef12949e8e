package governance

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestServiceCheckRules(t *testing.T) {
	tests := []struct {
		name            string
		status          Status
		confidence      float64
		action          string
		requireApproval bool
		wantAllowed     bool
		wantApproval    bool
		wantComplexity  int
		wantRequired    Status
	}{
		{"student reads", StatusStudent, 0.3, "read", false, true, false, 1, StatusStudent},
		{"student drafts", StatusStudent, 0.3, "draft", false, false, true, 2, StatusIntern},
		{"student gets location", StatusStudent, 0.3, "device_get_location", false, false, true, 2, StatusIntern},
		{"intern gets location", StatusIntern, 0.5, "device_get_location", false, true, false, 2, StatusIntern},
		{"intern creates", StatusIntern, 0.6, "create", false, false, true, 3, StatusSupervised},
		{"intern unknown action", StatusIntern, 0.6, "frobnicate", false, true, false, 2, StatusIntern},
		{"supervised drafts", StatusSupervised, 0.7, "draft", false, true, false, 2, StatusIntern},
		{"supervised sends email", StatusSupervised, 0.7, "send_email", false, true, true, 3, StatusSupervised},
		{"supervised deletes file", StatusSupervised, 0.89, "delete_file", false, false, true, 4, StatusAutonomous},
		{"autonomous deletes file", StatusAutonomous, 0.9, "delete_file", false, true, false, 4, StatusAutonomous},
		{"autonomous bulk execute", StatusAutonomous, 0.95, "bulk_update_and_execute", false, true, false, 4, StatusAutonomous},
		{"autonomous caller asks", StatusAutonomous, 0.95, "deploy", true, true, true, 4, StatusAutonomous},
		{"student caller asks", StatusStudent, 0.2, "read", true, true, true, 1, StatusStudent},
		{"upper-case stored status", "AUTONOMOUS", 0.95, "payment", false, true, false, 4, StatusAutonomous},
		{"mixed-case action", StatusIntern, 0.6, "Browser_Navigate", false, true, false, 2, StatusIntern},
		{"paused reads", StatusPaused, 0.95, "read", false, false, true, 1, StatusStudent},
		{"stopped reads", StatusStopped, 0.95, "read", false, false, true, 1, StatusStudent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, store := newTestService(t, Options{})
			putAgent(t, store, Agent{ID: "a1", Name: "bot", Status: tt.status, Confidence: tt.confidence})
			// Check twice: the second decision comes from the cache and
			// must be the same.
			for _, source := range []string{"store", "cache"} {
				d := mustCheck(t, s, "a1", tt.action, tt.requireApproval)
				if d.Allowed != tt.wantAllowed {
					t.Errorf("%s: Allowed = %v, want %v (reason %q)", source, d.Allowed, tt.wantAllowed, d.Reason)
				}
				if d.RequiresApproval != tt.wantApproval {
					t.Errorf("%s: RequiresApproval = %v, want %v", source, d.RequiresApproval, tt.wantApproval)
				}
				if d.Complexity != tt.wantComplexity {
					t.Errorf("%s: Complexity = %d, want %d", source, d.Complexity, tt.wantComplexity)
				}
				if d.RequiredLevel != tt.wantRequired {
					t.Errorf("%s: RequiredLevel = %q, want %q", source, d.RequiredLevel, tt.wantRequired)
				}
				if d.Confidence != tt.confidence {
					t.Errorf("%s: Confidence = %v, want %v", source, d.Confidence, tt.confidence)
				}
				wantStatus, _ := ParseStatus(string(tt.status))
				if d.Status != wantStatus {
					t.Errorf("%s: Status = %q, want %q", source, d.Status, wantStatus)
				}
			}
			if st := s.CacheStats(); st.Hits != 1 || st.Misses != 1 {
				t.Errorf("CacheStats hits, misses = %d, %d, want 1, 1", st.Hits, st.Misses)
			}
		})
	}
}

func TestServiceCheckPausedReasonNamesStatus(t *testing.T) {
	for _, status := range []Status{StatusPaused, StatusStopped} {
		s, store := newTestService(t, Options{})
		putAgent(t, store, Agent{ID: "a1", Status: status, Confidence: 0.95})
		d := mustCheck(t, s, "a1", "read", false)
		if !strings.Contains(d.Reason, string(status)) {
			t.Errorf("Reason for %s agent = %q, want it to name the status", status, d.Reason)
		}
		if d.Enforcement() != EnforcementBlocked {
			t.Errorf("Enforcement for %s agent = %v, want blocked", status, d.Enforcement())
		}
	}
}

func TestServiceCheckUnknownAgent(t *testing.T) {
	tests := []struct {
		name  string
		setup func(tb testing.TB, store *MemoryStore)
	}{
		{"never registered", func(testing.TB, *MemoryStore) {}},
		{"stored as deleted", func(tb testing.TB, store *MemoryStore) {
			putAgent(tb, store, Agent{ID: "ghost", Status: "Deleted", Confidence: 0.95})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, store := newTestService(t, Options{})
			tt.setup(t, store)
			for range 2 {
				d := mustCheck(t, s, "ghost", "delete_file", false)
				if d.Allowed {
					t.Error("Allowed = true, want false")
				}
				if !d.RequiresApproval {
					t.Error("RequiresApproval = false, want true")
				}
				if d.Reason != ReasonAgentNotFound {
					t.Errorf("Reason = %q, want %q", d.Reason, ReasonAgentNotFound)
				}
				if d.Complexity != 4 {
					t.Errorf("Complexity = %d, want 4", d.Complexity)
				}
			}
			st := s.CacheStats()
			if st.Size != 0 {
				t.Errorf("cache Size = %d, want 0: not-found decisions are never cached", st.Size)
			}
			if st.Hits != 0 {
				t.Errorf("cache Hits = %d, want 0", st.Hits)
			}
		})
	}
}

func TestServiceCachedDecisionUnchangedByCallerApproval(t *testing.T) {
	s, store := newTestService(t, Options{})
	putAgent(t, store, Agent{ID: "a1", Status: StatusAutonomous, Confidence: 0.95})

	first := mustCheck(t, s, "a1", "deploy", true)
	if !first.RequiresApproval {
		t.Fatal("first check with caller approval: RequiresApproval = false, want true")
	}
	second := mustCheck(t, s, "a1", "deploy", false)
	if second.RequiresApproval {
		t.Error("second check without caller approval: RequiresApproval = true, want false")
	}
	third := mustCheck(t, s, "a1", "deploy", true)
	if !third.RequiresApproval {
		t.Error("third check with caller approval: RequiresApproval = false, want true")
	}
	if st := s.CacheStats(); st.Hits != 2 {
		t.Errorf("cache Hits = %d, want 2", st.Hits)
	}
}

func TestServiceCheckEmptyAction(t *testing.T) {
	s, store := newTestService(t, Options{})
	putAgent(t, store, Agent{ID: "a1", Status: StatusAutonomous, Confidence: 0.95})
	d, err := s.Check(context.Background(), "a1", "", false)
	if !errors.Is(err, ErrEmptyAction) {
		t.Errorf("Check with empty action error = %v, want ErrEmptyAction", err)
	}
	if d.Allowed || !d.RequiresApproval {
		t.Errorf("decision = %+v, want a denial that requires approval", d)
	}
}

// failingStore is a Store whose every call fails.
type failingStore struct{ err error }

func (f failingStore) Get(context.Context, string) (Agent, error) { return Agent{}, f.err }
func (f failingStore) Put(context.Context, Agent) error           { return f.err }
func (f failingStore) Delete(context.Context, string) error       { return f.err }

func TestServiceStoreErrorSurfaces(t *testing.T) {
	storeErr := errors.New("disk on fire")
	s, _ := newTestService(t, Options{Store: failingStore{storeErr}})
	ctx := context.Background()

	d, err := s.Check(ctx, "a1", "read", false)
	if !errors.Is(err, storeErr) {
		t.Errorf("Check error = %v, want it to wrap the store error", err)
	}
	if d.Allowed {
		t.Error("Check on store error: Allowed = true, want false")
	}
	if !d.RequiresApproval {
		t.Error("Check on store error: RequiresApproval = false, want true")
	}
	if st := s.CacheStats(); st.Size != 0 {
		t.Errorf("cache Size after store error = %d, want 0", st.Size)
	}

	calls := []struct {
		name string
		call func() error
	}{
		{"RegisterAgent", func() error { _, err := s.RegisterAgent(ctx, "a1", "bot"); return err }},
		{"RecordOutcome", func() error { _, err := s.RecordOutcome(ctx, "a1", true, ImpactLow); return err }},
		{"Pause", func() error { _, err := s.Pause(ctx, "a1"); return err }},
		{"Resume", func() error { _, err := s.Resume(ctx, "a1"); return err }},
		{"Stop", func() error { _, err := s.Stop(ctx, "a1"); return err }},
		{"Delete", func() error { return s.Delete(ctx, "a1") }},
		{"Capabilities", func() error { _, err := s.Capabilities(ctx, "a1"); return err }},
	}
	for _, c := range calls {
		if err := c.call(); !errors.Is(err, storeErr) {
			t.Errorf("%s error = %v, want it to wrap the store error", c.name, err)
		}
	}
}

func TestServiceInvalidStoredStatus(t *testing.T) {
	s, store := newTestService(t, Options{})
	putAgent(t, store, Agent{ID: "a1", Status: "wizard", Confidence: 0.95})
	d, err := s.Check(context.Background(), "a1", "read", false)
	if err == nil || !strings.Contains(err.Error(), `"wizard"`) {
		t.Errorf("Check error = %v, want one naming the invalid status", err)
	}
	if d.Allowed {
		t.Error("Allowed = true, want false")
	}
}

func TestServiceDisableCache(t *testing.T) {
	s, store := newTestService(t, Options{DisableCache: true})
	putAgent(t, store, Agent{ID: "a1", Status: StatusIntern, Confidence: 0.6})
	if d := mustCheck(t, s, "a1", "draft", false); !d.Allowed {
		t.Fatalf("first check Allowed = false, want true")
	}
	// A direct store write is seen at once because nothing is cached.
	putAgent(t, store, Agent{ID: "a1", Status: StatusStudent, Confidence: 0.4})
	if d := mustCheck(t, s, "a1", "draft", false); d.Allowed {
		t.Errorf("check after store write Allowed = true, want false")
	}
	if st := s.CacheStats(); st != (CacheStats{}) {
		t.Errorf("CacheStats with cache disabled = %+v, want zero", st)
	}
}

func TestServiceCacheTTL(t *testing.T) {
	clock := newFakeClock()
	s, store := newTestService(t, Options{CacheTTL: time.Minute, Now: clock.Now})
	putAgent(t, store, Agent{ID: "a1", Status: StatusIntern, Confidence: 0.6})
	mustCheck(t, s, "a1", "draft", false)
	// A write that bypasses the service is not seen until the TTL passes.
	putAgent(t, store, Agent{ID: "a1", Status: StatusStudent, Confidence: 0.4})
	if d := mustCheck(t, s, "a1", "draft", false); !d.Allowed {
		t.Errorf("check within TTL Allowed = false, want the cached true")
	}
	clock.Advance(time.Minute)
	if d := mustCheck(t, s, "a1", "draft", false); d.Allowed {
		t.Errorf("check after TTL Allowed = true, want false from the store")
	}
}

func TestServiceSetActions(t *testing.T) {
	s, store := newTestService(t, Options{})
	putAgent(t, store, Agent{ID: "a1", Status: StatusIntern, Confidence: 0.6})
	if d := mustCheck(t, s, "a1", "summarize", false); !d.Allowed {
		t.Fatal("summarize with default table: Allowed = false, want true")
	}

	if err := s.SetActions(map[string]int{"Summarize": 4}); err != nil {
		t.Fatalf("SetActions: %v", err)
	}
	d := mustCheck(t, s, "a1", "summarize", false)
	if d.Allowed || d.Complexity != 4 {
		t.Errorf("summarize after SetActions = allowed %v complexity %d, want denied with complexity 4", d.Allowed, d.Complexity)
	}
	if got := s.Actions(); len(got) != 1 || got["summarize"] != 4 {
		t.Errorf("Actions() = %v, want map[summarize:4]", got)
	}
	if got := s.ActionComplexity("delete"); got != UnknownComplexity {
		t.Errorf("ActionComplexity(delete) under the new table = %d, want %d", got, UnknownComplexity)
	}

	if err := s.SetActions(map[string]int{"summarize": 7}); err == nil {
		t.Error("SetActions with complexity 7 error = nil, want an error")
	}
	if got := s.ActionComplexity("summarize"); got != 4 {
		t.Errorf("ActionComplexity(summarize) after rejected SetActions = %d, want 4", got)
	}

	if err := s.SetActions(nil); err != nil {
		t.Fatalf("SetActions(nil): %v", err)
	}
	if d := mustCheck(t, s, "a1", "summarize", false); !d.Allowed || d.Complexity != 1 {
		t.Errorf("summarize after restoring defaults = allowed %v complexity %d, want allowed with complexity 1", d.Allowed, d.Complexity)
	}
}

func TestNewServiceRejects(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"negative cache size", Options{CacheSize: -1}, "cache size -1"},
		{"negative TTL", Options{CacheTTL: -time.Second}, "cache TTL -1s"},
		{"bad action table", Options{Actions: map[string]int{"read": 0}}, `"read" has complexity 0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewService(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewService error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestServiceCustomActions(t *testing.T) {
	s, store := newTestService(t, Options{Actions: map[string]int{"launch": 4, "peek": 1}})
	putAgent(t, store, Agent{ID: "a1", Status: StatusStudent, Confidence: 0.1})
	if d := mustCheck(t, s, "a1", "peek_inside", false); !d.Allowed {
		t.Errorf("peek_inside Allowed = false, want true")
	}
	if d := mustCheck(t, s, "a1", "LAUNCH", false); d.Allowed || d.Complexity != 4 {
		t.Errorf("LAUNCH = allowed %v complexity %d, want denied with complexity 4", d.Allowed, d.Complexity)
	}
}

func TestServiceCapabilities(t *testing.T) {
	actions := map[string]int{"read": 1, "draft": 2, "create": 3, "delete": 4}
	tests := []struct {
		name           string
		status         Status
		wantMax        int
		wantAllowed    []string
		wantRestricted []string
	}{
		{"student", StatusStudent, 1, []string{"read"}, []string{"create", "delete", "draft"}},
		{"intern", StatusIntern, 2, []string{"draft", "read"}, []string{"create", "delete"}},
		{"supervised", StatusSupervised, 3, []string{"create", "draft", "read"}, []string{"delete"}},
		{"autonomous", StatusAutonomous, 4, []string{"create", "delete", "draft", "read"}, []string{}},
		{"paused", StatusPaused, 0, []string{}, []string{"create", "delete", "draft", "read"}},
		{"stopped", StatusStopped, 0, []string{}, []string{"create", "delete", "draft", "read"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, store := newTestService(t, Options{Actions: actions})
			putAgent(t, store, Agent{ID: "a1", Status: tt.status, Confidence: 0.5})
			c, err := s.Capabilities(context.Background(), "a1")
			if err != nil {
				t.Fatalf("Capabilities: %v", err)
			}
			if c.MaxComplexity != tt.wantMax {
				t.Errorf("MaxComplexity = %d, want %d", c.MaxComplexity, tt.wantMax)
			}
			if strings.Join(c.Allowed, ",") != strings.Join(tt.wantAllowed, ",") {
				t.Errorf("Allowed = %v, want %v", c.Allowed, tt.wantAllowed)
			}
			if strings.Join(c.Restricted, ",") != strings.Join(tt.wantRestricted, ",") {
				t.Errorf("Restricted = %v, want %v", c.Restricted, tt.wantRestricted)
			}
			if c.Status != tt.status || c.AgentID != "a1" {
				t.Errorf("AgentID, Status = %q, %q, want a1, %q", c.AgentID, c.Status, tt.status)
			}
		})
	}

	s, _ := newTestService(t, Options{})
	if _, err := s.Capabilities(context.Background(), "nobody"); !errors.Is(err, ErrAgentNotFound) {
		t.Errorf("Capabilities(nobody) error = %v, want ErrAgentNotFound", err)
	}
}

// stubVerifier maps known tokens to agent ids and rejects the rest.
type stubVerifier map[string]string

var errStubToken = errors.New("stub: bad token")

func (v stubVerifier) VerifyAgent(token string) (string, error) {
	if id, ok := v[token]; ok {
		return id, nil
	}
	return "", errStubToken
}

func TestServiceCheckToken(t *testing.T) {
	s, store := newTestService(t, Options{Tokens: stubVerifier{"good": "a1", "orphan": "nobody"}})
	putAgent(t, store, Agent{ID: "a1", Status: StatusSupervised, Confidence: 0.8})
	ctx := context.Background()

	tests := []struct {
		name         string
		token        string
		action       string
		wantErr      error
		wantAllowed  bool
		wantApproval bool
		wantReason   string
	}{
		{"valid token allowed", "good", "draft", nil, true, false, ""},
		{"valid token needs approval", "good", "create", nil, true, true, ""},
		{"valid token denied", "good", "delete", nil, false, true, ""},
		{"token for unknown agent", "orphan", "read", nil, false, true, ReasonAgentNotFound},
		{"rejected token", "forged", "read", errStubToken, false, true, ReasonInvalidToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := s.CheckToken(ctx, tt.token, tt.action, false)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("CheckToken error = %v, want %v", err, tt.wantErr)
			}
			if d.Allowed != tt.wantAllowed {
				t.Errorf("Allowed = %v, want %v", d.Allowed, tt.wantAllowed)
			}
			if d.RequiresApproval != tt.wantApproval {
				t.Errorf("RequiresApproval = %v, want %v", d.RequiresApproval, tt.wantApproval)
			}
			if tt.wantReason != "" && d.Reason != tt.wantReason {
				t.Errorf("Reason = %q, want %q", d.Reason, tt.wantReason)
			}
		})
	}

	bare, _ := newTestService(t, Options{})
	if _, err := bare.CheckToken(ctx, "good", "read", false); !errors.Is(err, ErrNoTokenVerifier) {
		t.Errorf("CheckToken without verifier error = %v, want ErrNoTokenVerifier", err)
	}
}
