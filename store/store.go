package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/internal/boltfile"
	"github.com/scamhunt/scamhunt/internal/deflate"
)

// Record is what the store keeps of one listing.
type Record struct {
	Listing scamhunt.Listing `json:"listing"`
	// Base is the classifier's verdict alone; Verdict is what the index
	// holds, Base raised by contact reputation.
	Base    scamhunt.Verdict `json:"base"`
	Verdict scamhunt.Verdict `json:"verdict"`
	// Provenance is what made Verdict (nil: not recorded); a rebuilt
	// index shows it as the crawl or reclassification left it.
	Provenance *scamhunt.Provenance `json:"provenance,omitempty"`
	FirstSeen  time.Time            `json:"first_seen,omitzero"`
	LastSeen   time.Time            `json:"last_seen,omitzero"`
	Removed    bool                 `json:"removed,omitempty"`
	// Hash is the content hash of the listing without its fetch time: a
	// listing fetched again with the same content has the same hash.
	Hash string `json:"hash"`
	// Contacts are the keys (scamhunt.Contact.Key) reputation counts the
	// listing under; Put keeps the carriers bucket in step with them.
	Contacts []string `json:"contacts,omitempty"`
}

// ListingHash is the content hash Put gives a listing: its JSON form
// without the fetch time.
func ListingHash(l scamhunt.Listing) string {
	l.FetchedAt = time.Time{}
	b, _ := json.Marshal(l)
	return scamhunt.ContentHash(b)
}

// Store is the listing store. It is safe for concurrent use; bbolt
// serialises writers.
type Store struct {
	db   *bolt.DB
	path string
	log  *bodyLog
}

// Options tune Open; the zero value means the defaults.
type Options struct {
	// Timeout bounds the wait for the file lock another process holds;
	// 0 means 1s. The data dir's owner lock is what keeps processes
	// apart: this is a backstop, so nothing waits forever.
	Timeout time.Duration
}

// ErrLocked is returned by Open when another process holds the file.
var ErrLocked = errors.New("listing store is locked by another process")

var (
	bucketHeads     = []byte("heads")
	bucketBodies    = []byte("bodies")
	bucketCarriers  = []byte("carriers")
	bucketTallies   = []byte("tallies")
	bucketDirty     = []byte("dirty")
	bucketDirtyKeys = []byte("dirtykeys")
	bucketMeta      = []byte("meta")
	// bucketBodies held the bodies before they moved to a file of their
	// own (bodies.go); Open moves an older store's out of it.
	allBuckets = [][]byte{bucketHeads, bucketCarriers, bucketTallies, bucketDirty, bucketDirtyKeys, bucketMeta}
)

// page is how many keys a walk reads per transaction.
const page = 256

// Open opens (creating if needed) the store file.
func Open(file string, opt Options) (*Store, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = time.Second
	}
	s := &Store{path: file}
	// A damaged file must give an error naming the fix, not a panic in
	// bbolt: every page reachable from the root is checked first.
	err := boltfile.Check(file, opt.Timeout)
	if err == nil {
		err = s.guard(func() error {
			s.db, err = bolt.Open(file, 0o600, &bolt.Options{Timeout: opt.Timeout, NoFreelistSync: true, FreelistType: bolt.FreelistMapType})
			return err
		})
	}
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open %s: %w", file, ErrLocked)
	}
	if err == nil {
		err = s.dbUpdate(func(tx *bolt.Tx) error {
			for _, b := range allBuckets {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		if s.db != nil {
			s.db.Close()
		}
		if why, ok := boltfile.Reason(err); ok {
			return nil, &CorruptError{File: file, Why: why}
		}
		return nil, fmt.Errorf("open %s: %w", file, err)
	}
	if err := s.openBodies(); err != nil {
		s.db.Close()
		if ce := (*CorruptError)(nil); errors.As(err, &ce) {
			return nil, err
		}
		return nil, fmt.Errorf("open %s: %w", file, err)
	}
	return s, nil
}

// CorruptError is a listing store whose file is damaged: File and why.
// The store holds what crawls fetched, and the index holds it too: moved
// aside, the store is filled again from the index when next opened, and a
// recrawl fetches the rest.
type CorruptError struct {
	File, Why string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("listing store %s is corrupt: %s; move it and its %s.bodies.* files aside: the next command fills a new store from the index (human labels are kept in overrides.jsonl), and a recrawl fetches what the index lacks", e.File, e.Why, e.File)
}

// dbView and dbUpdate run a bbolt transaction; a panic or memory fault
// on a damaged page becomes a *CorruptError.
func (s *Store) dbView(fn func(*bolt.Tx) error) error {
	return s.guard(func() error { return s.db.View(fn) })
}

func (s *Store) dbUpdate(fn func(*bolt.Tx) error) error {
	return s.guard(func() error { return s.db.Update(fn) })
}

func (s *Store) guard(fn func() error) error {
	err := boltfile.Guard(fn)
	if why, ok := boltfile.Reason(err); ok {
		return &CorruptError{File: s.path, Why: why}
	}
	return err
}

// Close closes the files.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.log != nil {
		err = errors.Join(err, s.log.close())
	}
	return err
}

// A listing is kept in two parts. Its head (bucket heads, by listing ID)
// is small: what a crawl and a reclassification consult for every
// listing. Its body holds the listing and its verdicts, in the bodies
// file (bodies.go), which is appended to and never mapped, so the passes
// over heads never page bodies in.

// head is the small part of a stored listing.
type head struct {
	// Off and Len place the body in the bodies file; an older store's
	// heads have neither, and Seq keys their body in bucket bodies until
	// Open moves it.
	Off       int64     `json:"o,omitempty"`
	Len       uint32    `json:"n,omitempty"`
	Seq       uint64    `json:"q,omitempty"`
	Hash      string    `json:"h"`
	BaseHash  string    `json:"b"`
	FirstSeen time.Time `json:"f,omitzero"`
	LastSeen  time.Time `json:"l,omitzero"`
	Removed   bool      `json:"r,omitempty"`
	Raised    bool      `json:"v,omitempty"` // Verdict differs from Base
	Maker     string    `json:"m,omitempty"` // Provenance.Maker of the verdict
	Contacts  []string  `json:"c,omitempty"`
}

// body is the big part, stored flate-compressed; Verdict is left out
// when it equals Base, as it does for most listings.
type body struct {
	Listing    scamhunt.Listing     `json:"listing"`
	Base       scamhunt.Verdict     `json:"base"`
	Verdict    *scamhunt.Verdict    `json:"verdict,omitempty"`
	Provenance *scamhunt.Provenance `json:"provenance,omitempty"`
}

// Head is what the store tells of a listing without reading its body.
type Head struct {
	Contacts []string // contact keys
	Raised   bool     // the verdict differs from the base verdict
	// Maker is what made the verdict (scamhunt.Provenance.Maker); "" when
	// not recorded.
	Maker string
}

// Carrier is a listing carrying a contact, as the carriers table holds it
// for reputation: no body is read to count a contact's listings.
type Carrier struct {
	ID    string         `json:"-"`
	Site  string         `json:"s,omitempty"`
	City  string         `json:"c,omitempty"`
	Label scamhunt.Label `json:"l"` // of the base verdict
	Score float64        `json:"x"`
}

// formatFlate marks a body as flate-compressed JSON.
const formatFlate = 1

func seqKey(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// txn is a bbolt transaction with the bodies file: a write transaction
// appends its bodies (app) and syncs them before bbolt commits.
type txn struct {
	tx   *bolt.Tx
	log  *bodyLog
	file string    // the store's bbolt file, for errors
	app  *appender // nil in a read transaction
}

// corrupt is a *CorruptError of the store's file: a record it holds does
// not decode.
func (t *txn) corrupt(format string, a ...any) error {
	return &CorruptError{File: t.file, Why: fmt.Sprintf(format, a...)}
}

// view runs fn in a read transaction.
func (s *Store) view(fn func(t *txn) error) error {
	return s.dbView(func(tx *bolt.Tx) error { return fn(&txn{tx: tx, log: s.log, file: s.path}) })
}

// update runs fn in a write transaction; the bodies it appended are
// synced, and the live byte count moved, before bbolt commits.
func (s *Store) update(fn func(t *txn) error) error {
	return s.dbUpdate(func(tx *bolt.Tx) error {
		t := &txn{tx: tx, log: s.log, file: s.path, app: &appender{l: s.log}}
		if err := fn(t); err != nil {
			return err
		}
		if err := t.app.flush(); err != nil {
			return err
		}
		if t.app.live == 0 {
			return nil
		}
		m := tx.Bucket(bucketMeta)
		return m.Put(metaBodiesLive, binary.BigEndian.AppendUint64(nil, uint64(int64(liveBytes(m))+t.app.live)))
	})
}

// liveBytes is the bytes of bodies-file frames that heads name.
func liveBytes(meta *bolt.Bucket) uint64 {
	v := meta.Get(metaBodiesLive)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func (t *txn) getHead(id string) (head, bool, error) {
	v := t.tx.Bucket(bucketHeads).Get([]byte(id))
	if v == nil {
		return head{}, false, nil
	}
	var h head
	if err := json.Unmarshal(v, &h); err != nil {
		return head{}, false, t.corrupt("listing %s: %v", id, err)
	}
	return h, true, nil
}

func (t *txn) putHead(id string, h head) error {
	v, err := json.Marshal(h)
	if err != nil {
		return err
	}
	return t.tx.Bucket(bucketHeads).Put([]byte(id), v)
}

// rawBody is the stored payload of h's body: formatFlate and the
// compressed JSON.
func (t *txn) rawBody(id string, h head) ([]byte, error) {
	if h.Off != 0 {
		return t.log.read(h.Off, h.Len)
	}
	if b := t.tx.Bucket(bucketBodies); b != nil && h.Seq != 0 {
		if v := b.Get(seqKey(h.Seq)); v != nil {
			return v, nil
		}
	}
	return nil, t.corrupt("listing %s: body missing", id)
}

func (t *txn) getBody(id string, h head) (body, error) {
	v, err := t.rawBody(id, h)
	if err != nil {
		return body{}, err
	}
	if len(v) == 0 || v[0] != formatFlate {
		return body{}, t.corrupt("listing %s: body of an unknown format", id)
	}
	var b body
	if err := deflate.Unpack(v[1:], func(r io.Reader) error { return json.NewDecoder(r).Decode(&b) }); err != nil {
		return body{}, t.corrupt("listing %s: %v", id, err)
	}
	return b, nil
}

// encodeBody is the stored payload of r's body; raised (the head's) says
// r.Verdict differs from r.Base and is kept too.
func encodeBody(r Record, raised bool) ([]byte, error) {
	b := body{Listing: r.Listing, Base: r.Base, Provenance: r.Provenance}
	if raised {
		b.Verdict = &r.Verdict
	}
	return deflate.Pack(formatFlate, func(w io.Writer) error { return json.NewEncoder(w).Encode(b) })
}

// putBody appends r's body and points h, whose Raised is set for r, at
// it; the frame h named before is dead.
func (t *txn) putBody(h *head, r Record) error {
	v, err := encodeBody(r, h.Raised)
	if err != nil {
		return err
	}
	if h.Off != 0 {
		t.app.live -= int64(frameHeader) + int64(h.Len)
	}
	h.Off, h.Len = t.app.add(v)
	return nil
}

// getRecord reads a whole record: head and body.
func (t *txn) getRecord(id string) (Record, head, bool, error) {
	h, ok, err := t.getHead(id)
	if err != nil || !ok {
		return Record{}, h, ok, err
	}
	b, err := t.getBody(id, h)
	if err != nil {
		return Record{}, h, false, err
	}
	r := Record{
		Listing: b.Listing, Base: b.Base, Verdict: b.Base, Provenance: b.Provenance, FirstSeen: h.FirstSeen, LastSeen: h.LastSeen,
		Removed: h.Removed, Hash: h.Hash, Contacts: h.Contacts,
	}
	if b.Verdict != nil {
		r.Verdict = *b.Verdict
	}
	return r, h, true, nil
}

// putRecord writes r over h (the zero head for a new listing): its head,
// its body when writeBody or it has none yet, and its carriers when the
// contacts or the base verdict changed from old.
func (t *txn) putRecord(r Record, h head, old *head, writeBody bool) error {
	h.Hash, h.BaseHash = r.Hash, verdictHash(r.Base)
	h.FirstSeen, h.LastSeen, h.Removed = r.FirstSeen, r.LastSeen, r.Removed
	h.Raised, h.Contacts, h.Maker = !equalVerdict(r.Verdict, r.Base), r.Contacts, maker(r.Provenance)
	if writeBody || (h.Off == 0 && h.Seq == 0) {
		if err := t.putBody(&h, r); err != nil {
			return err
		}
	}
	if old == nil || old.BaseHash != h.BaseHash || !slices.Equal(old.Contacts, h.Contacts) {
		var was []string
		if old != nil {
			was = old.Contacts
		}
		c := Carrier{Site: r.Listing.Site, City: r.Listing.City, Label: r.Base.Label, Score: r.Base.Score}
		if err := setCarriers(t.tx, r.Listing.ID, was, r.Contacts, c); err != nil {
			return err
		}
	}
	return t.putHead(r.Listing.ID, h)
}

// Put stores recs, each merged with its stored version: the earliest
// FirstSeen, the latest LastSeen, Removed as given. A listing whose
// content and Base verdict are unchanged keeps its stored Verdict (the
// reputation a reclassification gave it) with that verdict's Provenance;
// a new or changed one takes the Verdict and Provenance given and is
// marked dirty, with its contacts old and new. Put returns the records as
// stored, in the order given: what the index should now hold.
func (s *Store) Put(ctx context.Context, recs []Record) ([]Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("store put: %w", err)
	}
	out := make([]Record, 0, len(recs))
	err := s.update(func(t *txn) error {
		for _, r := range recs {
			if r.Listing.ID == "" {
				return errors.New("listing without an id")
			}
			r.Hash = ListingHash(r.Listing)
			old, found, err := t.getHead(r.Listing.ID)
			if err != nil {
				return err
			}
			var prev *head
			if found {
				prev = &old
				if !old.FirstSeen.IsZero() && (r.FirstSeen.IsZero() || old.FirstSeen.Before(r.FirstSeen)) {
					r.FirstSeen = old.FirstSeen
				}
				if old.LastSeen.After(r.LastSeen) {
					r.LastSeen = old.LastSeen
				}
			}
			same := found && old.Hash == r.Hash && old.BaseHash == verdictHash(r.Base) && slices.Equal(old.Contacts, r.Contacts)
			switch {
			case same && old.Raised:
				b, err := t.getBody(r.Listing.ID, old)
				if err != nil {
					return err
				}
				r.Verdict, r.Provenance = *b.Verdict, b.Provenance
			case same:
				r.Verdict = r.Base
			default:
				if err := markDirty(t.tx, r.Listing.ID, append(slices.Clone(old.Contacts), r.Contacts...)); err != nil {
					return err
				}
			}
			if err := t.putRecord(r, old, prev, true); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store put: %w", err)
	}
	return out, nil
}

func equalVerdict(a, b scamhunt.Verdict) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func equalProvenance(a, b *scamhunt.Provenance) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Rules == b.Rules && a.Model == b.Model && a.Tool == b.Tool && a.ClassifiedAt.Equal(b.ClassifiedAt)
}

// maker is the head's name for what made a verdict.
func maker(p *scamhunt.Provenance) string {
	if p == nil {
		return ""
	}
	return p.Maker()
}

// verdictHash names a verdict by content, for the head.
func verdictHash(v scamhunt.Verdict) string {
	b, _ := json.Marshal(v)
	return scamhunt.ContentHash(b)[:16]
}

// Update calls fn on each stored listing of ids in one transaction and
// writes back what fn changed of Base, Verdict, Provenance, LastSeen and
// Removed (Touch and MarkRemoved are such functions; the listing itself
// and its contacts change only through Put). fn returns whether to write.
// IDs not stored are skipped. It returns how many records were written.
func (s *Store) Update(ctx context.Context, ids []string, fn func(*Record) bool) (int, error) {
	return s.each(ctx, ids, func(t *txn, id string) (bool, error) {
		old, h, found, err := t.getRecord(id)
		if err != nil || !found {
			return false, err
		}
		r := old
		r.Listing.Contacts = slices.Clone(old.Listing.Contacts)
		if !fn(&r) {
			return false, nil
		}
		bodyChanged := !equalVerdict(r.Base, old.Base) || !equalVerdict(r.Verdict, old.Verdict) || !equalProvenance(r.Provenance, old.Provenance)
		old.Base, old.Verdict, old.Provenance, old.LastSeen, old.Removed = r.Base, r.Verdict, r.Provenance, r.LastSeen, r.Removed
		return true, t.putRecord(old, h, &h, bodyChanged)
	})
}

// each runs fn on each of ids in one write transaction and counts the
// IDs for which it wrote.
func (s *Store) each(ctx context.Context, ids []string, fn func(t *txn, id string) (bool, error)) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("store update: %w", err)
	}
	n := 0
	err := s.update(func(t *txn) error {
		for _, id := range ids {
			wrote, err := fn(t, id)
			if err != nil {
				return err
			}
			if wrote {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store update: %w", err)
	}
	return n, nil
}

// Judgement is a verdict and what made it, as SetVerdicts writes them.
type Judgement struct {
	Verdict    scamhunt.Verdict
	Provenance *scamhunt.Provenance
}

// SetVerdicts gives listings their verdicts and removes the listings done
// from the dirty set, in one transaction. It returns the records whose
// verdict or provenance changed, as stored.
func (s *Store) SetVerdicts(ctx context.Context, verdicts map[string]Judgement, done []Mark) ([]Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("store verdicts: %w", err)
	}
	var changed []Record
	err := s.update(func(t *txn) error {
		for id, j := range verdicts {
			r, h, found, err := t.getRecord(id)
			if err != nil {
				return err
			}
			if !found || (equalVerdict(r.Verdict, j.Verdict) && equalProvenance(r.Provenance, j.Provenance)) {
				continue
			}
			r.Verdict, r.Provenance = j.Verdict, j.Provenance
			if err := t.putRecord(r, h, &h, true); err != nil {
				return err
			}
			changed = append(changed, r)
		}
		return cleanTx(t.tx, bucketDirty, done)
	})
	if err != nil {
		return nil, fmt.Errorf("store verdicts: %w", err)
	}
	return changed, nil
}

// Touch records r seen again unchanged at at (an Update function): its
// LastSeen moves on and a removed listing is back. It says whether r
// changed.
func Touch(r *Record, at time.Time) bool { return touch(&r.Removed, &r.LastSeen, at) }

func touch(removed *bool, last *time.Time, at time.Time) bool {
	if !*removed && !last.Before(at) {
		return false
	}
	*removed = false
	if last.Before(at) {
		*last = at
	}
	return true
}

// MarkRemoved flags r gone from its site (an Update function); it says
// whether r was not flagged before.
func MarkRemoved(r *Record) bool {
	if r.Removed {
		return false
	}
	r.Removed = true
	return true
}

// Get returns the stored record of id; ok is false when there is none.
func (s *Store) Get(id string) (r Record, ok bool, err error) {
	err = s.view(func(t *txn) error {
		r, _, ok, err = t.getRecord(id)
		return err
	})
	return r, ok, err
}

// Head returns the small part of id's record, without reading its body.
func (s *Store) Head(id string) (Head, bool, error) {
	var h head
	var ok bool
	err := s.view(func(t *txn) error {
		var err error
		h, ok, err = t.getHead(id)
		return err
	})
	return Head{Contacts: h.Contacts, Raised: h.Raised, Maker: h.Maker}, ok, err
}

// Len returns how many listings are stored.
func (s *Store) Len() (int, error) {
	n := 0
	err := s.dbView(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketHeads).Stats().KeyN
		return nil
	})
	return n, err
}

// All calls fn with every stored record in ID order, reading a page at a
// time; fn may write to the store. It stops at fn's first error.
func (s *Store) All(ctx context.Context, fn func(Record) error) error {
	return s.IDs(ctx, func(id string) error {
		r, ok, err := s.Get(id)
		if err != nil || !ok {
			return err
		}
		return fn(r)
	})
}

// IDs calls fn with every stored listing ID in order, reading a page at a
// time without decoding the records.
func (s *Store) IDs(ctx context.Context, fn func(id string) error) error {
	return s.walk(ctx, bucketHeads, nil, func(k, _ []byte) error { return fn(string(k)) })
}

// walk calls fn with each key/value of bucket under prefix, a page per
// read transaction, so fn runs outside any transaction.
func (s *Store) walk(ctx context.Context, bucket, prefix []byte, fn func(k, v []byte) error) error {
	type kv struct{ k, v []byte }
	from := prefix
	first := true
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var batch []kv
		err := s.dbView(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucket).Cursor()
			k, v := c.Seek(from)
			if !first && k != nil && bytes.Equal(k, from) {
				k, v = c.Next()
			}
			for ; k != nil && bytes.HasPrefix(k, prefix) && len(batch) < page; k, v = c.Next() {
				batch = append(batch, kv{bytes.Clone(k), bytes.Clone(v)})
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, e := range batch {
			if err := fn(e.k, e.v); err != nil {
				return err
			}
		}
		if len(batch) < page {
			return nil
		}
		from, first = batch[len(batch)-1].k, false
	}
}

// Meta returns a setting ("" when unset).
func (s *Store) Meta(key string) (string, error) {
	var v string
	err := s.dbView(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketMeta).Get([]byte(key)))
		return nil
	})
	return v, err
}

// SetMeta stores a setting.
func (s *Store) SetMeta(key, value string) error {
	return s.dbUpdate(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte(key), []byte(value))
	})
}
