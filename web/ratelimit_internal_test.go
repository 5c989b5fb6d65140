package web

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestLimiterRefills(t *testing.T) {
	c := &clock{t: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
	l := newLimiter(60, c.now) // one token a second, burst 60
	for i := range 60 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("request %d refused within the burst", i)
		}
	}
	ok, wait := l.allow("a")
	if ok || wait != time.Second {
		t.Errorf("61st request: ok %v wait %v, want refused, 1s", ok, wait)
	}
	c.t = c.t.Add(500 * time.Millisecond)
	if ok, wait := l.allow("a"); ok || wait != 500*time.Millisecond {
		t.Errorf("half a token: ok %v wait %v", ok, wait)
	}
	c.t = c.t.Add(time.Second)
	if ok, _ := l.allow("a"); !ok {
		t.Error("refilled token refused")
	}
	if ok, _ := l.allow("b"); !ok {
		t.Error("other client refused")
	}
}

func TestLimiterForgetsIdleClients(t *testing.T) {
	c := &clock{t: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
	l := newLimiter(10, c.now)
	for i := range 100 {
		l.allow(fmt.Sprint("client", i))
	}
	c.t = c.t.Add(2 * time.Minute)
	l.allow("late")
	if n := len(l.clients); n != 1 {
		t.Errorf("%d clients kept after the idle sweep, want 1", n)
	}
}

func TestLimiterMemoryIsBounded(t *testing.T) {
	c := &clock{t: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
	l := newLimiter(10, c.now)
	for i := range maxClients + 500 {
		l.allow(fmt.Sprint("client", i))
	}
	if n := len(l.clients); n > maxClients {
		t.Errorf("%d clients kept, want at most %d", n, maxClients)
	}
}

func TestClientKey(t *testing.T) {
	tests := []struct {
		remote, xff string
		trust       bool
		want        string
	}{
		{"192.0.2.1:1234", "", false, "192.0.2.1"},
		{"192.0.2.1:1234", "203.0.113.5", false, "192.0.2.1"},
		{"192.0.2.1:1234", "203.0.113.5", true, "203.0.113.5"},
		{"192.0.2.1:1234", "1.2.3.4, 203.0.113.5", true, "203.0.113.5"},
		{"192.0.2.1:1234", "not-an-ip", true, "192.0.2.1"},
		{"[2001:db8:1:2:3:4:5:6]:80", "", false, "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff::1]:80", "", false, "2001:db8:1:2::/64"},
		{"[::ffff:192.0.2.9]:80", "", false, "192.0.2.9"},
		{"[fe80::1%eth0]:80", "", false, "fe80::/64"},
		{"pipe", "", false, "pipe"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.remote
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		if got := clientKey(r, tt.trust); got != tt.want {
			t.Errorf("clientKey(%q, %q, %v) = %q, want %q", tt.remote, tt.xff, tt.trust, got, tt.want)
		}
	}
}
