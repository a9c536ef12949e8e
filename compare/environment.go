package compare

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// RunIdentityKeys are config keys that name a run rather than describe its
// environment: perfgate run writes a new commit and start-time every time,
// so a difference in them is expected and not warned about. They stay in
// Report.Environment.
var RunIdentityKeys = []string{"commit", "start-time"}

// environmentWarnings returns one warning per config key whose values
// differ between the runs, in key order, except RunIdentityKeys. A
// difference never stops the comparison: the user decides whether it
// matters.
func environmentWarnings(base, cur map[string][]string) []string {
	keys := slices.Sorted(maps.Keys(base))
	for k := range cur {
		if _, ok := base[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)

	var warnings []string
	for _, k := range keys {
		b, c := base[k], cur[k]
		if slices.Equal(b, c) || slices.Contains(RunIdentityKeys, k) {
			continue
		}
		warnings = append(warnings, fmt.Sprintf("environment differs: %s is %s in the baseline and %s in the new run", k, quoteAll(b), quoteAll(c)))
	}
	return warnings
}

func quoteAll(values []string) string {
	if len(values) == 0 {
		return "absent"
	}
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(quoted, ", ")
}
