package crawler_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/crawler"
)

const redisAddr = "127.0.0.1:6379"

// redisFrontier returns a frontier URL with a key prefix of its own on a
// test database, and removes the keys afterwards. Without a Redis the test
// is skipped, except under CI=true where .ci/run starts one.
func redisFrontier(t testing.TB) string {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr, DB: 15})
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		if os.Getenv("CI") == "true" {
			t.Fatalf("redis at %s: %v", redisAddr, err)
		}
		t.Skipf("no redis at %s: %v", redisAddr, err)
	}
	prefix := fmt.Sprintf("scamhunt-test:%s:%d:", t.Name(), time.Now().UnixNano())
	t.Cleanup(func() {
		defer rdb.Close()
		ctx := context.Background()
		iter := rdb.Scan(ctx, 0, prefix+"*", 1000).Iterator()
		for iter.Next(ctx) {
			rdb.Del(ctx, iter.Val())
		}
	})
	return "redis://" + redisAddr + "/15?prefix=" + prefix
}

func TestRedisSharedCrawl(t *testing.T) {
	front := redisFrontier(t)
	// Slow enough that one worker cannot finish the board between two
	// polls of the others (a worker with nothing to do looks again after
	// a few hundred milliseconds).
	board := resumeBoard
	board.Delay = 5 * time.Millisecond
	srv, log := serve(t, board)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var pages []scamhunt.Page
	sums := make([]crawler.Summary, 3)
	for i := range 3 {
		cfg := fastConfig(t, srv.URL+"/")
		cfg.Frontier = front
		cfg.Worker = fmt.Sprintf("w%d", i)
		cfg.Lease = 5 * time.Second
		cfg.Grace = 500 * time.Millisecond
		c := newCrawler(t, cfg)
		wg.Go(func() {
			got := crawl(t, t.Context(), c)
			mu.Lock()
			pages = append(pages, got...)
			mu.Unlock()
			sums[i] = c.Summary()
		})
	}
	wg.Wait()
	onceEach(t, resumeBoard, log)
	if len(pages) != resumeBoard.size() {
		t.Errorf("%d pages sent by the three workers, want %d", len(pages), resumeBoard.size())
	}
	for i, s := range sums {
		if s.Fetched == 0 || s.Stop != "done" {
			t.Errorf("worker %d: fetched %d, stop %q; want a share of the work and done", i, s.Fetched, s.Stop)
		}
	}
}
