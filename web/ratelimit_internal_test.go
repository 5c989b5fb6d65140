package web

import (
	"fmt"
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
