package governance

import (
	"strings"
	"testing"
)

func TestActionTableComplexity(t *testing.T) {
	table, err := NewActionTable(DefaultActions())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		action string
		want   int
	}{
		// Exact matches.
		{"search", 1},
		{"present_markdown", 1},
		{"analyze", 2},
		{"update_canvas", 2},
		{"create", 3},
		{"device_screen_record_stop", 3},
		{"delete", 4},
		{"canvas_execute_javascript", 4},
		// An exact match beats a contained key of lower complexity.
		{"device_get_location", 2},
		// An exact match beats a contained key of higher complexity:
		// update_canvas contains update (3) but is 2.
		{"update_canvas", 2},
		// Case is ignored.
		{"DELETE", 4},
		{"Device_Get_Location", 2},
		// Containment takes the highest complexity.
		{"delete_file", 4},
		{"bulk_update_and_execute", 4},
		{"get_user", 1},
		{"read_and_send_email", 3},
		{"CREATE_REPORT", 3},
		// No key contained.
		{"frobnicate", 2},
		{"", 2},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			if got := table.Complexity(tt.action); got != tt.want {
				t.Errorf("Complexity(%q) = %d, want %d", tt.action, got, tt.want)
			}
			if got := ActionComplexity(DefaultActions(), tt.action); got != tt.want {
				t.Errorf("ActionComplexity(default, %q) = %d, want %d", tt.action, got, tt.want)
			}
			if got := ActionComplexity(nil, tt.action); got != tt.want {
				t.Errorf("ActionComplexity(nil, %q) = %d, want %d", tt.action, got, tt.want)
			}
		})
	}
}

func TestDefaultActionsComplete(t *testing.T) {
	counts := map[int]int{}
	for name, c := range DefaultActions() {
		if name != strings.ToLower(name) {
			t.Errorf("default action %q is not lower case", name)
		}
		counts[c]++
	}
	want := map[int]int{1: 8, 2: 15, 3: 9, 4: 8}
	for c, n := range want {
		if counts[c] != n {
			t.Errorf("default actions of complexity %d = %d, want %d", c, counts[c], n)
		}
	}
}

func TestDefaultActionsReturnsCopy(t *testing.T) {
	a := DefaultActions()
	a["search"] = 4
	if got := DefaultActions()["search"]; got != 1 {
		t.Errorf("DefaultActions()[search] after caller change = %d, want 1", got)
	}
}

func TestNewActionTableRejects(t *testing.T) {
	tests := []struct {
		name    string
		actions map[string]int
		wantMsg string
	}{
		{"empty name", map[string]int{"": 1}, "empty action name"},
		{"blank name", map[string]int{"  ": 1}, "empty action name"},
		{"complexity zero", map[string]int{"read": 0}, `"read" has complexity 0`},
		{"complexity five", map[string]int{"nuke": 5}, `"nuke" has complexity 5`},
		{"case conflict", map[string]int{"Read": 1, "read": 2}, "different letter cases"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewActionTable(tt.actions)
			if err == nil {
				t.Fatalf("NewActionTable(%v) error = nil, want one containing %q", tt.actions, tt.wantMsg)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("NewActionTable(%v) error = %q, want it to contain %q", tt.actions, err, tt.wantMsg)
			}
		})
	}
}

func TestNewActionTableCopiesAndLowers(t *testing.T) {
	in := map[string]int{"Launch": 4, "peek": 1}
	table, err := NewActionTable(in)
	if err != nil {
		t.Fatal(err)
	}
	in["peek"] = 4
	if got := table.Complexity("peek"); got != 1 {
		t.Errorf("Complexity(peek) after caller change = %d, want 1", got)
	}
	if got := table.Complexity("LAUNCH_rocket"); got != 4 {
		t.Errorf("Complexity(LAUNCH_rocket) = %d, want 4", got)
	}
	got := table.Actions()
	if len(got) != 2 || got["launch"] != 4 || got["peek"] != 1 {
		t.Errorf("Actions() = %v, want map[launch:4 peek:1]", got)
	}
}

func TestActionComplexitySkipsInvalidEntries(t *testing.T) {
	table := map[string]int{"": 4, "nuke": 9, "Read": 1}
	tests := []struct {
		action string
		want   int
	}{
		{"nuke", 2},
		{"read_file", 1},
		{"anything", 2},
	}
	for _, tt := range tests {
		if got := ActionComplexity(table, tt.action); got != tt.want {
			t.Errorf("ActionComplexity(%v, %q) = %d, want %d", table, tt.action, got, tt.want)
		}
	}
}

func TestComplexityLowerCaseNoAlloc(t *testing.T) {
	for _, action := range []string{"search", "delete_file", "frobnicate"} {
		allocs := testing.AllocsPerRun(100, func() {
			defaultTable.Complexity(action)
		})
		if allocs != 0 {
			t.Errorf("Complexity(%q) allocations = %v, want 0", action, allocs)
		}
	}
}

// FuzzComplexityMatchesMapScan checks the indexed matcher of ActionTable
// against the plain map scan of ActionComplexity.
func FuzzComplexityMatchesMapScan(f *testing.F) {
	for _, seed := range []string{"delete_file", "bulk_update_and_execute", "device_get_location", "READ", "xyz", "", "ÄRead", "getdelete"} {
		f.Add(seed)
	}
	actions := DefaultActions()
	f.Fuzz(func(t *testing.T, action string) {
		got := defaultTable.Complexity(action)
		want := ActionComplexity(actions, action)
		if got != want {
			t.Errorf("Complexity(%q) = %d, want %d from the map scan", action, got, want)
		}
	})
}
