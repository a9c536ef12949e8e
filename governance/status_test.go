package governance

import (
	"math"
	"testing"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Status
		wantErr bool
	}{
		{"lower case", "autonomous", StatusAutonomous, false},
		{"upper case", "AUTONOMOUS", StatusAutonomous, false},
		{"mixed case", "Supervised", StatusSupervised, false},
		{"student", "student", StatusStudent, false},
		{"intern", "INTERN", StatusIntern, false},
		{"paused", "Paused", StatusPaused, false},
		{"stopped", "stopped", StatusStopped, false},
		{"deleted", "DELETED", StatusDeleted, false},
		{"empty", "", "", true},
		{"unknown", "expert", "", true},
		{"surrounding space", " student", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseStatus(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseStatus(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseStatus(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseStatusLowerCaseNoAlloc(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := ParseStatus("autonomous"); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("ParseStatus allocations = %v, want 0", allocs)
	}
}

func TestLevelForConfidence(t *testing.T) {
	tests := []struct {
		name       string
		confidence float64
		want       Status
	}{
		{"zero", 0, StatusStudent},
		{"below intern", 0.499999, StatusStudent},
		{"intern boundary", 0.5, StatusIntern},
		{"below supervised", 0.699999, StatusIntern},
		{"supervised boundary", 0.7, StatusSupervised},
		{"below autonomous", 0.899999, StatusSupervised},
		{"autonomous boundary", 0.9, StatusAutonomous},
		{"one", 1, StatusAutonomous},
		{"negative clamps to student", -0.3, StatusStudent},
		{"above one clamps to autonomous", 1.7, StatusAutonomous},
		{"NaN counts as zero", math.NaN(), StatusStudent},
		{"positive infinity", math.Inf(1), StatusAutonomous},
		{"negative infinity", math.Inf(-1), StatusStudent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LevelForConfidence(tt.confidence); got != tt.want {
				t.Errorf("LevelForConfidence(%v) = %q, want %q", tt.confidence, got, tt.want)
			}
		})
	}
}

func TestRequiredLevel(t *testing.T) {
	tests := []struct {
		complexity int
		want       Status
	}{
		{-1, StatusStudent},
		{0, StatusStudent},
		{1, StatusStudent},
		{2, StatusIntern},
		{3, StatusSupervised},
		{4, StatusAutonomous},
		{5, StatusAutonomous},
	}
	for _, tt := range tests {
		if got := RequiredLevel(tt.complexity); got != tt.want {
			t.Errorf("RequiredLevel(%d) = %q, want %q", tt.complexity, got, tt.want)
		}
	}
}

func TestStatusIsLevel(t *testing.T) {
	for _, s := range knownStatuses {
		want := s == StatusStudent || s == StatusIntern || s == StatusSupervised || s == StatusAutonomous
		if got := s.IsLevel(); got != want {
			t.Errorf("Status(%q).IsLevel() = %v, want %v", s, got, want)
		}
	}
}

func TestRoundConfidence(t *testing.T) {
	tests := []struct {
		name string
		in   float64
		want float64
	}{
		{"drifted sum lands on threshold", 0.5 + 0.05 + 0.05 + 0.05 + 0.05, 0.7},
		{"below zero clamps", -0.02, 0},
		{"above one clamps", 1.04, 1},
		{"NaN becomes zero", math.NaN(), 0},
		{"six decimals kept", 0.123456, 0.123456},
		{"seventh decimal rounded", 0.1234567, 0.123457},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := roundConfidence(tt.in); got != tt.want {
				t.Errorf("roundConfidence(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
