package index_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeMeili is an in-process Meilisearch contract server: it implements the
// documented HTTP API for exactly the calls the index client makes (index
// get/create, settings get/patch, documents add/get/fetch/delete-batch,
// index stats, search, tasks), checks the API key, and records every request
// so tests can assert what the client sends. Writes are asynchronous tasks
// as in Meilisearch: a task is enqueued, reported processing at its first
// poll and applied (with every earlier task) at its second, so a client
// that does not await its tasks sees stale data. It can fail the next task
// of a type, answer the next requests with an HTTP status (502/503), and
// silently drop a setting, to test the client's error handling. Search is
// simple (folded word and phrase matching over the searchable attributes)
// but the request and response shapes follow the documentation.
type fakeMeili struct {
	URL string
	key string

	mu        sync.Mutex
	indexes   map[string]*fakeIndex
	tasks     []*fakeTask
	reqs      []recorded
	failHTTP  []int
	failTasks map[string]apiError
	drop      map[string]bool
	seq       int
}

type fakeIndex struct {
	uid, primaryKey string
	createdAt       time.Time
	docs            map[string]map[string]any
	seqs            map[string]int // insertion order, Meilisearch's internal ids
	settings        map[string]any
}

type fakeTask struct {
	UID        int64     `json:"uid"`
	IndexUID   string    `json:"indexUid"`
	Status     string    `json:"status"`
	Type       string    `json:"type"`
	Error      *apiError `json:"error"`
	EnqueuedAt time.Time `json:"enqueuedAt"`
	apply      func() *apiError
}

// recorded is one request as the server saw it.
type recorded struct {
	Method, Path, Query, Auth string
	Body                      []byte
	Status                    int
	Response                  []byte
}

type apiError struct {
	Message string `json:"message"`
	Code    string `json:"code"`
	Type    string `json:"type"`
	Link    string `json:"link"`
}

func newFakeMeili(t testing.TB, key string) *fakeMeili {
	f := &fakeMeili{key: key, indexes: map[string]*fakeIndex{}, failTasks: map[string]apiError{}, drop: map[string]bool{}}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	f.URL = srv.URL
	return f
}

// failNextRequests answers the next len(statuses) requests with those
// statuses, as a proxy in front of a restarting server would.
func (f *fakeMeili) failNextRequests(statuses ...int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failHTTP = append(f.failHTTP, statuses...)
}

// failNextTask makes the next task of type typ fail with code and message.
func (f *fakeMeili) failNextTask(typ, code, message string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failTasks[typ] = apiError{Message: message, Code: code, Type: "invalid_request", Link: "https://docs.meilisearch.com/errors#" + code}
}

// dropSetting makes settings updates silently ignore one setting.
func (f *fakeMeili) dropSetting(name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.drop[name] = true
}

// requests returns a copy of what the server has seen.
func (f *fakeMeili) requests() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.reqs...)
}

var (
	reIndex    = regexp.MustCompile(`^/indexes/([^/]+)$`)
	reSettings = regexp.MustCompile(`^/indexes/([^/]+)/settings$`)
	reDocs     = regexp.MustCompile(`^/indexes/([^/]+)/documents$`)
	reFetch    = regexp.MustCompile(`^/indexes/([^/]+)/documents/fetch$`)
	reDelete   = regexp.MustCompile(`^/indexes/([^/]+)/documents/delete-batch$`)
	reDoc      = regexp.MustCompile(`^/indexes/([^/]+)/documents/([^/]+)$`)
	reStats    = regexp.MustCompile(`^/indexes/([^/]+)/stats$`)
	reSearch   = regexp.MustCompile(`^/indexes/([^/]+)/search$`)
	reTask     = regexp.MustCompile(`^/tasks/([0-9]+)$`)
)

func (f *fakeMeili) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	defer f.mu.Unlock()
	rec := recorded{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Auth: r.Header.Get("Authorization"), Body: body}
	status, resp := f.route(r, body)
	rec.Status, rec.Response = status, resp
	f.reqs = append(f.reqs, rec)
	if status == http.StatusBadGateway || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout {
		w.Header().Set("Content-Type", "text/plain")
	} else {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = w.Write(resp)
}

func errJSON(status int, code, typ, msg string) (int, []byte) {
	b, _ := json.Marshal(apiError{Message: msg, Code: code, Type: typ, Link: "https://docs.meilisearch.com/errors#" + code})
	return status, b
}

func okJSON(status int, v any) (int, []byte) {
	b, err := json.Marshal(v)
	if err != nil {
		return errJSON(500, "internal", "internal", err.Error())
	}
	return status, b
}

// decodeStrict decodes a request body, rejecting unknown fields as
// Meilisearch does.
func decodeStrict(body []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(body))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

func (f *fakeMeili) route(r *http.Request, body []byte) (int, []byte) {
	if len(f.failHTTP) > 0 {
		s := f.failHTTP[0]
		f.failHTTP = f.failHTTP[1:]
		return s, []byte(http.StatusText(s))
	}
	if f.key != "" {
		switch auth := r.Header.Get("Authorization"); {
		case auth == "":
			return errJSON(401, "missing_authorization_header", "auth", "The Authorization header is missing. It must use the bearer authorization method.")
		case auth != "Bearer "+f.key:
			return errJSON(403, "invalid_api_key", "auth", "The provided API key is invalid.")
		}
	}
	p := r.URL.Path
	switch m := r.Method; {
	case m == "GET" && reTask.MatchString(p):
		uid, _ := strconv.Atoi(reTask.FindStringSubmatch(p)[1])
		return f.getTask(uid)
	case m == "POST" && p == "/indexes":
		return f.createIndex(body)
	case m == "GET" && reIndex.MatchString(p):
		ix, ok := f.indexes[reIndex.FindStringSubmatch(p)[1]]
		if !ok {
			return indexNotFound(reIndex.FindStringSubmatch(p)[1])
		}
		return okJSON(200, map[string]any{"uid": ix.uid, "primaryKey": ix.primaryKey, "createdAt": ix.createdAt, "updatedAt": ix.createdAt})
	case reSettings.MatchString(p) && (m == "GET" || m == "PATCH"):
		uid := reSettings.FindStringSubmatch(p)[1]
		if m == "PATCH" {
			return f.patchSettings(uid, body)
		}
		ix, ok := f.indexes[uid]
		if !ok {
			return indexNotFound(uid)
		}
		return okJSON(200, ix.settings)
	case m == "POST" && reDocs.MatchString(p):
		return f.addDocuments(reDocs.FindStringSubmatch(p)[1], r.URL.Query().Get("primaryKey"), body)
	case m == "POST" && reFetch.MatchString(p):
		return f.withIndex(reFetch.FindStringSubmatch(p)[1], func(ix *fakeIndex) (int, []byte) { return ix.fetch(body) })
	case m == "POST" && reDelete.MatchString(p):
		return f.deleteDocuments(reDelete.FindStringSubmatch(p)[1], body)
	case m == "GET" && reDoc.MatchString(p):
		sm := reDoc.FindStringSubmatch(p)
		return f.withIndex(sm[1], func(ix *fakeIndex) (int, []byte) { return ix.getDocument(sm[2], r.URL.Query().Get("fields")) })
	case m == "GET" && reStats.MatchString(p):
		return f.withIndex(reStats.FindStringSubmatch(p)[1], func(ix *fakeIndex) (int, []byte) {
			return okJSON(200, map[string]any{"numberOfDocuments": len(ix.docs), "isIndexing": false, "fieldDistribution": map[string]int{}})
		})
	case m == "POST" && reSearch.MatchString(p):
		return f.withIndex(reSearch.FindStringSubmatch(p)[1], func(ix *fakeIndex) (int, []byte) { return ix.search(body) })
	}
	return errJSON(404, "not_found", "invalid_request", fmt.Sprintf("fake meilisearch: no route %s %s", r.Method, p))
}

func indexNotFound(uid string) (int, []byte) {
	return errJSON(404, "index_not_found", "invalid_request", fmt.Sprintf("Index `%s` not found.", uid))
}

func (f *fakeMeili) withIndex(uid string, fn func(*fakeIndex) (int, []byte)) (int, []byte) {
	ix, ok := f.indexes[uid]
	if !ok {
		return indexNotFound(uid)
	}
	return fn(ix)
}

// enqueue registers a task; apply runs when the task is processed.
func (f *fakeMeili) enqueue(indexUID, typ string, apply func() *apiError) (int, []byte) {
	t := &fakeTask{UID: int64(len(f.tasks)), IndexUID: indexUID, Status: "enqueued", Type: typ, EnqueuedAt: time.Now().UTC(), apply: apply}
	if e, ok := f.failTasks[typ]; ok {
		delete(f.failTasks, typ)
		t.apply = func() *apiError { return &e }
	}
	f.tasks = append(f.tasks, t)
	return okJSON(202, map[string]any{"taskUid": t.UID, "indexUid": indexUID, "status": "enqueued", "type": typ, "enqueuedAt": t.EnqueuedAt})
}

// getTask advances a task: enqueued -> processing at the first poll, then
// processed (with every earlier task, in order) at the next.
func (f *fakeMeili) getTask(uid int) (int, []byte) {
	if uid >= len(f.tasks) {
		return errJSON(404, "task_not_found", "invalid_request", fmt.Sprintf("Task `%d` not found.", uid))
	}
	t := f.tasks[uid]
	switch t.Status {
	case "enqueued":
		t.Status = "processing"
	case "processing":
		for _, prev := range f.tasks[:uid+1] {
			if prev.Status == "enqueued" || prev.Status == "processing" {
				prev.Error = prev.apply()
				prev.Status = "succeeded"
				if prev.Error != nil {
					prev.Status = "failed"
				}
			}
		}
	}
	return okJSON(200, t)
}

func (f *fakeMeili) index(uid, primaryKey string) *fakeIndex {
	ix, ok := f.indexes[uid]
	if !ok {
		ix = &fakeIndex{uid: uid, primaryKey: primaryKey, createdAt: time.Now().UTC(), docs: map[string]map[string]any{}, seqs: map[string]int{}, settings: defaultSettings()}
		f.indexes[uid] = ix
	}
	return ix
}

func (f *fakeMeili) createIndex(body []byte) (int, []byte) {
	var req struct {
		UID        string `json:"uid"`
		PrimaryKey string `json:"primaryKey"`
	}
	if err := decodeStrict(body, &req); err != nil {
		return errJSON(400, "bad_request", "invalid_request", err.Error())
	}
	return f.enqueue(req.UID, "indexCreation", func() *apiError {
		if _, ok := f.indexes[req.UID]; ok {
			return &apiError{Message: fmt.Sprintf("Index `%s` already exists.", req.UID), Code: "index_already_exists", Type: "invalid_request"}
		}
		f.index(req.UID, req.PrimaryKey)
		return nil
	})
}

var validDocID = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,511}$`)

func (f *fakeMeili) addDocuments(uid, primaryKey string, body []byte) (int, []byte) {
	var docs []map[string]any
	if err := json.Unmarshal(body, &docs); err != nil {
		return errJSON(400, "malformed_payload", "invalid_request", err.Error())
	}
	return f.enqueue(uid, "documentAdditionOrUpdate", func() *apiError {
		ix := f.index(uid, primaryKey)
		if ix.primaryKey == "" {
			ix.primaryKey = primaryKey
		}
		for _, d := range docs {
			id, ok := d[ix.primaryKey].(string)
			if !ok || !validDocID.MatchString(id) {
				return &apiError{Message: fmt.Sprintf("Document identifier `%v` is invalid.", d[ix.primaryKey]), Code: "invalid_document_id", Type: "invalid_request"}
			}
		}
		for _, d := range docs {
			id := d[ix.primaryKey].(string)
			if _, ok := ix.docs[id]; !ok {
				f.seq++
				ix.seqs[id] = f.seq
			}
			ix.docs[id] = d
		}
		return nil
	})
}

func (f *fakeMeili) deleteDocuments(uid string, body []byte) (int, []byte) {
	var ids []string
	if err := json.Unmarshal(body, &ids); err != nil {
		return errJSON(400, "malformed_payload", "invalid_request", err.Error())
	}
	return f.enqueue(uid, "documentDeletion", func() *apiError {
		ix := f.index(uid, "")
		for _, id := range ids {
			delete(ix.docs, id)
			delete(ix.seqs, id)
		}
		return nil
	})
}

func (ix *fakeIndex) getDocument(id, fields string) (int, []byte) {
	d, ok := ix.docs[id]
	if !ok {
		return errJSON(404, "document_not_found", "invalid_request", fmt.Sprintf("Document `%s` not found.", id))
	}
	var fs []string
	if fields != "" {
		fs = strings.Split(fields, ",")
	}
	return okJSON(200, project(d, fs))
}

// project keeps the given fields of d; none or "*" keeps them all.
func project(d map[string]any, fields []string) map[string]any {
	if len(fields) == 0 || (len(fields) == 1 && fields[0] == "*") {
		return d
	}
	out := map[string]any{}
	for _, f := range fields {
		if v, ok := d[f]; ok {
			out[f] = v
		}
	}
	return out
}
