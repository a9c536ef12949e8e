package bench

import (
	"container/list"
	"strings"
	"sync"
	"time"

	"github.com/perfgate/perfgate/governance"
)

// The plainest implementations of what the governance package does, run
// beside it so docs/benchmarks.md can state what its features cost.

// altKey is the key of the alternative caches.
type altKey struct{ agentID, action string }

// mutexMap is a decision cache made of one mutex and one map, with no size
// bound, no TTL and no eviction.
type mutexMap struct {
	mu sync.Mutex
	m  map[altKey]governance.Decision
}

func newMutexMap() *mutexMap {
	return &mutexMap{m: make(map[altKey]governance.Decision)}
}

func (c *mutexMap) Get(agentID, action string) (governance.Decision, bool) {
	c.mu.Lock()
	d, ok := c.m[altKey{agentID, action}]
	c.mu.Unlock()
	return d, ok
}

func (c *mutexMap) Put(agentID, action string, d governance.Decision) {
	c.mu.Lock()
	c.m[altKey{agentID, action}] = d
	c.mu.Unlock()
}

// ttlMap is mutexMap with a time-to-live per entry: an expired entry is
// deleted and reported as a miss.
type ttlMap struct {
	mu  sync.Mutex
	m   map[altKey]ttlEntry
	ttl time.Duration
	now func() time.Time
}

type ttlEntry struct {
	d       governance.Decision
	expires time.Time
}

func newTTLMap(ttl time.Duration, now func() time.Time) *ttlMap {
	return &ttlMap{m: make(map[altKey]ttlEntry), ttl: ttl, now: now}
}

func (c *ttlMap) Get(agentID, action string) (governance.Decision, bool) {
	k := altKey{agentID, action}
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok {
		return governance.Decision{}, false
	}
	if !now.Before(e.expires) {
		delete(c.m, k)
		return governance.Decision{}, false
	}
	return e.d, true
}

func (c *ttlMap) Put(agentID, action string, d governance.Decision) {
	expires := c.now().Add(c.ttl)
	c.mu.Lock()
	c.m[altKey{agentID, action}] = ttlEntry{d, expires}
	c.mu.Unlock()
}

// lruList is a size-bounded cache with least-recently-used eviction made of
// one mutex, one map and container/list, without a TTL.
type lruList struct {
	mu    sync.Mutex
	m     map[altKey]*list.Element
	order *list.List // front is the most recently used
	size  int
}

type lruEntry struct {
	k altKey
	d governance.Decision
}

func newLRUList(size int) *lruList {
	return &lruList{m: make(map[altKey]*list.Element, size), order: list.New(), size: size}
}

func (c *lruList) Get(agentID, action string) (governance.Decision, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[altKey{agentID, action}]
	if !ok {
		return governance.Decision{}, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*lruEntry).d, true
}

func (c *lruList) Put(agentID, action string, d governance.Decision) {
	k := altKey{agentID, action}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[k]; ok {
		e.Value.(*lruEntry).d = d
		c.order.MoveToFront(e)
		return
	}
	if c.order.Len() >= c.size {
		oldest := c.order.Back()
		delete(c.m, oldest.Value.(*lruEntry).k)
		c.order.Remove(oldest)
	}
	c.m[k] = c.order.PushFront(&lruEntry{k, d})
}

// plainChecker is the plainest uncached check: agents in a map behind a
// read-write mutex, exact-match action complexities, and the maturity rule
// as a comparison of ranks. It has none of the service's features: no
// substring matching of action names, no paused or stopped agents, no
// approval rules and no reasons.
type plainChecker struct {
	mu      sync.RWMutex
	rank    map[string]int // agent id to the highest complexity it may perform
	actions map[string]int
}

func newPlainChecker() *plainChecker {
	return &plainChecker{rank: make(map[string]int), actions: governance.DefaultActions()}
}

func (p *plainChecker) add(agentID string, rank int) {
	p.mu.Lock()
	p.rank[agentID] = rank
	p.mu.Unlock()
}

// check returns whether the agent may perform the action and whether the
// agent is known. Unknown actions count as complexity 2, as in the
// service, and unknown agents are denied.
func (p *plainChecker) check(agentID, action string) (allowed, known bool) {
	complexity, ok := p.actions[strings.ToLower(action)]
	if !ok {
		complexity = 2
	}
	p.mu.RLock()
	rank, known := p.rank[agentID]
	p.mu.RUnlock()
	return known && rank >= complexity, known
}

// plainCachedChecker is plainChecker behind a mutexMap cache, the plainest
// cached check: one lock for every cache hit, no size bound and no TTL.
type plainCachedChecker struct {
	cache   *mutexMap
	checker *plainChecker
}

// check returns whether the agent may perform the action, caching the
// decisions for known agents.
func (p *plainCachedChecker) check(agentID, action string) bool {
	if d, ok := p.cache.Get(agentID, action); ok {
		return d.Allowed
	}
	allowed, known := p.checker.check(agentID, action)
	if known {
		p.cache.Put(agentID, action, governance.Decision{Allowed: allowed})
	}
	return allowed
}
