package governance

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

// putActions stores one decision per action for agent "a", in order.
func putActions(tb testing.TB, c *Cache, actions ...string) {
	tb.Helper()
	for _, action := range actions {
		c.Put("a", action, decisionFor(action))
	}
}

// cachedActions returns which of the actions of agent "a" are cached. It
// reads the shard directly, so it sets no reference flag.
func cachedActions(tb testing.TB, c *Cache, actions ...string) map[string]bool {
	tb.Helper()
	got := make(map[string]bool, len(actions))
	for _, action := range actions {
		k, h, s := c.locate("a", action)
		got[action] = s.load(k, h) != nil
	}
	return got
}

func TestCacheSecondChance(t *testing.T) {
	// A size below the per-shard minimum gives one shard, so one CLOCK
	// list decides every eviction.
	tests := []struct {
		name string
		// hit lists the actions to hit after putting 1, 2 and 3.
		hit []string
		// put lists the actions to put after the hits.
		put  []string
		want map[string]bool
	}{
		{
			name: "no hits evicts oldest",
			put:  []string{"4"},
			want: map[string]bool{"1": false, "2": true, "3": true, "4": true},
		},
		{
			name: "hit oldest survives",
			hit:  []string{"1"},
			put:  []string{"4"},
			want: map[string]bool{"1": true, "2": false, "3": true, "4": true},
		},
		{
			name: "all hit evicts oldest after one pass",
			hit:  []string{"3", "2", "1"},
			put:  []string{"4"},
			want: map[string]bool{"1": false, "2": true, "3": true, "4": true},
		},
		{
			name: "second chance is spent",
			// 1 survives the first eviction with its flag cleared and moves
			// to the front. Three more puts then push it out.
			hit:  []string{"1"},
			put:  []string{"4", "5", "6"},
			want: map[string]bool{"1": false, "2": false, "3": false, "4": true, "5": true, "6": true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCache(CacheOptions{Size: 3})
			putActions(t, c, "1", "2", "3")
			for _, action := range tt.hit {
				if _, ok := c.Get("a", action); !ok {
					t.Fatalf("Get(a, %s) = miss, want hit", action)
				}
			}
			putActions(t, c, tt.put...)

			all := []string{"1", "2", "3", "4", "5", "6"}
			got := cachedActions(t, c, all...)
			for _, action := range all {
				if want := tt.want[action]; got[action] != want {
					t.Errorf("action %s cached = %v, want %v", action, got[action], want)
				}
			}
			if want := uint64(len(tt.put)); c.Stats().Evictions != want {
				t.Errorf("Evictions = %d, want %d", c.Stats().Evictions, want)
			}
		})
	}
}

func TestCacheHotEntrySurvivesEvictions(t *testing.T) {
	c := NewCache(CacheOptions{Size: 4})
	putActions(t, c, "hot")
	for i := range 20 {
		if _, ok := c.Get("a", "hot"); !ok {
			t.Fatalf("Get(a, hot) before put %d = miss, want hit", i)
		}
		putActions(t, c, fmt.Sprintf("cold%d", i))
	}
	if st := c.Stats(); st.Size != 4 {
		t.Errorf("Size = %d, want 4", st.Size)
	}
	if st := c.Stats(); st.Hits != 20 {
		t.Errorf("Hits = %d, want 20", st.Hits)
	}
}

func TestCacheStatsCountHitsOfRemoved(t *testing.T) {
	c := NewCache(CacheOptions{Size: 1})
	putActions(t, c, "1")
	c.Get("a", "1")
	c.Get("a", "1")
	putActions(t, c, "2") // evicts 1
	c.Get("a", "2")
	c.Invalidate("a", "2")

	st := c.Stats()
	if st.Hits != 3 {
		t.Errorf("Hits = %d, want 3", st.Hits)
	}
	if st.Size != 0 {
		t.Errorf("Size = %d, want 0", st.Size)
	}
}

// TestCacheConcurrentHitsAndInvalidations checks under -race that lock-free
// hits see only whole entries while writers replace, evict and invalidate
// them, and that the size bound and counters stay consistent.
func TestCacheConcurrentHitsAndInvalidations(t *testing.T) {
	const (
		size    = 256
		agents  = 8
		actions = 40
		readers = 4
		rounds  = 3000
	)
	c := NewCache(CacheOptions{Size: size})
	want := func(agent, action string, version int) string {
		return fmt.Sprintf("%s/%s/%d", agent, action, version)
	}
	var wg sync.WaitGroup
	var lookups [readers]uint64
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(r), 1))
			for range rounds {
				agent := fmt.Sprintf("a%d", rng.IntN(agents))
				action := fmt.Sprintf("act%d", rng.IntN(actions))
				lookups[r]++
				d, ok := c.Get(agent, action)
				if !ok {
					continue
				}
				// Every version of a key's reason has the key as prefix.
				if prefix := agent + "/" + action + "/"; len(d.Reason) <= len(prefix) || d.Reason[:len(prefix)] != prefix {
					t.Errorf("Get(%s, %s) reason = %q, want prefix %q", agent, action, d.Reason, prefix)
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		rng := rand.New(rand.NewPCG(99, 1))
		for i := range rounds {
			agent := fmt.Sprintf("a%d", rng.IntN(agents))
			action := fmt.Sprintf("act%d", rng.IntN(actions))
			switch i % 20 {
			case 0:
				c.InvalidateAgent(agent)
			case 1:
				c.Invalidate(agent, action)
			case 2:
				if i%1000 == 2 {
					c.InvalidateAll()
				}
			default:
				c.Put(agent, action, decisionFor(want(agent, action, i)))
			}
		}
	}()
	wg.Wait()

	st := c.Stats()
	if st.Size > size {
		t.Errorf("Size = %d, want at most %d", st.Size, size)
	}
	var total uint64
	for _, n := range lookups {
		total += n
	}
	// Every Get counts exactly one hit or one miss.
	if st.Hits+st.Misses != total {
		t.Errorf("Hits + Misses = %d, want %d lookups", st.Hits+st.Misses, total)
	}

	// After everything stops, invalidating an agent leaves none of its
	// entries visible.
	c.InvalidateAgent("a0")
	for i := range actions {
		if _, ok := c.Get("a0", fmt.Sprintf("act%d", i)); ok {
			t.Errorf("Get(a0, act%d) after InvalidateAgent = hit, want miss", i)
		}
	}
}
