package web

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

var testProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8:ffff::/48")}

type clientCase struct {
	name    string
	remote  string
	xff     []string // header lines
	trusted []netip.Prefix
	want    string
}

func TestClientKey(t *testing.T) {
	proxies := testProxies
	tests := []clientCase{
		{"no proxy configured", "192.0.2.1:1234", nil, nil, "192.0.2.1"},
		{"spoofed header, no proxy configured", "192.0.2.1:1234", []string{"203.0.113.5"}, nil, "192.0.2.1"},
		{"spoofed header from an untrusted peer", "192.0.2.1:1234", []string{"203.0.113.5"}, proxies, "192.0.2.1"},
		{"spoofed trusted address from an untrusted peer", "192.0.2.1:1234", []string{"10.0.0.9"}, proxies, "192.0.2.1"},
		{"trusted proxy: its hop", "10.0.0.2:1234", []string{"203.0.113.5"}, proxies, "203.0.113.5"},
		{"client-written hops left of the proxy's are ignored", "10.0.0.2:1234", []string{"1.2.3.4, 203.0.113.5"}, proxies, "203.0.113.5"},
		{"a chain of trusted proxies is skipped", "10.0.0.2:1234", []string{"1.2.3.4, 203.0.113.5, 10.1.1.1, 10.2.2.2"}, proxies, "203.0.113.5"},
		{"header lines are one list", "10.0.0.2:1234", []string{"1.2.3.4", "203.0.113.5", "10.1.1.1"}, proxies, "203.0.113.5"},
		{"malformed hop stops at the last proxy", "10.0.0.2:1234", []string{"203.0.113.5, not-an-ip, 10.1.1.1"}, proxies, "10.1.1.1"},
		{"malformed only hop: the proxy", "10.0.0.2:1234", []string{"not-an-ip"}, proxies, "10.0.0.2"},
		{"no header from a proxy: the proxy", "10.0.0.2:1234", nil, proxies, "10.0.0.2"},
		{"every hop trusted: the leftmost", "10.0.0.2:1234", []string{"10.3.3.3, 10.1.1.1"}, proxies, "10.3.3.3"},
		{"IPv6 proxy, IPv4-mapped client", "[2001:db8:ffff::1]:80", []string{"::ffff:203.0.113.7"}, proxies, "203.0.113.7"},
		{"IPv6 client cut to /64", "[2001:db8:ffff::1]:80", []string{"2001:db8:1:2:3:4:5:6"}, proxies, "2001:db8:1:2::/64"},
		{"IPv6 peer cut to /64", "[2001:db8:1:2:ffff::1]:80", nil, nil, "2001:db8:1:2::/64"},
		{"IPv4-mapped peer", "[::ffff:192.0.2.9]:80", nil, nil, "192.0.2.9"},
		{"zone dropped", "[fe80::1%eth0]:80", nil, nil, "fe80::/64"},
		{"not an IP", "pipe", []string{"203.0.113.5"}, proxies, "pipe"},
	}
	for _, tt := range tests {
		s := &Server{cfg: Config{TrustedProxies: tt.trusted}}
		if got := s.clientKey(tt.request()); got != tt.want {
			t.Errorf("%s: clientKey(%q, %q) = %q, want %q", tt.name, tt.remote, tt.xff, got, tt.want)
		}
	}
}

func (c clientCase) request() *http.Request {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = c.remote
	for _, v := range c.xff {
		r.Header.Add("X-Forwarded-For", v)
	}
	return r
}

// FuzzClientAddr feeds hostile X-Forwarded-For headers to a server behind
// a trusted proxy and to one reached directly: the client is always the
// peer or one of the header's hops, and an untrusted peer is always
// itself.
func FuzzClientAddr(f *testing.F) {
	f.Add("10.0.0.2:1234", "1.2.3.4, 203.0.113.5, 10.1.1.1")
	f.Add("10.0.0.2:1234", "203.0.113.5, not-an-ip, 10.1.1.1")
	f.Add("192.0.2.1:1234", "10.0.0.9")
	f.Add("[2001:db8:ffff::1]:80", "::ffff:203.0.113.7")
	f.Add("[fe80::1%eth0]:80", ",,, ,fe80::1%eth0,")
	f.Fuzz(func(t *testing.T, remote, xff string) {
		s := &Server{cfg: Config{TrustedProxies: testProxies}}
		r := clientCase{remote: remote, xff: []string{xff}}.request()
		got, ok := s.clientAddr(r)
		peer, peerOK := peerAddr(r)
		if ok != peerOK || ok && got.Zone() != "" {
			t.Fatalf("clientAddr = %v, %v; peer %v, %v", got, ok, peer, peerOK)
		}
		if !ok || got == peer {
			return
		}
		if !s.trusted(peer) {
			t.Fatalf("untrusted peer %v became %v", peer, got)
		}
		found := false
		for _, hop := range strings.Split(xff, ",") {
			if a, err := netip.ParseAddr(strings.TrimSpace(hop)); err == nil && a.Unmap().WithZone("") == got {
				found = true
			}
		}
		if !found {
			t.Fatalf("client %v is neither the peer %v nor a hop of %q", got, peer, xff)
		}
		_ = s.clientKey(r)
	})
}

func TestViaTLS(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	tests := []struct {
		name   string
		remote string
		proto  string
		tls    bool
		want   bool
	}{
		{"plain HTTP", "192.0.2.1:1", "", false, false},
		{"TLS", "192.0.2.1:1", "", true, true},
		{"trusted proxy says https", "10.0.0.2:1", "https", false, true},
		{"trusted proxy says http", "10.0.0.2:1", "http", false, false},
		{"untrusted peer says https", "192.0.2.1:1", "https", false, false},
	}
	for _, tt := range tests {
		s := &Server{cfg: Config{TrustedProxies: proxies}}
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.remote
		if tt.proto != "" {
			r.Header.Set("X-Forwarded-Proto", tt.proto)
		}
		if tt.tls {
			r.TLS = &tls.ConnectionState{}
		}
		if got := s.viaTLS(r); got != tt.want {
			t.Errorf("%s: viaTLS = %v, want %v", tt.name, got, tt.want)
		}
	}
}
