package governance

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Action complexities. An action of complexity N needs at least the maturity
// level returned by RequiredLevel(N).
const (
	MinComplexity = 1
	MaxComplexity = 4
	// UnknownComplexity is the complexity of an action that matches no key
	// of the action table.
	UnknownComplexity = 2
)

// DefaultActions returns a new copy of the default action table, which maps
// lower-case action names to complexities.
func DefaultActions() map[string]int {
	table := make(map[string]int, 60)
	add := func(complexity int, names ...string) {
		for _, n := range names {
			table[n] = complexity
		}
	}
	add(1, "search", "read", "list", "get", "fetch", "summarize",
		"present_chart", "present_markdown")
	add(2, "analyze", "suggest", "draft", "generate", "recommend", "stream_chat",
		"present_form", "llm_stream", "browser_navigate", "browser_screenshot",
		"browser_extract", "device_camera_snap", "device_get_location",
		"device_send_notification", "update_canvas")
	add(3, "create", "update", "send_email", "post_message", "schedule",
		"submit_form", "device_screen_record", "device_screen_record_start",
		"device_screen_record_stop")
	add(4, "delete", "execute", "deploy", "transfer", "payment", "approve",
		"device_execute_command", "canvas_execute_javascript")
	return table
}

// ActionTable maps action names to complexities, ignoring case. It is
// immutable after NewActionTable and safe for concurrent use.
type ActionTable struct {
	// exact maps lower-cased keys to their complexity.
	exact map[string]int
	// byFirstByte indexes the lower-cased keys by their first byte. A key
	// contained in an action starts at some byte of the action, so a scan
	// tests at each position only the keys that start with that byte.
	byFirstByte [256][]actionKey
}

type actionKey struct {
	name       string
	complexity int
}

// NewActionTable builds a table from a map of action names to complexities.
// It copies the map and lower-cases the names. It rejects an empty name and a
// complexity outside [1, 4]. Two names that differ only in case must have the
// same complexity.
func NewActionTable(actions map[string]int) (*ActionTable, error) {
	t := &ActionTable{exact: make(map[string]int, len(actions))}
	// Sorted iteration makes the error for a bad table deterministic.
	for _, name := range slices.Sorted(maps.Keys(actions)) {
		complexity := actions[name]
		if strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("action table: empty action name: every name must contain a non-space character")
		}
		if complexity < MinComplexity || complexity > MaxComplexity {
			return nil, fmt.Errorf("action table: action %q has complexity %d: want %d to %d", name, complexity, MinComplexity, MaxComplexity)
		}
		lower := strings.ToLower(name)
		if prev, ok := t.exact[lower]; ok && prev != complexity {
			return nil, fmt.Errorf("action table: action %q has complexities %d and %d in different letter cases: keep one", lower, prev, complexity)
		}
		t.exact[lower] = complexity
	}
	for name, complexity := range t.exact {
		first := name[0]
		t.byFirstByte[first] = append(t.byFirstByte[first], actionKey{name, complexity})
	}
	return t, nil
}

// defaultTable is built once, because DefaultActions always passes validation.
var defaultTable = mustActionTable(DefaultActions())

func mustActionTable(actions map[string]int) *ActionTable {
	t, err := NewActionTable(actions)
	if err != nil {
		panic("governance: " + err.Error())
	}
	return t
}

// Complexity returns the complexity of an action, ignoring case. An exact
// match wins. Otherwise the result is the highest complexity among the keys
// that the action name contains, so "delete_file" is 4 and
// "device_get_location" (an exact key of complexity 2) is 2 although it
// contains "get". An action that contains no key is 2. Complexity does not
// allocate when action is already lower case.
func (t *ActionTable) Complexity(action string) int {
	action = strings.ToLower(action)
	if c, ok := t.exact[action]; ok {
		return c
	}
	best := 0
	for i := 0; i < len(action) && best < MaxComplexity; i++ {
		for _, k := range t.byFirstByte[action[i]] {
			if k.complexity > best && strings.HasPrefix(action[i:], k.name) {
				best = k.complexity
			}
		}
	}
	if best == 0 {
		return UnknownComplexity
	}
	return best
}

// Actions returns a copy of the table with lower-case names.
func (t *ActionTable) Actions() map[string]int {
	return maps.Clone(t.exact)
}

// ActionComplexity returns the complexity of action under table, with the
// same rules as ActionTable.Complexity. A nil table means the default table.
// Unless table is nil, it scans and lower-cases every name of table on every
// call, so callers that look up many actions should build an ActionTable once.
// Invalid entries are skipped: an empty name or a complexity outside [1, 4].
func ActionComplexity(table map[string]int, action string) int {
	if table == nil {
		return defaultTable.Complexity(action)
	}
	action = strings.ToLower(action)
	exact, best := 0, 0
	for name, complexity := range table {
		if complexity < MinComplexity || complexity > MaxComplexity || strings.TrimSpace(name) == "" {
			continue
		}
		name = strings.ToLower(name)
		if name == action {
			// Unlike NewActionTable, this function accepts names that differ
			// only in case, so take the highest of their complexities.
			exact = max(exact, complexity)
		} else if strings.Contains(action, name) {
			best = max(best, complexity)
		}
	}
	switch {
	case exact > 0:
		return exact
	case best > 0:
		return best
	}
	return UnknownComplexity
}
