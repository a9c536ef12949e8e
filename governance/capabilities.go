package governance

import (
	"context"
	"fmt"
	"maps"
	"slices"
)

// Capabilities lists what an agent may do under the current action table.
type Capabilities struct {
	AgentID string
	Status  Status
	// MaxComplexity is the highest complexity the agent may perform without
	// being denied, or 0 for a paused or stopped agent.
	MaxComplexity int
	// Allowed lists the table's actions of complexity up to MaxComplexity,
	// sorted by name.
	Allowed []string
	// Restricted lists the table's other actions, sorted by name.
	Restricted []string
}

// Capabilities returns what the agent may do. An unknown or deleted agent
// returns an error wrapping ErrAgentNotFound. Actions outside the table are
// not listed. Such an action has complexity 2 unless it contains a table key.
func (s *Service) Capabilities(ctx context.Context, agentID string) (Capabilities, error) {
	a, err := s.agent(ctx, agentID)
	if err != nil {
		return Capabilities{}, fmt.Errorf("capabilities of agent %q: %w", agentID, err)
	}

	c := Capabilities{
		AgentID:       a.ID,
		Status:        a.Status,
		MaxComplexity: levelRank(a.Status),
		Allowed:       []string{},
		Restricted:    []string{},
	}
	table := s.actions.Load()
	for _, name := range slices.Sorted(maps.Keys(table.exact)) {
		if table.exact[name] <= c.MaxComplexity {
			c.Allowed = append(c.Allowed, name)
		} else {
			c.Restricted = append(c.Restricted, name)
		}
	}
	return c, nil
}
