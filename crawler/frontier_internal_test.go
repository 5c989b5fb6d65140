package crawler

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"
)

// testRedisURL is like redisFrontier in the black-box tests.
func testRedisURL(t *testing.T) string {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379", DB: 15})
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		if os.Getenv("CI") == "true" {
			t.Fatalf("redis: %v", err)
		}
		t.Skipf("no redis: %v", err)
	}
	prefix := fmt.Sprintf("scamhunt-test:%s:%d:", t.Name(), time.Now().UnixNano())
	t.Cleanup(func() {
		defer rdb.Close()
		it := rdb.Scan(context.Background(), 0, prefix+"*", 1000).Iterator()
		for it.Next(context.Background()) {
			rdb.Del(context.Background(), it.Val())
		}
	})
	return "redis://127.0.0.1:6379/15?prefix=" + prefix
}

func openTestRedis(t *testing.T, front, worker string, lease time.Duration) *redisFrontier {
	t.Helper()
	s, err := Config{Start: []string{"http://board.test/"}, Frontier: front, Worker: worker, Lease: lease}.resolve()
	if err != nil {
		t.Fatal(err)
	}
	f, err := openRedis(t.Context(), s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.close() })
	return f
}

// TestRedisReclaim: a worker takes a URL and dies without acking it;
// another worker gets it once the lease has run out, not before.
func TestRedisReclaim(t *testing.T) {
	front := testRedisURL(t)
	ctx := t.Context()
	const lease = 400 * time.Millisecond
	a := openTestRedis(t, front, "a", lease)
	if _, _, err := a.begin(ctx, []entry{{URL: "http://board.test/"}, {URL: "http://board.test/2.html"}}); err != nil {
		t.Fatal(err)
	}
	takenAt := time.Now()
	taken, err := a.next(ctx, 1)
	if err != nil || len(taken) != 1 {
		t.Fatalf("a.next = %v, %v; want one lease", taken, err)
	}
	a.close() // dies holding taken[0]

	b := openTestRedis(t, front, "b", lease)
	if _, resumed, err := b.begin(ctx, nil); err != nil || !resumed {
		t.Fatalf("b.begin: resumed=%v err=%v, want to join the running crawl", resumed, err)
	}
	start := time.Now()
	var got []string
	for time.Since(start) < 5*time.Second && len(got) < 2 {
		ls, err := b.next(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range ls {
			// Redis keeps lease ends in whole milliseconds of its own
			// clock: a few milliseconds early is rounding, not a reclaim.
			if l.URL == taken[0].URL && time.Since(takenAt) < lease-10*time.Millisecond {
				t.Errorf("%s reclaimed %v after a took it, before the lease of %v ran out", l.URL, time.Since(takenAt), lease)
			}
			got = append(got, l.URL)
			if _, err := b.complete(ctx, []completion{{l: l, o: outcome{Status: 200, OK: true}}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := []string{"http://board.test/2.html", taken[0].URL}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("URLs b fetched (-want +got):\n%s", diff)
	}
	if idle, err := b.idle(ctx); err != nil || !idle {
		t.Errorf("idle = %v, %v after everything was acked; want true", idle, err)
	}
}

// TestRedisKeepRenewsLease: a worker that renews its lease keeps its URL.
func TestRedisKeepRenewsLease(t *testing.T) {
	front := testRedisURL(t)
	ctx := t.Context()
	const lease = time.Second
	a := openTestRedis(t, front, "a", lease)
	if _, _, err := a.begin(ctx, []entry{{URL: "http://board.test/"}}); err != nil {
		t.Fatal(err)
	}
	taken, err := a.next(ctx, 1)
	if err != nil || len(taken) != 1 {
		t.Fatalf("a.next = %v, %v; want one lease", taken, err)
	}
	b := openTestRedis(t, front, "b", lease)
	if _, _, err := b.begin(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for range 8 { // twice the lease in all
		time.Sleep(lease / 4)
		if err := a.keep(ctx, taken); err != nil {
			t.Fatal(err)
		}
		if ls, _ := b.next(ctx, 1); len(ls) > 0 {
			t.Fatalf("b took %s while a kept renewing its lease", ls[0].URL)
		}
	}
}

// TestLinksPacked: a page's outlinks are stored compressed and read back
// as they were, and an older build's plain lists still read.
func TestLinksPacked(t *testing.T) {
	var many []string
	for i := range 60 {
		many = append(many, fmt.Sprintf("http://board.test/sh/chuandan/%d.html", 1000+i))
	}
	tests := []struct {
		name   string
		stored []byte // nil: packLinks(want)
		want   []string
	}{
		{name: "none", want: nil},
		{name: "one", want: []string{"http://board.test/a.html"}},
		{name: "a page of them", want: many},
		{name: "older build's plain list", stored: []byte("http://board.test/a.html\nhttp://board.test/b.html"), want: []string{"http://board.test/a.html", "http://board.test/b.html"}},
		{name: "older build's empty list", stored: []byte{}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.stored
			if v == nil {
				v = packLinks(tt.want)
			}
			got, err := unpackLinks(v)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("links (-want +got):\n%s", diff)
			}
		})
	}
	plain := len(joinLinks(many))
	if packed := len(packLinks(many)); packed*3 > plain {
		t.Errorf("60 links of one board pack into %d bytes, %d plain: want a third or less", packed, plain)
	}
	if _, err := unpackLinks([]byte{linksFlate, 0xff, 0xff}); err == nil {
		t.Error("a damaged packed list read without an error")
	}
}

// TestKnownLinksSkipOnlyTheirGeneration: links found again in the same
// crawl are not queued twice (whether the table or the memo of known links
// answers), and a new crawl queues them again although the memo still
// names them from the last one.
func TestKnownLinksSkipOnlyTheirGeneration(t *testing.T) {
	f, err := openBolt(t.TempDir(), "memo")
	if err != nil {
		t.Fatal(err)
	}
	defer f.close()
	ctx := t.Context()
	nav := []entry{{URL: "http://board.test/"}, {URL: "http://board.test/beijing/"}, {URL: "http://board.test/member/", Skip: "ignored"}}
	queued := func(links []entry) map[string]int {
		t.Helper()
		added, err := f.complete(ctx, []completion{{links: links, early: true}})
		if err != nil {
			t.Fatal(err)
		}
		return added
	}
	for gen := 1; gen <= 2; gen++ {
		if _, _, err := f.begin(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(map[string]int{"": 2, "ignored": 1}, queued(nav)); diff != "" {
			t.Errorf("crawl %d, first page: added (-want +got):\n%s", gen, diff)
		}
		more := append(nav[:len(nav):len(nav)], entry{URL: "http://board.test/job/1.html"})
		if diff := cmp.Diff(map[string]int{"": 1}, queued(more)); diff != "" {
			t.Errorf("crawl %d, second page: added (-want +got):\n%s", gen, diff)
		}
		ls, err := f.next(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(ls) != 3 {
			t.Errorf("crawl %d: %d leases, want 3 (each link once)", gen, len(ls))
		}
		for _, l := range ls {
			if _, err := f.complete(ctx, []completion{{l: l, o: outcome{OK: true}}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.finish(ctx); err != nil {
			t.Fatal(err)
		}
	}
}
