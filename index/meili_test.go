package index_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/index"
)

func meiliConfig(url string) index.MeiliConfig {
	return index.MeiliConfig{URL: url, Key: "test-key", PollInterval: time.Millisecond, Backoff: time.Millisecond}
}

func openMeili(t *testing.T, cfg index.MeiliConfig) *index.Meili {
	t.Helper()
	m, err := index.OpenMeili(t.Context(), cfg)
	if err != nil {
		t.Fatalf("OpenMeili: %v", err)
	}
	t.Cleanup(func() { _ = m.Close() })
	return m
}

// workload exercises every call the client makes.
func workload(t *testing.T, m *index.Meili) {
	t.Helper()
	ctx := t.Context()
	if err := m.Upsert(ctx, fixtures()); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Search(ctx, scamhunt.Query{Text: "刷单", Label: scamhunt.LabelScam, Facets: true}); err != nil {
		t.Fatal(err)
	}
	if err := m.SetOverride(ctx, recD.Listing.ID, &scamhunt.Override{Label: scamhunt.LabelScam, At: day(3)}); err != nil {
		t.Fatal(err)
	}
	if err := m.Delete(ctx, []string{recE.Listing.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Get(ctx, recA.Listing.ID); err != nil {
		t.Fatal(err)
	}
	if err := m.All(ctx, func(scamhunt.Record) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Stats(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestMeiliSendsTheKeyOnEveryRequest(t *testing.T) {
	f := newFakeMeili(t, "test-key")
	workload(t, openMeili(t, meiliConfig(f.URL)))
	reqs := f.requests()
	if len(reqs) < 10 {
		t.Fatalf("only %d requests recorded", len(reqs))
	}
	for _, r := range reqs {
		if r.Auth != "Bearer test-key" || r.Status == 401 || r.Status == 403 {
			t.Errorf("%s %s: Authorization %q, status %d; want Bearer test-key, accepted", r.Method, r.Path, r.Auth, r.Status)
		}
	}
}

func TestMeiliWrongKey(t *testing.T) {
	f := newFakeMeili(t, "right-key")
	cfg := meiliConfig(f.URL)
	cfg.Key = "wrong-key-value"
	_, err := index.OpenMeili(t.Context(), cfg)
	if err == nil || !strings.Contains(err.Error(), "invalid_api_key") {
		t.Fatalf("OpenMeili with a wrong key: error %v, want invalid_api_key", err)
	}
	if strings.Contains(err.Error(), "wrong-key-value") {
		t.Errorf("error %q carries the key", err)
	}
}

func TestMeiliSettingsPayload(t *testing.T) {
	f := newFakeMeili(t, "test-key")
	cfg := meiliConfig(f.URL)
	cfg.MaxTotalHits = 5000
	openMeili(t, cfg)
	var patch map[string]any
	for _, r := range f.requests() {
		if r.Method == "PATCH" && r.Path == "/indexes/listings/settings" {
			if err := json.Unmarshal(r.Body, &patch); err != nil {
				t.Fatal(err)
			}
		}
	}
	var want map[string]any
	if err := json.Unmarshal([]byte(`{
		"rankingRules": ["sort", "words", "typo", "proximity", "attribute", "exactness"],
		"searchableAttributes": ["t_bi", "t_uni", "t_words", "b_bi", "b_uni", "b_words"],
		"filterableAttributes": ["id", "contacts", "label", "categories", "city", "site", "posted_at", "reviewed", "removed", "first_seen"],
		"sortableAttributes": ["id", "score", "posted_at"],
		"typoTolerance": {"enabled": true, "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
			"disableOnWords": [], "disableOnAttributes": ["t_bi", "t_uni", "b_bi", "b_uni"], "disableOnNumbers": true},
		"pagination": {"maxTotalHits": 5000},
		"faceting": {"maxValuesPerFacet": 1000, "sortFacetValuesBy": {"*": "count"}},
		"prefixSearch": "disabled"
	}`), &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, patch); diff != "" {
		t.Errorf("settings sent (-want +got):\n%s", diff)
	}
}

var taskUIDRe = regexp.MustCompile(`"taskUid":(\d+)`)

// TestMeiliAwaitsEveryTask checks that after each request that enqueues a
// task, the client polls that task until it ends before sending anything
// else that enqueues one or reads documents.
func TestMeiliAwaitsEveryTask(t *testing.T) {
	f := newFakeMeili(t, "test-key")
	cfg := meiliConfig(f.URL)
	cfg.BatchSize = 2
	workload(t, openMeili(t, cfg))
	reqs := f.requests()
	tasks := 0
	for i, r := range reqs {
		m := taskUIDRe.FindSubmatch(r.Response)
		if r.Status != 202 || m == nil {
			continue
		}
		tasks++
		uid := string(m[1])
		awaited := false
		for _, next := range reqs[i+1:] {
			if next.Path == "/tasks/"+uid && bytes.Contains(next.Response, []byte(`"status":"succeeded"`)) {
				awaited = true
				break
			}
			if !strings.HasPrefix(next.Path, "/tasks/") {
				break
			}
		}
		if !awaited {
			t.Errorf("task %s of %s %s was not awaited before the next request", uid, r.Method, r.Path)
		}
	}
	// index, settings, 3 upsert batches, override, delete.
	if tasks != 7 {
		t.Errorf("%d tasks enqueued, want 7", tasks)
	}
}

func TestMeiliFailedTaskIsAnError(t *testing.T) {
	f := newFakeMeili(t, "test-key")
	m := openMeili(t, meiliConfig(f.URL))
	f.failNextTask("documentAdditionOrUpdate", "invalid_document_id", "Document identifier `x` is invalid.")
	err := m.Upsert(t.Context(), fixtures())
	var te *index.TaskError
	if !errors.As(err, &te) {
		t.Fatalf("Upsert error = %v, want a *TaskError", err)
	}
	want := &index.TaskError{UID: 2, Type: "documentAdditionOrUpdate", Status: "failed", Code: "invalid_document_id", Message: "Document identifier `x` is invalid."}
	if diff := cmp.Diff(want, te); diff != "" {
		t.Errorf("TaskError (-want +got):\n%s", diff)
	}
	if msg := err.Error(); !strings.Contains(msg, "task 2") || !strings.Contains(msg, "Document identifier `x` is invalid.") {
		t.Errorf("error %q does not name the task and the server's message", msg)
	}
}

func TestMeiliSettingsNotApplied(t *testing.T) {
	for _, c := range []struct{ drop, want string }{
		{"typoTolerance", "typoTolerance.disableOnAttributes"},
		{"prefixSearch", "prefixSearch is indexingTime, want disabled"},
		{"rankingRules", "rankingRules"},
	} {
		t.Run(c.drop, func(t *testing.T) {
			f := newFakeMeili(t, "test-key")
			f.dropSetting(c.drop)
			_, err := index.OpenMeili(t.Context(), meiliConfig(f.URL))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("OpenMeili error = %v, want one naming %s", err, c.want)
			}
		})
	}
}

func TestMeiliRetries(t *testing.T) {
	for _, c := range []struct {
		name     string
		statuses []int
		retries  int
		fail     bool
	}{
		{"503 then 502 are retried", []int{503, 502}, 0, false},
		{"504 retried", []int{504}, 1, false},
		{"gives up after retries", []int{503, 503, 503, 503}, 2, true},
		{"no retries", []int{503}, -1, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFakeMeili(t, "test-key")
			cfg := meiliConfig(f.URL)
			cfg.Retries = c.retries
			m := openMeili(t, cfg)
			before := len(f.requests())
			f.failNextRequests(c.statuses...)
			_, err := m.Get(t.Context(), recA.Listing.ID)
			attempts := len(f.requests()) - before
			switch {
			case c.fail && (err == nil || !strings.Contains(err.Error(), "503")):
				t.Errorf("Get error = %v, want the 503", err)
			case !c.fail && !errors.Is(err, scamhunt.ErrNotFound):
				t.Errorf("Get error = %v, want ErrNotFound after retries", err)
			}
			wantAttempts := len(c.statuses) + 1
			if c.fail {
				wantAttempts = max(c.retries, 0) + 1
			}
			if attempts != wantAttempts {
				t.Errorf("%d attempts, want %d", attempts, wantAttempts)
			}
		})
	}
}

func TestMeiliRetriesConnectionErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	var accepted atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			_ = c.Close()
		}
	}()
	cfg := meiliConfig("http://" + ln.Addr().String())
	cfg.Retries = 2
	if _, err := index.OpenMeili(t.Context(), cfg); err == nil {
		t.Fatal("OpenMeili against a server that hangs up succeeded")
	}
	if n := accepted.Load(); n != 3 {
		t.Errorf("%d connections, want 3 (one try, two retries)", n)
	}
}

func TestMeiliKeyNeverLogged(t *testing.T) {
	f := newFakeMeili(t, "secret-key-42")
	var buf bytes.Buffer
	cfg := meiliConfig(f.URL)
	cfg.Key = "secret-key-42"
	cfg.Log = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	m := openMeili(t, cfg)
	f.failNextRequests(503, 503)
	workload(t, m)
	cfg.Log.Info("config", "meili", cfg)
	printed := buf.String() + fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg)
	if strings.Contains(printed, "secret-key-42") {
		t.Errorf("the key was printed:\n%s", printed)
	}
	if !strings.Contains(buf.String(), "meili_retry") || !strings.Contains(buf.String(), "key_set=true") {
		t.Errorf("log lacks the retry and the config:\n%s", buf.String())
	}
}

func TestMeiliFilterValuesAreQuoted(t *testing.T) {
	f := newFakeMeili(t, "test-key")
	m := openMeili(t, meiliConfig(f.URL))
	if err := m.Upsert(t.Context(), fixtures()); err != nil {
		t.Fatal(err)
	}
	res, err := m.Search(t.Context(), scamhunt.Query{City: `北京" OR label = "legit`, Site: `x\`})
	if err != nil || res.Total != 0 {
		t.Fatalf("Search with hostile filter values: %d hits, error %v; want none and no error", res.Total, err)
	}
	reqs := f.requests()
	var body struct{ Filter string }
	if err := json.Unmarshal(reqs[len(reqs)-1].Body, &body); err != nil {
		t.Fatal(err)
	}
	if want := `(city = "北京\" or label = \"legit") AND (site = "x")`; body.Filter != want {
		t.Errorf("filter sent = %s, want %s", body.Filter, want)
	}
}

func TestMeiliExistingIndexWithAnotherPrimaryKey(t *testing.T) {
	f := newFakeMeili(t, "test-key")
	f.index("listings", "uuid")
	_, err := index.OpenMeili(t.Context(), meiliConfig(f.URL))
	if err == nil || !strings.Contains(err.Error(), `primary key "uuid"`) {
		t.Errorf("OpenMeili error = %v, want one about the primary key", err)
	}
}

func TestMeiliConfigValidate(t *testing.T) {
	for _, c := range []struct {
		cfg  index.MeiliConfig
		want string // "" for valid
	}{
		{index.MeiliConfig{URL: "http://127.0.0.1:7700"}, ""},
		{index.MeiliConfig{URL: "https://search.example.org", Index: "jobs-2025_v1", BatchSize: 100}, ""},
		{index.MeiliConfig{}, "url is required"},
		{index.MeiliConfig{URL: "127.0.0.1:7700"}, "want http(s)://host"},
		{index.MeiliConfig{URL: "ftp://h"}, "want http(s)://host"},
		{index.MeiliConfig{URL: "http://user:pw@h"}, "must not carry credentials"},
		{index.MeiliConfig{URL: "http://h", Index: "a/b"}, "index uid"},
		{index.MeiliConfig{URL: "http://h", BatchSize: -1}, "batch size"},
		{index.MeiliConfig{URL: "http://h", Timeout: -time.Second}, "negative"},
	} {
		err := c.cfg.Validate()
		if (c.want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("Validate(%+v) = %v, want %q", c.cfg, err, c.want)
		}
	}
}

// TestAllPages checks All across several pages on both backends.
func TestAllPages(t *testing.T) {
	var recs []scamhunt.Record
	for i := range 1203 {
		r := fixture{path: fmt.Sprintf("/job/p%d", i), title: "兼职", site: "s", label: scamhunt.LabelLegit}.record()
		recs = append(recs, r)
	}
	for name, open := range map[string]func(t *testing.T) index.Index{
		"bleve": openBleve,
		"meili": func(t *testing.T) index.Index {
			f := newFakeMeili(t, "test-key")
			cfg := meiliConfig(f.URL)
			cfg.BatchSize = 600
			return openMeili(t, cfg)
		},
	} {
		t.Run(name, func(t *testing.T) {
			ix := open(t)
			if err := ix.Upsert(t.Context(), recs); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(ids(byID(recs)...), ids(all(t, ix)...)); diff != "" {
				t.Errorf("All ids (-want +got):\n%s", diff)
			}
		})
	}
}
