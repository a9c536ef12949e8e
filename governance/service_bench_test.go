package governance

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// These benchmarks check the hot paths while developing this package. The
// suite that perfgate gates on lives in the bench directory.

func BenchmarkCheck(b *testing.B) {
	ctx := context.Background()
	for _, cached := range []bool{true, false} {
		for _, action := range []string{"read", "delete_file", "frobnicate"} {
			b.Run(fmt.Sprintf("cached=%v/action=%s", cached, action), func(b *testing.B) {
				s, store := newTestService(b, Options{DisableCache: !cached})
				putAgent(b, store, Agent{ID: "agent-1", Status: StatusSupervised, Confidence: 0.8})
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.Check(ctx, "agent-1", action, false); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkCheckParallel(b *testing.B) {
	ctx := context.Background()
	for _, keys := range []int{1, 64} {
		b.Run(fmt.Sprintf("keys=%d", keys), func(b *testing.B) {
			s, store := newTestService(b, Options{})
			for i := range keys {
				putAgent(b, store, Agent{ID: fmt.Sprintf("agent-%d", i), Status: StatusAutonomous, Confidence: 0.95})
			}
			ids := make([]string, keys)
			for i := range ids {
				ids[i] = fmt.Sprintf("agent-%d", i)
			}
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					if _, err := s.Check(ctx, ids[i%keys], "delete_file", false); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
		})
	}
}

func BenchmarkCacheGet(b *testing.B) {
	for _, action := range []string{"delete_file", "Delete_File"} {
		b.Run("action="+action, func(b *testing.B) {
			c := NewCache(CacheOptions{})
			c.Put("agent-1", action, Decision{Allowed: true})
			b.ReportAllocs()
			for b.Loop() {
				c.Get("agent-1", action)
			}
		})
	}
}

func BenchmarkRecordOutcome(b *testing.B) {
	ctx := context.Background()
	s, store := newTestService(b, Options{})
	putAgent(b, store, Agent{ID: "agent-1", Status: StatusIntern, Confidence: 0.6})
	b.ReportAllocs()
	success := false
	for b.Loop() {
		// Alternating success and failure keeps confidence near 0.6.
		success = !success
		if _, err := s.RecordOutcome(ctx, "agent-1", success, ImpactLow); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckSQLite(b *testing.B) {
	ctx := context.Background()
	for _, cached := range []bool{true, false} {
		b.Run(fmt.Sprintf("cached=%v", cached), func(b *testing.B) {
			store := openSQLite(b, filepath.Join(b.TempDir(), "agents.db"))
			putAgent(b, store, Agent{ID: "agent-1", Status: StatusSupervised, Confidence: 0.8})
			s, err := NewService(Options{Store: store, DisableCache: !cached})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Check(ctx, "agent-1", "delete_file", false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
