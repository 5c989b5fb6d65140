package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/scamhunt/scamhunt"
)

// Record is what the store keeps of one listing.
type Record struct {
	Listing scamhunt.Listing `json:"listing"`
	// Base is the classifier's verdict alone; Verdict is what the index
	// holds, Base raised by contact reputation.
	Base      scamhunt.Verdict `json:"base"`
	Verdict   scamhunt.Verdict `json:"verdict"`
	FirstSeen time.Time        `json:"first_seen,omitzero"`
	LastSeen  time.Time        `json:"last_seen,omitzero"`
	Removed   bool             `json:"removed,omitempty"`
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
	db *bolt.DB
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
	bucketListings  = []byte("listings")
	bucketCarriers  = []byte("carriers")
	bucketTallies   = []byte("tallies")
	bucketDirty     = []byte("dirty")
	bucketDirtyKeys = []byte("dirtykeys")
	bucketMeta      = []byte("meta")
	allBuckets      = [][]byte{bucketListings, bucketCarriers, bucketTallies, bucketDirty, bucketDirtyKeys, bucketMeta}
)

// page is how many keys a walk reads per transaction.
const page = 256

// Open opens (creating if needed) the store file.
func Open(file string, opt Options) (*Store, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = time.Second
	}
	db, err := bolt.Open(file, 0o600, &bolt.Options{Timeout: opt.Timeout, NoFreelistSync: true, FreelistType: bolt.FreelistMapType})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open %s: %w", file, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", file, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", file, err)
	}
	return &Store{db: db}, nil
}

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

func getRecord(b *bolt.Bucket, id string) (Record, bool, error) {
	v := b.Get([]byte(id))
	if v == nil {
		return Record{}, false, nil
	}
	var r Record
	if err := json.Unmarshal(v, &r); err != nil {
		return Record{}, false, fmt.Errorf("listing %s: %w", id, err)
	}
	return r, true, nil
}

func putRecord(b *bolt.Bucket, r Record) error {
	v, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("listing %s: %w", r.Listing.ID, err)
	}
	return b.Put([]byte(r.Listing.ID), v)
}

// Put stores recs, each merged with its stored version: the earliest
// FirstSeen, the latest LastSeen, Removed as given. A listing whose
// content and Base verdict are unchanged keeps its stored Verdict (the
// reputation a reclassification gave it); a new or changed one takes the
// Verdict given and is marked dirty, with its contacts old and new. Put
// returns the records as stored, in the order given: what the index should
// now hold.
func (s *Store) Put(ctx context.Context, recs []Record) ([]Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("store put: %w", err)
	}
	out := make([]Record, 0, len(recs))
	err := s.db.Update(func(tx *bolt.Tx) error {
		ls := tx.Bucket(bucketListings)
		for _, r := range recs {
			if r.Listing.ID == "" {
				return errors.New("listing without an id")
			}
			r.Hash = ListingHash(r.Listing)
			old, found, err := getRecord(ls, r.Listing.ID)
			if err != nil {
				return err
			}
			if found {
				if !old.FirstSeen.IsZero() && (r.FirstSeen.IsZero() || old.FirstSeen.Before(r.FirstSeen)) {
					r.FirstSeen = old.FirstSeen
				}
				if old.LastSeen.After(r.LastSeen) {
					r.LastSeen = old.LastSeen
				}
			}
			same := found && old.Hash == r.Hash && equalVerdict(old.Base, r.Base) && slices.Equal(old.Contacts, r.Contacts)
			if same {
				r.Verdict = old.Verdict
			} else {
				if err := markDirty(tx, r.Listing.ID, append(slices.Clone(old.Contacts), r.Contacts...)); err != nil {
					return err
				}
				if err := setCarriers(tx, r.Listing.ID, old.Contacts, r.Contacts); err != nil {
					return err
				}
			}
			if err := putRecord(ls, r); err != nil {
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

// Update calls fn on each stored listing of ids in one transaction and
// writes back what fn changed of Base, Verdict, LastSeen and Removed (the
// listing itself and its contacts change only through Put). fn returns
// whether to write. IDs not stored are skipped. It returns how many
// records were written.
func (s *Store) Update(ctx context.Context, ids []string, fn func(*Record) bool) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("store update: %w", err)
	}
	n := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		ls := tx.Bucket(bucketListings)
		for _, id := range ids {
			old, found, err := getRecord(ls, id)
			if err != nil || !found {
				if err != nil {
					return err
				}
				continue
			}
			r := old
			r.Listing.Contacts = slices.Clone(old.Listing.Contacts)
			if !fn(&r) {
				continue
			}
			old.Base, old.Verdict, old.LastSeen, old.Removed = r.Base, r.Verdict, r.LastSeen, r.Removed
			if err := putRecord(ls, old); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store update: %w", err)
	}
	return n, nil
}

// Touch records listings seen again unchanged at a recrawl: LastSeen moves
// on to at and a listing marked removed is back. Unknown IDs are skipped.
func (s *Store) Touch(ctx context.Context, ids []string, at time.Time) error {
	_, err := s.Update(ctx, ids, func(r *Record) bool {
		if !r.Removed && !r.LastSeen.Before(at) {
			return false
		}
		r.Removed = false
		if r.LastSeen.Before(at) {
			r.LastSeen = at
		}
		return true
	})
	return err
}

// MarkRemoved flags listings gone from their site; it returns how many
// were not flagged before.
func (s *Store) MarkRemoved(ctx context.Context, ids []string) (int, error) {
	return s.Update(ctx, ids, func(r *Record) bool {
		if r.Removed {
			return false
		}
		r.Removed = true
		return true
	})
}

// Get returns the stored record of id; ok is false when there is none.
func (s *Store) Get(id string) (r Record, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		r, ok, err = getRecord(tx.Bucket(bucketListings), id)
		return err
	})
	return r, ok, err
}

// Len returns how many listings are stored.
func (s *Store) Len() (int, error) {
	n := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketListings).Stats().KeyN
		return nil
	})
	return n, err
}

// All calls fn with every stored record in ID order, reading a page at a
// time; fn may write to the store. It stops at fn's first error.
func (s *Store) All(ctx context.Context, fn func(Record) error) error {
	return s.walk(ctx, bucketListings, nil, func(k, v []byte) error {
		var r Record
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("listing %s: %w", k, err)
		}
		return fn(r)
	})
}

// IDs calls fn with every stored listing ID in order, reading a page at a
// time without decoding the records.
func (s *Store) IDs(ctx context.Context, fn func(id string) error) error {
	return s.walk(ctx, bucketListings, nil, func(k, _ []byte) error { return fn(string(k)) })
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
		err := s.db.View(func(tx *bolt.Tx) error {
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
	err := s.db.View(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketMeta).Get([]byte(key)))
		return nil
	})
	return v, err
}

// SetMeta stores a setting.
func (s *Store) SetMeta(key, value string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte(key), []byte(value))
	})
}
