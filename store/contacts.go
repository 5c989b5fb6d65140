package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// carrierKey is the carriers bucket's key for a contact on a listing.
func carrierKey(contact, id string) []byte {
	return append(append([]byte(contact), 0), id...)
}

// setCarriers replaces listing id's contacts in the carriers bucket; c
// is what each entry says of it.
func setCarriers(tx *bolt.Tx, id string, old, cur []string, c Carrier) error {
	b := tx.Bucket(bucketCarriers)
	for _, k := range old {
		if !slices.Contains(cur, k) {
			if err := b.Delete(carrierKey(k, id)); err != nil {
				return err
			}
		}
	}
	v, err := json.Marshal(c)
	if err != nil {
		return err
	}
	for _, k := range cur {
		if err := b.Put(carrierKey(k, id), v); err != nil {
			return err
		}
	}
	return nil
}

// Mark is an entry of a dirty set: a listing ID or a contact key, with
// the sequence number of its latest marking. SetTallies and SetVerdicts
// remove the entries they are given unless marked again since read.
type Mark struct {
	Key string
	Seq uint64
}

func mark(b *bolt.Bucket, key string) error {
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	return b.Put([]byte(key), binary.BigEndian.AppendUint64(nil, seq))
}

// markDirty marks a listing and contacts dirty.
func markDirty(tx *bolt.Tx, id string, contacts []string) error {
	if err := mark(tx.Bucket(bucketDirty), id); err != nil {
		return err
	}
	dk := tx.Bucket(bucketDirtyKeys)
	for _, k := range contacts {
		if err := mark(dk, k); err != nil {
			return err
		}
	}
	return nil
}

// MarkDirty marks listings to be judged again (a person relabelled them:
// the contacts they carry count differently), with their contacts.
// Unknown IDs are skipped.
func (s *Store) MarkDirty(ctx context.Context, ids []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.update(func(t *txn) error {
		for _, id := range ids {
			h, ok, err := t.getHead(id)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if err := markDirty(t.tx, id, h.Contacts); err != nil {
				return err
			}
		}
		return nil
	})
}

// MarkAllDirty marks every listing and contact dirty, so the next
// reclassification judges everything.
func (s *Store) MarkAllDirty(ctx context.Context) error {
	var ids []string
	flush := func() error {
		err := s.MarkDirty(ctx, ids)
		ids = ids[:0]
		return err
	}
	err := s.IDs(ctx, func(id string) error {
		if ids = append(ids, id); len(ids) == page {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// MarkListings marks listings dirty without their contacts: their tallies
// are current but the listings must be judged again.
func (s *Store) MarkListings(ctx context.Context, ids []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.dbUpdate(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDirty)
		for _, id := range ids {
			if err := mark(b, id); err != nil {
				return err
			}
		}
		return nil
	})
}

func walkMarks(s *Store, ctx context.Context, bucket []byte, fn func(Mark) error) error {
	return s.walk(ctx, bucket, nil, func(k, v []byte) error {
		m := Mark{Key: string(k)}
		if len(v) == 8 {
			m.Seq = binary.BigEndian.Uint64(v)
		}
		return fn(m)
	})
}

// Dirty calls fn with each listing marked dirty, in ID order.
func (s *Store) Dirty(ctx context.Context, fn func(Mark) error) error {
	return walkMarks(s, ctx, bucketDirty, fn)
}

// DirtyKeys calls fn with each contact key marked dirty, in key order.
func (s *Store) DirtyKeys(ctx context.Context, fn func(Mark) error) error {
	return walkMarks(s, ctx, bucketDirtyKeys, fn)
}

func cleanTx(tx *bolt.Tx, bucket []byte, ms []Mark) error {
	b := tx.Bucket(bucket)
	for _, m := range ms {
		v := b.Get([]byte(m.Key))
		if len(v) == 8 && binary.BigEndian.Uint64(v) != m.Seq {
			continue // marked again since it was read
		}
		if err := b.Delete([]byte(m.Key)); err != nil {
			return err
		}
	}
	return nil
}

// Carriers calls fn with each listing that carries contact, in ID order.
func (s *Store) Carriers(ctx context.Context, contact string, fn func(Carrier) error) error {
	prefix := carrierKey(contact, "")
	return s.walk(ctx, bucketCarriers, prefix, func(k, v []byte) error {
		var c Carrier
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("carrier %q: %w", k, err)
		}
		c.ID = string(k[len(prefix):])
		return fn(c)
	})
}

// Tally returns what was stored for contact by SetTallies (nil if none).
func (s *Store) Tally(contact string) ([]byte, error) {
	var v []byte
	err := s.dbView(func(tx *bolt.Tx) error {
		v = bytes.Clone(tx.Bucket(bucketTallies).Get([]byte(contact)))
		return nil
	})
	return v, err
}

// SetTallies stores reputation's data per contact key (a nil value
// deletes the key's), marks the listings to judge again, and removes the
// contacts done from the dirty set, in one transaction: a crash leaves
// either all of it or none.
func (s *Store) SetTallies(ctx context.Context, tallies map[string][]byte, judge []string, done []Mark) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.dbUpdate(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTallies)
		for k, v := range tallies {
			var err error
			if v == nil {
				err = b.Delete([]byte(k))
			} else {
				err = b.Put([]byte(k), v)
			}
			if err != nil {
				return err
			}
		}
		dirty := tx.Bucket(bucketDirty)
		for _, id := range judge {
			if err := mark(dirty, id); err != nil {
				return err
			}
		}
		return cleanTx(tx, bucketDirtyKeys, done)
	})
}
