package crawler

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisFrontier shares one crawl between processes. Keys, under a prefix
// (default "scamhunt:crawl:SITE:", or ?prefix= on the frontier URL):
//
//	run          hash: gen, state
//	q            stream of queued URLs, consumer group "crawl"
//	seen:GEN     hash: URL -> "q" or skip reason (HSETNX: queued once)
//	done:GEN     hash: URL -> 1 when fetched in generation GEN
//	meta, links  hashes: URL -> JSON urlMeta, URL -> outlinks
//	host:HOST    next time (ms, Redis clock) HOST may be asked
//
// A worker reads URLs with XREADGROUP, acks and deletes each when its
// fetch is recorded (one Lua script: links queued, meta stored, XACK,
// XDEL), renews the leases of URLs it holds with XCLAIM, and takes over
// URLs another worker held longer than the lease with XAUTOCLAIM. The
// stream is empty exactly when nothing is queued or held; a worker stops
// after it has been empty for Config.Grace.
type redisFrontier struct {
	rdb    *redis.Client
	prefix string
	group  string
	worker string
	lease  time.Duration

	mu          sync.Mutex
	gen         int
	ownPending  bool   // own pending entries from an earlier life read
	claimCursor string // XAUTOCLAIM position
	rg          *redisGate
}

const redisGroup = "crawl"

// parseRedisURL splits the prefix parameter off a redis:// URL.
func parseRedisURL(raw string) (*redis.Options, string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, "", fmt.Errorf("bad frontier URL: %w", err)
	}
	if u.Scheme != "redis" && u.Scheme != "rediss" {
		return nil, "", fmt.Errorf("frontier must be a redis:// URL, got %q", u.Redacted())
	}
	q := u.Query()
	prefix := q.Get("prefix")
	q.Del("prefix")
	u.RawQuery = q.Encode()
	opts, err := redis.ParseURL(u.String())
	if err != nil {
		return nil, "", fmt.Errorf("bad frontier URL: %w", err)
	}
	return opts, prefix, nil
}

func openRedis(ctx context.Context, s *settings) (*redisFrontier, error) {
	opts, prefix, err := parseRedisURL(s.Frontier)
	if err != nil {
		return nil, err
	}
	if prefix == "" {
		prefix = "scamhunt:crawl:" + fileSafe(s.Site) + ":"
	}
	rdb := redis.NewClient(opts)
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		return nil, fmt.Errorf("frontier redis %s: %w", opts.Addr, err)
	}
	f := &redisFrontier{rdb: rdb, prefix: prefix, group: redisGroup, worker: s.Worker, lease: s.Lease, claimCursor: "0-0"}
	f.rg = &redisGate{rdb: rdb, prefix: prefix}
	return f, nil
}

func (f *redisFrontier) key(parts ...string) string { return f.prefix + strings.Join(parts, ":") }

func (f *redisFrontier) genKey(name string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.prefix + name + ":" + strconv.Itoa(f.gen)
}

func (f *redisFrontier) gate() gate   { return f.rg }
func (f *redisFrontier) close() error { return f.rdb.Close() }

var beginScript = redis.NewScript(`
local st = redis.call('HGET', KEYS[1], 'state')
local gen = tonumber(redis.call('HGET', KEYS[1], 'gen') or '0')
local resumed = 1
if st ~= 'running' then
  if gen > 0 then
    redis.call('DEL', ARGV[1] .. 'seen:' .. gen, ARGV[1] .. 'done:' .. gen)
  end
  gen = gen + 1
  redis.call('HSET', KEYS[1], 'gen', gen, 'state', 'running')
  resumed = 0
end
return {gen, resumed}`)

func (f *redisFrontier) begin(ctx context.Context, starts []entry) (int, bool, error) {
	err := f.rdb.XGroupCreateMkStream(ctx, f.key("q"), f.group, "0").Err()
	if err != nil && !strings.Contains(err.Error(), "BUSYGROUP") {
		return 0, false, fmt.Errorf("frontier begin: %w", err)
	}
	res, err := beginScript.Run(ctx, f.rdb, []string{f.key("run")}, f.prefix).Int64Slice()
	if err != nil {
		return 0, false, fmt.Errorf("frontier begin: %w", err)
	}
	f.mu.Lock()
	f.gen, f.ownPending, f.claimCursor = int(res[0]), false, "0-0"
	f.mu.Unlock()
	if _, err := f.push(ctx, starts); err != nil {
		return 0, false, fmt.Errorf("frontier begin: %w", err)
	}
	return int(res[0]), res[1] == 1, nil
}

// pushScript queues each URL not yet seen in this generation; entries with
// a skip reason are only marked seen. It returns the reasons of the new ones.
const pushLua = `
local res = {}
for i = tonumber(ARGV[1]), #ARGV, 3 do
  local u, d, skip = ARGV[i], ARGV[i+1], ARGV[i+2]
  local mark = skip
  if mark == '' then mark = 'q' end
  if redis.call('HSETNX', KEYS[1], u, mark) == 1 then
    if skip == '' then redis.call('XADD', KEYS[2], '*', 'u', u, 'd', d) end
    res[#res+1] = skip
  end
end
`

var pushScript = redis.NewScript(pushLua + "return res")

func linkArgs(start int, links []entry) []any {
	args := []any{start}
	for _, e := range links {
		args = append(args, e.URL, depthField(e), e.Skip)
	}
	return args
}

// depthField is how an entry's depth and path growth travel in a stream
// entry's "d": "depth", or "depth/growth" when it has grown.
func depthField(e entry) string {
	if e.Growth == 0 {
		return strconv.Itoa(e.Depth)
	}
	return strconv.Itoa(e.Depth) + "/" + strconv.Itoa(e.Growth)
}

// parseDepthField reads depthField; anything unreadable is 0.
func parseDepthField(s string) (depth, growth int) {
	d, g, _ := strings.Cut(s, "/")
	depth, _ = strconv.Atoi(d)
	growth, _ = strconv.Atoi(g)
	return max(depth, 0), max(growth, 0)
}

func countReasons(rs []any) map[string]int {
	added := map[string]int{}
	for _, v := range rs {
		s, _ := v.(string)
		added[s]++
	}
	return added
}

func (f *redisFrontier) push(ctx context.Context, links []entry) (map[string]int, error) {
	if len(links) == 0 {
		return map[string]int{}, nil
	}
	rs, err := pushScript.Run(ctx, f.rdb, []string{f.genKey("seen"), f.key("q")}, linkArgs(2, links)...).Slice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, err
	}
	return countReasons(rs), nil
}

// completeScript records a fetch and releases its stream entry in one step:
// KEYS seen, q, meta, done, links; ARGV[1] first link index, [2] group,
// [3] entry id, [4] URL whose links follow, [5] links ("" keeps the old
// ones), [6] n, then n URL/meta pairs, then link triples.
var completeScript = redis.NewScript(`
local n = tonumber(ARGV[6])
for i = 0, n - 1 do
  local u, m = ARGV[7 + 2*i], ARGV[8 + 2*i]
  redis.call('HSET', KEYS[3], u, m)
  redis.call('HSET', KEYS[4], u, 1)
end
if ARGV[5] ~= '' then redis.call('HSET', KEYS[5], ARGV[4], ARGV[5]) end
` + pushLua + `
if ARGV[3] ~= '' then
  redis.call('XACK', KEYS[2], ARGV[2], ARGV[3])
  redis.call('XDEL', KEYS[2], ARGV[3])
end
return res`)

func (f *redisFrontier) complete(ctx context.Context, cs []completion) (map[string]int, error) {
	added := map[string]int{}
	for _, c := range cs {
		var a map[string]int
		var err error
		if c.early {
			if a, err = f.push(ctx, c.links); err != nil {
				err = fmt.Errorf("frontier queue: %w", err)
			}
		} else {
			a, err = f.complete1(ctx, c.l, c.o, c.links)
		}
		if err != nil {
			return nil, err
		}
		for k, n := range a {
			added[k] += n
		}
	}
	return added, nil
}

func (f *redisFrontier) complete1(ctx context.Context, l lease, o outcome, links []entry) (map[string]int, error) {
	f.mu.Lock()
	gen := f.gen
	f.mu.Unlock()
	urls := append([]string{l.URL}, o.Also...)
	old, err := f.rdb.HMGet(ctx, f.key("meta"), urls...).Result()
	if err != nil {
		return nil, fmt.Errorf("frontier complete %s: %w", l.URL, err)
	}
	now := time.Now().UTC()
	linkVal := ""
	if o.OK && o.Links != nil {
		linkVal = joinLinks(o.Links)
		if linkVal == "" {
			linkVal = "\n" // stored as "no links", not "keep"
		}
	}
	head := []any{0, f.group, l.id, l.URL, linkVal, len(urls)}
	for i, u := range urls {
		var m urlMeta
		if s, ok := old[i].(string); ok {
			m = decodeMeta([]byte(s))
		}
		head = append(head, u, string(encodeMeta(m.apply(gen, o, now))))
	}
	head[0] = len(head) + 1
	args := append(head, linkArgs(0, links)[1:]...)
	keys := []string{f.genKey("seen"), f.key("q"), f.key("meta"), f.genKey("done"), f.key("links")}
	rs, err := completeScript.Run(ctx, f.rdb, keys, args...).Slice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("frontier complete %s: %w", l.URL, err)
	}
	return countReasons(rs), nil
}

func (f *redisFrontier) next(ctx context.Context, n int) ([]lease, error) {
	f.mu.Lock()
	own := !f.ownPending
	f.ownPending = true
	f.mu.Unlock()
	var msgs []redis.XMessage
	q := f.key("q")
	if own {
		// Entries this worker name held when its last process died.
		res, err := f.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: f.group, Consumer: f.worker,
			Streams: []string{q, "0"}, Count: 1000}).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return nil, fmt.Errorf("frontier next: %w", err)
		}
		for _, s := range res {
			msgs = append(msgs, s.Messages...)
		}
	}
	if len(msgs) == 0 {
		res, err := f.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: f.group, Consumer: f.worker,
			Streams: []string{q, ">"}, Count: int64(n), Block: 100 * time.Millisecond}).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return nil, fmt.Errorf("frontier next: %w", err)
		}
		for _, s := range res {
			msgs = append(msgs, s.Messages...)
		}
	}
	if len(msgs) == 0 {
		f.mu.Lock()
		start := f.claimCursor
		f.mu.Unlock()
		claimed, cursor, err := f.rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: q, Group: f.group,
			Consumer: f.worker, MinIdle: f.lease, Start: start, Count: int64(n)}).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return nil, fmt.Errorf("frontier reclaim: %w", err)
		}
		f.mu.Lock()
		f.claimCursor = cursor
		f.mu.Unlock()
		msgs = claimed
	}
	return f.fresh(ctx, msgs)
}

// fresh turns stream entries into leases, acking those already fetched in
// this generation (a redirect answered for them, or a reclaimed entry whose
// first worker finished after all).
func (f *redisFrontier) fresh(ctx context.Context, msgs []redis.XMessage) ([]lease, error) {
	if len(msgs) == 0 {
		return nil, nil
	}
	urls := make([]string, len(msgs))
	for i, m := range msgs {
		urls[i], _ = m.Values["u"].(string)
	}
	done, err := f.rdb.HMGet(ctx, f.genKey("done"), urls...).Result()
	if err != nil {
		return nil, fmt.Errorf("frontier next: %w", err)
	}
	var out []lease
	var stale []string
	for i, m := range msgs {
		if done[i] != nil || urls[i] == "" {
			stale = append(stale, m.ID)
			continue
		}
		d, g := parseDepthField(fmt.Sprint(m.Values["d"]))
		out = append(out, lease{entry: entry{URL: urls[i], Depth: d, Growth: g}, id: m.ID})
	}
	if len(stale) > 0 {
		p := f.rdb.TxPipeline()
		p.XAck(ctx, f.key("q"), f.group, stale...)
		p.XDel(ctx, f.key("q"), stale...)
		if _, err := p.Exec(ctx); err != nil {
			return nil, fmt.Errorf("frontier next: %w", err)
		}
	}
	return out, nil
}

func (f *redisFrontier) isDone(ctx context.Context, u string) (bool, error) {
	return f.rdb.HExists(ctx, f.genKey("done"), u).Result()
}

func (f *redisFrontier) lookup(ctx context.Context, u string) (urlMeta, []string, bool, error) {
	p := f.rdb.Pipeline()
	m := p.HGet(ctx, f.key("meta"), u)
	l := p.HGet(ctx, f.key("links"), u)
	if _, err := p.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return urlMeta{}, nil, false, err
	}
	ms, err := m.Result()
	if err != nil {
		return urlMeta{}, nil, false, nil
	}
	ls, _ := l.Result()
	return decodeMeta([]byte(ms)), splitLinks(strings.Trim(ls, "\n")), true, nil
}

func (f *redisFrontier) keep(ctx context.Context, ls []lease) error {
	if len(ls) == 0 {
		return nil
	}
	ids := make([]string, len(ls))
	for i, l := range ls {
		ids[i] = l.id
	}
	return f.rdb.XClaimJustID(ctx, &redis.XClaimArgs{Stream: f.key("q"), Group: f.group,
		Consumer: f.worker, MinIdle: 0, Messages: ids}).Err()
}

func (f *redisFrontier) idle(ctx context.Context) (bool, error) {
	n, err := f.rdb.XLen(ctx, f.key("q")).Result()
	return n == 0, err
}

var finishScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], 'gen') == ARGV[1] and redis.call('XLEN', KEYS[2]) == 0 then
  redis.call('HSET', KEYS[1], 'state', 'finished')
end
return 0`)

func (f *redisFrontier) finish(ctx context.Context) error {
	f.mu.Lock()
	gen := f.gen
	f.mu.Unlock()
	return finishScript.Run(ctx, f.rdb, []string{f.key("run"), f.key("q")}, strconv.Itoa(gen)).Err()
}

func (f *redisFrontier) removed(ctx context.Context) iter.Seq2[Removal, error] {
	return func(yield func(Removal, error) bool) {
		run, err := f.rdb.HGetAll(ctx, f.key("run")).Result()
		if err != nil {
			yield(Removal{}, fmt.Errorf("frontier: %w", err))
			return
		}
		gen, _ := strconv.Atoi(run["gen"])
		if gen == 0 || run["state"] != "finished" {
			yield(Removal{}, ErrIncomplete)
			return
		}
		seen := f.prefix + "seen:" + strconv.Itoa(gen)
		it := f.rdb.HScan(ctx, f.key("meta"), 0, "", 500).Iterator()
		for it.Next(ctx) {
			u := it.Val()
			if !it.Next(ctx) {
				break
			}
			rm, ok := removal(u, decodeMeta([]byte(it.Val())), gen)
			if !ok {
				continue
			}
			if rm.Reason == "unreached" {
				if skipped, _ := f.rdb.HExists(ctx, seen, u).Result(); skipped {
					continue
				}
			}
			if !yield(rm, nil) {
				return
			}
		}
		if err := it.Err(); err != nil {
			yield(Removal{}, fmt.Errorf("frontier: %w", err))
		}
	}
}

// redisGate spaces requests to a host across processes: host:HOST holds
// the next allowed time in Redis's clock, reserved atomically.
type redisGate struct {
	rdb    *redis.Client
	prefix string
}

var reserveScript = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
if now >= nxt then
  redis.call('SET', KEYS[1], now + tonumber(ARGV[1]), 'PX', tonumber(ARGV[1]) + 60000)
  return 0
end
return nxt - now`)

var pushGateScript = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local want = now + tonumber(ARGV[1])
if want > nxt then redis.call('SET', KEYS[1], want, 'PX', tonumber(ARGV[1]) + 60000) end
return 0`)

func (g *redisGate) wait(ctx context.Context, host string, interval time.Duration) error {
	for {
		ms, err := reserveScript.Run(ctx, g.rdb, []string{g.prefix + "host:" + host}, interval.Milliseconds()).Int64()
		if err != nil {
			if ctx.Err() != nil {
				return errStopped
			}
			return fmt.Errorf("host gate: %w", err)
		}
		if ms <= 0 {
			return nil
		}
		if err := sleep(ctx, time.Duration(ms)*time.Millisecond); err != nil {
			return err
		}
	}
}

func (g *redisGate) push(ctx context.Context, host string, until time.Time) error {
	d := time.Until(until)
	if d <= 0 {
		return nil
	}
	return pushGateScript.Run(context.WithoutCancel(ctx), g.rdb, []string{g.prefix + "host:" + host}, d.Milliseconds()).Err()
}
