package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/scamhunt/scamhunt"
)

var (
	_ scamhunt.Indexer  = (*Meili)(nil)
	_ scamhunt.Searcher = (*Meili)(nil)
	_ Index             = (*Meili)(nil)
)

// primaryKey is the document attribute Meilisearch identifies listings by.
const primaryKey = "id"

// Meili is the Meilisearch backend. Every write is a task that is awaited
// and checked; a failed task is a *TaskError. Writes from this process are
// serialised so an Upsert and a SetOverride cannot lose each other's change.
type Meili struct {
	cfg MeiliConfig
	sm  meilisearch.ServiceManager
	idx meilisearch.IndexManager
	log *slog.Logger
	mu  sync.Mutex
}

// TaskError is a Meilisearch task that ended failed or canceled.
type TaskError struct {
	UID     int64
	Type    string
	Status  string
	Code    string
	Message string
}

func (e *TaskError) Error() string {
	return fmt.Sprintf("meilisearch task %d (%s) %s: %s: %s", e.UID, e.Type, e.Status, e.Code, e.Message)
}

// OpenMeili connects to Meilisearch, creates the index if needed, applies
// the settings and reads them back, failing if the server did not apply
// them.
func OpenMeili(ctx context.Context, cfg MeiliConfig) (*Meili, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("open meilisearch: %w", err)
	}
	cfg = cfg.withDefaults()
	sm := meilisearch.New(strings.TrimRight(cfg.URL, "/"),
		meilisearch.WithAPIKey(cfg.Key),
		meilisearch.WithCustomClient(&http.Client{Timeout: cfg.Timeout}),
		meilisearch.DisableRetries(), // retry handles them, with a backoff we control
	)
	m := &Meili{cfg: cfg, sm: sm, idx: sm.Index(cfg.Index), log: cfg.Log}
	if err := m.ensureIndex(ctx); err != nil {
		sm.Close()
		return nil, fmt.Errorf("open meilisearch: %w", err)
	}
	if err := m.applySettings(ctx); err != nil {
		sm.Close()
		return nil, fmt.Errorf("open meilisearch: %w", err)
	}
	return m, nil
}

func (m *Meili) ensureIndex(ctx context.Context) error {
	var info *meilisearch.IndexResult
	err := m.retry(ctx, "get_index", func(ctx context.Context) (err error) {
		info, err = m.sm.GetIndex(ctx, m.cfg.Index)
		return err
	})
	if apiCode(err) == meilisearch.APIErrCodeIndexNotFound {
		var task *meilisearch.TaskInfo
		err := m.retry(ctx, "create_index", func(ctx context.Context) (err error) {
			task, err = m.sm.CreateIndex(ctx, &meilisearch.IndexConfig{Uid: m.cfg.Index, PrimaryKey: primaryKey})
			return err
		})
		if err != nil {
			return fmt.Errorf("create index %s: %w", m.cfg.Index, err)
		}
		return m.wait(ctx, task)
	}
	if err != nil {
		return fmt.Errorf("get index %s: %w", m.cfg.Index, err)
	}
	if info.PrimaryKey != "" && info.PrimaryKey != primaryKey {
		return fmt.Errorf("index %s has primary key %q, want %q", m.cfg.Index, info.PrimaryKey, primaryKey)
	}
	return nil
}

// apiCode is the Meilisearch error code of err, if it has one.
func apiCode(err error) meilisearch.APIErrCode {
	var me *meilisearch.Error
	if errors.As(err, &me) {
		return me.APIError.Code
	}
	return ""
}

// retryable reports whether a failed request may succeed when sent again:
// a gateway error or an unavailable server, or no answer at all.
func retryable(ctx context.Context, err error) bool {
	var me *meilisearch.Error
	if ctx.Err() != nil || !errors.As(err, &me) {
		return false
	}
	switch me.StatusCode {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return me.ErrCode == meilisearch.CommunicationError || me.ErrCode == meilisearch.TimeoutError
}

// retry runs fn, again after a doubling delay while it fails retryably, at
// most cfg.Retries more times.
func (m *Meili) retry(ctx context.Context, op string, fn func(context.Context) error) error {
	delay := m.cfg.Backoff
	for attempt := 1; ; attempt++ {
		err := fn(ctx)
		if err == nil || attempt > m.cfg.Retries || !retryable(ctx, err) {
			return err
		}
		var me *meilisearch.Error
		errors.As(err, &me)
		m.log.Warn("meili_retry", "op", op, "attempt", attempt, "status", me.StatusCode, "delay", delay)
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		delay *= 2
	}
}

// wait polls a task until it ends; anything but success is an error
// naming the task.
func (m *Meili) wait(ctx context.Context, info *meilisearch.TaskInfo) error {
	ctx, cancel := context.WithTimeout(ctx, m.cfg.TaskTimeout)
	defer cancel()
	interval := m.cfg.PollInterval
	for {
		var task *meilisearch.Task
		err := m.retry(ctx, "get_task", func(ctx context.Context) (err error) {
			task, err = m.sm.GetTask(ctx, info.TaskUID)
			return err
		})
		if err != nil {
			return fmt.Errorf("wait for task %d (%s): %w", info.TaskUID, info.Type, err)
		}
		switch task.Status {
		case meilisearch.TaskStatusSucceeded:
			return nil
		case meilisearch.TaskStatusFailed, meilisearch.TaskStatusCanceled:
			return &TaskError{
				UID: info.TaskUID, Type: string(task.Type), Status: string(task.Status),
				Code: string(task.Error.Code), Message: task.Error.Message,
			}
		}
		m.log.Debug("meili_task_wait", "task", info.TaskUID, "status", task.Status)
		t := time.NewTimer(interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("wait for task %d (%s): %w", info.TaskUID, info.Type, ctx.Err())
		case <-t.C:
		}
		interval = min(2*interval, maxPollInterval)
	}
}

// Upsert adds recs in batches of cfg.BatchSize, awaiting each task. A
// listing already indexed keeps its human override and earliest FirstSeen.
func (m *Meili) Upsert(ctx context.Context, recs []scamhunt.Record) error {
	return inBatches(ctx, "meilisearch upsert", &m.mu, recs, m.cfg.BatchSize, func(recs []scamhunt.Record) error {
		ids := make([]string, len(recs))
		for i, r := range recs {
			ids[i] = r.Listing.ID
		}
		old, err := m.stored(ctx, ids)
		if err != nil {
			return err
		}
		return m.addRecords(ctx, recs, old)
	})
}

// Replace writes recs as given, reading nothing stored.
func (m *Meili) Replace(ctx context.Context, recs []scamhunt.Record) error {
	return inBatches(ctx, "meilisearch replace", &m.mu, recs, m.cfg.BatchSize, func(recs []scamhunt.Record) error {
		return m.addRecords(ctx, recs, nil)
	})
}

// addRecords writes recs merged with old (nil: as given).
func (m *Meili) addRecords(ctx context.Context, recs []scamhunt.Record, old map[string]scamhunt.Record) error {
	ds, err := documents(recs, old)
	if err != nil {
		return err
	}
	docs := make([]meiliDoc, len(ds))
	for i, d := range ds {
		docs[i] = meiliDocOf(d)
	}
	return m.add(ctx, docs)
}

func (m *Meili) add(ctx context.Context, docs []meiliDoc) error {
	pk := primaryKey
	var task *meilisearch.TaskInfo
	err := m.retry(ctx, "add_documents", func(ctx context.Context) (err error) {
		task, err = m.idx.AddDocuments(ctx, docs, &meilisearch.DocumentOptions{PrimaryKey: &pk})
		return err
	})
	if err != nil {
		return fmt.Errorf("add documents: %w", err)
	}
	return m.wait(ctx, task)
}

// stored returns the records already indexed under ids.
func (m *Meili) stored(ctx context.Context, ids []string) (map[string]scamhunt.Record, error) {
	var res meilisearch.DocumentsResult
	err := m.retry(ctx, "fetch_documents", func(ctx context.Context) error {
		return m.idx.GetDocuments(ctx, &meilisearch.DocumentsQuery{
			Filter: inFilter(primaryKey, ids), Fields: []string{fRecord}, Limit: int64(len(ids)),
		}, &res)
	})
	if err != nil {
		return nil, fmt.Errorf("fetch stored documents: %w", err)
	}
	out := make(map[string]scamhunt.Record, len(res.Results))
	for _, h := range res.Results {
		r, err := meiliRecord(h)
		if err != nil {
			return nil, err
		}
		out[r.Listing.ID] = r
	}
	return out, nil
}

// meiliRecord decodes the stored record of a document or hit.
func meiliRecord(h meilisearch.Hit) (scamhunt.Record, error) {
	var raw string
	if err := json.Unmarshal(h[fRecord], &raw); err != nil {
		return scamhunt.Record{}, fmt.Errorf("stored record: %w", err)
	}
	return decodeRecord(raw)
}

// Delete removes the listings with the given IDs; unknown IDs are ignored.
func (m *Meili) Delete(ctx context.Context, ids []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for start := 0; start < len(ids); start += m.cfg.BatchSize {
		chunk := ids[start:min(start+m.cfg.BatchSize, len(ids))]
		var task *meilisearch.TaskInfo
		err := m.retry(ctx, "delete_documents", func(ctx context.Context) (err error) {
			task, err = m.idx.DeleteDocuments(ctx, chunk, nil)
			return err
		})
		if err == nil {
			err = m.wait(ctx, task)
		}
		if err != nil {
			return fmt.Errorf("meilisearch delete: %w", err)
		}
	}
	return nil
}

// Get returns the record stored for id, or an error wrapping
// scamhunt.ErrNotFound.
func (m *Meili) Get(ctx context.Context, id string) (scamhunt.Record, error) {
	if validID(id) != nil {
		return scamhunt.Record{}, fmt.Errorf("meilisearch get %q: %w", id, scamhunt.ErrNotFound)
	}
	var doc meilisearch.Hit
	err := m.retry(ctx, "get_document", func(ctx context.Context) error {
		doc = nil
		return m.idx.GetDocument(ctx, id, &meilisearch.DocumentQuery{Fields: []string{fRecord}}, &doc)
	})
	if apiCode(err) == meilisearch.APIErrCodeDocumentNotFound {
		return scamhunt.Record{}, fmt.Errorf("meilisearch get %s: %w", id, scamhunt.ErrNotFound)
	}
	if err != nil {
		return scamhunt.Record{}, fmt.Errorf("meilisearch get %s: %w", id, err)
	}
	r, err := meiliRecord(doc)
	if err != nil {
		return r, fmt.Errorf("meilisearch get %s: %w", id, err)
	}
	return r, nil
}

// All calls fn with every record in ID order, a page at a time (keyset
// pagination on the sortable, filterable id), and stops at fn's first
// error, which it returns.
func (m *Meili) All(ctx context.Context, fn func(scamhunt.Record) error) error {
	after := ""
	for {
		q := &meilisearch.DocumentsQuery{Limit: allPage, Fields: []string{primaryKey, fRecord}, Sort: []string{primaryKey + ":asc"}}
		if after != "" {
			q.Filter = primaryKey + " > " + quote(after)
		}
		var res meilisearch.DocumentsResult
		err := m.retry(ctx, "fetch_documents", func(ctx context.Context) error {
			return m.idx.GetDocuments(ctx, q, &res)
		})
		if err != nil {
			return fmt.Errorf("meilisearch all: %w", err)
		}
		for _, h := range res.Results {
			r, err := meiliRecord(h)
			if err != nil {
				return fmt.Errorf("meilisearch all: %w", err)
			}
			if err := fn(r); err != nil {
				return err
			}
			after = r.Listing.ID
		}
		if len(res.Results) < allPage {
			return nil
		}
	}
}

// Count returns the number of listings indexed.
func (m *Meili) Count(ctx context.Context) (int, error) {
	var st *meilisearch.StatsIndex
	err := m.retry(ctx, "index_stats", func(ctx context.Context) (err error) {
		st, err = m.idx.GetStats(ctx, nil)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("meilisearch count: %w", err)
	}
	return int(st.NumberOfDocuments), nil
}

// Stats counts the listings, and by label, category, site and city (up to
// 1000 values each).
func (m *Meili) Stats(ctx context.Context) (Stats, error) {
	n, err := m.Count(ctx)
	if err != nil {
		return Stats{}, err
	}
	res, err := m.search(ctx, request{size: 0, facets: true})
	if err != nil {
		return Stats{}, fmt.Errorf("meilisearch stats: %w", err)
	}
	return statsOf(n, res.facets), nil
}

// Touch records listings seen again unchanged at time at.
func (m *Meili) Touch(ctx context.Context, ids []string, at time.Time) error {
	return touch(ctx, m, ids, at)
}

// SetOverride records a person's label for the listing id; nil clears it.
func (m *Meili) SetOverride(ctx context.Context, id string, o *scamhunt.Override) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := overridden(ctx, m.Get, id, o)
	if err == nil {
		err = m.add(ctx, []meiliDoc{meiliDocOf(d)})
	}
	if err != nil {
		return fmt.Errorf("meilisearch set override %s: %w", id, err)
	}
	return nil
}

// Close releases the client's connections.
func (m *Meili) Close() error {
	m.sm.Close()
	return nil
}
