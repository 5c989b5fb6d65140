package web_test

import (
	"net/http"
	"testing"

	"github.com/scamhunt/scamhunt/web"
)

// TestAdminCrawlNow: POST /api/admin/crawl needs the admin token, starts a
// crawl once, answers 409 while it runs, and does not exist without the
// callback.
func TestAdminCrawlNow(t *testing.T) {
	running := false
	starts := 0
	crawlNow := func() bool {
		if running {
			return false
		}
		running = true
		starts++
		return true
	}
	h, _ := adminSetup(t, web.Config{AdminToken: token, CrawlNow: crawlNow}, true)
	auth := map[string]string{"Authorization": "Bearer " + token}
	tests := []struct {
		name   string
		rq     request
		status int
		want   string
	}{
		{"no token", request{method: "POST", path: "/api/admin/crawl"}, 401, `{"error":"a valid admin token is required","error_zh":"需要有效的管理令牌。"}`},
		{"start", request{method: "POST", path: "/api/admin/crawl", header: auth}, 202, `{"crawl":"started"}`},
		{"running", request{method: "POST", path: "/api/admin/crawl", header: auth}, 409, `{"error":"a crawl is running already","error_zh":"已有抓取正在进行。"}`},
	}
	for _, tt := range tests {
		w := serve(t, h, tt.rq)
		if w.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, w.Code, tt.status)
		}
		assertJSON(t, tt.want, w.Body.Bytes())
	}
	if starts != 1 {
		t.Errorf("%d crawls started, want 1", starts)
	}
	if w := serve(t, h, request{method: "GET", path: "/api/admin/crawl", header: auth}); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d, want 405", w.Code)
	}
	off, _ := adminSetup(t, web.Config{AdminToken: token}, true)
	if w := serve(t, off, request{method: "POST", path: "/api/admin/crawl", header: auth}); w.Code != http.StatusNotFound {
		t.Errorf("without CrawlNow: status %d, want 404", w.Code)
	}
}
