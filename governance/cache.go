package governance

import (
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Cache defaults.
const (
	DefaultCacheSize = 1000
	DefaultCacheTTL  = 60 * time.Second
)

// Shard layout. More shards spread concurrent hits over more mutexes. But
// each shard has a fixed share of the size and its own LRU list, and keys
// spread over shards unevenly, so a shard can evict while the cache as a
// whole has room. At least 128 entries per shard keep that rare: the default
// size of 1000 gets 4 shards of 250, and 800 random keys put on average 200
// into each shard with a standard deviation of about 12.
const (
	maxCacheShards     = 64
	minEntriesPerShard = 128
)

// CacheOptions configures a Cache. The zero value gives the defaults.
type CacheOptions struct {
	// Size is the maximum number of entries. Zero or less means 1000.
	Size int
	// TTL is how long an entry stays valid after Put. Zero or less means 60s.
	TTL time.Duration
	// Now returns the current time, for tests that control expiry. Nil
	// means the monotonic clock.
	Now func() time.Time
}

// CacheStats is a snapshot of a cache's counters since it was created.
type CacheStats struct {
	// Hits counts lookups that returned a decision.
	Hits uint64
	// Misses counts lookups that found no entry or an expired one.
	Misses uint64
	// HitRate is Hits / (Hits + Misses), or 0 before the first lookup.
	HitRate float64
	// Evictions counts entries removed to make room for a new one.
	Evictions uint64
	// Expirations counts entries removed because their TTL had passed.
	Expirations uint64
	// Invalidations counts entries removed by Invalidate, InvalidateAgent
	// and InvalidateAll.
	Invalidations uint64
	// Size is the number of entries held now.
	Size int
}

// Cache stores decisions keyed by agent id and lower-cased action. It is
// bounded in size with least-recently-used eviction and expires entries after
// a TTL. It is safe for concurrent use.
//
// The cache is split into shards chosen by a hash of the key, each with its
// own mutex and LRU list, so hits on different keys rarely wait for each
// other. Eviction removes the least recently used entry of the shard that is
// full, which approximates a global LRU order. Size is never exceeded.
//
// NOTE: every hit on the same key takes the same shard mutex, so many
// goroutines hitting one key contend on one lock.
type Cache struct {
	shards []cacheShard
	seed   maphash.Seed
	ttl    time.Duration
	// elapsed returns the time since the cache was created. With the real
	// clock it reads only the monotonic clock: one clock read where time.Now
	// makes two, and immune to changes of the wall clock.
	elapsed func() time.Duration
	// generation increases before every invalidation. PutIfGeneration uses
	// it to drop decisions computed from data read before an invalidation.
	generation atomic.Uint64
}

type cacheKey struct {
	agentID, action string
}

type cacheEntry struct {
	key      cacheKey
	decision Decision
	// expires is the value of Cache.elapsed at which the entry expires.
	expires    time.Duration
	prev, next *cacheEntry
}

type cacheShard struct {
	mu      sync.Mutex
	entries map[cacheKey]*cacheEntry
	// byAgent indexes the entries of each agent for InvalidateAgent.
	byAgent map[string]map[*cacheEntry]struct{}
	// head is the most recently used entry and tail the least.
	head, tail *cacheEntry
	capacity   int

	hits, misses, evictions, expirations, invalidations uint64

	// The padding keeps neighbouring shards' mutexes off one cache line.
	_ [64]byte
}

// NewCache returns an empty cache.
func NewCache(opts CacheOptions) *Cache {
	size := opts.Size
	if size <= 0 {
		size = DefaultCacheSize
	}
	ttl := opts.TTL
	if ttl <= 0 {
		ttl = DefaultCacheTTL
	}
	start := time.Now()
	elapsed := func() time.Duration { return time.Since(start) }
	var injectedStart time.Time
	if opts.Now != nil {
		injectedStart = opts.Now()
	}
	if opts.Now != nil {
		elapsed = func() time.Duration { return opts.Now().Sub(injectedStart) }
	}

	shards := maxCacheShards
	for shards > 1 && size < shards*minEntriesPerShard {
		shards /= 2
	}
	c := &Cache{
		shards:  make([]cacheShard, shards),
		seed:    maphash.MakeSeed(),
		ttl:     ttl,
		elapsed: elapsed,
	}
	for i := range c.shards {
		s := &c.shards[i]
		s.entries = make(map[cacheKey]*cacheEntry)
		s.byAgent = make(map[string]map[*cacheEntry]struct{})
		// Spread the remainder so the capacities add up to size exactly.
		s.capacity = size / shards
		if i < size%shards {
			s.capacity++
		}
	}
	return c
}

// shard returns the shard of a key. The shard count is a power of two.
func (c *Cache) shard(k cacheKey) *cacheShard {
	// Hashing the key as one value keeps the shards of one agent's actions
	// independent of each other. Combining two string hashes arithmetically
	// would give every agent the same spread of its actions, only rotated.
	h := maphash.Comparable(c.seed, k)
	return &c.shards[h&uint64(len(c.shards)-1)]
}

// Get returns the decision stored for the agent and action, ignoring the
// action's case. It does not allocate on a hit when action is already lower
// case. An expired entry is removed and reported as a miss.
func (c *Cache) Get(agentID, action string) (Decision, bool) {
	k := cacheKey{agentID, strings.ToLower(action)}
	s := c.shard(k)
	now := c.elapsed()

	s.mu.Lock()
	e, ok := s.entries[k]
	if !ok {
		s.misses++
		s.mu.Unlock()
		return Decision{}, false
	}
	if now >= e.expires {
		s.remove(e)
		s.expirations++
		s.misses++
		s.mu.Unlock()
		return Decision{}, false
	}
	s.moveToFront(e)
	s.hits++
	d := e.decision
	s.mu.Unlock()
	return d, true
}

// Put stores d for the agent and action, replacing any entry with the same
// key. When the shard is full it evicts the least recently used entry.
func (c *Cache) Put(agentID, action string, d Decision) {
	k := cacheKey{agentID, strings.ToLower(action)}
	s := c.shard(k)
	expires := c.elapsed() + c.ttl

	s.mu.Lock()
	s.put(k, d, expires)
	s.mu.Unlock()
}

// Generation returns a number that changes whenever entries are invalidated.
// Read it before loading the data a decision is computed from, and pass it
// to PutIfGeneration.
func (c *Cache) Generation() uint64 {
	return c.generation.Load()
}

// PutIfGeneration stores d like Put, but only if no invalidation has started
// since Generation returned gen. It reports whether d was stored. A caller
// that follows this protocol never leaves a decision in the cache that was
// computed from data an invalidation has since replaced.
func (c *Cache) PutIfGeneration(agentID, action string, d Decision, gen uint64) bool {
	k := cacheKey{agentID, strings.ToLower(action)}
	s := c.shard(k)
	expires := c.elapsed() + c.ttl

	s.mu.Lock()
	defer s.mu.Unlock()
	// Invalidations increase the generation before they lock any shard.
	// Reading it under this shard's lock therefore leaves two cases. Either
	// the invalidation sweeps this shard later and removes the entry, or
	// this check reads the new generation and stores nothing.
	if c.generation.Load() != gen {
		return false
	}
	s.put(k, d, expires)
	return true
}

// Invalidate removes the entry for the agent and action, ignoring the
// action's case.
func (c *Cache) Invalidate(agentID, action string) {
	c.generation.Add(1)
	k := cacheKey{agentID, strings.ToLower(action)}
	s := c.shard(k)

	s.mu.Lock()
	if e, ok := s.entries[k]; ok {
		s.remove(e)
		s.invalidations++
	}
	s.mu.Unlock()
}

// InvalidateAgent removes every entry of the agent.
func (c *Cache) InvalidateAgent(agentID string) {
	c.generation.Add(1)
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		for e := range s.byAgent[agentID] {
			s.remove(e)
			s.invalidations++
		}
		s.mu.Unlock()
	}
}

// InvalidateAll removes every entry.
func (c *Cache) InvalidateAll() {
	c.generation.Add(1)
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		s.invalidations += uint64(len(s.entries))
		clear(s.entries)
		clear(s.byAgent)
		s.head, s.tail = nil, nil
		s.mu.Unlock()
	}
}

// Stats returns the cache's counters. The shards are read one after another,
// so under concurrent use the figures may not come from a single instant.
func (c *Cache) Stats() CacheStats {
	var st CacheStats
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		st.Hits += s.hits
		st.Misses += s.misses
		st.Evictions += s.evictions
		st.Expirations += s.expirations
		st.Invalidations += s.invalidations
		st.Size += len(s.entries)
		s.mu.Unlock()
	}
	if lookups := st.Hits + st.Misses; lookups > 0 {
		st.HitRate = float64(st.Hits) / float64(lookups)
	}
	return st
}

// put inserts or replaces an entry. The caller holds s.mu.
func (s *cacheShard) put(k cacheKey, d Decision, expires time.Duration) {
	if e, ok := s.entries[k]; ok {
		e.decision = d
		e.expires = expires
		s.moveToFront(e)
		return
	}
	if len(s.entries) >= s.capacity && s.tail != nil {
		s.remove(s.tail)
		s.evictions++
	}
	e := &cacheEntry{key: k, decision: d, expires: expires}
	s.entries[k] = e
	set := s.byAgent[k.agentID]
	if set == nil {
		set = make(map[*cacheEntry]struct{})
		s.byAgent[k.agentID] = set
	}
	set[e] = struct{}{}
	s.pushFront(e)
}

// remove unlinks e from the list and both indexes. The caller holds s.mu.
func (s *cacheShard) remove(e *cacheEntry) {
	s.unlink(e)
	delete(s.entries, e.key)
	if set := s.byAgent[e.key.agentID]; set != nil {
		delete(set, e)
		if len(set) == 0 {
			delete(s.byAgent, e.key.agentID)
		}
	}
}

func (s *cacheShard) moveToFront(e *cacheEntry) {
	if s.head == e {
		return
	}
	s.unlink(e)
	s.pushFront(e)
}

func (s *cacheShard) pushFront(e *cacheEntry) {
	e.prev = nil
	e.next = s.head
	if s.head != nil {
		s.head.prev = e
	}
	s.head = e
	if s.tail == nil {
		s.tail = e
	}
}

func (s *cacheShard) unlink(e *cacheEntry) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		s.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		s.tail = e.prev
	}
	e.prev, e.next = nil, nil
}
