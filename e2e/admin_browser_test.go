package e2e_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
)

// styleProbe reads computed styles that show whether the audit report's
// style sheet applied: without it the page is unstyled and the chart bars
// are black boxes over their labels.
const styleProbe = `(() => {
	const css = (sel, prop) => { const e = document.querySelector(sel); return e ? getComputedStyle(e)[prop] : "missing " + sel; };
	return {
		"body background": css("body", "backgroundColor"),
		"summary cards": css(".cards", "display"),
		"flagged bar": css("svg rect.flag", "fill"),
		"all-listings bar": css("svg rect.all", "fill"),
		"bar label": css("svg text.lbl", "textAnchor"),
		"scam tag": css(".tag.scam", "backgroundColor"),
		"table": css("table", "borderCollapse"),
	};
})()`

// TestServedAuditPageRendersAsFile logs in to the real server in Chromium
// through the admin login form (no JavaScript needed), opens the served
// audit page and checks its computed styles against the report file that
// `scamhunt audit` writes: the CSP allows the report's style sheet by its
// hash, so the served page renders as the file does. The review queue
// page is styled too.
func TestServedAuditPageRendersAsFile(t *testing.T) {
	ctx := browser(t)
	_, data, _ := crawledDemo(t)
	file := filepath.Join(t.TempDir(), "report.html")
	runCLI(t, "audit", "--data", data, "--out", file)
	base := serveWith(t, data, nil, nil, "--reviewers", reviewersFile(t))

	wantStyles := map[string]string{
		"body background":  "rgb(246, 247, 249)",
		"summary cards":    "grid",
		"flagged bar":      "rgb(198, 40, 40)",
		"all-listings bar": "rgb(184, 194, 208)",
		"bar label":        "end",
		"scam tag":         "rgb(198, 40, 40)",
		"table":            "collapse",
	}
	styles := func(ctx context.Context, what string) map[string]string {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](styleProbe))
		if err != nil {
			t.Fatalf("%s: computed styles: %v", what, err)
		}
		return got
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file), chromedp.WaitVisible(chromedp.CSS("svg"))); err != nil {
		t.Fatalf("open the report file: %v", err)
	}
	if diff := cmp.Diff(wantStyles, styles(ctx, "file")); diff != "" {
		t.Errorf("report file styles (-want +got):\n%s", diff)
	}

	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/audit/"),
		chromedp.WaitVisible(chromedp.ID("password")),
		chromedp.SendKeys(chromedp.ID("name"), e2eReviewer),
		chromedp.SendKeys(chromedp.ID("password"), e2ePassword),
	); err != nil {
		t.Fatalf("the audit page did not lead to the login form: %v", err)
	}
	submit(t, ctx, chromedp.Submit(chromedp.ID("password")))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.HasSuffix(loc, "/audit/") {
		t.Fatalf("after login at %s (%v), want back at /audit/", loc, err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("svg"))); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantStyles, styles(ctx, "served")); diff != "" {
		t.Errorf("served audit page styles (-want +got):\n%s", diff)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()) // the first screen: the page is too long for a full one
	if err != nil {
		t.Fatal(err)
	}
	saveScreenshot(t, "audit-served.png", png)

	submit(t, ctx, chromedp.Navigate(base+"/admin/"))
	bar, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("header.bar")).backgroundColor`))
	if err != nil || bar != "rgb(36, 41, 47)" {
		t.Errorf("review queue header background %q (%v): admin.css not applied", bar, err)
	}
	mustContain(t, "queue", text(t, ctx, "main"), "复核队列", "待复核", "标注勾选的")
	if png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
		t.Fatal(err)
	}
	saveScreenshot(t, "admin-queue.png", png)
}
