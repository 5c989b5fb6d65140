package web

import (
	"testing"
	"time"
)

func TestSessionExpiry(t *testing.T) {
	c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	st := newSessions(30*time.Minute, c.now)
	cookie, s := st.start("王审核")
	if s.reviewer != "王审核" || len(s.csrf) < 40 || s.csrf == cookie {
		t.Fatalf("session %+v", s)
	}
	for _, k := range []string{cookie, s.csrf} {
		if _, ok := st.m[k]; ok {
			t.Error("the store keeps a secret in the clear")
		}
	}
	step := func(d time.Duration) (session, bool) {
		c.t = c.t.Add(d)
		return st.get(cookie)
	}
	if got, ok := step(29 * time.Minute); !ok || got.csrf != s.csrf {
		t.Fatal("session ended before its idle time")
	}
	if _, ok := step(29 * time.Minute); !ok {
		t.Fatal("use did not extend the session")
	}
	if _, ok := step(30 * time.Minute); ok {
		t.Fatal("session outlived 30 idle minutes")
	}
	if _, ok := st.m[storeKey(cookie)]; ok {
		t.Error("expired session kept in the store")
	}

	cookie, _ = st.start("li")
	for range 12*6 - 1 {
		if _, ok := step(10 * time.Minute); !ok {
			t.Fatal("a session in use ended early")
		}
	}
	if _, ok := step(10 * time.Minute); ok {
		t.Error("session outlived 12 hours")
	}

	cookie, _ = st.start("li")
	st.end(cookie)
	if _, ok := st.get(cookie); ok {
		t.Error("session alive after end")
	}
	if _, ok := st.get(""); ok {
		t.Error("empty cookie found a session")
	}
}

func TestSessionStoreIsBounded(t *testing.T) {
	c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	st := newSessions(time.Hour, c.now)
	first, _ := st.start("a")
	for range maxSessions + 10 {
		c.t = c.t.Add(time.Millisecond)
		st.start("b")
	}
	if n := len(st.m); n != maxSessions {
		t.Errorf("%d sessions kept, want %d", n, maxSessions)
	}
	if _, ok := st.get(first); ok {
		t.Error("the oldest session survived a full store")
	}
}
