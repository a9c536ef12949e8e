package governance

import (
	"context"
	"errors"
	"fmt"
)

// Impact is the weight of an outcome.
type Impact int

// Impacts of an outcome.
const (
	// ImpactLow moves confidence by +0.01 on success and -0.02 on failure.
	ImpactLow Impact = iota
	// ImpactHigh moves confidence by +0.05 on success and -0.10 on failure.
	ImpactHigh
)

// String returns "low" or "high".
func (i Impact) String() string {
	switch i {
	case ImpactLow:
		return "low"
	case ImpactHigh:
		return "high"
	}
	return fmt.Sprintf("Impact(%d)", int(i))
}

// ErrAgentStopped is returned when a stopped agent is paused or resumed.
// A stopped agent can only be deleted.
var ErrAgentStopped = errors.New("agent is stopped: a stopped agent can only be deleted")

// confidenceDelta returns the change of confidence for an outcome.
func confidenceDelta(success bool, impact Impact) (float64, error) {
	switch {
	case impact == ImpactHigh && success:
		return 0.05, nil
	case impact == ImpactHigh:
		return -0.10, nil
	case impact == ImpactLow && success:
		return 0.01, nil
	case impact == ImpactLow:
		return -0.02, nil
	}
	return 0, fmt.Errorf("invalid impact %d: use ImpactLow or ImpactHigh", int(impact))
}

// RegisterAgent stores a new agent as a student with confidence 0.5 and
// returns it. The status stays student although 0.5 is the intern threshold,
// until the first outcome or a resume recomputes it. An id in use by an agent
// that is not deleted returns an error wrapping ErrAgentExists.
func (s *Service) RegisterAgent(ctx context.Context, id, name string) (Agent, error) {
	if id == "" {
		return Agent{}, fmt.Errorf("register agent named %q: %w", name, errEmptyID)
	}
	lock := s.agentLock(id)
	lock.Lock()
	defer lock.Unlock()

	_, err := s.agent(ctx, id)
	switch {
	case err == nil:
		return Agent{}, fmt.Errorf("register agent %q: %w", id, ErrAgentExists)
	case !errors.Is(err, ErrAgentNotFound):
		return Agent{}, fmt.Errorf("register agent %q: %w", id, err)
	}

	a := Agent{ID: id, Name: name, Status: StatusStudent, Confidence: InitialConfidence}
	if err := s.store.Put(ctx, a); err != nil {
		return Agent{}, fmt.Errorf("register agent %q: %w", id, err)
	}
	// A deleted agent's id may be reused, so drop anything cached for it.
	s.invalidate(id)
	return a, nil
}

// RecordOutcome moves the agent's confidence after an action: high impact
// +0.05 on success and -0.10 on failure, low impact +0.01 and -0.02. The
// result is clamped to [0, 1] and rounded to six decimal places. The level is
// then recomputed from the confidence, except for a paused or stopped agent,
// which keeps its status. When the status changes, the agent's cached
// decisions are invalidated before RecordOutcome returns.
//
// NOTE: a change of confidence alone keeps cached decisions, so their
// Confidence field may lag by up to the cache TTL.
func (s *Service) RecordOutcome(ctx context.Context, agentID string, success bool, impact Impact) (Agent, error) {
	delta, err := confidenceDelta(success, impact)
	if err != nil {
		return Agent{}, fmt.Errorf("record outcome for agent %q: %w", agentID, err)
	}
	return s.update(ctx, "record outcome for", agentID, func(a *Agent) error {
		a.Confidence = roundConfidence(a.Confidence + delta)
		if a.Status.IsLevel() {
			a.Status = LevelForConfidence(a.Confidence)
		}
		return nil
	})
}

// Pause denies every action of the agent until Resume. Pausing a paused
// agent does nothing. A stopped agent returns an error wrapping
// ErrAgentStopped.
func (s *Service) Pause(ctx context.Context, agentID string) (Agent, error) {
	return s.update(ctx, "pause", agentID, func(a *Agent) error {
		if a.Status == StatusStopped {
			return ErrAgentStopped
		}
		a.Status = StatusPaused
		return nil
	})
}

// Resume sets the agent's level from its confidence. It also corrects the
// level of an agent that is not paused. A stopped agent returns an error
// wrapping ErrAgentStopped.
func (s *Service) Resume(ctx context.Context, agentID string) (Agent, error) {
	return s.update(ctx, "resume", agentID, func(a *Agent) error {
		if a.Status == StatusStopped {
			return ErrAgentStopped
		}
		a.Status = LevelForConfidence(a.Confidence)
		return nil
	})
}

// Stop denies every action of the agent for good. A stopped agent can still
// be deleted.
func (s *Service) Stop(ctx context.Context, agentID string) (Agent, error) {
	return s.update(ctx, "stop", agentID, func(a *Agent) error {
		a.Status = StatusStopped
		return nil
	})
}

// Delete removes the agent from the store and invalidates its cached
// decisions. Later checks of the agent are denied as not found.
func (s *Service) Delete(ctx context.Context, agentID string) error {
	lock := s.agentLock(agentID)
	lock.Lock()
	defer lock.Unlock()

	// Invalidate even when the store fails: the agent may be half deleted.
	defer s.invalidate(agentID)
	if err := s.store.Delete(ctx, agentID); err != nil {
		return fmt.Errorf("delete agent %q: %w", agentID, err)
	}
	return nil
}

// update applies change to the stored agent under the agent's lock, writes
// it back and invalidates the agent's cached decisions when the status
// changed. op names the operation in errors.
func (s *Service) update(ctx context.Context, op, agentID string, change func(*Agent) error) (Agent, error) {
	lock := s.agentLock(agentID)
	lock.Lock()
	defer lock.Unlock()

	a, err := s.agent(ctx, agentID)
	if err != nil {
		return Agent{}, fmt.Errorf("%s agent %q: %w", op, agentID, err)
	}
	before := a.Status
	if err := change(&a); err != nil {
		return Agent{}, fmt.Errorf("%s agent %q: %w", op, agentID, err)
	}
	if err := s.store.Put(ctx, a); err != nil {
		return Agent{}, fmt.Errorf("%s agent %q: %w", op, agentID, err)
	}
	if a.Status != before {
		s.invalidate(agentID)
	}
	return a, nil
}
