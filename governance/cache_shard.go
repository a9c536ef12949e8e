package governance

import (
	"math/bits"
	"sync"
	"sync/atomic"
	"time"
)

type cacheKey struct {
	agentID, action string
}

// cacheEntry is one cached decision. The fields key, hash, decision and
// expires never change after the entry is published in a bucket, so Get
// reads them without a lock. Put replaces an entry by a new one.
type cacheEntry struct {
	key cacheKey
	// hash is the hash of key that chose the shard and the bucket.
	hash     uint64
	decision Decision
	// expires is the value of Cache.elapsed at which the entry expires.
	expires time.Duration
	// hashNext links the entries of one bucket. Get follows it without a
	// lock. A removed entry keeps its hashNext, so a Get that has loaded it
	// still reaches the rest of the chain.
	hashNext atomic.Pointer[cacheEntry]
	// referenced is the CLOCK reference flag, set by a hit.
	referenced atomic.Bool

	// The fields below belong to the shard's mutex.

	// prev and next link the shard's CLOCK list, newest first.
	prev, next *cacheEntry
	// agentPrev and agentNext link the entries of one agent in the shard,
	// starting at cacheShard.byAgent[key.agentID]. A list threaded through
	// the entries needs no allocation when an agent gains an entry.
	agentPrev, agentNext *cacheEntry
}

type cacheShard struct {
	// mu serialises writers. Get takes it only to remove an expired entry.
	mu sync.Mutex
	// buckets holds the chains of entries by the high bits of their hash.
	// Its length is fixed: a power of two of at least twice the capacity,
	// so chains stay short without ever resizing under lock-free readers.
	buckets []atomic.Pointer[cacheEntry]
	// bucketShift turns a hash into a bucket index: hash >> bucketShift.
	bucketShift uint
	// size is the number of entries in the shard.
	size int
	// byAgent maps an agent id to the first of its entries in this shard,
	// for InvalidateAgent.
	byAgent map[string]*cacheEntry
	// head is the newest entry of the CLOCK list and tail the oldest.
	head, tail *cacheEntry
	capacity   int

	evictions, expirations, invalidations uint64
	// misses is atomic because Get counts a miss without taking mu.
	misses atomic.Uint64

	// The padding keeps neighbouring shards' mutexes and miss counters off
	// one cache line.
	_ [64]byte
}

// init prepares an empty shard that holds at most capacity entries.
func (s *cacheShard) init(capacity int) {
	// bits.Len of 2*capacity-1 rounds 2*capacity up to a power of two.
	logBuckets := bits.Len(uint(2*capacity - 1))
	s.buckets = make([]atomic.Pointer[cacheEntry], 1<<logBuckets)
	// The high bits of the hash pick the bucket because the low bits
	// already picked the shard.
	s.bucketShift = uint(64 - logBuckets)
	s.byAgent = make(map[string]*cacheEntry, capacity)
	s.capacity = capacity
}

func (s *cacheShard) bucket(h uint64) *atomic.Pointer[cacheEntry] {
	return &s.buckets[h>>s.bucketShift]
}

// load returns the entry of k, whose hash is h, or nil. It takes no lock.
func (s *cacheShard) load(k cacheKey, h uint64) *cacheEntry {
	for e := s.bucket(h).Load(); e != nil; e = e.hashNext.Load() {
		if e.hash == h && e.key == k {
			return e
		}
	}
	return nil
}

// find is load for a caller that holds s.mu.
func (s *cacheShard) find(k cacheKey, h uint64) *cacheEntry {
	return s.load(k, h)
}

// put inserts an entry or replaces the entry with the same key, and puts
// the new entry at the front of the CLOCK list. The caller holds s.mu.
func (s *cacheShard) put(k cacheKey, h uint64, d Decision, expires time.Duration) {
	if old := s.find(k, h); old != nil {
		s.remove(old)
	}
	if s.size >= s.capacity && s.tail != nil {
		s.remove(s.victim())
		s.evictions++
	}
	e := &cacheEntry{key: k, hash: h, decision: d, expires: expires}
	b := s.bucket(h)
	e.hashNext.Store(b.Load())
	// Publishing comes last, so a Get that finds e reads all its fields.
	b.Store(e)
	s.size++
	if first := s.byAgent[k.agentID]; first != nil {
		first.agentPrev = e
		e.agentNext = first
	}
	s.byAgent[k.agentID] = e
	s.pushFront(e)
}

// victim returns the entry CLOCK evicts next. It gives each referenced
// entry from the back of the list a second chance: it clears the entry's
// flag and moves it to the front. The loop ends within about one pass,
// because every entry it passes is left unreferenced; only hits that set
// flags again during the scan can make it longer. The caller holds s.mu
// and the list is not empty.
func (s *cacheShard) victim() *cacheEntry {
	for {
		e := s.tail
		// Swap clears the flag and reports whether it was set, so a hit
		// between a Load and a Store cannot be lost.
		if !e.referenced.Swap(false) {
			return e
		}
		s.moveToFront(e)
	}
}

// remove unlinks e from its bucket, the CLOCK list and the agent index.
// The caller holds s.mu. A Get that loaded e before may still return its
// decision, so e itself is left unchanged except for its list links.
func (s *cacheShard) remove(e *cacheEntry) {
	s.unlinkHash(e)
	s.unlink(e)
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
	e.agentPrev, e.agentNext = nil, nil
}

// unlinkHash removes e from its bucket's chain. The caller holds s.mu.
func (s *cacheShard) unlinkHash(e *cacheEntry) {
	link := s.bucket(e.hash)
	for p := link.Load(); p != nil; p = p.hashNext.Load() {
		if p == e {
			link.Store(e.hashNext.Load())
			return
		}
		link = &p.hashNext
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
