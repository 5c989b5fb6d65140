package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/scamhunt/scamhunt"
)

var (
	_ scamhunt.Indexer  = (*Bleve)(nil)
	_ scamhunt.Searcher = (*Bleve)(nil)
	_ Index             = (*Bleve)(nil)
)

const (
	// schemaKey and schema mark an index built by this mapping; an index
	// with another schema must be rebuilt, not silently misread.
	schemaKey = "scamhunt_schema"
	schema    = "4"
	// gramAnalyzer splits the pre-computed terms on spaces and nothing else.
	gramAnalyzer = "scamhunt_grams"
	// bleveBatch is how many records one Bleve batch holds.
	bleveBatch = 500
	// mergeFloor and mergeTier shape Bleve's merging. Below the floor (in
	// documents) a segment counts as the floor's size, and each tier (ten
	// times the one before) may hold mergeTier segments before they are
	// merged. Bleve's defaults (2,000 and 10) let an index of fewer than
	// 2,000 listings have one segment only: every batch a crawl wrote (200
	// listings) was merged at once with all the rest, rewriting the whole
	// index each time (8% of a demo crawl's CPU). A floor at the crawl's
	// batch size ends that; five segments a tier keeps a big index at
	// about as many segments as the defaults gave (15 at 100,000 listings,
	// against 14), so a search reads about as many.
	// mergeMax caps what a merge makes, in documents (Bleve's default is
	// five million). A merge reads its segments through their maps, so a
	// crawl's resident set held all of them at once: a 50,000-listing crawl
	// peaked with 108 MB of segment pages resident, merging toward one
	// 100 MB segment. With the cap it peaked with 27 MB and stayed under
	// 230 MB in all; a 100,000-listing index has a few more segments and
	// searches it as fast (BenchmarkBleveSearch).
	mergeFloor = 200
	mergeTier  = 5
	mergeMax   = 20_000
	// allPage is how many records All reads per page.
	allPage = 500
)

// Bleve is the embedded index, kept in one directory under the data dir.
// It is safe for concurrent use; writes are serialised so an Upsert and a
// SetOverride on the same listing cannot lose each other's change.
type Bleve struct {
	idx   bleve.Index
	mu    sync.Mutex // serialises read-modify-write updates
	tally *tally     // kept in step with the index under mu
	// direct is how many matches a sorted search sorts without first
	// narrowing them (see topByKey); tests lower it.
	direct int
	// narrowed counts sorted searches answered from a narrowed set.
	narrowed atomic.Int64
}

// SchemaError is returned by OpenBleve for an index another version of
// scamhunt built with another mapping: it must be rebuilt, and its records
// can still be read with OldRecords.
type SchemaError struct {
	Dir, Got string
}

func (e *SchemaError) Error() string {
	return fmt.Sprintf("open bleve index %s: schema %q, want %q: rebuild the index", e.Dir, e.Got, schema)
}

// OldRecords calls fn with every record stored in the Bleve index in dir,
// whatever its schema, so an upgrade can carry them over before the index
// is rebuilt.
func OldRecords(ctx context.Context, dir string, fn func(scamhunt.Record) error) error {
	if err := checkBleve(dir); err != nil {
		return err
	}
	idx, err := openGuarded(dir, map[string]any{"bolt_timeout": lockWait.String(), "read_only": true})
	if err != nil {
		return fmt.Errorf("open old bleve index %s: %w", dir, err)
	}
	defer idx.Close()
	return allRecords(ctx, idx, fn)
}

// ErrLocked is returned by OpenBleve when another process holds the index.
var ErrLocked = errors.New("index is locked by another process")

// lockWait bounds the wait for the lock of the index's bolt file (Bleve's
// bolt_timeout, and the corruption check's read), so a second process
// gives up instead of waiting forever.
const lockWait = time.Second

// OpenBleve opens the index in dir, creating it if dir does not exist. Its
// metadata is checked first: damage is a *CorruptError, never a panic.
func OpenBleve(dir string) (*Bleve, error) {
	if err := checkBleve(dir); err != nil {
		return nil, err
	}
	cfg := map[string]any{
		"bolt_timeout":           lockWait.String(),
		"scorchMergePlanOptions": map[string]any{"FloorSegmentSize": mergeFloor, "MaxSegmentsPerTier": mergeTier, "MaxSegmentSize": mergeMax},
	}
	idx, err := openGuarded(dir, cfg)
	switch {
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist):
		m, merr := newMapping()
		if merr != nil {
			return nil, merr
		}
		if idx, err = bleve.NewUsing(dir, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, cfg); err != nil {
			return nil, fmt.Errorf("create bleve index %s: %w", dir, err)
		}
		if err := idx.SetInternal([]byte(schemaKey), []byte(schema)); err != nil {
			_ = idx.Close()
			return nil, fmt.Errorf("create bleve index %s: %w", dir, err)
		}
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("open bleve index %s: %w", dir, ErrLocked)
	case err != nil:
		return nil, fmt.Errorf("open bleve index %s: %w", dir, err)
	default:
		got, err := idx.GetInternal([]byte(schemaKey))
		if err != nil || string(got) != schema {
			_ = idx.Close()
			return nil, &SchemaError{Dir: dir, Got: string(got)}
		}
	}
	t, err := tallyIndex(idx)
	if err != nil {
		_ = idx.Close()
		return nil, fmt.Errorf("open bleve index %s: %w", dir, err)
	}
	return &Bleve{idx: idx, tally: t, direct: directSort}, nil
}

// newMapping describes the fields of a document (see document.go): the
// gram fields split on white space (spaceTokenizer) terms made by this package,
// the facet combination and the sort keys keep doc values (see tally.go;
// the single facet fields keep theirs so the benchmark can compare with
// Bleve's own facets), the posted date is indexed for date ranges, and the
// record is only stored.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := m.AddCustomAnalyzer(gramAnalyzer, map[string]any{
		"type":      custom.Name,
		"tokenizer": spaceTokenizer,
	}); err != nil {
		return nil, fmt.Errorf("bleve mapping: %w", err)
	}
	gram := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = gramAnalyzer
		f.Store, f.IncludeInAll, f.DocValues, f.IncludeTermVectors = false, false, false, false
		return f
	}
	kw := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store, f.IncludeInAll, f.IncludeTermVectors, f.DocValues = false, false, false, docValues
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	for name, f := range map[string]*mapping.FieldMapping{
		fTitleUni: gram(), fTitleBi: gram(), fTitleWords: gram(),
		fBodyUni: gram(), fBodyBi: gram(), fBodyWords: gram(),
		fContacts: kw(false), fLabel: kw(true), fCategories: kw(true), fCity: kw(true), fSite: kw(true),
		fCombo: kw(true), fRank: kw(true), fNewest: kw(true), fRankB: kw(false), fNewestB: kw(false),
	} {
		dm.AddFieldMappingsAt(name, f)
	}
	for _, name := range []string{fPosted, fFirstSeen} {
		date := bleve.NewDateTimeFieldMapping()
		date.Store, date.IncludeInAll, date.DocValues = false, false, false
		dm.AddFieldMappingsAt(name, date)
	}
	for _, name := range []string{fReviewed, fRemoved} {
		flag := bleve.NewBooleanFieldMapping()
		flag.Store, flag.IncludeInAll, flag.DocValues = false, false, false
		dm.AddFieldMappingsAt(name, flag)
	}
	rec := bleve.NewTextFieldMapping()
	rec.Index, rec.Store, rec.IncludeInAll, rec.DocValues, rec.IncludeTermVectors = false, true, false, false, false
	dm.AddFieldMappingsAt(fRecord, rec)

	m.DefaultMapping = dm
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	return m, nil
}

// bleveDoc is what Bleve indexes for d.
func bleveDoc(d document) map[string]any {
	k := keysOf(d)
	m := map[string]any{
		fTitleUni: joinSpace(d.title.uni), fTitleBi: d.title.bi, fTitleWords: joinSpace(d.title.words),
		fBodyUni: joinSpace(d.body.uni), fBodyBi: d.body.bi, fBodyWords: joinSpace(d.body.words),
		fContacts: d.contacts, fLabel: d.label, fCategories: d.categories,
		fRecord: d.record, fCombo: k.facet.combo(), fRank: rankKey(k.rank), fRankB: rankBucketKey(rankBucket(k.rank)),
		fReviewed: d.reviewed, fRemoved: d.removed,
	}
	if d.city != "" {
		m[fCity] = d.city
	}
	if d.site != "" {
		m[fSite] = d.site
	}
	if !d.posted.IsZero() {
		m[fPosted] = d.posted
		m[fNewest] = newestKey(k.posted)
		m[fNewestB] = newestBucketKey(postedBucket(k.posted))
	}
	if !d.firstSeen.IsZero() {
		m[fFirstSeen] = d.firstSeen
	}
	return m
}

// Upsert indexes recs in batches. A listing already indexed keeps its
// human override and its earliest FirstSeen.
func (b *Bleve) Upsert(ctx context.Context, recs []scamhunt.Record) error {
	return inBatches(ctx, "bleve upsert", &b.mu, recs, bleveBatch, b.upsert)
}

func (b *Bleve) upsert(recs []scamhunt.Record) error {
	old, err := b.stored(recs)
	if err != nil {
		return err
	}
	docs, err := documents(recs, old)
	if err != nil {
		return err
	}
	was := make(map[string]keys, len(old))
	for id, r := range old {
		was[id] = keysOf(filterFields(r))
	}
	return b.write(docs, was)
}

// Replace writes recs as given, in batches, reading no stored record (only
// the tally's keys of the documents it replaces, from their doc values).
func (b *Bleve) Replace(ctx context.Context, recs []scamhunt.Record) error {
	return inBatches(ctx, "bleve replace", &b.mu, recs, bleveBatch, func(recs []scamhunt.Record) error {
		docs, err := documents(recs, nil)
		if err != nil {
			return err
		}
		ids := make([]string, len(docs))
		for i, d := range docs {
			ids[i] = d.id
		}
		was, err := storedKeys(b.idx, ids)
		if err != nil {
			return err
		}
		return b.write(docs, was)
	})
}

// write indexes docs in one batch; was holds the tally's keys of the
// documents they replace.
func (b *Bleve) write(docs []document, was map[string]keys) error {
	batch := b.idx.NewBatch()
	old := make([]*keys, len(docs))
	now := make([]keys, len(docs))
	for i, d := range docs {
		if err := batch.Index(d.id, bleveDoc(d)); err != nil {
			return fmt.Errorf("index %s: %w", d.id, err)
		}
		if k, ok := was[d.id]; ok {
			old[i] = &k
		}
		now[i] = keysOf(d)
	}
	if err := b.idx.Batch(batch); err != nil {
		return err
	}
	b.tally.replace(old, now)
	return nil
}

// stored returns the records already indexed under the IDs of recs, read
// through one index reader.
func (b *Bleve) stored(recs []scamhunt.Record) (map[string]scamhunt.Record, error) {
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.Listing.ID
	}
	return b.storedIDs(ids)
}

// storedIDs returns the records indexed under ids, read through one index
// reader; IDs not indexed are left out.
func (b *Bleve) storedIDs(ids []string) (map[string]scamhunt.Record, error) {
	ai, err := b.idx.Advanced()
	if err != nil {
		return nil, err
	}
	rd, err := ai.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	out := map[string]scamhunt.Record{}
	for _, id := range ids {
		doc, err := rd.Document(id)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", id, err)
		}
		rec, ok, err := recordOf(doc)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", id, err)
		}
		if ok {
			out[id] = rec
		}
	}
	return out, nil
}

// recordOf decodes the stored record of doc; ok is false for no document.
func recordOf(doc bleveindex.Document) (rec scamhunt.Record, ok bool, err error) {
	if doc == nil {
		return rec, false, nil
	}
	var raw []byte
	doc.VisitFields(func(f bleveindex.Field) {
		if f.Name() == fRecord {
			raw = f.Value()
		}
	})
	if raw == nil {
		return rec, false, nil
	}
	rec, err = decodeRecord(string(raw))
	return rec, err == nil, err
}

// Delete removes the listings with the given IDs; unknown IDs are ignored.
func (b *Bleve) Delete(ctx context.Context, ids []string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("bleve delete: %w", err)
	}
	old, err := b.storedIDs(ids)
	if err != nil {
		return fmt.Errorf("bleve delete: %w", err)
	}
	batch := b.idx.NewBatch()
	gone := make([]keys, 0, len(old))
	for id, r := range old {
		batch.Delete(id)
		gone = append(gone, keysOf(filterFields(r)))
	}
	if err := b.idx.Batch(batch); err != nil {
		return fmt.Errorf("bleve delete: %w", err)
	}
	b.tally.remove(gone)
	return nil
}

// Get returns the record stored for id, or an error wrapping
// scamhunt.ErrNotFound.
func (b *Bleve) Get(ctx context.Context, id string) (scamhunt.Record, error) {
	if err := ctx.Err(); err != nil {
		return scamhunt.Record{}, fmt.Errorf("bleve get %s: %w", id, err)
	}
	doc, err := b.idx.Document(id)
	if err != nil {
		return scamhunt.Record{}, fmt.Errorf("bleve get %s: %w", id, err)
	}
	rec, ok, err := recordOf(doc)
	if err != nil {
		return rec, fmt.Errorf("bleve get %s: %w", id, err)
	}
	if !ok {
		return rec, fmt.Errorf("bleve get %s: %w", id, scamhunt.ErrNotFound)
	}
	return rec, nil
}

// All calls fn with every record in ID order, a page at a time, and stops
// at fn's first error, which it returns.
func (b *Bleve) All(ctx context.Context, fn func(scamhunt.Record) error) error {
	return allRecords(ctx, b.idx, fn)
}

// allRecords reads every stored record of idx, whatever its schema: the
// whole record has been stored the same way since the first one.
func allRecords(ctx context.Context, idx bleve.Index, fn func(scamhunt.Record) error) error {
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), allPage, 0, false)
	req.Fields = []string{fRecord}
	req.SortBy([]string{"_id"})
	req.Score = bleve.ScoreNone
	for {
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("bleve all: %w", err)
		}
		for _, h := range res.Hits {
			rec, err := hitRecord(h.Fields)
			if err != nil {
				return fmt.Errorf("bleve all %s: %w", h.ID, err)
			}
			if err := fn(rec); err != nil {
				return err
			}
		}
		if len(res.Hits) < allPage {
			return nil
		}
		req.SetSearchAfter([]string{res.Hits[len(res.Hits)-1].ID})
	}
}

func hitRecord(fields map[string]any) (scamhunt.Record, error) {
	raw, ok := fields[fRecord].(string)
	if !ok {
		return scamhunt.Record{}, errors.New("no stored record")
	}
	return decodeRecord(raw)
}

// Count returns the number of listings indexed.
func (b *Bleve) Count(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("bleve count: %w", err)
	}
	n, err := b.idx.DocCount()
	if err != nil {
		return 0, fmt.Errorf("bleve count: %w", err)
	}
	return int(n), nil
}

// Stats counts the listings by label, category, site and city.
func (b *Bleve) Stats(ctx context.Context) (Stats, error) {
	if err := ctx.Err(); err != nil {
		return Stats{}, fmt.Errorf("bleve stats: %w", err)
	}
	return b.tally.stats(), nil
}

// Touch records listings seen again unchanged at time at.
func (b *Bleve) Touch(ctx context.Context, ids []string, at time.Time) error {
	return touch(ctx, b, ids, at)
}

// SetOverride records a person's label for the listing id; nil clears it.
func (b *Bleve) SetOverride(ctx context.Context, id string, o *scamhunt.Override) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	var was keys
	get := func(ctx context.Context, id string) (scamhunt.Record, error) {
		r, err := b.Get(ctx, id)
		if err == nil {
			was = keysOf(filterFields(r))
		}
		return r, err
	}
	d, err := overridden(ctx, get, id, o)
	if err == nil {
		err = b.idx.Index(id, bleveDoc(d))
	}
	if err != nil {
		return fmt.Errorf("bleve set override %s: %w", id, err)
	}
	b.tally.replace([]*keys{&was}, []keys{keysOf(d)})
	return nil
}

// Close flushes and closes the index.
func (b *Bleve) Close() error {
	if err := b.idx.Close(); err != nil {
		return fmt.Errorf("bleve close: %w", err)
	}
	return nil
}
