// Package crawler fetches a job board into scamhunt.Pages: the first stage
// of the pipeline (crawl -> extract -> classify -> index). It hands over
// raw pages decoded to UTF-8 and never parses listings; extract does.
//
// Colly drives the HTTP work (async requests, per-host LimitRules for
// parallelism and delay, redirects); this package adds what a site operator
// needs before pointing it at a real board:
//
//	config.go          Config (YAML profile block), defaults, Validate
//	crawler.go         Crawler, Crawl's dispatch loop, Removed, Summary
//	run.go             one Crawl: Colly collector set up field by field (the
//	                   COLLY_* environment cannot change it), budgets, robots,
//	                   leases parked per host so a slow host holds no slot
//	fetch.go           what a finished fetch means: page, Unchanged page,
//	                   retry, failure; link following
//	transport.go       under Colly's client: host gate, timeout per exchange,
//	                   body limit, raw bytes kept
//	politeness.go      per-host clock, Crawl-delay, adaptive back-off
//	robots.go          robots.txt with Crawl-delay (github.com/temoto/robotstxt)
//	retry.go           what is retried, exponential back-off, Retry-After
//	charset.go         header, BOM, <meta> anywhere in head, sniffing (GBK,
//	                   GB18030, Big5); decoded with x/text, not by Colly
//	canonical.go       Canonical: the one form of a URL
//	links.go           link discovery (x/net/html tokenizer)
//	trap.go            repeated segments, long and deep URLs, paths that keep
//	                   growing, endless calendars
//	session.go         session IDs: known names dropped by Canonical, others
//	                   found by watching pages (volatile parameters)
//	frontier.go        queue + seen set + per-URL validators, generations
//	frontier_bolt.go   embedded store (go.etcd.io/bbolt) under DataDir
//	frontier_redis.go  shared store: Redis Streams consumer group, leases
//	warc.go            WARC/1.1 evidence (github.com/internetarchive/gowarc)
//	summary.go         Summary and Failure
//
// A crawl survives a stop: the queue and the seen set live in the frontier,
// so Ctrl-C (in-flight pages finish and are sent) and a rerun continue
// without fetching a finished page again. When a crawl finishes, the next
// Crawl is a recrawl with conditional GET; Removed then lists detail pages
// that are gone, for the caller to mark removed.
//
// Delivery is at least once: a page is sent on out before its completion
// is committed to the frontier (in batches, one fsync for many pages), so a
// process killed in between fetches that page again on resume; Ctrl-C
// commits everything first. Retry counts live in memory: a resumed crawl
// gives a failing URL its tries afresh.
//
// With a shared (Redis) frontier, Politeness.Delay and Crawl-delay space
// requests to a host across all workers (a per-host key in Redis);
// Parallelism is per worker process.
//
// A host never stalls the crawl: its leases wait in memory, not in fetch
// slots, while it is busy or its robots.txt loads; a Retry-After up to
// Retry.MaxRetryAfter (10m) is waited out by that host alone, and a host
// asking for longer is left for the next crawl (Summary.HostsDeferred). A
// crawl without a profile gets GenericMaxPages and GenericMaxTime.
//
// A body longer than MaxBodyBytes is cut there; the page is still sent
// (its head and most listings survive) and counted in Summary.Truncated.
package crawler
