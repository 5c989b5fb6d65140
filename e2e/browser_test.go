package e2e_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/scamhunt/scamhunt"
	"github.com/scamhunt/scamhunt/index"
	"github.com/scamhunt/scamhunt/web"
)

// chromium finds the browser, skipping the test without one unless CI=true.
func chromium(t *testing.T) string {
	t.Helper()
	path := "/usr/bin/chromium"
	if _, err := os.Stat(path); err != nil {
		if path, err = exec.LookPath("chromium"); err != nil {
			path = ""
		}
	}
	if path == "" {
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatal("chromium is not installed (want /usr/bin/chromium); CI must provide it: apt-get install chromium")
		}
		t.Skip("chromium is not installed (want /usr/bin/chromium): skipping the browser test; apt-get install chromium to run it")
	}
	return path
}

// browser starts headless Chromium with a fresh profile and returns a tab.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.WindowSize(1200, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(cancelTab)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTime)
	return ctx
}

// listings are the indexed ads: a 拜师 scam carrying +8613812345678 (written
// with spaces in the ad), an honest waiter job, and a suspicious 刷单 ad with
// another number.
func listings() []scamhunt.Record {
	seen := time.Date(2024, 5, 2, 9, 30, 0, 0, time.UTC)
	scamBody := "在家手工串珠，轻松月入过万。需先交拜师费188元，包教包会。联系电话 138 1234 5678，名额有限。"
	reason := func(rule, cat, match string, w float64) scamhunt.Reason {
		i := strings.Index(scamBody, match)
		return scamhunt.Reason{Rule: rule, Category: cat, Weight: w, Field: "body", Match: match, Start: i, End: i + len(match)}
	}
	return []scamhunt.Record{
		{
			Listing: scamhunt.Listing{
				ID: "scam0001", Site: "demo", URL: "http://127.0.0.1/jobs/1", City: "北京", Category: "手工",
				Title: "手工串珠在家做 高薪拜师", Body: scamBody, SalaryText: "月入过万",
				Contacts: []scamhunt.Contact{{Kind: scamhunt.ContactPhone, Value: "+8613812345678", Raw: "138 1234 5678"}},
				PostedAt: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), FetchedAt: seen,
			},
			Verdict: scamhunt.Verdict{ID: "scam0001", Label: scamhunt.LabelScam, Score: 0.96,
				Categories: []string{"baishi", "typing"},
				Reasons: []scamhunt.Reason{
					reason("baishi_fee", "baishi", "拜师费188元", 2.5),
					reason("handcraft_outsourcing", "typing", "在家手工串珠", 1.2),
					reason("pay_too_high", "", "月入过万", 0.8),
				}},
			FirstSeen: seen, LastSeen: seen,
		},
		{
			Listing: scamhunt.Listing{
				ID: "legit001", Site: "demo", URL: "http://127.0.0.1/jobs/2", City: "北京", Title: "餐厅服务员 周末兼职",
				Body:     "公司直招，不收任何费用。周末午市服务员，时薪25元，日结。电话 13900001111。",
				Contacts: []scamhunt.Contact{{Kind: scamhunt.ContactPhone, Value: "+8613900001111", Raw: "13900001111"}},
				PostedAt: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), FetchedAt: seen,
			},
			Verdict:   scamhunt.Verdict{ID: "legit001", Label: scamhunt.LabelLegit, Score: 0.05, Categories: []string{}, Reasons: []scamhunt.Reason{}},
			FirstSeen: seen, LastSeen: seen,
		},
		{
			Listing: scamhunt.Listing{
				ID: "shua0001", Site: "demo", URL: "http://127.0.0.1/jobs/3", City: "上海", Title: "手机做任务 一单一结",
				Body:     "动动手指点赞关注，佣金一单一结。加QQ 56793123 领任务。",
				Contacts: []scamhunt.Contact{{Kind: scamhunt.ContactQQ, Value: "56793123", Raw: "QQ 56793123"}},
				PostedAt: time.Date(2024, 4, 28, 0, 0, 0, 0, time.UTC), FetchedAt: seen,
			},
			Verdict: scamhunt.Verdict{ID: "shua0001", Label: scamhunt.LabelSuspicious, Score: 0.7, Categories: []string{"shuadan"},
				Reasons: []scamhunt.Reason{{Rule: "task_commission", Category: "shuadan", Weight: 1.4, Field: "body", Match: "佣金一单一结"}}},
			FirstSeen: seen, LastSeen: seen,
		},
	}
}

// keywordChecker stands in for the classifier on the check page: 拜师费 is
// a scam. The real classifier's verdicts are tested in cmd/scamhunt.
type keywordChecker struct{}

func (keywordChecker) Check(text string) scamhunt.Verdict {
	v := scamhunt.Verdict{Label: scamhunt.LabelLegit, Categories: []string{}, Reasons: []scamhunt.Reason{}}
	if i := strings.Index(text, "拜师费"); i >= 0 {
		v.Label, v.Score, v.Categories = scamhunt.LabelScam, 0.9, []string{"baishi"}
		v.Reasons = append(v.Reasons, scamhunt.Reason{Rule: "baishi_fee", Category: "baishi", Weight: 2.5, Field: "body",
			Match: "拜师费", Start: i, End: i + len("拜师费")})
	}
	return v
}

// site indexes the listings in a fresh Bleve index and serves the web app
// on 127.0.0.1.
func site(t *testing.T) *httptest.Server {
	t.Helper()
	idx, err := index.OpenBleve(filepath.Join(t.TempDir(), "bleve"))
	if err != nil {
		t.Fatalf("open index: %v", err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	if err := idx.Upsert(t.Context(), listings()); err != nil {
		t.Fatalf("index listings: %v", err)
	}
	srv, err := web.New(web.Config{}, idx, keywordChecker{}, idx)
	if err != nil {
		t.Fatalf("web: %v", err)
	}
	ts := httptest.NewUnstartedServer(srv.Handler())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.Listener = ln
	ts.Start()
	t.Cleanup(ts.Close)
	return ts
}

// screenshotDir is where screenshots go: $SCAMHUNT_SCREENSHOTS when set (to
// keep them as artefacts and look at them), else the test's temporary
// directory.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SCAMHUNT_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshot saves PNGs of the first screen (name-fold.png) and of the whole
// page (name.png).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := screenshotDir(t)
	for _, s := range []struct {
		file string
		shot chromedp.Action[[]byte]
	}{{name + "-fold.png", chromedp.CaptureScreenshot()}, {name + ".png", chromedp.FullScreenshot(100)}} {
		png, err := chromedp.Run(ctx, s.shot)
		if err != nil {
			t.Fatalf("screenshot %s: %v", s.file, err)
		}
		if !strings.HasPrefix(string(png), "\x89PNG") {
			t.Fatalf("screenshot %s is not a PNG", s.file)
		}
		path := filepath.Join(dir, s.file)
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", path)
	}
}

// submit runs an action that navigates (a form submission, a click on a
// link), waits for the new page and wants it answered 200.
func submit(t *testing.T, ctx context.Context, a chromedp.Action[chromedp.Void]) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, a)
	if err != nil {
		t.Fatalf("navigate: %v", err)
	}
	if resp == nil || resp.Status != http.StatusOK {
		t.Fatalf("navigate: response %+v, want status 200", resp)
	}
}

func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return s
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q; it reads:\n%s", what, w, got)
		}
	}
}

// TestSearchFullWidthPhoneInBrowser types a phone number in full-width
// digits, as victims paste it from chats, finds the flagged listing that
// wrote it with spaces, and opens it to read the evidence.
func TestSearchFullWidthPhoneInBrowser(t *testing.T) {
	ctx := browser(t)
	ts := site(t)

	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "１３８１２３４５６７８"),
	); err != nil {
		t.Fatalf("type the phone: %v", err)
	}
	submit(t, ctx, chromedp.Submit(chromedp.ID("q")))
	screenshot(t, ctx, "search-fullwidth-phone")
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "q=%EF%BC%91%EF%BC%93%EF%BC%98") {
		t.Errorf("search URL %s does not carry the full-width digits", loc)
	}
	results := text(t, ctx, "section.results")
	mustContain(t, "results", results, "找到 1 条结果", "手工串珠在家做 高薪拜师", "骗局", "拜师收徒")
	if strings.Contains(results, "餐厅服务员") || strings.Contains(results, "手机做任务") {
		t.Errorf("results list listings without the phone:\n%s", results)
	}

	submit(t, ctx, chromedp.Click(chromedp.CSS(`article.hit h2 a[href="/listing/scam0001"]`)))
	screenshot(t, ctx, "listing-reasons")
	if loc, _ = chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/listing/scam0001") {
		t.Errorf("listing URL %s", loc)
	}
	mustContain(t, "signs", text(t, ctx, "article.listing ul.signs"),
		"拜师收徒", "拜师费188元", "打字手工", "在家手工串珠", "月入过万")
	if got := text(t, ctx, "article.listing ol.reasons"); got != "" {
		t.Errorf("rule ids visible before 详细依据 is opened: %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("article.listing details.tech summary"))); err != nil {
		t.Fatalf("open 详细依据: %v", err)
	}
	mustContain(t, "reasons", text(t, ctx, "article.listing ol.reasons"), "baishi_fee", "handcraft_outsourcing", "权重")
	marked := text(t, ctx, "article.listing div.body mark")
	if marked != "在家手工串珠" {
		t.Errorf("first mark in the body = %q, want 在家手工串珠", marked)
	}
	mustContain(t, "fields", text(t, ctx, "article.listing dl.fields"), "+8613812345678", "138 1234 5678", "2024-05-01", "北京")
}

// TestCheckPastedAdInBrowser pastes a scam ad into the check form and sees
// the verdict and the indexed listing sharing its phone number.
func TestCheckPastedAdInBrowser(t *testing.T) {
	ctx := browser(t)
	ts := site(t)
	ad := "收徒弟，拜师费288，学会日赚500。电话13812345678"
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/check"),
		chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.SendKeys(chromedp.ID("text"), ad),
	); err != nil {
		t.Fatalf("paste the ad: %v", err)
	}
	submit(t, ctx, chromedp.Submit(chromedp.ID("text")))
	screenshot(t, ctx, "check-pasted-ad")
	mustContain(t, "verdict", text(t, ctx, "section.verdict"),
		"骗局", "这很可能是拜师收徒诈骗", "拜师费", "接下来该怎么做", "+8613812345678")
	mustContain(t, "linked listings", text(t, ctx, "section.linked"), "手工串珠在家做 高薪拜师")
	if got := text(t, ctx, "section.verdict div.body mark"); got != "拜师费" {
		t.Errorf("marked words = %q, want 拜师费", got)
	}
	resp, err := http.Get(ts.URL + "/check")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
}
