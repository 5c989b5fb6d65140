package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"reflect"
	"time"

	"github.com/spf13/cobra"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/classify"
	"github.com/scamhunt/scamhunt/index"
	"github.com/scamhunt/scamhunt/store"
)

// contactList reads an operator's allow or block list under the data dir;
// a missing file is an empty list. It returns the file's bytes too.
func contactList(file string) ([]scamhunt.Contact, []byte, error) {
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	cs, err := classify.ParseContactList(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	return cs, data, nil
}

// judged is what a reclassification did.
type judged struct {
	Rebased int // base verdicts the classifier changed (a rules, model or build change)
	Judged  int // listings judged again
	Changed int // verdicts that changed
	// Raised counts the changed verdicts whose label contact reputation
	// (shared contacts, the block list) moved off the classifier's own.
	Raised int
	// Restamped counts verdicts this classifier confirmed unchanged: only
	// their provenance changed.
	Restamped int
	Full      bool // the rules, model or build changed: every listing was judged
}

// reclassifier brings the verdicts of a data dir up to date with the
// classifier, the allow and block lists, contact reputation and people's
// labels, streaming from the listing store.
type reclassifier struct {
	d   *dataDir
	st  *store.Store
	idx index.Index // nil: the store alone (a rebuild writes the index next)
	cls judge
	log *slog.Logger
}

// run judges again what changed since the last run: listings new or
// changed by a crawl or relabelled, and those sharing a contact with them.
// A change of rules, model or build (the fingerprint kept in the store
// differs) classifies every listing again, and a change of the allow or
// block list judges every listing again, still a page at a time. Every
// verdict it writes, and every one it confirms that another classifier or
// build made, carries its provenance. Memory stays constant: the store
// holds the work left (dirty sets), so an interrupted run is taken up by
// the next.
//
// Three passes: base verdicts (only on a classifier change); per-contact
// tallies of the contacts that changed; verdicts of the listings marked,
// written to the store and the index where they changed.
func (rc *reclassifier) run(ctx context.Context) (judged, error) {
	d, st := rc.d, rc.st
	d.judge.Lock()
	defer d.judge.Unlock()
	var res judged
	ovs, err := d.overrides(rc.log)
	if err != nil {
		return res, err
	}
	allow, block, lists, err := rc.lists()
	if err != nil {
		return res, err
	}
	rcfg := classify.ReputationConfig{Thresholds: rc.cls.Config(), BlockList: "block.txt"}

	if old, err := st.Meta(metaClassifier); err != nil {
		return res, err
	} else if old != rc.cls.fingerprint() {
		res.Full = true
		if res.Rebased, err = rc.rebase(ctx); err != nil {
			return res, err
		}
		if err := st.MarkAllDirty(ctx); err != nil {
			return res, err
		}
		if err := st.SetMeta(metaClassifier, rc.cls.fingerprint()); err != nil {
			return res, err
		}
	}
	if old, err := st.Meta(metaLists); err != nil {
		return res, err
	} else if old != lists {
		if err := markAll(ctx, st); err != nil {
			return res, err
		}
		if err := st.SetMeta(metaLists, lists); err != nil {
			return res, err
		}
	}
	if err := rc.tally(ctx, ovs, rcfg); err != nil {
		return res, err
	}
	rep := classify.NewTallyReputation(func(key string) (classify.ContactTally, bool) {
		var t classify.ContactTally
		b, err := st.Tally(key)
		if err != nil || b == nil || json.Unmarshal(b, &t) != nil {
			return t, false
		}
		return t, true
	}, allow, block, rcfg)
	if err := rc.judge(ctx, ovs, rep, &res); err != nil {
		return res, err
	}
	rc.log.Info("reclassified", "judged", res.Judged, "changed", res.Changed, "raised", res.Raised, "restamped", res.Restamped, "rebased", res.Rebased, "full", res.Full)
	return res, nil
}

// claim records, before a crawl classifies with rc's classifier, what
// made the store's verdicts. An empty store's are this classifier's: the
// crawl about to fill it classifies with it, so the reclassification
// after it need not classify everything again. A store whose verdicts
// another classifier or build made will hold a mix: it is marked as made
// by none, so whichever classifier runs next classifies every listing
// again, even after an interrupted crawl.
func (rc *reclassifier) claim() error {
	n, err := rc.st.Len()
	if err != nil {
		return err
	}
	if n > 0 {
		old, err := rc.st.Meta(metaClassifier)
		if err != nil || old == rc.cls.fingerprint() {
			return err
		}
		return rc.st.SetMeta(metaClassifier, "")
	}
	if err := rc.st.SetMeta(metaClassifier, rc.cls.fingerprint()); err != nil {
		return err
	}
	_, _, lists, err := rc.lists()
	if err != nil {
		return err
	}
	return rc.st.SetMeta(metaLists, lists)
}

// lists reads the allow and block lists and names them by content.
func (rc *reclassifier) lists() (allow, block []scamhunt.Contact, hash string, err error) {
	allow, allowData, err := contactList(rc.d.file("allow.txt"))
	if err != nil {
		return nil, nil, "", err
	}
	block, blockData, err := contactList(rc.d.file("block.txt"))
	if err != nil {
		return nil, nil, "", err
	}
	return allow, block, scamhunt.ContentHash(append(append(allowData, 0), blockData...)), nil
}

// rebase classifies every stored listing again.
func (rc *reclassifier) rebase(ctx context.Context) (int, error) {
	n := 0
	err := pages(ctx, rc.st.IDs, batchSize, func(ids []string) error {
		k, err := rc.st.Update(ctx, ids, func(r *store.Record) bool {
			v := rc.cls.Classify(r.Listing)
			if reflect.DeepEqual(v, r.Base) {
				return false
			}
			r.Base = v
			return true
		})
		n += k
		return err
	})
	return n, err
}

// markAll marks every listing to be judged again.
func markAll(ctx context.Context, st *store.Store) error {
	return pages(ctx, st.IDs, batchSize, func(ids []string) error { return st.MarkListings(ctx, ids) })
}

// pages collects what walk yields into pages of n for fn.
func pages[T any](ctx context.Context, walk func(context.Context, func(T) error) error, n int, fn func([]T) error) error {
	var buf []T
	err := walk(ctx, func(v T) error {
		if buf = append(buf, v); len(buf) == n {
			err := fn(buf)
			buf = buf[:0]
			return err
		}
		return nil
	})
	if err != nil || len(buf) == 0 {
		return err
	}
	return fn(buf)
}

// tally recomputes the tallies of the contacts marked dirty; where a
// tally changed, every listing carrying the contact is judged again.
func (rc *reclassifier) tally(ctx context.Context, ovs map[string]*scamhunt.Override, rcfg classify.ReputationConfig) error {
	st := rc.st
	return pages(ctx, st.DirtyKeys, batchSize, func(marks []store.Mark) error {
		tallies := map[string][]byte{}
		var carriers []string
		for _, m := range marks {
			var t classify.ContactTally
			var ids []string
			err := st.Carriers(ctx, m.Key, func(c store.Carrier) error {
				t.Add(scamhunt.Record{
					Listing: scamhunt.Listing{ID: c.ID, Site: c.Site, City: c.City},
					Verdict: scamhunt.Verdict{Label: c.Label, Score: c.Score}, Override: ovs[c.ID],
				}, rcfg)
				ids = append(ids, c.ID)
				return nil
			})
			if err != nil {
				return err
			}
			var b []byte
			if t.Listings > 0 {
				if b, err = json.Marshal(t); err != nil {
					return err
				}
			}
			old, err := st.Tally(m.Key)
			if err != nil {
				return err
			}
			if string(old) == string(b) {
				continue
			}
			tallies[m.Key] = b
			carriers = append(carriers, ids...)
		}
		return st.SetTallies(ctx, tallies, carriers, marks)
	})
}

// judge gives each listing marked dirty its verdict: the base verdict
// raised by contact reputation, stamped with its provenance. Verdicts that
// changed, or that another classifier or build made, are written to the
// store and the index together, a page at a time, with the store read
// again under the write lock so a crawl writing meanwhile is not undone.
func (rc *reclassifier) judge(ctx context.Context, ovs map[string]*scamhunt.Override, rep *classify.Reputation, res *judged) error {
	d, st := rc.d, rc.st
	return pages(ctx, st.Dirty, indexBatch, func(marks []store.Mark) error {
		ids := make([]string, len(marks))
		for i, m := range marks {
			ids[i] = m.Key
		}
		d.write.Lock()
		// Verdicts are worked out first: reputation reads the store, which
		// must not happen inside the write transaction of Update.
		verdicts := map[string]store.Judgement{}
		var changed []store.Record
		restamped, raised := 0, 0
		now := time.Now()
		var err error
		for _, id := range ids {
			h, ok, herr := st.Head(id)
			if herr != nil {
				err = herr
				break
			}
			if !ok {
				continue
			}
			res.Judged++
			if !h.Raised && !rep.Matters(h.Contacts) && h.Maker == rc.cls.fingerprint() {
				continue // the base verdict, as stored and made: no need to read the listing
			}
			r, ok, gerr := st.Get(id)
			if gerr != nil {
				err = gerr
				break
			}
			if !ok {
				continue
			}
			v := rep.AdjustRecord(scamhunt.Record{Listing: r.Listing, Verdict: r.Base, Override: ovs[id]})
			same := reflect.DeepEqual(v, r.Verdict)
			if same && rc.cls.current(r.Provenance) {
				continue
			}
			if same {
				restamped++
			} else if v.Label != r.Base.Label {
				raised++
			}
			// A verdict this classifier confirms is its verdict now: its
			// provenance says so.
			r.Verdict, r.Provenance = v, rc.cls.made(now)
			verdicts[id] = store.Judgement{Verdict: r.Verdict, Provenance: r.Provenance}
			changed = append(changed, r)
		}
		// The index first: if the store's commit is lost, the listings stay
		// dirty with their old verdicts and are written again next time.
		if err == nil && rc.idx != nil {
			err = d.replace(ctx, rc.idx, changed, rc.log)
		}
		if err == nil {
			_, err = st.SetVerdicts(ctx, verdicts, marks)
		}
		d.write.Unlock()
		if err != nil {
			return err
		}
		res.Changed += len(changed) - restamped
		res.Restamped += restamped
		res.Raised += raised
		return nil
	})
}

func newReclassifyCmd(g *globals) *cobra.Command {
	var cls classifierFlags
	var all bool
	cmd := &cobra.Command{
		Use:   "reclassify",
		Short: "Bring verdicts up to date: new rules or model, allow/block lists, contact reputation; human labels kept",
		Long: `reclassify judges again what changed since it last ran: listings a crawl
added or changed, listings people relabelled, and the listings sharing a
contact with them. New rules or a new model (--rules, --model, or a new
build) classify every listing again; an edited allow.txt or block.txt
judges every listing again. It streams from the listing store in
constant memory; Ctrl-C stops it and the next run continues.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			log := g.stdLogger(cmd)
			st, idx, err := g.dir.open(cmd.Context(), log)
			if err != nil {
				return err
			}
			rc, err := newReclassifier(g, cls, st, idx, log)
			if err != nil {
				return err
			}
			if all {
				if err := st.SetMeta(metaClassifier, ""); err != nil {
					return err
				}
			}
			res, err := rc.run(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d verdicts changed (%d listings judged)\n", res.Changed, res.Judged)
			return nil
		},
	}
	cls.add(cmd.Flags())
	cmd.Flags().BoolVar(&all, "all", false, "classify every listing again, as if the rules had changed")
	usesData(cmd)
	return cmd
}

// newReclassifier loads the classifier of cls for the data dir's store and
// index.
func newReclassifier(g *globals, cls classifierFlags, st *store.Store, idx index.Index, log *slog.Logger) (*reclassifier, error) {
	j, err := cls.judge(g)
	if err != nil {
		return nil, err
	}
	return &reclassifier{d: g.dir, st: st, idx: idx, cls: j, log: log}, nil
}
