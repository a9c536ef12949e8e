package governance

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

func decisionFor(reason string) Decision {
	return Decision{Allowed: true, Reason: reason, Status: StatusIntern, Complexity: 2, RequiredLevel: StatusIntern, Confidence: 0.6}
}

func TestCacheGetPut(t *testing.T) {
	c := NewCache(CacheOptions{})
	if _, ok := c.Get("a1", "read"); ok {
		t.Fatal("Get on empty cache = hit, want miss")
	}
	want := decisionFor("first")
	c.Put("a1", "read", want)
	got, ok := c.Get("a1", "read")
	if !ok {
		t.Fatal("Get after Put = miss, want hit")
	}
	if got != want {
		t.Errorf("Get = %+v, want %+v", got, want)
	}

	c.Put("a1", "read", decisionFor("second"))
	if got, _ := c.Get("a1", "read"); got.Reason != "second" {
		t.Errorf("Get after replace = %q, want %q", got.Reason, "second")
	}
	if got := c.Stats().Size; got != 1 {
		t.Errorf("Size after replace = %d, want 1", got)
	}
}

func TestCacheActionCaseInsensitive(t *testing.T) {
	c := NewCache(CacheOptions{})
	c.Put("a1", "Send_Email", decisionFor("x"))
	for _, action := range []string{"send_email", "SEND_EMAIL", "Send_Email"} {
		if _, ok := c.Get("a1", action); !ok {
			t.Errorf("Get(a1, %q) = miss, want hit", action)
		}
	}
	if _, ok := c.Get("A1", "send_email"); ok {
		t.Error("Get(A1, send_email) = hit, want miss: agent ids are case-sensitive")
	}
	c.Invalidate("a1", "SEND_email")
	if _, ok := c.Get("a1", "send_email"); ok {
		t.Error("Get after Invalidate with other case = hit, want miss")
	}
}

func TestCacheKeysDoNotCollide(t *testing.T) {
	c := NewCache(CacheOptions{})
	c.Put("a", "bc", decisionFor("a/bc"))
	c.Put("ab", "c", decisionFor("ab/c"))
	if got, _ := c.Get("a", "bc"); got.Reason != "a/bc" {
		t.Errorf("Get(a, bc) = %q, want %q", got.Reason, "a/bc")
	}
	if got, _ := c.Get("ab", "c"); got.Reason != "ab/c" {
		t.Errorf("Get(ab, c) = %q, want %q", got.Reason, "ab/c")
	}
}

func TestCacheLRUEviction(t *testing.T) {
	// A size below the per-shard minimum gives one shard and exact LRU order.
	c := NewCache(CacheOptions{Size: 3})
	c.Put("a", "1", decisionFor("1"))
	c.Put("a", "2", decisionFor("2"))
	c.Put("a", "3", decisionFor("3"))
	// Touch 1 so that 2 becomes the least recently used.
	if _, ok := c.Get("a", "1"); !ok {
		t.Fatal("Get(a, 1) = miss, want hit")
	}
	c.Put("a", "4", decisionFor("4"))

	tests := []struct {
		action string
		want   bool
	}{
		{"1", true},
		{"2", false},
		{"3", true},
		{"4", true},
	}
	for _, tt := range tests {
		if _, ok := c.Get("a", tt.action); ok != tt.want {
			t.Errorf("Get(a, %s) hit = %v, want %v", tt.action, ok, tt.want)
		}
	}
	st := c.Stats()
	if st.Evictions != 1 {
		t.Errorf("Evictions = %d, want 1", st.Evictions)
	}
	if st.Size != 3 {
		t.Errorf("Size = %d, want 3", st.Size)
	}
}

func TestCacheReplaceRefreshesRecency(t *testing.T) {
	c := NewCache(CacheOptions{Size: 2})
	c.Put("a", "1", decisionFor("1"))
	c.Put("a", "2", decisionFor("2"))
	c.Put("a", "1", decisionFor("1 again"))
	c.Put("a", "3", decisionFor("3"))
	if _, ok := c.Get("a", "1"); !ok {
		t.Error("Get(a, 1) = miss, want hit: replacing made it recent")
	}
	if _, ok := c.Get("a", "2"); ok {
		t.Error("Get(a, 2) = hit, want miss: it was least recently used")
	}
}

func TestCacheSizeNeverExceeded(t *testing.T) {
	for _, size := range []int{1, 7, 100, 1000, 1025} {
		t.Run(fmt.Sprintf("size=%d", size), func(t *testing.T) {
			c := NewCache(CacheOptions{Size: size})
			for i := range size * 3 {
				c.Put(fmt.Sprintf("agent%d", i%17), fmt.Sprintf("action%d", i), decisionFor("x"))
			}
			st := c.Stats()
			if st.Size > size {
				t.Errorf("Size = %d, want at most %d", st.Size, size)
			}
			if want := uint64(size*3 - st.Size); st.Evictions != want {
				t.Errorf("Evictions = %d, want %d", st.Evictions, want)
			}
		})
	}
}

func TestCacheDefaults(t *testing.T) {
	clock := newFakeClock()
	c := NewCache(CacheOptions{Size: -5, TTL: -time.Second, Now: clock.Now})
	total := 0
	for i := range c.shards {
		total += c.shards[i].capacity
	}
	if total != DefaultCacheSize {
		t.Errorf("total capacity = %d, want %d", total, DefaultCacheSize)
	}
	if c.ttl != DefaultCacheTTL {
		t.Errorf("TTL = %v, want %v", c.ttl, DefaultCacheTTL)
	}
}

func TestCacheTTL(t *testing.T) {
	tests := []struct {
		name    string
		advance time.Duration
		wantHit bool
	}{
		{"fresh", 0, true},
		{"just before expiry", 10*time.Second - time.Nanosecond, true},
		{"at expiry", 10 * time.Second, false},
		{"after expiry", time.Minute, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			c := NewCache(CacheOptions{TTL: 10 * time.Second, Now: clock.Now})
			c.Put("a1", "read", decisionFor("x"))
			clock.Advance(tt.advance)
			_, ok := c.Get("a1", "read")
			if ok != tt.wantHit {
				t.Fatalf("Get hit = %v, want %v", ok, tt.wantHit)
			}
			st := c.Stats()
			wantExpirations, wantSize := uint64(0), 1
			if !tt.wantHit {
				wantExpirations, wantSize = 1, 0
			}
			if st.Expirations != wantExpirations {
				t.Errorf("Expirations = %d, want %d", st.Expirations, wantExpirations)
			}
			if st.Size != wantSize {
				t.Errorf("Size = %d, want %d", st.Size, wantSize)
			}
		})
	}
}

func TestCachePutRenewsTTL(t *testing.T) {
	clock := newFakeClock()
	c := NewCache(CacheOptions{TTL: 10 * time.Second, Now: clock.Now})
	c.Put("a1", "read", decisionFor("x"))
	clock.Advance(8 * time.Second)
	c.Put("a1", "read", decisionFor("y"))
	clock.Advance(8 * time.Second)
	if _, ok := c.Get("a1", "read"); !ok {
		t.Error("Get 8s after the second Put = miss, want hit")
	}
}

func TestCacheInvalidate(t *testing.T) {
	fill := func() *Cache {
		c := NewCache(CacheOptions{})
		for _, agent := range []string{"a1", "a2"} {
			for _, action := range []string{"read", "delete", "create"} {
				c.Put(agent, action, decisionFor(agent+action))
			}
		}
		return c
	}
	type key struct{ agent, action string }
	all := []key{{"a1", "read"}, {"a1", "delete"}, {"a1", "create"}, {"a2", "read"}, {"a2", "delete"}, {"a2", "create"}}

	tests := []struct {
		name              string
		invalidate        func(*Cache)
		removed           map[key]bool
		wantInvalidations uint64
	}{
		{
			name:              "one entry",
			invalidate:        func(c *Cache) { c.Invalidate("a1", "delete") },
			removed:           map[key]bool{{"a1", "delete"}: true},
			wantInvalidations: 1,
		},
		{
			name:              "absent entry",
			invalidate:        func(c *Cache) { c.Invalidate("a3", "delete") },
			removed:           map[key]bool{},
			wantInvalidations: 0,
		},
		{
			name:              "one agent",
			invalidate:        func(c *Cache) { c.InvalidateAgent("a2") },
			removed:           map[key]bool{{"a2", "read"}: true, {"a2", "delete"}: true, {"a2", "create"}: true},
			wantInvalidations: 3,
		},
		{
			name:              "unknown agent",
			invalidate:        func(c *Cache) { c.InvalidateAgent("nobody") },
			removed:           map[key]bool{},
			wantInvalidations: 0,
		},
		{
			name:              "everything",
			invalidate:        func(c *Cache) { c.InvalidateAll() },
			removed:           map[key]bool{{"a1", "read"}: true, {"a1", "delete"}: true, {"a1", "create"}: true, {"a2", "read"}: true, {"a2", "delete"}: true, {"a2", "create"}: true},
			wantInvalidations: 6,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := fill()
			before := c.Generation()
			tt.invalidate(c)
			if c.Generation() == before {
				t.Error("Generation unchanged after invalidation, want a new value")
			}
			st := c.Stats()
			if st.Invalidations != tt.wantInvalidations {
				t.Errorf("Invalidations = %d, want %d", st.Invalidations, tt.wantInvalidations)
			}
			if want := len(all) - len(tt.removed); st.Size != want {
				t.Errorf("Size = %d, want %d", st.Size, want)
			}
			for _, k := range all {
				_, ok := c.Get(k.agent, k.action)
				if ok == tt.removed[k] {
					t.Errorf("Get(%s, %s) hit = %v, want %v", k.agent, k.action, ok, !tt.removed[k])
				}
			}
			// The cache must stay usable after invalidation.
			c.Put("a1", "read", decisionFor("again"))
			if got, ok := c.Get("a1", "read"); !ok || got.Reason != "again" {
				t.Errorf("Get after re-Put = %q, %v, want %q, true", got.Reason, ok, "again")
			}
		})
	}
}

func TestCachePutIfGeneration(t *testing.T) {
	c := NewCache(CacheOptions{})
	gen := c.Generation()
	if !c.PutIfGeneration("a1", "read", decisionFor("x"), gen) {
		t.Fatal("PutIfGeneration with current generation = false, want true")
	}
	if _, ok := c.Get("a1", "read"); !ok {
		t.Fatal("Get after PutIfGeneration = miss, want hit")
	}

	stale := c.Generation()
	c.InvalidateAgent("a2")
	if c.PutIfGeneration("a1", "delete", decisionFor("y"), stale) {
		t.Error("PutIfGeneration after an invalidation = true, want false")
	}
	if _, ok := c.Get("a1", "delete"); ok {
		t.Error("Get after rejected PutIfGeneration = hit, want miss")
	}
}

func TestCacheStats(t *testing.T) {
	c := NewCache(CacheOptions{})
	if st := c.Stats(); st.HitRate != 0 {
		t.Errorf("HitRate before lookups = %v, want 0", st.HitRate)
	}
	c.Put("a1", "read", decisionFor("x"))
	c.Get("a1", "read")
	c.Get("a1", "read")
	c.Get("a1", "read")
	c.Get("a1", "write")

	st := c.Stats()
	if st.Hits != 3 {
		t.Errorf("Hits = %d, want 3", st.Hits)
	}
	if st.Misses != 1 {
		t.Errorf("Misses = %d, want 1", st.Misses)
	}
	if st.HitRate != 0.75 {
		t.Errorf("HitRate = %v, want 0.75", st.HitRate)
	}
	if st.Size != 1 {
		t.Errorf("Size = %d, want 1", st.Size)
	}
}

func TestCacheHitNoAlloc(t *testing.T) {
	c := NewCache(CacheOptions{})
	c.Put("agent-1", "delete_file", decisionFor("x"))
	allocs := testing.AllocsPerRun(1000, func() {
		if _, ok := c.Get("agent-1", "delete_file"); !ok {
			t.Fatal("Get = miss, want hit")
		}
	})
	if allocs != 0 {
		t.Errorf("Get hit allocations = %v, want 0", allocs)
	}
}

func TestCacheConcurrentUse(t *testing.T) {
	c := NewCache(CacheOptions{Size: 64})
	const workers = 8
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				agent := fmt.Sprintf("a%d", (w+i)%5)
				action := fmt.Sprintf("act%d", i%40)
				switch i % 10 {
				case 0:
					c.InvalidateAgent(agent)
				case 1:
					c.Invalidate(agent, action)
				case 2:
					if i%500 == 2 {
						c.InvalidateAll()
					}
				case 3, 4:
					c.Put(agent, action, decisionFor(agent+action))
				default:
					if d, ok := c.Get(agent, action); ok && d.Reason != agent+action {
						t.Errorf("Get(%s, %s) = %q, want %q", agent, action, d.Reason, agent+action)
					}
				}
			}
		}()
	}
	wg.Wait()
	if st := c.Stats(); st.Size > 64 {
		t.Errorf("Size = %d, want at most 64", st.Size)
	}
}

func TestCacheShardLayout(t *testing.T) {
	tests := []struct {
		size       int
		wantShards int
	}{
		{1, 1},
		{255, 1},
		{256, 2},
		{1000, 4},
		{1024, 8},
		{8192, 64},
		{100000, 64},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("size=%d", tt.size), func(t *testing.T) {
			c := NewCache(CacheOptions{Size: tt.size})
			if got := len(c.shards); got != tt.wantShards {
				t.Errorf("shards = %d, want %d", got, tt.wantShards)
			}
			total := 0
			for i := range c.shards {
				total += c.shards[i].capacity
			}
			if total != tt.size {
				t.Errorf("total capacity = %d, want %d", total, tt.size)
			}
		})
	}
}

// newTestShard returns an empty shard of the given capacity, for tests of
// the chaining that real 64-bit hashes almost never exercise.
func newTestShard(tb testing.TB, capacity int) *cacheShard {
	tb.Helper()
	s := new(cacheShard)
	s.init(capacity)
	return s
}

func TestCacheShardHashCollisions(t *testing.T) {
	const h = 42 // one hash for every key
	keys := []cacheKey{{"a1", "read"}, {"a1", "write"}, {"a2", "read"}}
	// Each case removes one key first, so the chain loses its head, its
	// middle or its tail.
	for _, removed := range keys {
		t.Run(removed.agentID+"/"+removed.action, func(t *testing.T) {
			s := newTestShard(t, 10)
			for _, k := range keys {
				s.put(k, h, decisionFor(k.agentID+k.action), time.Hour)
			}
			s.remove(s.find(removed, h))
			for _, k := range keys {
				e := s.find(k, h)
				if k == removed {
					if e != nil {
						t.Errorf("find(%v) after remove = %q, want nil", k, e.decision.Reason)
					}
					continue
				}
				if e == nil || e.decision.Reason != k.agentID+k.action {
					t.Errorf("find(%v) = %v, want the entry %q", k, e, k.agentID+k.action)
				}
			}
			if s.size != 2 {
				t.Errorf("size = %d, want 2", s.size)
			}
		})
	}
}

func TestCacheShardAgentList(t *testing.T) {
	actions := []string{"a", "b", "c"}
	// Each case removes one of the agent's entries first: the newest is
	// the head of the agent's list and the oldest its tail.
	for _, removed := range actions {
		t.Run("remove="+removed, func(t *testing.T) {
			s := newTestShard(t, 10)
			for i, action := range actions {
				s.put(cacheKey{"agent", action}, uint64(i), decisionFor(action), time.Hour)
			}
			i := slices.Index(actions, removed)
			s.remove(s.find(cacheKey{"agent", removed}, uint64(i)))

			var got []string
			for e := s.byAgent["agent"]; e != nil; e = e.agentNext {
				got = append(got, e.key.action)
			}
			slices.Sort(got)
			want := slices.DeleteFunc(slices.Clone(actions), func(a string) bool { return a == removed })
			if !slices.Equal(got, want) {
				t.Errorf("agent list after removing %s = %v, want %v", removed, got, want)
			}
		})
	}
}

func TestCacheFullReplaceOneAlloc(t *testing.T) {
	// Put allocates a new entry in place of reusing a removed one, because
	// a lock-free Get may still read the removed entry.
	const size = 64
	c := NewCache(CacheOptions{Size: size})
	ids := make([]string, 4*size)
	for i := range ids {
		ids[i] = fmt.Sprintf("agent-%d", i)
	}
	// Fill the cache and go round the keys once, so that every later Put
	// evicts an entry.
	for _, id := range ids {
		c.Put(id, "read", decisionFor("x"))
	}
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		c.Put(ids[i%len(ids)], "read", decisionFor("x"))
		i++
	})
	if allocs != 1 {
		t.Errorf("Put on a full cache allocations = %v, want 1", allocs)
	}
	if got := c.Stats().Size; got > size {
		t.Errorf("Size = %d, want at most %d", got, size)
	}
}

func TestLowerASCII(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"lower", "send_email", "send_email"},
		{"upper", "SEND_Email", "send_email"},
		{"non-ASCII", "ÉCRIRE", "écrire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lowerASCII(tt.in); got != tt.want {
				t.Errorf("lowerASCII(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
