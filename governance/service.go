package governance

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"sync"
	"sync/atomic"
	"time"
)

// TokenVerifier verifies a signed agent token and returns the agent id it
// names. security.Signer implements it.
type TokenVerifier interface {
	VerifyAgent(token string) (agentID string, err error)
}

// ErrNoTokenVerifier is returned by CheckToken when Options.Tokens is nil.
var ErrNoTokenVerifier = errors.New("no token verifier configured: set Options.Tokens to verify agent tokens")

// ErrEmptyAction is returned by a check of an empty action name.
var ErrEmptyAction = errors.New("action is empty: pass an action name such as \"read\"")

// ReasonInvalidToken is the reason of the denial returned with a token error.
const ReasonInvalidToken = "invalid agent token"

// Options configures a Service. The zero value gives a working service with a
// memory store, the default action table and a cache of 1000 entries.
type Options struct {
	// Store keeps the agents. Nil means a new MemoryStore.
	Store Store
	// Actions maps action names to complexities from 1 to 4, ignoring case.
	// Nil means DefaultActions. The map is copied.
	Actions map[string]int
	// CacheSize is the maximum number of cached decisions. Zero means 1000.
	CacheSize int
	// CacheTTL is how long a cached decision stays valid. Zero means 60s.
	CacheTTL time.Duration
	// DisableCache makes every check read the store.
	DisableCache bool
	// Now returns the current time for cache expiry. Nil means a coarse
	// monotonic clock with a resolution of 2ms (see CacheOptions.Now).
	Now func() time.Time
	// Tokens verifies the tokens passed to CheckToken. Nil makes CheckToken
	// return ErrNoTokenVerifier.
	Tokens TokenVerifier
}

// Service decides which actions agents may perform and tracks their
// confidence. It is safe for concurrent use.
//
// The Service serializes its own changes to one agent, so concurrent
// outcomes are not lost. It cannot do so for other processes or Services
// that write the same store.
type Service struct {
	store   Store
	actions atomic.Pointer[ActionTable]
	cache   *Cache
	tokens  TokenVerifier

	// agentLocks serialize read-modify-write changes per agent. Agents share
	// a lock when their ids hash to the same stripe.
	agentLocks [64]sync.Mutex
	lockSeed   maphash.Seed
}

// NewService returns a Service configured by opts. It rejects an invalid
// action table and a negative cache size or TTL.
func NewService(opts Options) (*Service, error) {
	if opts.CacheSize < 0 {
		return nil, fmt.Errorf("new service: cache size %d is negative: use 0 for the default of %d", opts.CacheSize, DefaultCacheSize)
	}
	if opts.CacheTTL < 0 {
		return nil, fmt.Errorf("new service: cache TTL %v is negative: use 0 for the default of %v", opts.CacheTTL, DefaultCacheTTL)
	}

	table := defaultTable
	if opts.Actions != nil {
		t, err := NewActionTable(opts.Actions)
		if err != nil {
			return nil, fmt.Errorf("new service: %w", err)
		}
		table = t
	}

	s := &Service{
		store:    opts.Store,
		tokens:   opts.Tokens,
		lockSeed: maphash.MakeSeed(),
	}
	if s.store == nil {
		s.store = NewMemoryStore()
	}
	s.actions.Store(table)
	if !opts.DisableCache {
		s.cache = NewCache(CacheOptions{Size: opts.CacheSize, TTL: opts.CacheTTL, Now: opts.Now})
	}
	return s, nil
}

// Check decides whether the agent may perform the action. requireApproval
// marks the decision as requiring human approval even where the rules
// require none.
//
// An unknown or deleted agent gets a denial with reason "agent not found"
// that requires approval, and a nil error. A store failure or an invalid
// stored status returns an error, together with a denial that requires
// approval. Decisions for known agents are cached, without the caller's
// approval request, until a change to the agent or the action table
// invalidates them or the TTL passes.
func (s *Service) Check(ctx context.Context, agentID, action string, requireApproval bool) (Decision, error) {
	if s.cache != nil {
		if d, ok := s.cache.Get(agentID, action); ok {
			return withCallerApproval(d, requireApproval), nil
		}
	}
	if action == "" {
		d := notFoundDecision(UnknownComplexity)
		d.Reason = ErrEmptyAction.Error()
		return d, fmt.Errorf("check agent %q: %w", agentID, ErrEmptyAction)
	}

	// Read the generation before the table and the agent, so that a change
	// made after these reads keeps this decision out of the cache.
	var generation uint64
	if s.cache != nil {
		generation = s.cache.Generation()
	}
	complexity := s.actions.Load().Complexity(action)

	a, err := s.agent(ctx, agentID)
	if errors.Is(err, ErrAgentNotFound) {
		return withCallerApproval(notFoundDecision(complexity), requireApproval), nil
	}
	if err != nil {
		d := notFoundDecision(complexity)
		d.Reason = "check failed: " + err.Error()
		return d, fmt.Errorf("check agent %q action %q: %w", agentID, action, err)
	}

	d := decide(a, complexity)
	if s.cache != nil {
		s.cache.PutIfGeneration(agentID, action, d, generation)
	}
	return withCallerApproval(d, requireApproval), nil
}

// CheckToken verifies an agent token with Options.Tokens and then checks the
// agent it names, like Check. A token that fails verification returns an
// error wrapping the verifier's error, together with a denial that requires
// approval.
func (s *Service) CheckToken(ctx context.Context, token, action string, requireApproval bool) (Decision, error) {
	denial := Decision{Reason: ReasonInvalidToken, RequiresApproval: true}
	if s.tokens == nil {
		return denial, ErrNoTokenVerifier
	}
	agentID, err := s.tokens.VerifyAgent(token)
	if err != nil {
		return denial, fmt.Errorf("check token: %w", err)
	}
	return s.Check(ctx, agentID, action, requireApproval)
}

// Agent returns the stored agent with its status normalized to lower case.
// A deleted agent is reported as ErrAgentNotFound.
func (s *Service) Agent(ctx context.Context, agentID string) (Agent, error) {
	return s.agent(ctx, agentID)
}

// agent reads an agent from the store, normalizes its status, and maps the
// deleted status to ErrAgentNotFound.
func (s *Service) agent(ctx context.Context, agentID string) (Agent, error) {
	a, err := s.store.Get(ctx, agentID)
	if err != nil {
		return Agent{}, err
	}
	status, err := ParseStatus(string(a.Status))
	if err != nil {
		return Agent{}, fmt.Errorf("stored agent %q: %w", agentID, err)
	}
	if status == StatusDeleted {
		return Agent{}, fmt.Errorf("agent %q is deleted: %w", agentID, ErrAgentNotFound)
	}
	a.Status = status
	return a, nil
}

// SetActions replaces the action table and invalidates every cached decision
// before it returns. Nil restores the default table. The map is copied. An
// invalid table is rejected and the current one is kept.
func (s *Service) SetActions(actions map[string]int) error {
	table := defaultTable
	if actions != nil {
		t, err := NewActionTable(actions)
		if err != nil {
			return fmt.Errorf("set actions: %w", err)
		}
		table = t
	}
	s.actions.Store(table)
	if s.cache != nil {
		s.cache.InvalidateAll()
	}
	return nil
}

// Actions returns a copy of the current action table with lower-case names.
func (s *Service) Actions() map[string]int {
	return s.actions.Load().Actions()
}

// ActionComplexity returns the complexity of an action under the current
// action table.
func (s *Service) ActionComplexity(action string) int {
	return s.actions.Load().Complexity(action)
}

// CacheStats returns the decision cache's counters, or zeros when the cache
// is disabled.
func (s *Service) CacheStats() CacheStats {
	if s.cache == nil {
		return CacheStats{}
	}
	return s.cache.Stats()
}

// agentLock returns the mutex of agentID's stripe.
func (s *Service) agentLock(agentID string) *sync.Mutex {
	return &s.agentLocks[maphash.String(s.lockSeed, agentID)%uint64(len(s.agentLocks))]
}

// invalidate drops the agent's cached decisions.
func (s *Service) invalidate(agentID string) {
	if s.cache != nil {
		s.cache.InvalidateAgent(agentID)
	}
}
