package bench

import (
	"context"
	"testing"
	"time"

	"github.com/perfgate/perfgate/governance"
)

// decisionCache is the interface shared by the cache under test and its
// alternatives.
type decisionCache interface {
	Get(agentID, action string) (governance.Decision, bool)
	Put(agentID, action string, d governance.Decision)
}

// sampleDecision is the decision stored in the cache benchmarks.
var sampleDecision = governance.Decision{
	Allowed:       true,
	Reason:        "allowed",
	Status:        governance.StatusSupervised,
	Complexity:    2,
	RequiredLevel: governance.StatusIntern,
	Confidence:    0.8,
}

// BenchmarkCacheHit measures a cached check: Service.Check returning a
// cached decision (impl=service), the cache's Get alone (impl=cache), and a
// mutex-and-map cache (impl=mutexmap). The cache uses the real clock, as a
// service does, with a TTL far longer than any run so the entry never
// expires.
func BenchmarkCacheHit(b *testing.B) {
	const id, action = "agent-1", "read"
	const ttl = 24 * time.Hour

	b.Run("impl=service", func(b *testing.B) {
		ctx := context.Background()
		store := governance.NewMemoryStore()
		putAgent(b, store, id, maturities[2])
		svc := newService(b, store, governance.Options{CacheTTL: ttl})
		d, err := svc.Check(ctx, id, action, false)
		checkDecision(b, d, err, true)
		if svc.CacheStats().Size != 1 {
			b.Fatalf("cache size after the first check: got %d, want 1", svc.CacheStats().Size)
		}
		b.ReportAllocs()
		for b.Loop() {
			svc.Check(ctx, id, action, false)
		}
		b.StopTimer()
		if st := svc.CacheStats(); st.Misses != 1 {
			b.Fatalf("cache misses: got %d, want 1 (every timed check must hit)", st.Misses)
		}
	})

	caches := []struct {
		name  string
		cache decisionCache
	}{
		{"cache", governance.NewCache(governance.CacheOptions{TTL: ttl})},
		{"mutexmap", newMutexMap()},
	}
	for _, c := range caches {
		b.Run("impl="+c.name, func(b *testing.B) {
			c.cache.Put(id, action, sampleDecision)
			if _, ok := c.cache.Get(id, action); !ok {
				b.Fatal("Get after Put: got a miss, want a hit")
			}
			b.ReportAllocs()
			for b.Loop() {
				c.cache.Get(id, action)
			}
		})
	}
}

// missKeys is the number of keys BenchmarkCacheMiss cycles through, well
// below the cache size so no entry is evicted.
const missKeys = 256

// BenchmarkCacheMiss measures a miss followed by the fill that a check
// does after reading the store. A clock that moves one TTL forward per
// reading makes every entry expire before its key comes round again, so
// each Get misses and removes the expired entry, without evictions.
func BenchmarkCacheMiss(b *testing.B) {
	const ttl = time.Minute
	ids := make([]string, missKeys)
	for i := range ids {
		ids[i] = agentID("agent", i)
	}

	impls := []struct {
		name     string
		newCache func(now func() time.Time) decisionCache
	}{
		{"cache", func(now func() time.Time) decisionCache {
			return governance.NewCache(governance.CacheOptions{TTL: ttl, Now: now})
		}},
		{"ttlmap", func(now func() time.Time) decisionCache { return newTTLMap(ttl, now) }},
	}
	for _, impl := range impls {
		b.Run("impl="+impl.name, func(b *testing.B) {
			clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			cache := impl.newCache(func() time.Time {
				clock = clock.Add(ttl)
				return clock
			})
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				id := ids[i%missKeys]
				if _, ok := cache.Get(id, "read"); ok {
					b.Fatal("Get: got a hit, want a miss")
				}
				cache.Put(id, "read", sampleDecision)
				i++
			}
		})
	}
}

// BenchmarkCacheEvict measures a miss and a fill on a full cache, where
// every fill evicts an entry: the keys cycle through four times the cache
// size, and no key is hit, so every eviction takes the oldest entry.
func BenchmarkCacheEvict(b *testing.B) {
	const size = governance.DefaultCacheSize
	ids := make([]string, 4*size)
	for i := range ids {
		ids[i] = agentID("agent", i)
	}

	impls := []struct {
		name  string
		cache func() decisionCache
	}{
		{"cache", func() decisionCache { return governance.NewCache(governance.CacheOptions{Size: size}) }},
		{"lrulist", func() decisionCache { return newLRUList(size) }},
	}
	for _, impl := range impls {
		b.Run("impl="+impl.name, func(b *testing.B) {
			cache := impl.cache()
			for _, id := range ids[:size] {
				cache.Put(id, "read", sampleDecision)
			}
			i := size
			b.ReportAllocs()
			for b.Loop() {
				id := ids[i%len(ids)]
				if _, ok := cache.Get(id, "read"); !ok {
					cache.Put(id, "read", sampleDecision)
				}
				i++
			}
			b.StopTimer()
			if c, ok := cache.(*governance.Cache); ok && c.Stats().Evictions == 0 {
				b.Fatal("cache evictions: got 0, want at least one per fill")
			}
		})
	}
}
