package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/web"
)

// fakeSearcher serves fixed records and results and remembers every Query.
type fakeSearcher struct {
	mu      sync.Mutex
	records map[string]scamhunt.Record
	// result answers Search; nil answers with every record as a hit.
	result  func(q scamhunt.Query) (scamhunt.Result, error)
	queries []scamhunt.Query
	getErr  error
}

func (f *fakeSearcher) Search(_ context.Context, q scamhunt.Query) (scamhunt.Result, error) {
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.mu.Unlock()
	if f.result != nil {
		return f.result(q)
	}
	var res scamhunt.Result
	for _, r := range f.records {
		res.Hits = append(res.Hits, scamhunt.HitOf(r))
	}
	res.Total = len(res.Hits)
	return res, nil
}

func (f *fakeSearcher) Get(_ context.Context, id string) (scamhunt.Record, error) {
	if f.getErr != nil {
		return scamhunt.Record{}, f.getErr
	}
	r, ok := f.records[id]
	if !ok {
		return scamhunt.Record{}, scamhunt.ErrNotFound
	}
	return r, nil
}

func (f *fakeSearcher) seen() []scamhunt.Query {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]scamhunt.Query(nil), f.queries...)
}

// fakeChecker calls a pasted text a scam when it contains any of its words,
// with one reason per word found, offsets into the text.
type fakeChecker struct {
	words []string
	texts []string
}

func (f *fakeChecker) Check(text string) scamhunt.Verdict {
	f.texts = append(f.texts, text)
	v := scamhunt.Verdict{Label: scamhunt.LabelLegit, Categories: []string{}, Reasons: []scamhunt.Reason{}}
	for _, w := range f.words {
		if i := strings.Index(text, w); i >= 0 {
			v.Reasons = append(v.Reasons, scamhunt.Reason{
				Rule: "word_" + w, Category: "baishi", Weight: 0.5, Field: "body", Match: w, Start: i, End: i + len(w),
			})
		}
	}
	if len(v.Reasons) > 0 {
		v.Label, v.Score, v.Categories = scamhunt.LabelScam, 0.9, []string{"baishi"}
	}
	return v
}

type setCall struct {
	ID       string
	Override *scamhunt.Override
}

type fakeLabeler struct {
	calls []setCall
	known map[string]bool
}

func (f *fakeLabeler) SetOverride(_ context.Context, id string, o *scamhunt.Override) error {
	if !f.known[id] {
		return scamhunt.ErrNotFound
	}
	f.calls = append(f.calls, setCall{id, o})
	return nil
}

func newServer(t testing.TB, cfg web.Config, s web.Searcher, c web.Checker, l web.Labeler) http.Handler {
	t.Helper()
	srv, err := web.New(cfg, s, c, l)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return srv.Handler()
}

// request is one call on a handler; remote defaults to 192.0.2.1.
type request struct {
	method, path, body, contentType, remote string
	header                                  map[string]string
}

func serve(t *testing.T, h http.Handler, rq request) *httptest.ResponseRecorder {
	t.Helper()
	var body io.Reader
	if rq.body != "" {
		body = strings.NewReader(rq.body)
	}
	if rq.method == "" {
		rq.method = http.MethodGet
	}
	r := httptest.NewRequestWithContext(t.Context(), rq.method, rq.path, body)
	r.RemoteAddr = "192.0.2.1:4321"
	if rq.remote != "" {
		r.RemoteAddr = rq.remote
	}
	if rq.contentType != "" {
		r.Header.Set("Content-Type", rq.contentType)
	}
	for k, v := range rq.header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	return serve(t, h, request{path: path})
}

// captureHandler is a slog.Handler keeping every record as text.
type captureHandler struct {
	mu    *sync.Mutex
	lines *[]string
	attrs []slog.Attr
}

func newCapture() (*slog.Logger, func() string) {
	h := captureHandler{mu: &sync.Mutex{}, lines: &[]string{}}
	return slog.New(h), func() string {
		h.mu.Lock()
		defer h.mu.Unlock()
		return strings.Join(*h.lines, "\n")
	}
}

func (h captureHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h captureHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Level.String() + " " + r.Message)
	for _, a := range h.attrs {
		b.WriteString(" " + a.String())
	}
	r.Attrs(func(a slog.Attr) bool {
		b.WriteString(" " + a.String())
		return true
	})
	h.mu.Lock()
	*h.lines = append(*h.lines, b.String())
	h.mu.Unlock()
	return nil
}

func (h captureHandler) WithAttrs(as []slog.Attr) slog.Handler {
	h.attrs = append(append([]slog.Attr(nil), h.attrs...), as...)
	return h
}

func (h captureHandler) WithGroup(string) slog.Handler { return h }
