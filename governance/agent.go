package governance

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// Agent is an automated actor whose actions the Service governs.
type Agent struct {
	// ID identifies the agent. It is unique within a Store and never empty.
	ID string
	// Name is a human-readable label with no meaning to the rules.
	Name string
	// Status is the agent's maturity level or lifecycle state. Stores may
	// hold it in any letter case.
	Status Status
	// Confidence is the agent's track record in [0, 1]. The maturity level
	// follows from it, see LevelForConfidence.
	Confidence float64
}

// ErrAgentNotFound is returned for an id that no store holds, and for an
// agent whose status is deleted.
var ErrAgentNotFound = errors.New("agent not found")

// ErrAgentExists is returned by RegisterAgent for an id already in use.
var ErrAgentExists = errors.New("agent already exists")

// Store keeps agents. Implementations must be safe for concurrent use.
// MemoryStore and SQLiteStore pass the same contract tests.
type Store interface {
	// Get returns the agent with the given id, or an error wrapping
	// ErrAgentNotFound when there is none.
	Get(ctx context.Context, id string) (Agent, error)
	// Put inserts the agent or replaces the one with the same id. It
	// rejects an empty id and a confidence outside [0, 1], and stores the
	// status verbatim.
	Put(ctx context.Context, a Agent) error
	// Delete removes the agent, or returns an error wrapping
	// ErrAgentNotFound when there is none.
	Delete(ctx context.Context, id string) error
}

// errEmptyID rejects an agent without an id.
var errEmptyID = errors.New("agent id is empty: every agent needs a non-empty id")

// validateForStore checks what every Store requires of an agent it keeps: a
// non-empty id and a confidence in [0, 1]. The status is stored verbatim.
func validateForStore(a Agent) error {
	if a.ID == "" {
		return fmt.Errorf("put agent: %w", errEmptyID)
	}
	if math.IsNaN(a.Confidence) || a.Confidence < 0 || a.Confidence > 1 {
		return fmt.Errorf("put agent %q: confidence %v is outside [0, 1]", a.ID, a.Confidence)
	}
	return nil
}
