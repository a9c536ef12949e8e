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
// bounded in size with least-recently-used eviction and expires entries after
// a TTL. It is safe for concurrent use.
//
// The cache is split into shards chosen by a hash of the key, each with its
// own mutex and LRU list, so hits on different keys rarely wait for each
// other. Eviction removes the least recently used entry of the shard that is
// full, which approximates a global LRU order. Size is never exceeded.
//
// A hit does not read the system clock when the cache uses the real clock:
// it reads the coarse clock, an atomic that a package-level goroutine
// advances every 2ms.
//
// NOTE: every hit on the same key takes the same shard mutex, so many
// goroutines hitting one key contend on one lock.
//
// TODO: hits do not scale with cores. Every hit writes the shard's mutex
// and LRU list, so on a 2-core VM two goroutines checked no faster than
// one, and 16 shards in place of 4 gave only 1.1 times the throughput.
// Scaling needs a hit path that writes no shared cache line, such as
// lock-free reads with a CLOCK reference bit in place of the move to the
// front of the LRU list.
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
}

type cacheKey struct {
	agentID, action string
}

type cacheEntry struct {
	key cacheKey
	// hash is the hash of key that chose the shard and indexes
	// cacheShard.entries.
	hash     uint64
	decision Decision
	// expires is the value of Cache.elapsed at which the entry expires.
	expires time.Duration
	// prev and next link the shard's LRU list.
	prev, next *cacheEntry
	// hashNext links the entries whose keys have the same 64-bit hash.
	hashNext *cacheEntry
	// agentPrev and agentNext link the entries of one agent in the shard,
	// starting at cacheShard.byAgent[key.agentID]. A list threaded through
	// the entries needs no allocation when an agent gains an entry.
	agentPrev, agentNext *cacheEntry
}

type cacheShard struct {
	mu sync.Mutex
	// entries maps a key's hash to the first entry with that hash. Keying
	// the map by the hash already computed for the shard saves hashing the
	// two strings again. Distinct keys with equal hashes are chained
	// through hashNext.
	entries map[uint64]*cacheEntry
	// size is the number of entries in the shard.
	size int
	// byAgent maps an agent id to the first of its entries in this shard,
	// for InvalidateAgent.
	byAgent map[string]*cacheEntry
	// head is the most recently used entry and tail the least.
	head, tail *cacheEntry
	// free holds removed entries, linked through next, for reuse by put,
	// so a full cache that replaces entries allocates nothing.
	free     *cacheEntry
	capacity int

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
		s := &c.shards[i]
		// Spread the remainder so the capacities add up to size exactly.
		s.capacity = size / shards
		if i < size%shards {
			s.capacity++
		}
		// Maps sized for a full shard do not grow while the cache fills.
		s.entries = make(map[uint64]*cacheEntry, s.capacity)
		s.byAgent = make(map[string]*cacheEntry, s.capacity)
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
	// The shard count is a power of two.
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
// action's case. It does not allocate on a hit when action is already lower
// case. An expired entry is removed and reported as a miss.
func (c *Cache) Get(agentID, action string) (Decision, bool) {
	k, h, s := c.locate(agentID, action)
	now := c.elapsed()

	s.mu.Lock()
	e := s.find(k, h)
	if e == nil {
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
		s.invalidations += uint64(s.size)
		for e := s.head; e != nil; {
			next := e.next
			s.release(e)
			e = next
		}
		clear(s.entries)
		clear(s.byAgent)
		s.head, s.tail = nil, nil
		s.size = 0
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
		st.Size += s.size
		s.mu.Unlock()
	}
	if lookups := st.Hits + st.Misses; lookups > 0 {
		st.HitRate = float64(st.Hits) / float64(lookups)
	}
	return st
}

// find returns the entry of k, whose hash is h, or nil. The caller holds
// s.mu.
func (s *cacheShard) find(k cacheKey, h uint64) *cacheEntry {
	for e := s.entries[h]; e != nil; e = e.hashNext {
		if e.key == k {
			return e
		}
	}
	return nil
}

// put inserts or replaces an entry. The caller holds s.mu.
func (s *cacheShard) put(k cacheKey, h uint64, d Decision, expires time.Duration) {
	if e := s.find(k, h); e != nil {
		e.decision = d
		e.expires = expires
		s.moveToFront(e)
		return
	}
	if s.size >= s.capacity && s.tail != nil {
		s.remove(s.tail)
		s.evictions++
	}
	e := s.free
	if e != nil {
		s.free = e.next
	} else {
		e = new(cacheEntry)
	}
	*e = cacheEntry{key: k, hash: h, decision: d, expires: expires, hashNext: s.entries[h]}
	s.entries[h] = e
	s.size++
	if first := s.byAgent[k.agentID]; first != nil {
		first.agentPrev = e
		e.agentNext = first
	}
	s.byAgent[k.agentID] = e
	s.pushFront(e)
}

// remove unlinks e from the list and both indexes and puts it on the free
// list. The caller holds s.mu.
func (s *cacheShard) remove(e *cacheEntry) {
	s.unlink(e)
	s.unlinkHash(e)
	s.size--
	switch {
	case e.agentPrev != nil:
		e.agentPrev.agentNext = e.agentNext
	case e.agentNext != nil:
		s.byAgent[e.key.agentID] = e.agentNext
	default:
		delete(s.byAgent, e.key.agentID)
	}
	if e.agentNext != nil {
		e.agentNext.agentPrev = e.agentPrev
	}
	s.release(e)
}

// unlinkHash removes e from its hash chain in s.entries.
func (s *cacheShard) unlinkHash(e *cacheEntry) {
	first := s.entries[e.hash]
	if first == e {
		if e.hashNext == nil {
			delete(s.entries, e.hash)
		} else {
			s.entries[e.hash] = e.hashNext
		}
		return
	}
	for p := first; p != nil; p = p.hashNext {
		if p.hashNext == e {
			p.hashNext = e.hashNext
			return
		}
	}
}

// release clears e, so the free list keeps no strings alive, and puts it
// on the free list. The caller holds s.mu and has unlinked e.
func (s *cacheShard) release(e *cacheEntry) {
	*e = cacheEntry{next: s.free}
	s.free = e
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
