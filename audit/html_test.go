package audit_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/audit"
	"golang.org/x/net/html"
)

// hostileSource is the fixture plus listings whose every text field tries
// to break out of HTML, SVG and attributes.
func hostileSource() sliceSource {
	evil := scamhunt.Contact{Kind: scamhunt.ContactWeChat, Value: `x"><img src=x onerror=alert(1)>`, Raw: `' onmouseover='alert(1)`}
	s := fixture()
	for i, city := range []string{hostileCity, `"><svg onload=alert(1)>`} {
		r := spec{id: "evil" + string(rune('0'+i)), site: "demo", city: city, cat: `"><img src=x onerror=alert(2)></title></svg>`,
			label: scamhunt.LabelScam, score: 0.7, cats: []string{"shuadan", `<b onclick=x>`}, contacts: []scamhunt.Contact{evil}}.record()
		r.Listing.Title = `</a></td><script>alert(3)</script>`
		r.Listing.URL = "javascript:alert(4)"
		r.Verdict.Reasons = []scamhunt.Reason{{Rule: `<i>rule</i>`, Match: `</mark><script>alert(5)</script>`, Note: `</li></ul><iframe src=x>`}}
		s = append(s, r)
	}
	return s
}

func render(t *testing.T, r audit.Report) (string, *html.Node) {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	doc, err := html.Parse(strings.NewReader(b.String()))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return b.String(), doc
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func TestHTMLEscapes(t *testing.T) {
	r, err := audit.Build(t.Context(), hostileSource(), audit.Options{Site: "demo", Runs: runs})
	if err != nil {
		t.Fatal(err)
	}
	page, doc := render(t, r)
	for _, bad := range []string{"<script", "<img", "<iframe", "<svg onload", "<b onclick", "</svg><script", "javascript:"} {
		if strings.Contains(page, bad) {
			t.Errorf("page holds %q unescaped", bad)
		}
	}
	var svgTitles []string
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script", "img", "iframe", "object", "embed", "link", "i":
			t.Errorf("element <%s> injected", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("event attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
			}
			if (a.Key == "href" || a.Key == "src") && !strings.HasPrefix(a.Val, "https://") && a.Val != "#ZgotmplZ" {
				t.Errorf("%s=%q on <%s>", a.Key, a.Val, n.Data)
			}
		}
		if n.Data == "title" && n.Parent != nil && n.Parent.Data == "g" {
			svgTitles = append(svgTitles, text(n))
		}
	})
	found := false
	for _, s := range svgTitles {
		if strings.HasPrefix(s, hostileCity+"：") {
			found = true
		}
	}
	if !found {
		t.Errorf("hostile city not shown as text in a chart tooltip; tooltips: %q", svgTitles)
	}
	if !strings.Contains(text(doc), `' onmouseover='alert(1)`) {
		t.Error("hostile contact raw text is not shown as text")
	}
}

func TestHTMLCharts(t *testing.T) {
	cases := map[string]audit.Report{}
	full, err := audit.Build(t.Context(), fixture(), audit.Options{Site: "demo", Runs: runs})
	if err != nil {
		t.Fatal(err)
	}
	cases["fixture"] = full
	empty, err := audit.Build(t.Context(), sliceSource{}, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases["empty"] = empty
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			_, doc := render(t, r)
			var ids []string
			walk(doc, func(n *html.Node) {
				if n.Type != html.ElementNode || n.Data != "svg" {
					return
				}
				id := ""
				for _, a := range n.Parent.Attr {
					if a.Key == "id" {
						id = a.Val
					}
				}
				ids = append(ids, id)
				shapes := 0
				walk(n, func(c *html.Node) {
					if c.Type == html.ElementNode && (c.Data == "rect" || c.Data == "path") {
						shapes++
					}
				})
				if shapes == 0 {
					t.Errorf("chart %s has no rect or path", id)
				}
			})
			if diff := cmp.Diff([]string{"chart-categories", "chart-types", "chart-cities", "chart-days"}, ids); diff != "" {
				t.Errorf("charts (-want +got):\n%s", diff)
			}
		})
	}
	page, doc := render(t, full)
	bars := 0
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "rect" {
			bars++
		}
	})
	// Flagged board categories (2), scam types (3) and cities (4), then two
	// rects (all, flagged) for each of the 2 days.
	if bars != 2+3+4+4 {
		t.Errorf("%d bars, want 13", bars)
	}
	for _, s := range []string{"兼职诈骗审计报告", "站点：demo", "62.5%", "北京", "刷单返利", "138-0000-0001", "抓取记录"} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	src := fixture()
	src[6].Listing.City = "=HYPERLINK(\"http://evil\")" // g: flagged, removed
	src[6].Listing.Category = "多行\n类别, \"引号\""
	src[6].LastSeen = at(day2, 10, 0)
	src[0].Listing.PostedAt = day1.AddDate(0, 0, -1)
	src[8].Override.By, src[8].Override.Note = "王审核", "-受害人举报" // i: a person's scam
	src[8].Override.At = at(day2, 11, 0)
	r, err := audit.Build(t.Context(), src, audit.Options{Site: "demo", Runs: runs})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	body, ok := bytes.CutPrefix(b.Bytes(), []byte("\ufeff"))
	if !ok {
		t.Error("no UTF-8 byte order mark")
	}
	got, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		audit.CSVHeader,
		{"a", "标题 a", "https://demo.example/job/a", "scam", "false", "", "", "", "",
			"2024-02-28T16:00:00Z", "2024-03-01T01:00:00Z", "2024-03-01T01:00:00Z", "false",
			"demo", "北京", "打字录入", "scam", "0.950", "typing;deposit", "typing_rule:词typing; deposit_rule:词deposit", "phone:+8613800000001; url:https://app.example/dl"},
		{"b", "标题 b", "https://demo.example/job/b", "scam", "false", "", "", "", "",
			"", "2024-03-01T01:30:00Z", "2024-03-01T01:30:00Z", "false",
			"demo", "上海", "打字录入", "scam", "0.900", "typing", "typing_rule:词typing", "phone:+8613800000001; qq:5566778"},
		{"g", "标题 g", "https://demo.example/job/g", "scam", "true", "", "", "", "",
			"", "2024-03-02T01:40:00Z", "2024-03-02T02:00:00Z", "true",
			"demo", "'=HYPERLINK(\"http://evil\")", "多行\n类别, \"引号\"", "scam", "0.800", "shuadan", "shuadan_rule:词shuadan", ""},
		{"c", "标题 c", "https://demo.example/job/c", "suspicious", "false", "", "", "", "",
			"", "2024-03-02T01:00:00Z", "2024-03-02T01:00:00Z", "true",
			"demo", "广州", "促销", "suspicious", "0.600", "shuadan", "shuadan_rule:词shuadan", "qq:5566778"},
		{"i", "标题 i", "https://demo.example/job/i", "scam", "false", "scam", "王审核", "'-受害人举报", "2024-03-02T03:00:00Z",
			"", "", "", "false",
			"demo", "上海", "打字录入", "legit", "0.200", "", "", "phone:+8613800000002"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("csv (-want +got):\n%s", diff)
	}
}

// FuzzHTML checks that no scraped text can add an element or an event
// attribute to the report.
func FuzzHTML(f *testing.F) {
	f.Add(hostileCity, `"><img src=x onerror=alert(2)>`, `' onmouseover='alert(1)`, "javascript:alert(1)")
	f.Add("北京", "打字录入", "13800000001", "https://demo.example/job/1")
	f.Fuzz(func(t *testing.T, city, cat, raw, url string) {
		mk := func(id string) scamhunt.Record {
			r := spec{id: id, site: "s", city: city, cat: cat, label: scamhunt.LabelScam, score: 0.9, cats: []string{cat},
				contacts: []scamhunt.Contact{{Kind: scamhunt.ContactWeChat, Value: raw, Raw: raw}}}.record()
			r.Listing.Title, r.Listing.URL = cat+raw, url
			r.Verdict.Reasons = []scamhunt.Reason{{Rule: city, Match: raw, Note: cat}}
			return r
		}
		r, err := audit.Build(t.Context(), sliceSource{mk("1"), mk("2")}, audit.Options{Runs: []audit.Run{{At: day1, Site: city}}})
		if err != nil {
			t.Fatal(err)
		}
		_, doc := render(t, r)
		elements := map[string]int{}
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			elements[n.Data]++
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					t.Errorf("event attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
			}
		})
		for _, e := range []string{"script", "img", "iframe", "object", "embed", "link", "i", "style"} {
			if want := map[string]int{"style": 1}[e]; elements[e] != want {
				t.Errorf("%d <%s> elements, want %d", elements[e], e, want)
			}
		}
		if elements["svg"] != 4 {
			t.Errorf("%d <svg> elements, want 4", elements["svg"])
		}
	})
}

// TestHTMLStyleHash checks the page's one style sheet is what StyleHash
// allows, and the page's own policy allows nothing else inline.
func TestHTMLStyleHash(t *testing.T) {
	page, doc := render(t, build(t, audit.Options{Site: "demo", Runs: runs}))
	var styles []string
	var csp string
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if n.Data == "style" {
			styles = append(styles, text(n))
		}
		if n.Data == "meta" && attr(n, "http-equiv") == "Content-Security-Policy" {
			csp = attr(n, "content")
		}
	})
	if len(styles) != 1 || !strings.Contains(styles[0], "svg .flag{fill:var(--scam)}") {
		t.Fatalf("style elements %q, want the one style sheet", styles)
	}
	sum := sha256.Sum256([]byte(styles[0]))
	want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if got := audit.StyleHash(); got != want {
		t.Errorf("StyleHash() = %s, the page's style sheet hashes to %s", got, want)
	}
	if !strings.Contains(csp, "style-src "+want+";") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("page policy %q, want style-src with only the hash", csp)
	}
	if strings.Contains(page, " style=") {
		t.Error("page has a style attribute, which the hash does not allow")
	}
}

// TestHTMLTakedownList checks the flagged table says which listings are
// gone from the board and who reviewed which, with the note.
func TestHTMLTakedownList(t *testing.T) {
	src := fixture()
	src[8].Override.By, src[8].Override.Note = "王审核", "受害人举报"
	r, err := audit.Build(t.Context(), src, audit.Options{Site: "demo", Runs: runs})
	if err != nil {
		t.Fatal(err)
	}
	_, doc := render(t, r)
	rows := map[string]string{}
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" {
			row := text(n)
			for _, id := range []string{"a", "g", "i"} {
				if strings.HasPrefix(row, "\n标题 "+id) || strings.HasPrefix(row, "标题 "+id) {
					rows[id] = row
				}
			}
		}
	})
	for id, wants := range map[string][]string{
		"a": {"在线", "未复核", "首见 2024-03-01"},
		"g": {"已下架", "未复核"},
		"i": {"在线", "人工：诈骗", "王审核", "受害人举报", "模型：正常"},
	} {
		for _, w := range wants {
			if !strings.Contains(rows[id], w) {
				t.Errorf("row of %s lacks %q: %q", id, w, rows[id])
			}
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}
