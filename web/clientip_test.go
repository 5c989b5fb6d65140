package web_test

import (
	"net/netip"
	"testing"

	"github.com/scamhunt/scamhunt/web"
)

func TestTrustedProxies(t *testing.T) {
	cfg := web.Config{RatePerMinute: 1, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}
	h := newServer(t, cfg, &fakeSearcher{}, &fakeChecker{}, nil)
	const proxy = "10.0.0.2:443"
	for _, xff := range []string{"203.0.113.1", "203.0.113.2", "10.9.9.9, 203.0.113.3, 10.0.0.7"} {
		if w := serve(t, h, request{path: "/api/stats", remote: proxy, header: map[string]string{"X-Forwarded-For": xff}}); w.Code != 200 {
			t.Errorf("client %s behind the proxy: status %d, want 200 (its own bucket)", xff, w.Code)
		}
	}
	if w := serve(t, h, request{path: "/api/stats", remote: proxy, header: map[string]string{"X-Forwarded-For": "1.1.1.1, 203.0.113.3"}}); w.Code != 429 {
		t.Errorf("a hop the client wrote picked a fresh bucket: status %d, want 429", w.Code)
	}
	// A peer that is not a trusted proxy is the client, whatever it claims.
	const direct = "198.51.100.4:5555"
	if w := serve(t, h, request{path: "/api/stats", remote: direct, header: map[string]string{"X-Forwarded-For": "203.0.113.50"}}); w.Code != 200 {
		t.Fatalf("first request of a direct client: status %d", w.Code)
	}
	for _, spoof := range []string{"203.0.113.51", "10.0.0.3", "203.0.113.52, 10.0.0.3"} {
		if w := serve(t, h, request{path: "/api/stats", remote: direct, header: map[string]string{"X-Forwarded-For": spoof}}); w.Code != 429 {
			t.Errorf("untrusted peer with X-Forwarded-For %q got a fresh bucket: status %d, want 429", spoof, w.Code)
		}
	}
}
