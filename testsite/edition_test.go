package testsite_test

import (
	"bytes"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/scamhunt/scamhunt/testsite"
)

func TestEdition2(t *testing.T) {
	b1, t1 := demo()
	b2, err := testsite.New(testsite.Config{Edition: 2})
	if err != nil {
		t.Fatal(err)
	}
	t2 := b2.Truth()
	n := len(t1.Listings)
	within := func(what string, got int, lo, hi float64) {
		if f := float64(got) / float64(n); f < lo || f > hi {
			t.Errorf("%s: %d of %d listings (%.3f), want %.2f..%.2f", what, got, n, f, lo, hi)
		}
	}
	within("removed", len(t2.Removed), 0.03, 0.07)
	within("added", len(t2.Added), 0.04, 0.06)
	if len(t2.Changed) < 5 || len(t2.Changed) > n/20 {
		t.Errorf("%d changed listings, want a few (5..%d)", len(t2.Changed), n/20)
	}
	if len(t1.Removed)+len(t1.Added)+len(t1.Changed) != 0 {
		t.Errorf("edition 1 truth reports edition changes")
	}
	if got, want := len(t2.Listings), n-len(t2.Removed)+len(t2.Added); got != want {
		t.Errorf("edition 2 has %d listings, want %d", got, want)
	}
	h1, h2 := b1.Handler(), b2.Handler()
	for _, p := range t2.Removed {
		if s1, s2 := get(t, h1, p).status, get(t, h2, p).status; s1 != 200 || s2 != 404 {
			t.Errorf("removed %s: edition 1 %d, edition 2 %d, want 200 then 404", p, s1, s2)
		}
	}
	for _, p := range t2.Added {
		if s1, s2 := get(t, h1, p).status, get(t, h2, p).status; s1 != 404 || s2 != 200 {
			t.Errorf("added %s: edition 1 %d, edition 2 %d, want 404 then 200", p, s1, s2)
		}
	}
	titles := map[string]string{}
	for _, l := range t1.Listings {
		titles[l.Path] = l.Title
	}
	for _, l := range t2.Listings {
		r1, r2 := get(t, h1, l.Path), get(t, h2, l.Path)
		changed := slices.Contains(t2.Changed, l.Path)
		switch {
		case slices.Contains(t2.Added, l.Path):
			continue
		case changed && (bytes.Equal(r1.body, r2.body) || titles[l.Path] == l.Title):
			t.Errorf("changed %s: page or title unchanged", l.Path)
		case !changed && (!bytes.Equal(r1.body, r2.body) || titles[l.Path] != l.Title):
			t.Errorf("unchanged %s: page differs between editions", l.Path)
		}
		lm1, lm2 := r1.header.Get("Last-Modified"), r2.header.Get("Last-Modified")
		if changed == (lm1 == lm2) {
			t.Errorf("%s (changed %v): Last-Modified %q then %q", l.Path, changed, lm1, lm2)
		}
		cond := get(t, h2, l.Path, "If-None-Match", r1.header.Get("ETag"))
		if want := map[bool]int{true: http.StatusOK, false: http.StatusNotModified}[changed]; cond.status != want {
			t.Errorf("%s (changed %v): revalidating edition 1's ETag gives %d, want %d", l.Path, changed, cond.status, want)
		}
	}
	for _, p := range []string{"/", "/changchun/wangluo/"} {
		r1 := get(t, h1, p)
		r := get(t, h2, p, "If-Modified-Since", r1.header.Get("Last-Modified"))
		lm, _ := http.ParseTime(r.header.Get("Last-Modified"))
		if r.status != http.StatusOK || !lm.After(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s in edition 2 since edition 1: %d, Last-Modified %v; want 200 and a later date", p, r.status, lm)
		}
	}
	for _, p := range []string{"/news/1.html", "/links.html"} {
		if r := get(t, h2, p, "If-Modified-Since", get(t, h1, p).header.Get("Last-Modified")); r.status != http.StatusNotModified {
			t.Errorf("%s unchanged in edition 2 since edition 1: %d, want 304", p, r.status)
		}
	}
	for _, c := range t2.Clusters {
		if len(c.Paths) < 3 {
			t.Errorf("cluster %s lost members in edition 2: %v", c.Contact.Key(), c.Paths)
		}
	}
}

func TestBigBoard(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100,000-listing board")
	}
	b, err := testsite.New(testsite.Config{Listings: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	paths := b.Paths()
	details := 0
	for _, p := range paths {
		if isDetail(p) {
			details++
		}
	}
	if details != 100_000 {
		t.Errorf("%d detail paths, want 100000", details)
	}
	for _, p := range []string{"/", "/changchun/wangluo/", "/changchun/wangluo/index_50.html", paths[len(paths)-1], paths[len(paths)/2]} {
		if r := get(t, b.Handler(), p); r.status != http.StatusOK {
			t.Errorf("GET %s: %d", p, r.status)
		}
	}
}
