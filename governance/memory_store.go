package governance

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
)

// MemoryStore is a Store that keeps agents in a map. It is the default store
// of a Service and loses its contents when the process exits.
type MemoryStore struct {
	mu     sync.RWMutex
	agents map[string]Agent
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{agents: make(map[string]Agent)}
}

// Get returns the agent with the given id or an error wrapping
// ErrAgentNotFound.
func (m *MemoryStore) Get(ctx context.Context, id string) (Agent, error) {
	if err := ctx.Err(); err != nil {
		return Agent{}, err
	}
	m.mu.RLock()
	a, ok := m.agents[id]
	m.mu.RUnlock()
	if !ok {
		return Agent{}, fmt.Errorf("get agent %q: %w", id, ErrAgentNotFound)
	}
	return a, nil
}

// Put inserts a or replaces the agent with the same id. It rejects an empty
// id and a confidence outside [0, 1].
func (m *MemoryStore) Put(ctx context.Context, a Agent) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := validateForStore(a); err != nil {
		return err
	}
	m.mu.Lock()
	m.agents[a.ID] = a
	m.mu.Unlock()
	return nil
}

// Delete removes the agent with the given id or returns an error wrapping
// ErrAgentNotFound.
func (m *MemoryStore) Delete(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.agents[id]; !ok {
		return fmt.Errorf("delete agent %q: %w", id, ErrAgentNotFound)
	}
	delete(m.agents, id)
	return nil
}

// List returns every stored agent sorted by id.
func (m *MemoryStore) List(ctx context.Context) ([]Agent, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.RLock()
	agents := make([]Agent, 0, len(m.agents))
	for _, a := range m.agents {
		agents = append(agents, a)
	}
	m.mu.RUnlock()
	slices.SortFunc(agents, func(x, y Agent) int { return cmp.Compare(x.ID, y.ID) })
	return agents, nil
}
