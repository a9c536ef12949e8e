package governance

import (
	"strings"
	"testing"
)

func TestDecide(t *testing.T) {
	tests := []struct {
		name         string
		status       Status
		complexity   int
		wantAllowed  bool
		wantApproval bool
	}{
		{"student complexity 1", StatusStudent, 1, true, false},
		{"student complexity 2", StatusStudent, 2, false, true},
		{"student complexity 3", StatusStudent, 3, false, true},
		{"student complexity 4", StatusStudent, 4, false, true},
		{"intern complexity 1", StatusIntern, 1, true, false},
		{"intern complexity 2", StatusIntern, 2, true, false},
		{"intern complexity 3", StatusIntern, 3, false, true},
		{"intern complexity 4", StatusIntern, 4, false, true},
		{"supervised complexity 1", StatusSupervised, 1, true, false},
		{"supervised complexity 2", StatusSupervised, 2, true, false},
		{"supervised complexity 3 needs approval", StatusSupervised, 3, true, true},
		{"supervised complexity 4", StatusSupervised, 4, false, true},
		{"autonomous complexity 1", StatusAutonomous, 1, true, false},
		{"autonomous complexity 3", StatusAutonomous, 3, true, false},
		{"autonomous complexity 4", StatusAutonomous, 4, true, false},
		{"paused complexity 1", StatusPaused, 1, false, true},
		{"paused complexity 4", StatusPaused, 4, false, true},
		{"stopped complexity 1", StatusStopped, 1, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Agent{ID: "a1", Status: tt.status, Confidence: 0.42}
			d := decide(a, tt.complexity)
			if d.Allowed != tt.wantAllowed {
				t.Errorf("Allowed = %v, want %v (reason %q)", d.Allowed, tt.wantAllowed, d.Reason)
			}
			if d.RequiresApproval != tt.wantApproval {
				t.Errorf("RequiresApproval = %v, want %v", d.RequiresApproval, tt.wantApproval)
			}
			if d.Status != tt.status {
				t.Errorf("Status = %q, want %q", d.Status, tt.status)
			}
			if d.Complexity != tt.complexity {
				t.Errorf("Complexity = %d, want %d", d.Complexity, tt.complexity)
			}
			if want := RequiredLevel(tt.complexity); d.RequiredLevel != want {
				t.Errorf("RequiredLevel = %q, want %q", d.RequiredLevel, want)
			}
			if d.Confidence != 0.42 {
				t.Errorf("Confidence = %v, want 0.42", d.Confidence)
			}
			if d.Reason == "" {
				t.Error("Reason is empty")
			}
		})
	}
}

func TestDecideReasons(t *testing.T) {
	tests := []struct {
		name       string
		status     Status
		complexity int
		want       []string
	}{
		{"maturity denial names required level", StatusIntern, 4, []string{"lacks maturity", "autonomous", "intern"}},
		{"student denied intern action", StatusStudent, 2, []string{"lacks maturity", "require intern"}},
		{"allowed names level", StatusSupervised, 3, []string{"allowed", "supervised"}},
		{"paused names status", StatusPaused, 1, []string{"paused"}},
		{"stopped names status", StatusStopped, 1, []string{"stopped"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(Agent{Status: tt.status}, tt.complexity)
			for _, w := range tt.want {
				if !strings.Contains(d.Reason, w) {
					t.Errorf("Reason = %q, want it to contain %q", d.Reason, w)
				}
			}
		})
	}
}

func TestWithCallerApproval(t *testing.T) {
	tests := []struct {
		name            string
		in              Decision
		requireApproval bool
		wantApproval    bool
	}{
		{"caller asks", Decision{Allowed: true}, true, true},
		{"caller does not ask", Decision{Allowed: true}, false, false},
		{"rule already requires", Decision{RequiresApproval: true}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			got := withCallerApproval(in, tt.requireApproval)
			if got.RequiresApproval != tt.wantApproval {
				t.Errorf("RequiresApproval = %v, want %v", got.RequiresApproval, tt.wantApproval)
			}
			if in != tt.in {
				t.Errorf("input changed to %+v, want %+v", in, tt.in)
			}
		})
	}
}

func TestDecisionEnforcement(t *testing.T) {
	tests := []struct {
		name     string
		decision Decision
		want     Enforcement
		wantText string
	}{
		{"denied", Decision{Allowed: false, RequiresApproval: true}, EnforcementBlocked, "blocked"},
		{"denied without approval flag", Decision{Allowed: false}, EnforcementBlocked, "blocked"},
		{"allowed with approval", Decision{Allowed: true, RequiresApproval: true}, EnforcementPendingApproval, "pending_approval"},
		{"allowed", Decision{Allowed: true}, EnforcementApproved, "approved"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.decision.Enforcement()
			if got != tt.want {
				t.Errorf("Enforcement() = %v, want %v", got, tt.want)
			}
			if got.String() != tt.wantText {
				t.Errorf("Enforcement().String() = %q, want %q", got.String(), tt.wantText)
			}
		})
	}
	if got := Enforcement(9).String(); got != "Enforcement(9)" {
		t.Errorf("Enforcement(9).String() = %q, want %q", got, "Enforcement(9)")
	}
}
