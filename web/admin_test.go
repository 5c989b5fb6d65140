package web_test

import (
	"context"
	"net/http"
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
	w := serve(t, h, request{method: "POST", path: "/listing/a1/label", contentType: "application/x-www-form-urlencoded",
		body: url.Values{"token": {"guess-guess-guess-guess"}, "label": {"scam"}}.Encode()})
	if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "管理令牌错误") {
		t.Errorf("form with wrong token: status %d", w.Code)
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
	w = serve(t, h, request{method: "POST", path: "/listing/a1/label", contentType: "application/x-www-form-urlencoded",
		body: url.Values{"token": {token}, "label": {"scam"}, "note": {"多人举报"}}.Encode()})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/listing/a1" {
		t.Errorf("form: status %d Location %q, want 303 /listing/a1", w.Code, w.Header().Get("Location"))
	}
	serve(t, h, request{method: "POST", path: "/listing/a1/label", contentType: "application/x-www-form-urlencoded",
		body: url.Values{"token": {token}, "label": {"clear"}}.Encode()})

	want := []setCall{
		{"a1", &scamhunt.Override{Label: scamhunt.LabelLegit, Note: "核实过的正规门店"}},
		{"a1", nil},
		{"a1", &scamhunt.Override{Label: scamhunt.LabelScam, Note: "多人举报"}},
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
	if page := get(t, h, "/listing/a1").Body.String(); strings.Contains(page, `name="token"`) {
		t.Error("the public listing page carries the label form; labelling belongs to the admin area")
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
	h, _ := adminSetup(t, web.Config{AdminToken: token}, true)
	tests := []struct {
		method, auth string
		status       int
	}{
		{"GET", "Bearer " + token, 200},
		{"GET", "Basic " + basic(token), 200},
		{"HEAD", "Basic " + basic(token), 200},
		{"POST", "Bearer " + token, 200},
		{"POST", "Basic " + basic(token), 401}, // browsers resend Basic cross-site
		{"GET", "Basic " + basic("wrong"), 401},
		{"GET", "", 401},
	}
	for _, tt := range tests {
		w := serve(t, h, request{method: tt.method, path: "/audit/runs", header: map[string]string{"Authorization": tt.auth}})
		if w.Code != tt.status {
			t.Errorf("%s %q: status %d, want %d", tt.method, tt.auth, w.Code, tt.status)
		}
		if tt.status == 200 && tt.method != "HEAD" && w.Body.String() != "audit /audit/runs" {
			t.Errorf("audit body %q", w.Body)
		}
		if tt.status == 401 && !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Basic") {
			t.Errorf("WWW-Authenticate = %q", w.Header().Get("WWW-Authenticate"))
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
