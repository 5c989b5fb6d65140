package e2e_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/scamhunt/scamhunt"
)

// serveData runs `scamhunt serve` over a data dir on a free loopback port
// and returns its base URL.
func serveData(t *testing.T, data string) string {
	t.Helper()
	return serveWith(t, data, nil, nil)
}

// chineseDigits writes a number the way scammers disguise it.
func chineseDigits(s string) string {
	return strings.NewReplacer("0", "零", "1", "一", "2", "二", "3", "三", "4", "四", "5", "五", "6", "六", "7", "七", "8", "八", "9", "九").Replace(s)
}

// TestCheckPastedAd pastes a scam ad whose phone is written in Chinese
// numerals into the running server's check API, with the real classifier
// and the crawled index: it gets a scam verdict with reasons and the demo
// gang's listings that share the phone. Oversized and malformed input get
// a clear 4xx.
func TestCheckPastedAd(t *testing.T) {
	b, data, _ := crawledDemo(t)
	var gangPhone string
	var gangPaths []string
	for _, c := range b.Truth().Clusters {
		if c.Contact.Kind == scamhunt.ContactPhone {
			gangPhone, gangPaths = c.Contact.Value, c.Paths
			break
		}
	}
	if gangPhone == "" {
		t.Fatal("the demo board has no gang sharing a phone")
	}
	base := serveData(t, data)

	ad := "【手机兼职】在家刷单，一单一结，佣金秒返，日赚300不是梦，需先垫付本金。联系电话：" + chineseDigits(strings.TrimPrefix(gangPhone, "+86"))
	body, _ := json.Marshal(map[string]string{"text": ad})
	resp, err := http.Post(base+"/api/classify", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/classify: %d %s", resp.StatusCode, raw)
	}
	var got struct {
		Verdict  scamhunt.Verdict   `json:"verdict"`
		Contacts []scamhunt.Contact `json:"contacts"`
		Linked   []scamhunt.Hit     `json:"linked"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.Verdict.Label != scamhunt.LabelScam || len(got.Verdict.Reasons) == 0 {
		t.Errorf("verdict %s with %d reasons, want scam with evidence", got.Verdict.Label, len(got.Verdict.Reasons))
	}
	for _, r := range got.Verdict.Reasons {
		if r.Match != "" && r.Field == "body" && !strings.Contains(ad, r.Match) {
			t.Errorf("reason %s matches %q, which is not in the pasted text", r.Rule, r.Match)
		}
	}
	found := false
	for _, c := range got.Contacts {
		found = found || (c.Kind == scamhunt.ContactPhone && c.Value == gangPhone)
	}
	if !found {
		t.Errorf("contacts %+v: the phone written in Chinese numerals (%s) was not read", got.Contacts, gangPhone)
	}
	linked := map[string]bool{}
	for _, h := range got.Linked {
		linked[h.ID] = true
	}
	for _, p := range gangPaths {
		if !linked[scamhunt.ListingID(b.URL+p)] {
			t.Errorf("gang listing %s sharing %s not linked", p, gangPhone)
		}
	}

	for _, c := range []struct {
		name, ctype string
		body        []byte
		want        int
	}{
		{"oversized", "text/plain; charset=utf-8", bytes.Repeat([]byte("刷单"), 3000), http.StatusRequestEntityTooLarge},
		{"malformed json", "application/json", []byte(`{"text": "刷单`), http.StatusBadRequest},
		{"invalid utf-8", "text/plain; charset=utf-8", []byte("刷单\xff\xfe"), http.StatusBadRequest},
		{"empty", "application/json", []byte(`{"text": ""}`), http.StatusBadRequest},
	} {
		resp, err := http.Post(base+"/api/classify", c.ctype, bytes.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var e struct{ Error string }
		if resp.StatusCode != c.want || json.Unmarshal(raw, &e) != nil || e.Error == "" {
			t.Errorf("%s: %d %s, want %d with an error message", c.name, resp.StatusCode, raw, c.want)
		}
	}
}
