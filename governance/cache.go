package governance

import (
	"hash/maphash"
	"strings"
	"sync/atomic"
	"time"
)

// Cache defaults.
const (
	DefaultCacheSize = 1000
	DefaultCacheTTL  = 60 * time.Second
)

// Shard layout. More shards spread concurrent writes over more mutexes. But
// each shard has a fixed share of the size and its own CLOCK list, and keys
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
	// Now returns the current time, for tests that control expiry; the
	// cache calls it on every Get and Put. Nil means a coarse monotonic
	// clock that advances every 2ms, so entries expire up to about 2ms
	// earlier or later than the TTL.
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
// bounded in size, evicts with the CLOCK (second chance) algorithm and
// expires entries after a TTL. It is safe for concurrent use.
//
// Get takes no lock. Each shard publishes its entries in a fixed array of
// hash buckets whose chains are linked through atomic pointers, and an entry
// never changes after it is published except for its atomic reference flag.
// Put, eviction and invalidation take the shard's mutex and
// replace entries in place of changing them.
//
// CLOCK approximates least-recently-used order. A hit sets the entry's
// reference flag, and only when it is not set yet, so repeated hits of a hot
// entry write nothing. Put adds an entry at the front of the shard's list.
// When the shard is full, Put scans from the back: a referenced entry gets
// its flag cleared and moves to the front, and the first unreferenced entry
// is evicted. An entry hit once since the last scan therefore survives one
// more round, but hits do not order entries among themselves. Size is never
// exceeded.
//
// A hit does not read the system clock when the cache uses the real clock:
// it reads the coarse clock, an atomic that a package-level goroutine
// advances every 2ms.
type Cache struct {
	shards []cacheShard
	seed   maphash.Seed
	ttl    time.Duration
	// now and nowStart are the injected clock and its reading when the
	// cache was created. A nil now selects the coarse clock.
	now      func() time.Time
	nowStart time.Time
	// generation increases before every invalidation. PutIfGeneration uses
	// it to drop decisions computed from data read before an invalidation.
	generation atomic.Uint64
	// hits counts hits. Unlike the other counters it is not per shard,
	// because a per-shard or per-entry counter would be written by every
	// core that hits the shard or entry.
	hits hitCount
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
	var nowStart time.Time
	if opts.Now != nil {
		nowStart = opts.Now()
	} else {
		coarseElapsed() // starts the coarse clock
	}

	shards := maxCacheShards
	for shards > 1 && size < shards*minEntriesPerShard {
		shards /= 2
	}
	c := &Cache{
		shards:   make([]cacheShard, shards),
		seed:     maphash.MakeSeed(),
		ttl:      ttl,
		now:      opts.Now,
		nowStart: nowStart,
	}
	for i := range c.shards {
		// Spread the remainder so the capacities add up to size exactly.
		capacity := size / shards
		if i < size%shards {
			capacity++
		}
		c.shards[i].init(capacity)
	}
	return c
}

// elapsed returns the time on the cache's clock since it started: the
// injected clock read exactly, or the coarse clock.
func (c *Cache) elapsed() time.Duration {
	if c.now == nil {
		return time.Duration(coarseClock.elapsed.Load())
	}
	return c.now().Sub(c.nowStart)
}

// locate returns the key of the agent and action, its hash and its shard.
// It does not allocate when action is already lower case.
func (c *Cache) locate(agentID, action string) (cacheKey, uint64, *cacheShard) {
	k := cacheKey{agentID, lowerASCII(action)}
	// Hashing the key as one value keeps the shards of one agent's actions
	// independent of each other. Combining two string hashes arithmetically
	// would give every agent the same spread of its actions, only rotated.
	h := maphash.Comparable(c.seed, k)
	// The shard count is a power of two. The shard uses the high bits of
	// the hash for its buckets.
	return k, h, &c.shards[h&uint64(len(c.shards)-1)]
}

// lowerASCII returns s in lower case. It returns s itself, without
// allocating, when s has no upper-case ASCII letter and no byte above
// 0x7F, and otherwise calls strings.ToLower.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= 0x80 || 'A' <= b && b <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// Get returns the decision stored for the agent and action, ignoring the
// action's case. It takes no lock and does not allocate on a hit when action
// is already lower case. An expired entry is removed and reported as a miss.
func (c *Cache) Get(agentID, action string) (Decision, bool) {
	k, h, s := c.locate(agentID, action)
	now := c.elapsed()

	e := s.load(k, h)
	if e == nil {
		s.misses.Add(1)
		return Decision{}, false
	}
	if now >= e.expires {
		s.mu.Lock()
		// Another goroutine may have removed or replaced e meanwhile.
		if s.find(k, h) == e {
			s.remove(e)
			s.expirations++
		}
		s.mu.Unlock()
		s.misses.Add(1)
		return Decision{}, false
	}
	// Writing only when the flag is clear keeps hot entries' cache lines
	// shared between cores.
	if !e.referenced.Load() {
		e.referenced.Store(true)
	}
	c.hits.add()
	return e.decision, true
}

// Put stores d for the agent and action, replacing any entry with the same
// key. When the shard is full it evicts an entry chosen by CLOCK. Put
// allocates one entry, because a removed entry may still be read by a Get
// that loaded it before the removal and so cannot be reused.
func (c *Cache) Put(agentID, action string, d Decision) {
	k, h, s := c.locate(agentID, action)
	expires := c.elapsed() + c.ttl

	s.mu.Lock()
	s.put(k, h, d, expires)
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
	k, h, s := c.locate(agentID, action)
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
	s.put(k, h, d, expires)
	return true
}

// Invalidate removes the entry for the agent and action, ignoring the
// action's case.
func (c *Cache) Invalidate(agentID, action string) {
	c.generation.Add(1)
	k, h, s := c.locate(agentID, action)

	s.mu.Lock()
	if e := s.find(k, h); e != nil {
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
		for e := s.byAgent[agentID]; e != nil; {
			next := e.agentNext
			s.remove(e)
			s.invalidations++
			e = next
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
		for s.head != nil {
			s.remove(s.head)
			s.invalidations++
		}
		s.mu.Unlock()
	}
}

// Stats returns the cache's counters. The shards are read one after another,
// so under concurrent use the figures may not come from a single instant.
func (c *Cache) Stats() CacheStats {
	st := CacheStats{Hits: c.hits.load()}
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		st.Misses += s.misses.Load()
		st.Evictions += s.evictions
		st.Expirations += s.expirations
		st.Invalidations += s.invalidations
		st.Size += s.size
		s.mu.Unlock()
	}
	if lookups := st.Hits + st.Misses; lookups > 0 {
		st.HitRate = float64(st.Hits) / float64(lookups)
	}
	return st
}
