package crawler

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/scamhunt/scamhunt/internal/boltfile"
	"github.com/scamhunt/scamhunt/internal/deflate"
)

// boltFrontier keeps the frontier in one bbolt file under DataDir:
//
//	run    gen, state ("running"/"finished")
//	urls   canonical URL -> gen(4) | queue seq(8) | JSON urlMeta
//	queue  seq(8, big-endian) -> JSON entry, in discovery order
//	links  canonical URL -> outlinks, newline-separated, flate-compressed
//	       after a marker byte (packLinks; a file from an older build holds
//	       them uncompressed, which reads as well)
//
// An entry stays in the queue until its fetch completes, so a crawl killed
// at any point resumes with exactly the unfinished URLs. Handed-out
// entries are tracked by a cursor over the queue, not a copy in memory.
type boltFrontier struct {
	db      *bolt.DB
	path    string
	tmp     string // temporary DataDir to remove on close
	mu      sync.Mutex
	gen     int
	cursor  uint64
	memGate *memGate
	known   genMemo // used by complete alone (the commit loop)
}

// genMemo remembers URLs the frontier holds at the current generation:
// the links a board repeats on every page (navigation, cities,
// pagination) then skip a lookup in the URL table each time they are
// found again. It is filled only after a commit, so it never holds a URL
// a failed transaction wrote; it is bounded, and starts afresh past
// genMemoMax or at a new generation.
type genMemo struct {
	gen  int
	urls map[string]struct{}
}

const genMemoMax = 1 << 12

func (m *genMemo) has(gen int, u string) bool {
	_, ok := m.urls[u]
	return ok && m.gen == gen
}

func (m *genMemo) add(gen int, urls []string) {
	if m.urls == nil || m.gen != gen || len(m.urls)+len(urls) > genMemoMax {
		m.gen, m.urls = gen, make(map[string]struct{}, min(genMemoMax, 2*len(urls)))
	}
	for _, u := range urls {
		m.urls[u] = struct{}{}
	}
}

var (
	bucketRun   = []byte("run")
	bucketURLs  = []byte("urls")
	bucketQueue = []byte("queue")
	bucketLinks = []byte("links")
)

func openBolt(dataDir, site string) (*boltFrontier, error) {
	f := &boltFrontier{memGate: newMemGate()}
	if dataDir == "" {
		dir, err := os.MkdirTemp("", "scamhunt-crawl-")
		if err != nil {
			return nil, fmt.Errorf("frontier: %w", err)
		}
		dataDir, f.tmp = dir, dir
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("frontier: %w", err)
	}
	f.path = filepath.Join(dataDir, "frontier-"+fileSafe(site)+".db")
	const lockWait = time.Second // another crawl of the same site holds the file lock
	locked := fmt.Errorf("frontier %s is locked: another crawl of this site is running", f.path)
	// A damaged file must give an error, not a fault: check it whole first.
	switch err := boltfile.Check(f.path, lockWait); {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, locked
	case err != nil:
		return nil, f.failed(err)
	}
	err := boltfile.Guard(func() error {
		db, err := bolt.Open(f.path, 0o600, &bolt.Options{
			Timeout:        lockWait,
			NoFreelistSync: true,
			FreelistType:   bolt.FreelistMapType,
		})
		if err != nil {
			return err
		}
		f.db = db
		return nil
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, locked
	}
	if err != nil {
		return nil, f.failed(err)
	}
	err = f.update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketRun, bucketURLs, bucketQueue, bucketLinks} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		f.db.Close()
		return nil, err
	}
	return f, nil
}

// failed names the file in an error; a damaged file also gets the fix.
func (f *boltFrontier) failed(err error) error {
	if why, ok := boltfile.Reason(err); ok {
		return fmt.Errorf("frontier %s is corrupt: %s; delete it to start the crawl afresh (listings already indexed are kept)", f.path, why)
	}
	return fmt.Errorf("frontier %s: %w", f.path, err)
}

// view and update run a transaction with bbolt's panics on a damaged page
// turned into an error naming the file and the fix.
func (f *boltFrontier) view(fn func(*bolt.Tx) error) error {
	return f.guard(func() error { return f.db.View(fn) })
}

func (f *boltFrontier) update(fn func(*bolt.Tx) error) error {
	return f.guard(func() error { return f.db.Update(fn) })
}

func (f *boltFrontier) guard(fn func() error) error {
	err := boltfile.Guard(fn)
	if _, ok := boltfile.Reason(err); ok {
		return f.failed(err)
	}
	return err
}

func fileSafe(s string) string {
	if s == "" {
		return "default"
	}
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

func (f *boltFrontier) gate() gate { return f.memGate }

func (f *boltFrontier) close() error {
	err := f.db.Close()
	if f.tmp != "" {
		os.RemoveAll(f.tmp)
	}
	return err
}

func (f *boltFrontier) begin(_ context.Context, starts []entry) (int, bool, error) {
	var gen int
	var resumed bool
	err := f.update(func(tx *bolt.Tx) error {
		run := tx.Bucket(bucketRun)
		gen, _ = strconv.Atoi(string(run.Get([]byte("gen"))))
		resumed = gen > 0 && string(run.Get([]byte("state"))) == "running"
		if !resumed {
			gen++
			if err := tx.DeleteBucket(bucketQueue); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(bucketQueue); err != nil {
				return err
			}
			if err := run.Put([]byte("gen"), []byte(strconv.Itoa(gen))); err != nil {
				return err
			}
			if err := run.Put([]byte("state"), []byte("running")); err != nil {
				return err
			}
		}
		_, _, err := boltPush(tx, gen, starts, nil)
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("frontier begin: %w", err)
	}
	f.mu.Lock()
	f.gen, f.cursor = gen, 0
	f.mu.Unlock()
	return gen, resumed, nil
}

type boltRec struct {
	gen  int
	seq  uint64
	meta urlMeta
}

func getRec(b *bolt.Bucket, u string) (boltRec, bool) {
	return decodeRec(b.Get([]byte(u)))
}

// decodeRec reads a stored URL record.
func decodeRec(v []byte) (boltRec, bool) {
	if len(v) < 12 {
		return boltRec{}, false
	}
	r := boltRec{gen: int(binary.BigEndian.Uint32(v)), seq: binary.BigEndian.Uint64(v[4:])}
	r.meta = decodeMeta(v[12:])
	r.meta.Gen = r.gen
	return r, true
}

// genOf reads only the generation of a stored URL: the common case of a
// link already seen is answered without decoding JSON.
func genOf(b *bolt.Bucket, u string) (int, bool) {
	v := b.Get([]byte(u))
	if len(v) < 12 {
		return 0, false
	}
	return int(binary.BigEndian.Uint32(v)), true
}

func putRec(b *bolt.Bucket, u string, r boltRec) error {
	r.meta.Gen = r.gen
	m := encodeMeta(r.meta)
	v := make([]byte, 12+len(m))
	binary.BigEndian.PutUint32(v, uint32(r.gen))
	binary.BigEndian.PutUint64(v[4:], r.seq)
	copy(v[12:], m)
	return b.Put([]byte(u), v)
}

func seqKey(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// boltPush queues the links not yet seen in generation gen (known, when
// not nil, names some that were) and returns how many it added by skip
// reason and every link now known at gen.
func boltPush(tx *bolt.Tx, gen int, links []entry, known *genMemo) (map[string]int, []string, error) {
	urls, queue := tx.Bucket(bucketURLs), tx.Bucket(bucketQueue)
	added := map[string]int{}
	var atGen []string
	for _, e := range links {
		if known != nil && known.has(gen, e.URL) {
			continue
		}
		atGen = append(atGen, e.URL)
		if g, ok := genOf(urls, e.URL); ok && g == gen {
			continue
		}
		r, _ := getRec(urls, e.URL)
		r.gen, r.seq = gen, 0
		if e.Skip != "" {
			r.meta = r.meta.apply(gen, outcome{Skip: e.Skip}, time.Time{})
		} else {
			r.meta.Done = false
			seq, err := queue.NextSequence()
			if err != nil {
				return nil, nil, err
			}
			v, _ := json.Marshal(e)
			if err := queue.Put(seqKey(seq), v); err != nil {
				return nil, nil, err
			}
			r.seq = seq
		}
		if err := putRec(urls, e.URL, r); err != nil {
			return nil, nil, err
		}
		added[e.Skip]++
	}
	return added, atGen, nil
}

func (f *boltFrontier) next(_ context.Context, n int) ([]lease, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []lease
	var stale [][]byte
	err := f.view(func(tx *bolt.Tx) error {
		urls := tx.Bucket(bucketURLs)
		c := tx.Bucket(bucketQueue).Cursor()
		for k, v := c.Seek(seqKey(f.cursor + 1)); k != nil && len(out) < n; k, v = c.Next() {
			f.cursor = binary.BigEndian.Uint64(k)
			var e entry
			if json.Unmarshal(v, &e) != nil {
				stale = append(stale, append([]byte(nil), k...))
				continue
			}
			if r, ok := getRec(urls, e.URL); ok && r.gen == f.gen && r.meta.Done {
				// Fetched meanwhile as the target of a redirect.
				stale = append(stale, append([]byte(nil), k...))
				continue
			}
			out = append(out, lease{entry: e, id: strconv.FormatUint(f.cursor, 10)})
		}
		return nil
	})
	if err == nil && len(stale) > 0 {
		err = f.update(func(tx *bolt.Tx) error {
			q := tx.Bucket(bucketQueue)
			for _, k := range stale {
				if err := q.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("frontier next: %w", err)
	}
	return out, nil
}

// complete commits a batch of completions, early ones (links only)
// included, in one transaction: one fsync for many pages.
func (f *boltFrontier) complete(_ context.Context, cs []completion) (map[string]int, error) {
	gen := f.currentGen()
	now := time.Now().UTC()
	added := map[string]int{}
	var atGen []string
	err := f.update(func(tx *bolt.Tx) error {
		for _, c := range cs {
			var a map[string]int
			var seen []string
			var err error
			if c.early {
				a, seen, err = boltPush(tx, gen, c.links, &f.known)
			} else {
				a, seen, err = boltComplete(tx, gen, now, c, &f.known)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", c.l.URL, err)
			}
			for k, n := range a {
				added[k] += n
			}
			atGen = append(atGen, seen...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("frontier complete: %w", err)
	}
	f.known.add(gen, atGen)
	return added, nil
}

func boltComplete(tx *bolt.Tx, gen int, now time.Time, c completion, known *genMemo) (map[string]int, []string, error) {
	urls, queue := tx.Bucket(bucketURLs), tx.Bucket(bucketQueue)
	if seq, err := strconv.ParseUint(c.l.id, 10, 64); err == nil {
		if err := queue.Delete(seqKey(seq)); err != nil {
			return nil, nil, err
		}
	}
	for _, u := range append([]string{c.l.URL}, c.o.Also...) {
		r, _ := getRec(urls, u)
		if r.seq != 0 && r.gen == gen {
			if err := queue.Delete(seqKey(r.seq)); err != nil {
				return nil, nil, err
			}
		}
		r.gen, r.seq, r.meta = gen, 0, r.meta.apply(gen, c.o, now)
		if err := putRec(urls, u, r); err != nil {
			return nil, nil, err
		}
	}
	if c.o.OK && c.o.Links != nil {
		if err := tx.Bucket(bucketLinks).Put([]byte(c.l.URL), packLinks(c.o.Links)); err != nil {
			return nil, nil, err
		}
	}
	return boltPush(tx, gen, c.links, known)
}

func (f *boltFrontier) currentGen() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.gen
}

func (f *boltFrontier) isDone(_ context.Context, u string) (bool, error) {
	gen := f.currentGen()
	var done bool
	err := f.view(func(tx *bolt.Tx) error {
		r, ok := getRec(tx.Bucket(bucketURLs), u)
		done = ok && r.gen == gen && r.meta.Done
		return nil
	})
	return done, err
}

func (f *boltFrontier) lookup(_ context.Context, u string) (urlMeta, []string, bool, error) {
	var m urlMeta
	var links []string
	var ok bool
	err := f.view(func(tx *bolt.Tx) error {
		var r boltRec
		if r, ok = getRec(tx.Bucket(bucketURLs), u); ok {
			m = r.meta
			if !m.LastOK.IsZero() {
				// Only a page fetched before can be answered 304 and
				// need its links replayed: the links table is not read
				// for every URL of a first crawl.
				var err error
				if links, err = unpackLinks(tx.Bucket(bucketLinks).Get([]byte(u))); err != nil {
					return fmt.Errorf("links of %s: %w", u, err)
				}
			}
		}
		return nil
	})
	return m, links, ok, err
}

func (f *boltFrontier) keep(context.Context, []lease) error { return nil }

func (f *boltFrontier) idle(context.Context) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var empty bool
	err := f.view(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketQueue).Cursor().Seek(seqKey(f.cursor + 1))
		empty = k == nil
		return nil
	})
	return empty, err
}

// finish marks the generation finished if nothing is left in the queue;
// entries skipped for a budget keep it open for the next run.
func (f *boltFrontier) finish(context.Context) error {
	return f.update(func(tx *bolt.Tx) error {
		if k, _ := tx.Bucket(bucketQueue).Cursor().First(); k != nil {
			return nil
		}
		return tx.Bucket(bucketRun).Put([]byte("state"), []byte("finished"))
	})
}

// removed reads the URLs in chunks, each in its own guarded transaction,
// and yields outside them: a damaged page is an error, and the caller's
// work between chunks holds no transaction open.
func (f *boltFrontier) removed(context.Context) iter.Seq2[Removal, error] {
	return func(yield func(Removal, error) bool) {
		var gen int
		var finished bool
		err := f.view(func(tx *bolt.Tx) error {
			run := tx.Bucket(bucketRun)
			gen, _ = strconv.Atoi(string(run.Get([]byte("gen"))))
			finished = string(run.Get([]byte("state"))) == "finished"
			return nil
		})
		switch {
		case err != nil:
			yield(Removal{}, fmt.Errorf("frontier: %w", err))
			return
		case gen == 0 || !finished:
			yield(Removal{}, ErrIncomplete)
			return
		case gen == 1:
			// A first crawl has nothing to lose: a page counts as removed
			// only after an earlier generation fetched it, and a page
			// fetched is not fetched again within its generation. The
			// walk would read the whole URL table for nothing.
			return
		}
		const chunk = 512
		var after []byte
		for {
			var batch []Removal
			var last []byte
			n := 0
			err := f.view(func(tx *bolt.Tx) error {
				c := tx.Bucket(bucketURLs).Cursor()
				k, v := c.First()
				if after != nil {
					if k, v = c.Seek(after); k != nil && string(k) == string(after) {
						k, v = c.Next()
					}
				}
				for ; k != nil && n < chunk; k, v = c.Next() {
					n++
					last = append(last[:0], k...)
					r, _ := decodeRec(v)
					if rm, ok := removal(string(k), r.meta, gen); ok {
						batch = append(batch, rm)
					}
				}
				return nil
			})
			if err != nil {
				yield(Removal{}, fmt.Errorf("frontier: %w", err))
				return
			}
			for _, rm := range batch {
				if !yield(rm, nil) {
					return
				}
			}
			if n < chunk {
				return
			}
			after = last
		}
	}
}

var errStopped = errors.New("crawl stopping")

// linksFlate marks a packed outlink list as flate-compressed. An older
// build stored the list as plain text, whose first byte is never this.
const linksFlate = 0x01

// packLinks is the stored form of a page's outlinks: the URLs of a page
// share their host and most of their paths, so they shrink several times
// over, and the links table, the frontier's biggest, with them.
func packLinks(ls []string) []byte {
	if len(ls) == 0 {
		return []byte{}
	}
	v, _ := deflate.Pack(linksFlate, func(w io.Writer) error {
		_, err := io.WriteString(w, strings.Join(ls, "\n"))
		return err
	}) // writes to a bytes.Buffer cannot fail
	return v
}

// unpackLinks reads what packLinks stored, or an older build's plain list.
func unpackLinks(v []byte) ([]string, error) {
	if len(v) == 0 || v[0] != linksFlate {
		return splitLinks(string(v)), nil
	}
	var b []byte
	err := deflate.Unpack(v[1:], func(r io.Reader) (err error) {
		b, err = io.ReadAll(r)
		return err
	})
	if err != nil {
		return nil, err
	}
	return splitLinks(string(b)), nil
}
