package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/web"
)

const token = "s3cret-admin-token-0123"

func adminSetup(t *testing.T, cfg web.Config, withLabeler bool) (http.Handler, *fakeLabeler) {
	t.Helper()
	rec := scamhunt.Record{Listing: scamhunt.Listing{ID: "a1", Title: "招聘", Body: "正文"}}
	lab := &fakeLabeler{known: map[string]bool{"a1": true}}
	var l web.Labeler
	if withLabeler {
		l = lab
	}
	cfg.Audit = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("audit " + r.URL.Path)) })
	return newServer(t, cfg, &fakeSearcher{records: map[string]scamhunt.Record{"a1": rec}}, &fakeChecker{}, l), lab
}

func reclassify(context.Context) (int, error) { return 7, nil }

func TestAdminOffWithoutToken(t *testing.T) {
	h, lab := adminSetup(t, web.Config{Reclassify: reclassify}, true)
	auth := map[string]string{"Authorization": "Bearer " + token}
	for _, rq := range []request{
		{method: "POST", path: "/api/admin/listings/a1/label", body: `{"label":"scam"}`, header: auth},
		{method: "DELETE", path: "/api/admin/listings/a1/label", header: auth},
		{method: "POST", path: "/api/admin/reclassify", header: auth},
		{method: "POST", path: "/listing/a1/label", contentType: "application/x-www-form-urlencoded", body: "token=&label=scam"},
		{method: "GET", path: "/audit/", header: auth},
		{method: "GET", path: "/admin/"},
		{method: "GET", path: "/admin/login"},
		{method: "POST", path: "/admin/label", contentType: "application/x-www-form-urlencoded", body: "id=a1&label=scam"},
	} {
		if w := serve(t, h, rq); w.Code != http.StatusNotFound {
			t.Errorf("%s %s: status %d, want 404", rq.method, rq.path, w.Code)
		}
	}
	if len(lab.calls) != 0 {
		t.Errorf("labeler called: %v", lab.calls)
	}
	if page := get(t, h, "/listing/a1").Body.String(); strings.Contains(page, `name="token"`) {
		t.Error("listing page shows the admin form without a token configured")
	}
}

func TestAdminRejectsWrongToken(t *testing.T) {
	h, lab := adminSetup(t, web.Config{AdminToken: token, Reclassify: reclassify}, true)
	for _, auth := range []string{"", "Bearer ", "Bearer wrong-token-000000000", "Bearer " + token + "x", "Basic " + basic(token), token} {
		for _, rq := range []request{
			{method: "POST", path: "/api/admin/listings/a1/label", body: `{"label":"scam"}`},
			{method: "DELETE", path: "/api/admin/listings/a1/label"},
			{method: "POST", path: "/api/admin/reclassify"},
		} {
			rq.header = map[string]string{"Authorization": auth}
			w := serve(t, h, rq)
			if w.Code != http.StatusUnauthorized {
				t.Errorf("%s %s with %q: status %d, want 401", rq.method, rq.path, auth, w.Code)
			}
			if got := w.Header().Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
				t.Errorf("WWW-Authenticate = %q", got)
			}
		}
	}
	if len(lab.calls) != 0 {
		t.Errorf("labeler called: %v", lab.calls)
	}
}

func basic(password string) string {
	r, _ := http.NewRequest("GET", "/", nil)
	r.SetBasicAuth("operator", password)
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Basic ")
}

func TestAdminWithToken(t *testing.T) {
	h, lab := adminSetup(t, web.Config{AdminToken: token, Reclassify: reclassify}, true)
	auth := map[string]string{"Authorization": "Bearer " + token}
	start := time.Now().UTC()

	w := serve(t, h, request{method: "POST", path: "/api/admin/listings/a1/label", body: `{"label":"legit","note":"核实过的正规门店"}`, header: auth})
	if w.Code != http.StatusOK {
		t.Fatalf("set: status %d: %s", w.Code, w.Body)
	}
	w = serve(t, h, request{method: "DELETE", path: "/api/admin/listings/a1/label", header: auth})
	assertJSON(t, `{"id":"a1","override":null}`, w.Body.Bytes())
	want := []setCall{
		{"a1", &scamhunt.Override{Label: scamhunt.LabelLegit, Note: "核实过的正规门店", By: "admin"}},
		{"a1", nil},
	}
	if diff := cmp.Diff(want, lab.calls, cmpopts.IgnoreFields(scamhunt.Override{}, "At")); diff != "" {
		t.Errorf("overrides (-want +got):\n%s", diff)
	}
	for _, c := range lab.calls {
		if c.Override != nil && (c.Override.At.Before(start) || time.Since(c.Override.At) > time.Minute) {
			t.Errorf("override time %v not now", c.Override.At)
		}
	}

	tests := []struct {
		name   string
		rq     request
		status int
		want   string
	}{
		{"reclassify", request{method: "POST", path: "/api/admin/reclassify"}, 200, `{"reclassified":7}`},
		{"unknown listing", request{method: "POST", path: "/api/admin/listings/zz/label", body: `{"label":"scam"}`}, 404,
			`{"error":"listing not found","error_zh":"没有这条信息。"}`},
		{"bad label", request{method: "POST", path: "/api/admin/listings/a1/label", body: `{"label":"fraud"}`}, 400,
			`{"error":"bad label: label must be scam, suspicious or legit","error_zh":"标签无效：label must be scam, suspicious or legit"}`},
		{"bad body", request{method: "POST", path: "/api/admin/listings/a1/label", body: `{"label":"scam","x":1}`}, 400,
			`{"error":"body must be JSON {\"label\": \"...\", \"note\": \"...\"}","error_zh":"请求体应为 {\"label\": \"...\", \"note\": \"...\"}。"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.rq.header = auth
			w := serve(t, h, tt.rq)
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			assertJSON(t, tt.want, w.Body.Bytes())
		})
	}
	page := get(t, h, "/listing/a1").Body.String()
	if strings.Contains(page, "<form") && strings.Contains(page, `method="post"`) || strings.Contains(page, `name="token"`) {
		t.Error("the public listing page carries an admin form")
	}
	if w := serve(t, h, request{method: "POST", path: "/listing/a1/label", contentType: "application/x-www-form-urlencoded",
		body: url.Values{"token": {token}, "label": {"scam"}}.Encode()}); w.Code != http.StatusMethodNotAllowed && w.Code != http.StatusNotFound {
		t.Errorf("the old public label form still answers: status %d", w.Code)
	}
}

func TestAdminFeaturesOff(t *testing.T) {
	h, _ := adminSetup(t, web.Config{AdminToken: token}, false)
	auth := map[string]string{"Authorization": "Bearer " + token}
	for _, rq := range []request{
		{method: "POST", path: "/api/admin/listings/a1/label", body: `{"label":"scam"}`, header: auth},
		{method: "POST", path: "/api/admin/reclassify", header: auth},
	} {
		if w := serve(t, h, rq); w.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", rq.path, w.Code)
		}
	}
	if page := get(t, h, "/listing/a1").Body.String(); strings.Contains(page, `name="token"`) {
		t.Error("listing page shows the label form with no labeler")
	}
}

func TestAudit(t *testing.T) {
	styles := []string{"'sha256-" + strings.Repeat("A", 43) + "='"}
	h, _ := adminSetup(t, web.Config{AdminToken: token, AuditStyles: styles}, true)
	b := newBrowser(t, h)
	b.login("admin", token)
	tests := []struct {
		name, method, auth string
		session            bool
		status             int
	}{
		{"bearer", "GET", "Bearer " + token, false, 200},
		{"bearer post", "POST", "Bearer " + token, false, 200},
		{"session", "GET", "", true, 200},
		{"session head", "HEAD", "", true, 200},
		{"session cannot post", "POST", "", true, 401},
		{"basic is no longer a way in: to the login form", "GET", "Basic " + basic(token), false, 303},
		{"wrong bearer", "GET", "Bearer wrong-token-000000000", false, 401},
		{"nothing: to the login form", "GET", "", false, 303},
	}
	for _, tt := range tests {
		rq := request{method: tt.method, path: "/audit/runs", header: map[string]string{"Authorization": tt.auth}}
		var w *httptest.ResponseRecorder
		if tt.session {
			w = b.do(rq)
		} else {
			w = serve(t, h, rq)
		}
		if w.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, w.Code, tt.status)
		}
		if tt.status == 200 && tt.method != "HEAD" && w.Body.String() != "audit /audit/runs" {
			t.Errorf("%s: audit body %q", tt.name, w.Body)
		}
		if tt.status == 303 && w.Header().Get("Location") != "/admin/login?next=%2Faudit%2Fruns" {
			t.Errorf("%s: Location %q", tt.name, w.Header().Get("Location"))
		}
		csp := w.Header().Get("Content-Security-Policy")
		if tt.status == 200 && csp != "default-src 'none'; style-src "+styles[0]+"; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" {
			t.Errorf("%s: audit CSP %q, want its style hashes and nothing else", tt.name, csp)
		}
		if tt.status != 200 && strings.Contains(csp, "sha256") {
			t.Errorf("%s: a refused request got the audit CSP %q", tt.name, csp)
		}
	}
	for _, path := range []string{"/", "/admin/", "/listing/a1"} {
		if csp := b.do(request{path: path}).Header().Get("Content-Security-Policy"); strings.Contains(csp, "sha256") || !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: CSP %q, want the strict policy without audit hashes", path, csp)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  web.Config
		want string
	}{
		{"zero", web.Config{}, ""},
		{"full", web.Config{AdminToken: token, RatePerMinute: 60, CheckPerMinute: 5, MaxCheckBytes: 4096}, ""},
		{"short token", web.Config{AdminToken: "short"}, "admin token too short: need at least 16 characters"},
		{"spaced token", web.Config{AdminToken: " " + token}, "admin token has leading or trailing space"},
		{"negative rate", web.Config{RatePerMinute: -1}, "rate per minute -1 is negative"},
		{"negative check rate", web.Config{CheckPerMinute: -2}, "check per minute -2 is negative"},
		{"huge paste", web.Config{MaxCheckBytes: 2 << 20}, "max check bytes 2097152 out of range [0, 1048576]"},
		{"reviewers", web.Config{Reviewers: map[string]string{"王审核": reviewerHash(t)}}, ""},
		{"reviewer named admin", web.Config{Reviewers: map[string]string{"admin": reviewerHash(t)}}, `reviewer name "admin" is the admin token's`},
		{"reviewer with a colon", web.Config{Reviewers: map[string]string{"a:b": reviewerHash(t)}}, `reviewer name "a:b" has a colon`},
		{"reviewer with a bad hash", web.Config{Reviewers: map[string]string{"li": "plaintext"}}, "reviewer li: password hash: want pbkdf2-sha256$ITERATIONS$SALT$KEY"},
		{"reviewer hash too cheap", web.Config{Reviewers: map[string]string{"li": "pbkdf2-sha256$1000$c2FsdHNhbHQ$" + strings.Repeat("A", 43)}}, `reviewer li: password hash: iterations "1000" out of range [100000, 10000000]`},
		{"session idle", web.Config{SessionIdle: 13 * time.Hour}, "session idle 13h0m0s out of range [0, 12h0m0s]"},
		{"trusted proxy", web.Config{TrustedProxies: []netip.Prefix{{}}}, "trusted proxy invalid Prefix is not a valid CIDR prefix"},
		{"audit style", web.Config{AuditStyles: []string{"'unsafe-inline'"}}, `audit style "'unsafe-inline'": want a CSP hash source 'sha256-...'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Validate() = %q, want %q", got, tt.want)
			}
			if _, err := web.New(tt.cfg, &fakeSearcher{}, &fakeChecker{}, nil); (err != nil) != (tt.want != "") {
				t.Errorf("New error %v", err)
			}
		})
	}
	if _, err := web.New(web.Config{}, nil, &fakeChecker{}, nil); err == nil {
		t.Error("New accepted a nil searcher")
	}
}
